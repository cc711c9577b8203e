#include "gdal/gdal_support.hpp"

#include <cpl_error.h>

#include <mutex>

#include "ringfence/diagnostics.hpp"

namespace ringfence::io {

void ensure_gdal() {
  static std::once_flag once;
  std::call_once(once, [] {
    GDALAllRegister();
    CPLSetErrorHandler(CPLQuietErrorHandler);
  });
}

std::string gdal_message(const char* fallback) {
  const char* msg = CPLGetLastErrorMsg();
  return (msg && *msg) ? std::string(msg) : std::string(fallback);
}

GDALDatasetUniquePtr open_vector(const std::string& path, const std::string& display) {
  ensure_gdal();
  CPLErrorReset();
  GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                            nullptr, nullptr, nullptr));
  if (!ds)
    throw InputError(display, 0, 0,
                     "cannot be read as a vector file (expected GeoJSON, KML, Shapefile or "
                     "GeoPackage): " +
                         gdal_message("no GDAL driver recognises it"));
  return ds;
}

const OGRSpatialReference& wgs84_lon_lat() {
  static const OGRSpatialReference srs = [] {
    OGRSpatialReference s;
    s.SetWellKnownGeogCS("WGS84");
    s.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return s;
  }();
  return srs;
}

TransformPtr transform_to_wgs84(const OGRSpatialReference* source, const std::string& display,
                                const std::string& layer) {
  if (!source) return nullptr;
  OGRSpatialReference src(*source);
  src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  const char* ignore_axes[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", nullptr};
  if (src.IsGeographic() && src.IsSame(&wgs84_lon_lat(), ignore_axes)) return nullptr;
  CPLErrorReset();
  TransformPtr t(OGRCreateCoordinateTransformation(&src, &wgs84_lon_lat()));
  if (!t)
    throw InputError(display, 0, 0,
                     "layer '" + layer +
                         "': its coordinate reference system cannot be "
                         "transformed to WGS84 (" +
                         gdal_message("unknown CRS") + ")");
  return t;
}

std::string layer_feature(const std::string& layer, long long fid) {
  return "layer '" + layer + "', feature " + std::to_string(fid);
}

}  // namespace ringfence::io
