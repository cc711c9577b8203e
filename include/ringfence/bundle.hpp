// Loading a network bundle : a directory of CSV files and a GeoJSON file.
#pragma once
#include <string>
#include <vector>

#include "ringfence/diagnostics.hpp"
#include "ringfence/network.hpp"

namespace ringfence {

struct BundleFile {
  std::string name;    // file name inside the bundle, e.g. "sites.csv"
  std::string sha256;  // hex digest of the bytes read (empty when not asked for)
  std::size_t bytes = 0;
};

struct LoadedBundle {
  Network network;
  std::vector<BundleFile> files;  // files read, in reading order
  Diagnostics warnings;           // warnings only; errors throw
  // For each vendor id, the spellings in elements.csv that mapped to it, with counts.
  std::vector<std::vector<std::pair<std::string, std::size_t>>> vendor_spellings;
};

struct BundleOptions {
  // A zones file (GeoJSON, KML, Shapefile, GeoPackage, ...) used instead of the
  // bundle's own zones.* file; empty: the bundle's.
  std::string zones_file;
  // Threads for the parts of loading that run in parallel (0: one per hardware thread).
  unsigned threads = 0;
  // Whether to hash the files (BundleFile::sha256, left empty otherwise): only the
  // outputs that name their inputs need it (check, report, serve, pack).
  bool hash_files = true;
};

// Reads and validates every file. Throws InputError carrying all errors found (up to
// Diagnostics::kMaxErrors) when any file is bad: nothing half-loaded is returned.
// `path` is a bundle directory or a GeoPackage written by `ringfence export`.
LoadedBundle load_bundle(const std::string& path, const BundleOptions& options = {});

}  // namespace ringfence
