// Loading the GDAL module (gdal/gdal_api.hpp) on first use, and the library's GIS
// functions, which forward to it.
#include "gdal/gdal_api.hpp"
#include "io/gis_readers.hpp"
#include "io/module_loader.hpp"

namespace ringfence {

namespace gdal {

const Api& api() {
  static const Api& table =
      load_module_table<Api>({kModuleName, "RINGFENCE_GDAL_MODULE", kEntryPoint, "GIS",
                              "GIS formats (GeoPackage, KML, Shapefile, ...) need"},
                             kApiVersion);
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
