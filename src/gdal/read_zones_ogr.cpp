// Zones through OGR: KML, Shapefile, GeoPackage and every other vector format GDAL
// reads, reprojected to WGS84 lon/lat and checked like zones.geojson.
#include <cmath>
#include <set>

#include "gdal/gdal_api.hpp"
#include "gdal/gdal_support.hpp"
#include "ringfence/output.hpp"

namespace ringfence::io {

namespace {

struct FeatureError {
  std::string message;
};

LonLat checked_position(double lon, double lat) {
  if (!std::isfinite(lon) || !std::isfinite(lat))
    throw FeatureError{"a coordinate is not finite (expected WGS84 degrees)"};
  if (lon < -180 || lon > 180)
    throw FeatureError{"longitude " + format_number(lon) +
                       " out of range after reprojection (expected -180 to 180)"};
  if (lat < -90 || lat > 90)
    throw FeatureError{"latitude " + format_number(lat) +
                       " out of range after reprojection (expected -90 to 90)"};
  return {lon, lat};
}

Ring read_ring(const OGRLinearRing* r) {
  Ring ring;
  if (!r) throw FeatureError{"polygon has no outer ring (expected a closed ring)"};
  ring.reserve(static_cast<std::size_t>(r->getNumPoints()));
  for (int i = 0; i < r->getNumPoints(); ++i)
    ring.push_back(checked_position(r->getX(i), r->getY(i)));
  if (ring.size() < 4)
    throw FeatureError{"linear ring has fewer than 4 positions (expected a closed ring)"};
  if (ring.front().lon != ring.back().lon || ring.front().lat != ring.back().lat)
    throw FeatureError{"linear ring is not closed (expected first and last positions equal)"};
  return ring;
}

Polygon read_polygon(const OGRPolygon* p) {
  Polygon polygon;
  polygon.push_back(read_ring(p->getExteriorRing()));
  for (int i = 0; i < p->getNumInteriorRings(); ++i)
    polygon.push_back(read_ring(p->getInteriorRing(i)));
  return polygon;
}

// Point, Polygon, MultiPolygon, and collections of polygons (KML MultiGeometry).
void read_geometry(const OGRGeometry* g, Zone& zone) {
  switch (wkbFlatten(g->getGeometryType())) {
    case wkbPoint: {
      const auto* p = g->toPoint();
      if (p->IsEmpty()) throw FeatureError{"empty point (expected a position)"};
      zone.is_point = true;
      zone.point = checked_position(p->getX(), p->getY());
      return;
    }
    case wkbPolygon:
      zone.polygons.push_back(read_polygon(g->toPolygon()));
      return;
    case wkbMultiPolygon:
    case wkbGeometryCollection: {
      const auto* c = g->toGeometryCollection();
      for (int i = 0; i < c->getNumGeometries(); ++i) {
        const OGRGeometry* part = c->getGeometryRef(i);
        const auto type = wkbFlatten(part->getGeometryType());
        if (type != wkbPolygon && type != wkbMultiPolygon)
          throw FeatureError{std::string("a collection holds a ") + part->getGeometryName() +
                             " (expected only polygons)"};
        read_geometry(part, zone);
      }
      if (zone.polygons.empty()) throw FeatureError{"multipolygon has no polygons"};
      return;
    }
    default:
      throw FeatureError{std::string("geometry type ") + g->getGeometryName() +
                         " is not supported (expected Point, Polygon or MultiPolygon)"};
  }
}

// Field text: reals in the shortest form that reads back as the same number.
std::string field_text(const OGRFeature& f, int i) {
  if (f.GetFieldDefnRef(i)->GetType() == OFTReal) return format_number(f.GetFieldAsDouble(i));
  return f.GetFieldAsString(i);
}

int find_field_any_case(const OGRFeatureDefn* defn, const char* name) {
  for (int i = 0; i < defn->GetFieldCount(); ++i)
    if (EQUAL(defn->GetFieldDefn(i)->GetNameRef(), name)) return i;
  return -1;
}

void read_layer(OGRLayer& layer, const std::string& display, Network& net, Diagnostics& diag,
                std::set<std::string>& ids) {
  const std::string name = layer.GetName();
  const OGRFeatureDefn* defn = layer.GetLayerDefn();
  int id_field = defn->GetFieldIndex("zone_id");
  if (id_field < 0) id_field = find_field_any_case(defn, "name");
  if (id_field < 0) {
    diag.error(display, 0, 0,
               "layer '" + name + "' has no zone_id attribute (expected zone_id, or name)");
    return;
  }
  const int name_field = find_field_any_case(defn, "name");
  const int category_field = find_field_any_case(defn, "category");
  const TransformPtr transform = transform_to_wgs84(layer.GetSpatialRef(), display, name);
  layer.ResetReading();
  for (auto& feature : layer) {
    const long long fid = feature->GetFID();
    try {
      Zone zone;
      if (!feature->IsFieldSetAndNotNull(id_field) || field_text(*feature, id_field).empty())
        throw FeatureError{std::string(defn->GetFieldDefn(id_field)->GetNameRef()) +
                           ": expected a non-empty zone id"};
      zone.id = field_text(*feature, id_field);
      for (int i = 0; i < defn->GetFieldCount(); ++i) {
        if (!feature->IsFieldSetAndNotNull(i)) continue;
        std::string text = field_text(*feature, i);
        if (i == name_field) zone.name = text;
        if (i == category_field) zone.category = text;
        zone.properties[defn->GetFieldDefn(i)->GetNameRef()] = std::move(text);
      }
      OGRGeometry* geometry = feature->GetGeometryRef();
      if (!geometry || geometry->IsEmpty())
        throw FeatureError{"feature has no geometry (expected Point, Polygon or MultiPolygon)"};
      if (transform && geometry->transform(transform.get()) != OGRERR_NONE)
        throw FeatureError{"cannot be reprojected to WGS84 (" +
                           gdal_message("transformation failed") + ")"};
      read_geometry(geometry, zone);
      if (!ids.insert(zone.id).second)
        throw FeatureError{"duplicate zone id '" + zone.id + "' (expected unique ids)"};
      net.zones.push_back(std::move(zone));
    } catch (const FeatureError& e) {
      diag.error(display, 0, 0, layer_feature(name, fid) + ": " + e.message);
      if (diag.full()) return;
    }
  }
}

}  // namespace

}  // namespace ringfence::io

namespace ringfence::gdal {

void read_zones(const std::string& path, const std::string& display, Network& net,
                Diagnostics& diag) {
  try {
    GDALDatasetUniquePtr ds = io::open_vector(path, display);
    std::set<std::string> ids;
    if (OGRLayer* zones = ds->GetLayerByName("zones")) {
      io::read_layer(*zones, display, net, diag, ids);
      return;
    }
    if (ds->GetLayerCount() == 0) diag.error(display, 0, 0, "has no layers (expected zones)");
    for (OGRLayer* layer : ds->GetLayers()) io::read_layer(*layer, display, net, diag, ids);
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics().errors()) diag.error(d.file, d.line, d.column, d.message);
  }
}

}  // namespace ringfence::gdal
