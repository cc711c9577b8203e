// The GIS functions that need GDAL, as a table of entry points. They live in a
// module of their own (ringfence_gdal.so) that is loaded on first use: GDAL pulls in
// about 110 shared libraries, whose loading and symbol binding cost every process
// about 50 ms at start-up, whether or not it reads or writes a GIS file.
#pragma once
#include <string>
#include <vector>

#include "ringfence/bundle.hpp"
#include "ringfence/diagnostics.hpp"
#include "ringfence/gis_export.hpp"
#include "ringfence/network.hpp"

namespace ringfence::gdal {

// Raised whenever the table changes, so a module from another build is refused.
inline constexpr int kApiVersion = 1;
// The module's one exported symbol: `const Api* ringfence_gdal_api()`.
inline constexpr const char* kEntryPoint = "ringfence_gdal_api";
inline constexpr const char* kModuleName = "ringfence_gdal.so";

struct Api {
  int version;
  void (*read_zones)(const std::string& path, const std::string& display, Network& net,
                     Diagnostics& diag);
  LoadedBundle (*load_geopackage_bundle)(const std::string& path, const BundleOptions& options);
  std::vector<TextTable> (*read_geopackage_tables)(const std::string& path,
                                                   const std::vector<std::string>& names);
  void (*write_geopackage)(const std::string& path, const Network& net,
                           const std::vector<TextTable>& tables, const CheckResult* result);
  void (*write_findings_kml)(const std::string& path, const Network& net,
                             const CheckResult& result);
};

// The implementations, compiled into the module only.
void read_zones(const std::string& path, const std::string& display, Network& net,
                Diagnostics& diag);
LoadedBundle load_geopackage_bundle(const std::string& path, const BundleOptions& options);
std::vector<TextTable> read_geopackage_tables(const std::string& path,
                                              const std::vector<std::string>& names);
void write_geopackage(const std::string& path, const Network& net,
                      const std::vector<TextTable>& tables, const CheckResult* result);
void write_findings_kml(const std::string& path, const Network& net, const CheckResult& result);

// The module's table, loaded on the first call (thread-safe). Throws
// std::runtime_error naming the places looked at when the module is missing or from
// another build. Defined in the library, not in the module.
const Api& api();

}  // namespace ringfence::gdal
