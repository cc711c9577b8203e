// GIS output through GDAL: a whole bundle (and its findings) as one GeoPackage, and
// findings as KML. Both are written to a temporary directory beside the target and
// renamed over it when complete.
//
// GeoPackage layers (EPSG:4326, x = longitude):
//   sites     Point       site_id, operator, kind, region (text); lat, lon, population (real)
//   elements  Point       (at the element's site) element_id, site_id, vendor (as written),
//                         vendor_name (canonical), domain, function, model, technology,
//                         sw_version (text); installed (date); azimuth, beamwidth,
//                         range_m, traffic, replace_cost (real)
//   links     LineString  from, to (element ids), from its site to the other's
//   zones     Geometry    Point, Polygon or MultiPolygon; zone_id, name, category and
//                         every other zone property (text)
//   findings  Point       (at the finding's site; none for group findings) the fields of
//                         `check --format json`: rule_id, kind, status, element_id,
//                         site_id, operator, vendor, zone_id, message, path (ids joined
//                         by " > "), group (JSON), missing (joined by ", ") (text);
//                         deadline (date); distance_m, measured, limit, excess, amount,
//                         total (real)
//   vendors, models   attribute tables, the bundle's vendors and models tables as text
// Missing values are NULL. `ringfence` reads such a file back as a bundle.
#pragma once
#include <string>
#include <vector>

#include "ringfence/check.hpp"
#include "ringfence/network.hpp"

namespace ringfence {

// A table of text (a bundle's vendors.csv or models.csv), header then rows.
struct TextTable {
  std::string name;  // layer name: "vendors" or "models"
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

// The vendors and models tables of a bundle directory or GeoPackage, as text; absent
// tables are left out. Throws InputError when one cannot be read.
std::vector<TextTable> read_registry_tables(const std::string& bundle_path);

// `result` may be null: the findings layer is then empty.
void write_geopackage(const std::string& path, const Network& net,
                      const std::vector<TextTable>& tables, const CheckResult* result);
void write_findings_kml(const std::string& path, const Network& net, const CheckResult& result);

}  // namespace ringfence
