// Shared GDAL/OGR plumbing: driver registration, opening vector files with a located
// error, and the WGS84 reference every reader reprojects to.
#pragma once
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>

namespace ringfence::io {

// Registers GDAL's drivers once (thread-safe) and silences GDAL's own stderr output:
// its messages are taken with CPLGetLastErrorMsg and reported through Diagnostics.
void ensure_gdal();

// Opens a vector dataset read-only; throws InputError naming the file when GDAL
// cannot read it.
GDALDatasetUniquePtr open_vector(const std::string& path, const std::string& display);

// WGS84 longitude/latitude with x = longitude (OAMS_TRADITIONAL_GIS_ORDER).
const OGRSpatialReference& wgs84_lon_lat();

// A transformation from `source` to WGS84 lon/lat, or null when none is needed (no
// CRS declared, taken as WGS84, or already WGS84). Throws InputError when PROJ cannot
// build one.
struct TransformDeleter {
  void operator()(OGRCoordinateTransformation* t) const {
    OGRCoordinateTransformation::DestroyCT(t);
  }
};
using TransformPtr = std::unique_ptr<OGRCoordinateTransformation, TransformDeleter>;
TransformPtr transform_to_wgs84(const OGRSpatialReference* source, const std::string& display,
                                const std::string& layer);

// The last GDAL error message, or `fallback` when GDAL left none.
std::string gdal_message(const char* fallback);

// "layer 'NAME', feature FID" — how errors in non-CSV input are located.
std::string layer_feature(const std::string& layer, long long fid);

}  // namespace ringfence::io
