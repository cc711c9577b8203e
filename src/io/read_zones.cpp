// zones.geojson: a FeatureCollection of Point, Polygon and MultiPolygon features.
// simdjson's on-demand API keeps every value as a view into the file, so problems
// are reported at the exact line and column of the offending value.
#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "io/readers.hpp"
#include "io/text_checks.hpp"

namespace ringfence::io {

namespace {

namespace od = simdjson::ondemand;

// A located problem in the document; caught once per feature.
struct ZoneError {
  const char* at;
  std::string message;
};

class ZonesReader {
 public:
  ZonesReader(const simdjson::padded_string& json, const std::string& name, Network& net,
              Diagnostics& diag)
      : json_(json), name_(name), net_(net), diag_(diag) {}

  void read();

 private:
  void report(const char* at, std::string message) {
    const std::size_t offset = at ? static_cast<std::size_t>(at - json_.data()) : 0;
    const auto pos = position_of(std::string_view(json_.data(), json_.size()), offset);
    diag_.error(name_, pos.line, pos.column, std::move(message));
  }
  static const char* where(od::value& v) { return v.raw_json_token().data(); }
  void read_feature(od::value feature);
  void read_geometry(od::value geometry, Zone& zone);
  LonLat read_position(od::value v);
  Ring read_ring(od::value v);
  Polygon read_polygon(od::value v);

