// Choosing the zones reader by file name, and finding a bundle's zones file.
#include <algorithm>
#include <cctype>
#include <filesystem>

#include "io/gis_readers.hpp"
#include "io/readers.hpp"
#include "io/sha256.hpp"
#include "io/text_checks.hpp"

namespace ringfence::io {

namespace fs = std::filesystem;

namespace {

std::string lower_extension(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

}  // namespace

void read_zones_file(const std::string& path, const std::string& display, const std::string& name,
                     Network& net, Diagnostics& diag, std::vector<BundleFile>& files) {
  try {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {  // a folder of shapefiles: one layer per file
      read_zones_ogr(path, display, net, diag);
      return;
    }
    std::string bytes = read_whole_file(path, display);
    files.push_back({name, sha256_hex(bytes), bytes.size()});
    const std::string ext = lower_extension(path);
    if (ext == ".geojson" || ext == ".json")
      read_zones(bytes, display, net, diag);
    else
      read_zones_ogr(path, display, net, diag);
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics().errors()) diag.error(d.file, d.line, d.column, d.message);
  }
}

std::string find_bundle_zones(const std::string& directory, Diagnostics& diag) {
  static const char* const kNames[] = {"zones.geojson", "zones.gpkg", "zones.kml", "zones.shp"};
  std::string found;
  for (const char* name : kNames) {
    const fs::path path = fs::path(directory) / name;
    std::error_code ec;
    if (!fs::exists(path, ec)) continue;
    if (!found.empty()) {
      diag.error(path.string(), 0, 0,
                 "a second zones file beside " + fs::path(found).filename().string() +
                     " (expected one zones.* file in a bundle)");
      continue;
    }
    found = path.string();
  }
  return found;
}

bool is_geopackage_bundle(const std::string& path) {
  std::error_code ec;
  return lower_extension(path) == ".gpkg" && fs::is_regular_file(path, ec);
}

}  // namespace ringfence::io
