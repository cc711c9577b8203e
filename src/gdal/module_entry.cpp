// The module's one exported symbol: its table of entry points (gdal/gdal_api.hpp).
#include "gdal/gdal_api.hpp"

extern "C" __attribute__((visibility("default"))) const ringfence::gdal::Api* ringfence_gdal_api() {
  using namespace ringfence::gdal;
  static const Api table{
      kApiVersion,       &read_zones,        &load_geopackage_bundle, &read_geopackage_tables,
      &write_geopackage, &write_findings_kml};
  return &table;
}