  const simdjson::padded_string& json_;
  const std::string& name_;
  Network& net_;
  Diagnostics& diag_;
  std::unordered_set<std::string> ids_;
};

// The text of a JSON array starting at `begin`, found by matching brackets (the
// on-demand API of this simdjson version cannot return a container's raw text).
std::string_view array_text(const char* begin, const char* end) {
  int depth = 0;
  for (const char* p = begin; p < end; ++p) {
    if (*p == '[') ++depth;
    if (*p == ']' && --depth == 0) return {begin, static_cast<std::size_t>(p + 1 - begin)};
    if (depth == 0) return {begin, 1};  // not an array: let the parser say so
  }
  return {begin, static_cast<std::size_t>(end - begin)};
}

std::string scalar_text(od::value& v) {
  switch (v.type()) {
    case od::json_type::string:
      return std::string(std::string_view(v.get_string()));
    case od::json_type::number:
      return std::string(simdjson::to_json_string(v).value());
    case od::json_type::boolean:
      return bool(v.get_bool()) ? "true" : "false";
    default:
      return {};
  }
}

LonLat ZonesReader::read_position(od::value v) {
  const char* at = where(v);
  if (v.type() != od::json_type::array) throw ZoneError{at, "expected a position [lon, lat]"};
  double xy[2];
  int n = 0;
  for (auto item : v.get_array()) {
    od::value number = item.value();
    const char* nat = where(number);
    if (number.type() != od::json_type::number)
      throw ZoneError{nat, "expected a number in a position [lon, lat]"};
    double d = number.get_double();
    if (!std::isfinite(d)) throw ZoneError{nat, "expected a finite coordinate"};
    if (n < 2) xy[n] = d;
    ++n;
  }
  if (n < 2) throw ZoneError{at, "position has fewer than 2 numbers (expected [lon, lat])"};
  if (xy[0] < -180 || xy[0] > 180)
    throw ZoneError{at, "longitude out of range (expected -180 to 180; GeoJSON is [lon, lat])"};
  if (xy[1] < -90 || xy[1] > 90)
    throw ZoneError{at, "latitude out of range (expected -90 to 90; GeoJSON is [lon, lat])"};
  return {xy[0], xy[1]};
}

Ring ZonesReader::read_ring(od::value v) {
  const char* at = where(v);
  if (v.type() != od::json_type::array) throw ZoneError{at, "expected a linear ring (array)"};
  Ring ring;
  for (auto item : v.get_array()) ring.push_back(read_position(item.value()));
  if (ring.size() < 4)
    throw ZoneError{at, "linear ring has fewer than 4 positions (expected a closed ring)"};
  if (ring.front().lon != ring.back().lon || ring.front().lat != ring.back().lat)
    throw ZoneError{at, "linear ring is not closed (expected first and last positions equal)"};
  return ring;
}

Polygon ZonesReader::read_polygon(od::value v) {
  const char* at = where(v);
  if (v.type() != od::json_type::array) throw ZoneError{at, "expected polygon rings (array)"};
  Polygon polygon;
  for (auto item : v.get_array()) polygon.push_back(read_ring(item.value()));
  if (polygon.empty()) throw ZoneError{at, "polygon has no rings (expected an outer ring)"};
  return polygon;
}

void ZonesReader::read_geometry(od::value geometry, Zone& zone) {
  const char* at = where(geometry);
  if (geometry.type() != od::json_type::object) throw ZoneError{at, "geometry: expected an object"};
  std::string type;
  std::string_view coordinates;  // raw JSON, read once the type is known
  const char* coordinates_at = nullptr;
  for (auto field : geometry.get_object()) {
    std::string_view key = field.unescaped_key();
    od::value v = field.value();
    if (key == "type") {
      if (v.type() != od::json_type::string)
        throw ZoneError{where(v), "geometry type: expected a string"};
      type = std::string(std::string_view(v.get_string()));
    } else if (key == "coordinates") {
      coordinates_at = where(v);
      if (v.type() != od::json_type::array)
        throw ZoneError{coordinates_at, "coordinates: expected an array"};
      coordinates = array_text(coordinates_at, json_.data() + json_.size());
    }
  }
  if (type != "Point" && type != "Polygon" && type != "MultiPolygon")
    throw ZoneError{at, "geometry type '" + type +
                            "' is not supported (expected Point, Polygon or MultiPolygon)"};
  if (!coordinates_at) throw ZoneError{at, "geometry has no coordinates"};
  // Re-read the coordinates with their own parser; offsets map back to the file.
  simdjson::padded_string inner(coordinates);
  od::parser parser;
  od::document doc = parser.iterate(inner);
  od::value root = doc.get_value();
  const std::ptrdiff_t shift = coordinates_at - inner.data();
  try {
    if (type == "Point") {
      zone.is_point = true;
      zone.point = read_position(root);
    } else if (type == "Polygon") {
      zone.polygons.push_back(read_polygon(root));
    } else {
      if (root.type() != od::json_type::array)
        throw ZoneError{where(root), "expected an array of polygons"};
      for (auto item : root.get_array()) zone.polygons.push_back(read_polygon(item.value()));
      if (zone.polygons.empty()) throw ZoneError{where(root), "MultiPolygon has no polygons"};
    }
  } catch (ZoneError& e) {
    e.at = e.at ? e.at + shift : coordinates_at;
    throw;
  }
}

void ZonesReader::read_feature(od::value feature) {
  const char* at = where(feature);
  try {
    if (feature.type() != od::json_type::object) throw ZoneError{at, "expected a Feature object"};
    Zone zone;
    bool has_geometry = false, has_id = false;
    const char* id_at = at;
    for (auto field : feature.get_object()) {
      std::string_view key = field.unescaped_key();
      od::value v = field.value();
      if (key == "type") {
        if (v.type() != od::json_type::string || std::string_view(v.get_string()) != "Feature")
          throw ZoneError{where(v), "expected \"type\": \"Feature\""};
      } else if (key == "properties") {
        if (v.type() != od::json_type::object)
          throw ZoneError{where(v), "properties: expected an object"};
        for (auto prop : v.get_object()) {
          std::string pkey(std::string_view(prop.unescaped_key()));
          od::value pv = prop.value();
          const char* pat = where(pv);
          std::string text = scalar_text(pv);
          if (pkey == "zone_id") {
            if (text.empty()) throw ZoneError{pat, "zone_id: expected a non-empty string"};
            has_id = true;
            id_at = pat;
            zone.id = text;
          } else if (pkey == "name") {
            zone.name = text;
          } else if (pkey == "category") {
            zone.category = text;
          }
          zone.properties[pkey] = std::move(text);
        }
      } else if (key == "geometry") {
        read_geometry(v, zone);
        has_geometry = true;
      }
    }
    if (!has_id) throw ZoneError{at, "feature has no properties.zone_id (expected a unique id)"};
    if (!has_geometry)
      throw ZoneError{at, "feature has no geometry (expected Point, Polygon or MultiPolygon)"};
    if (!ids_.insert(zone.id).second)
      throw ZoneError{id_at, "duplicate zone_id '" + zone.id + "' (expected unique ids)"};
    net_.zones.push_back(std::move(zone));
  } catch (const ZoneError& e) {
    report(e.at, e.message);
  }
}

void ZonesReader::read() {
  od::parser parser;
  od::document doc = parser.iterate(json_);
  if (doc.type() != od::json_type::object)
    throw ZoneError{json_.data(), "expected a GeoJSON FeatureCollection object"};
  bool is_collection = false, has_features = false;
  for (auto field : doc.get_object()) {
    std::string_view key = field.unescaped_key();
    od::value v = field.value();
    if (key == "type") {
      is_collection = v.type() == od::json_type::string &&
                      std::string_view(v.get_string()) == "FeatureCollection";
      if (!is_collection) throw ZoneError{where(v), "expected \"type\": \"FeatureCollection\""};
    } else if (key == "features") {
      if (v.type() != od::json_type::array)
        throw ZoneError{where(v), "features: expected an array"};
      has_features = true;
      for (auto item : v.get_array()) {
        read_feature(item.value());
        if (diag_.full()) return;
      }
    }
  }
  if (!is_collection || !has_features)
    throw ZoneError{json_.data(), "expected a FeatureCollection with \"type\" and \"features\""};
}

// simdjson reports syntax errors without a position; nlohmann's parser gives the
// byte offset, so the rare malformed file is parsed a second time to locate it.
// Reports a syntax error where nlohmann's parser locates it; false when it finds none.
bool report_located_syntax_error(const std::string& text, const std::string& name,
                                 Diagnostics& diag) {
  try {
    auto parsed = nlohmann::json::parse(text);
    (void)parsed;
  } catch (const nlohmann::json::parse_error& e) {
    const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    const auto pos = position_of(text, offset);
    std::string what = e.what();
    if (auto p = what.find("syntax error"); p != std::string::npos) what = what.substr(p);
    diag.error(name, pos.line, pos.column, "malformed JSON: " + what);
    return true;
  } catch (...) {
  }
  return false;
}

void report_syntax_error(const std::string& text, const std::string& name, Diagnostics& diag,
                         const char* fallback) {
  if (!report_located_syntax_error(text, name, diag))
    diag.error(name, 1, 1, std::string("malformed JSON: ") + fallback);
}

}  // namespace

void read_zones(const std::string& text, const std::string& name, Network& net, Diagnostics& diag) {
  if (auto bad = find_invalid_utf8(text)) {
    diag.error(name, bad->line, bad->column, "invalid UTF-8 byte sequence (expected UTF-8 text)");
    return;
  }
  simdjson::padded_string json(text);
  // A UTF-8 byte order mark becomes spaces, so byte offsets (and columns) stay the same.
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) std::fill(json.data(), json.data() + 3, ' ');
  // The on-demand reader below checks neither the values it skips (members it does
  // not use) nor what follows the root object: validate the whole document first.
  // (Numbers simdjson cannot hold, such as a 30-digit integer, are valid JSON.)
  simdjson::dom::parser validator;
  if (validator.parse(json).error() != simdjson::SUCCESS &&
      report_located_syntax_error(text, name, diag))
    return;
  ZonesReader reader(json, name, net, diag);
  try {
    reader.read();
  } catch (const ZoneError& e) {
    const auto pos = position_of(text, static_cast<std::size_t>(e.at - json.data()));
    diag.error(name, pos.line, pos.column, e.message);
  } catch (const simdjson::simdjson_error& e) {
    report_syntax_error(text, name, diag, e.what());
  }
}

}  // namespace ringfence::io
