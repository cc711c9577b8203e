// Readers for input that arrives as GIS files through GDAL/OGR: zones in any vector
// format OGR reads, and whole bundles stored as one GeoPackage. Problems are located
// by file, layer and feature (non-CSV input has no line and column).
#pragma once
#include <string>
#include <vector>

#include "ringfence/bundle.hpp"
#include "ringfence/diagnostics.hpp"
#include "ringfence/network.hpp"

namespace ringfence::io {

// Zones from a vector file (KML, Shapefile, GeoPackage, GeoJSON, ...): every feature of
// every layer, or only of the layer named "zones" when there is one. Coordinates are
// reprojected to WGS84 lon/lat; a layer without a CRS is taken as WGS84. The id is the
// `zone_id` attribute, or the `name` attribute (any case) of a layer without one.
void read_zones_ogr(const std::string& path, const std::string& display, Network& net,
                    Diagnostics& diag);

// Zones from `path`: `.geojson` and `.json` through the GeoJSON reader (exact line and
// column), any other extension through OGR. Records the file's hash in `files` under
// `name`. A directory (e.g. of shapefiles) is read through OGR, each file a layer,
// and is not hashed.
void read_zones_file(const std::string& path, const std::string& display, const std::string& name,
                     Network& net, Diagnostics& diag, std::vector<BundleFile>& files);

// The zones file of a bundle directory: zones.geojson, zones.gpkg, zones.kml or
// zones.shp; empty when none; an error when several are present.
std::string find_bundle_zones(const std::string& directory, Diagnostics& diag);

// True when `path` names a GeoPackage file (a bundle stored by `ringfence export`).
bool is_geopackage_bundle(const std::string& path);
// Loads a GeoPackage bundle: layers sites, elements (required), links, zones, vendors,
// models (optional), checked exactly as the CSV files of a bundle directory are.
LoadedBundle load_geopackage_bundle(const std::string& path, const BundleOptions& options);

}  // namespace ringfence::io
