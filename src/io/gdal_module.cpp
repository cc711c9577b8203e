// Loading the GDAL module (gdal/gdal_api.hpp) on first use, and the library's GIS
// functions, which forward to it.
#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "gdal/gdal_api.hpp"
#include "io/gis_readers.hpp"
#include "ringfence/data_dir.hpp"

namespace ringfence {

namespace gdal {

namespace {

namespace fs = std::filesystem;

// RINGFENCE_GDAL_MODULE, else lib/ringfence/ beside the binary (the build tree's
// layout) or under its prefix (an installed copy's); test programs one directory
// below the build tree find it under the parent's lib/ringfence.
std::vector<fs::path> module_candidates() {
  std::vector<fs::path> out;
  if (const char* env = std::getenv("RINGFENCE_GDAL_MODULE"); env && *env) {
    out.emplace_back(env);
    return out;
  }
  if (const std::string exe = executable_dir(); !exe.empty()) {
    out.push_back(fs::path(exe) / "lib" / "ringfence" / kModuleName);
    out.push_back(fs::path(exe).parent_path() / "lib" / "ringfence" / kModuleName);
  }
  return out;
}

const Api& load() {
  std::string looked;
  for (const fs::path& path : module_candidates()) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
      looked += (looked.empty() ? "" : ", ") + path.string();
      continue;
    }
    // Never closed: GDAL keeps its drivers registered until the process ends.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle)
      throw std::runtime_error("cannot load ringfence's GIS module " + path.string() + ": " +
                               dlerror());
    using Entry = const Api* (*)();
    auto entry = reinterpret_cast<Entry>(dlsym(handle, kEntryPoint));
    const Api* table = entry ? entry() : nullptr;
    if (!table || table->version != kApiVersion)
      throw std::runtime_error("ringfence's GIS module " + path.string() +
                               " is from another build of ringfence; reinstall ringfence");
    return *table;
  }
  throw std::runtime_error(
      "GIS formats (GeoPackage, KML, Shapefile, ...) need ringfence's GIS module " +
      std::string(kModuleName) + ", which is missing (looked at " + looked +
      "); build with `make build`, install with `cmake --install`, or set "
      "RINGFENCE_GDAL_MODULE to its path");
}

}  // namespace

const Api& api() {
  static const Api& table = load();
  return table;
}

}  // namespace gdal

namespace io {

void read_zones_ogr(const std::string& path, const std::string& display, Network& net,
                    Diagnostics& diag) {
  gdal::api().read_zones(path, display, net, diag);
}

LoadedBundle load_geopackage_bundle(const std::string& path, const BundleOptions& options) {
  return gdal::api().load_geopackage_bundle(path, options);
}

}  // namespace io

void write_geopackage(const std::string& path, const Network& net,
                      const std::vector<TextTable>& tables, const CheckResult* result) {
  gdal::api().write_geopackage(path, net, tables, result);
}

void write_findings_kml(const std::string& path, const Network& net, const CheckResult& result) {
  gdal::api().write_findings_kml(path, net, result);
}

}  // namespace ringfence
