// GeoPackage and KML output through GDAL/OGR (layout in ringfence/gis_export.hpp).
#include <stdlib.h>

#include <cmath>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "gdal/gdal_api.hpp"
#include "gdal/gdal_support.hpp"
#include "ringfence/check_output.hpp"

namespace ringfence {

namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& path, const char* what) {
  throw std::runtime_error("cannot write " + path + ": " + what + " (" +
                           io::gdal_message("GDAL gave no reason") + ")");
}

// Creates the dataset in a fresh temporary directory beside `path`, lets `fill` write
// it, closes it and renames the file over `path`; on any failure nothing is left.
void write_dataset(const std::string& path, const char* driver_name,
                   const std::function<void(GDALDataset&)>& fill) {
  io::ensure_gdal();
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmp_dir = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  if (!::mkdtemp(tmp_dir.data())) fail(path, "cannot create a temporary directory");
  const fs::path tmp_file = fs::path(tmp_dir) / target.filename();
  try {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
    if (!driver) fail(path, "the GDAL driver is not available");
    CPLErrorReset();
    GDALDatasetUniquePtr ds(driver->Create(tmp_file.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) fail(path, "GDAL cannot create the file");
    fill(*ds);
    CPLErrorReset();
    ds.reset();  // closes and flushes
    if (CPLGetLastErrorType() >= CE_Failure) fail(path, "closing the file failed");
    fs::rename(tmp_file, target);
    fs::remove_all(tmp_dir);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(tmp_dir, ec);
    throw;
  }
}

struct Field {
  const char* name;
  OGRFieldType type;
};

OGRLayer& create_layer(GDALDataset& ds, const std::string& path, const char* name,
                       OGRwkbGeometryType geometry, const std::vector<Field>& fields) {
  OGRSpatialReference srs;
  srs.importFromEPSG(4326);
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRLayer* layer = ds.CreateLayer(name, geometry == wkbNone ? nullptr : &srs, geometry, nullptr);
  if (!layer) fail(path, "cannot create a layer");
  for (const auto& f : fields) {
    OGRFieldDefn defn(f.name, f.type);
    if (layer->CreateField(&defn) != OGRERR_NONE) fail(path, "cannot create a field");
  }
  return *layer;
}

void add(OGRLayer& layer, OGRFeature& feature, const std::string& path) {
  if (layer.CreateFeature(&feature) != OGRERR_NONE) fail(path, "cannot write a feature");
}

void set_text(OGRFeature& f, int i, std::string_view text) {
  if (!text.empty()) f.SetField(i, std::string(text).c_str());
}
void set_real(OGRFeature& f, int i, double value) {
  if (!std::isnan(value)) f.SetField(i, value);
}
void set_date(OGRFeature& f, int i, Days day) {
  if (day == kNoDate) return;
  const std::string text = format_iso_date(day);
  f.SetField(i, std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)),
             std::stoi(text.substr(8, 2)));
}

OGRPoint site_point(const Network& net, std::uint32_t site) {
  return OGRPoint(net.sites.lon[site], net.sites.lat[site]);
}

void write_sites(GDALDataset& ds, const std::string& path, const Network& net) {
  OGRLayer& layer = create_layer(ds, path, "sites", wkbPoint,
                                 {{"site_id", OFTString},
                                  {"operator", OFTString},
                                  {"lat", OFTReal},
                                  {"lon", OFTReal},
                                  {"kind", OFTString},
                                  {"region", OFTString},
                                  {"population", OFTReal}});
  const Sites& s = net.sites;
  for (std::uint32_t i = 0; i < s.size(); ++i) {
    OGRFeature f(layer.GetLayerDefn());
    set_text(f, 0, s.id.get(i));
    set_text(f, 1, net.strings.get(s.operator_id[i]));
    f.SetField(2, s.lat[i]);
    f.SetField(3, s.lon[i]);
    set_text(f, 4, kSiteKindNames[static_cast<std::size_t>(s.kind[i])]);
    set_text(f, 5, net.strings.get(s.region[i]));
    set_real(f, 6, s.population[i]);
    OGRPoint p = site_point(net, i);
    f.SetGeometry(&p);
    add(layer, f, path);
  }
}

void write_elements(GDALDataset& ds, const std::string& path, const Network& net) {
  OGRLayer& layer = create_layer(ds, path, "elements", wkbPoint,
                                 {{"element_id", OFTString},
                                  {"site_id", OFTString},
                                  {"vendor", OFTString},
                                  {"vendor_name", OFTString},
                                  {"domain", OFTString},
                                  {"function", OFTString},
                                  {"model", OFTString},
                                  {"technology", OFTString},
                                  {"sw_version", OFTString},
                                  {"installed", OFTDate},
                                  {"azimuth", OFTReal},
                                  {"beamwidth", OFTReal},
                                  {"range_m", OFTReal},
                                  {"traffic", OFTReal},
                                  {"replace_cost", OFTReal}});
  const Elements& e = net.elements;
  for (std::uint32_t i = 0; i < e.size(); ++i) {
    OGRFeature f(layer.GetLayerDefn());
    set_text(f, 0, e.id.get(i));
    set_text(f, 1, net.sites.id.get(e.site[i]));
    set_text(f, 2, net.strings.get(e.vendor_raw[i]));
    set_text(f, 3, net.vendor_name(i));
    set_text(f, 4, kDomainNames[static_cast<std::size_t>(e.domain[i])]);
    set_text(f, 5, net.strings.get(e.function[i]));
    set_text(f, 6, net.strings.get(e.model[i]));
    set_text(f, 7, net.strings.get(e.technology[i]));
    set_text(f, 8, net.strings.get(e.sw_version[i]));
    set_date(f, 9, e.installed[i]);
    set_real(f, 10, e.azimuth[i]);
    set_real(f, 11, e.beamwidth[i]);
    set_real(f, 12, e.range_m[i]);
    set_real(f, 13, e.traffic[i]);
    set_real(f, 14, e.replace_cost[i]);
    OGRPoint p = site_point(net, e.site[i]);
    f.SetGeometry(&p);
    add(layer, f, path);
  }
}

void write_links(GDALDataset& ds, const std::string& path, const Network& net) {
  OGRLayer& layer =
      create_layer(ds, path, "links", wkbLineString, {{"from", OFTString}, {"to", OFTString}});
  const Links& l = net.links;
  for (std::size_t i = 0; i < l.size(); ++i) {
    OGRFeature f(layer.GetLayerDefn());
    set_text(f, 0, net.elements.id.get(l.from[i]));
    set_text(f, 1, net.elements.id.get(l.to[i]));
    OGRLineString line;
    const std::uint32_t a = net.elements.site[l.from[i]], b = net.elements.site[l.to[i]];
    line.addPoint(net.sites.lon[a], net.sites.lat[a]);
    line.addPoint(net.sites.lon[b], net.sites.lat[b]);
    f.SetGeometry(&line);
    add(layer, f, path);
  }
}

OGRPolygon to_ogr(const Polygon& polygon) {
  OGRPolygon out;
  for (const Ring& ring : polygon) {
    OGRLinearRing r;
    for (const LonLat& p : ring) r.addPoint(p.lon, p.lat);
    out.addRing(&r);
  }
  return out;
}

void write_zones(GDALDataset& ds, const std::string& path, const Network& net) {
  std::vector<std::string> keys = {"zone_id", "name", "category"};
  std::set<std::string> seen(keys.begin(), keys.end());
  for (const Zone& z : net.zones)
    for (const auto& [key, value] : z.properties)
      if (seen.insert(key).second) keys.push_back(key);
  std::vector<Field> fields;
  for (const auto& k : keys) fields.push_back({k.c_str(), OFTString});
  OGRLayer& layer = create_layer(ds, path, "zones", wkbUnknown, fields);
  for (const Zone& z : net.zones) {
    OGRFeature f(layer.GetLayerDefn());
    f.SetField(0, z.id.c_str());
    if (!z.name.empty()) f.SetField(1, z.name.c_str());
    if (!z.category.empty()) f.SetField(2, z.category.c_str());
    for (const auto& [key, value] : z.properties) f.SetField(key.c_str(), value.c_str());
    if (z.is_point) {
      OGRPoint p(z.point.lon, z.point.lat);
      f.SetGeometry(&p);
    } else if (z.polygons.size() == 1) {
      OGRPolygon p = to_ogr(z.polygons[0]);
      f.SetGeometry(&p);
    } else {
      OGRMultiPolygon m;
      for (const Polygon& polygon : z.polygons) {
        OGRPolygon p = to_ogr(polygon);
        m.addGeometry(&p);
      }
      f.SetGeometry(&m);
    }
    add(layer, f, path);
  }
}

void write_text_table(GDALDataset& ds, const std::string& path, const TextTable& table) {
  std::vector<Field> fields;
  for (const auto& h : table.header) fields.push_back({h.c_str(), OFTString});
  OGRLayer& layer = create_layer(ds, path, table.name.c_str(), wkbNone, fields);
  for (const auto& row : table.rows) {
    OGRFeature f(layer.GetLayerDefn());
    for (std::size_t i = 0; i < row.size() && i < table.header.size(); ++i)
      f.SetField(static_cast<int>(i), row[i].c_str());
    add(layer, f, path);
  }
}

const std::vector<Field> kFindingFields = {
    {"rule_id", OFTString},  {"kind", OFTString},       {"status", OFTString},
    {"deadline", OFTDate},   {"element_id", OFTString}, {"site_id", OFTString},
    {"operator", OFTString}, {"vendor", OFTString},     {"zone_id", OFTString},
    {"distance_m", OFTReal}, {"path", OFTString},       {"group", OFTString},
    {"measured", OFTReal},   {"limit", OFTReal},        {"excess", OFTReal},
    {"amount", OFTReal},     {"total", OFTReal},        {"missing", OFTString},
    {"message", OFTString}};

// Findings as `check --format json` writes them, one feature each, at their site.
// For KML, `name` and `description` come first: the placemark's title and text.
void write_findings(GDALDataset& ds, const std::string& path, const Network& net,
                    const CheckResult* result, bool kml) {
  std::vector<Field> fields;
  if (kml) fields = {{"name", OFTString}, {"description", OFTString}};
  for (Field f : kFindingFields) {
    if (kml && f.type == OFTDate) f.type = OFTString;  // KML has no date type
    fields.push_back(f);
  }
  OGRLayer& layer = create_layer(ds, path, "findings", wkbPoint, fields);
  if (!result) return;
  const auto doc = nlohmann::json::parse(render_check_json(net, *result, CheckInputs{}));
  for (const auto& finding : doc["findings"]) {
    OGRFeature f(layer.GetLayerDefn());
    for (int i = 0; i < static_cast<int>(fields.size()); ++i) {
      const auto it = finding.find(fields[static_cast<std::size_t>(i)].name);
      if (it == finding.end() || it->is_null()) continue;
      if (it->is_number()) {
        f.SetField(i, it->get<double>());
      } else if (it->is_string()) {
        f.SetField(i, it->get<std::string>().c_str());
      } else if (it->is_array()) {
        std::string joined;
        const char* sep =
            std::string_view(fields[static_cast<std::size_t>(i)].name) == "path" ? " > " : ", ";
        for (const auto& item : *it) {
          if (!joined.empty()) joined += sep;
          joined += item.is_string() ? item.get<std::string>() : item.dump();
        }
        f.SetField(i, joined.c_str());
      } else {
        f.SetField(i, it->dump().c_str());
      }
    }
    if (kml) {
      const auto id = finding.find("element_id");
      const std::string title =
          finding["rule_id"].get<std::string>() + ": " +
          (id != finding.end() ? id->get<std::string>() : finding["group"].dump());
      f.SetField(0, title.c_str());
      f.SetField(1, finding["message"].get<std::string>().c_str());
    }
    if (const auto site = finding.find("site_id"); site != finding.end() && site->is_string()) {
      const std::uint32_t row = net.sites.id.find(site->get<std::string>());
      if (row != IdColumn::kNotFound) {
        OGRPoint p = site_point(net, row);
        f.SetGeometry(&p);
      }
    }
    add(layer, f, path);
  }
}

// One layer in one transaction: GeoPackage commits per feature otherwise.
void in_transaction(GDALDataset& ds, const std::function<void()>& write) {
  const bool transaction = ds.StartTransaction() == OGRERR_NONE;
  write();
  if (transaction) ds.CommitTransaction();
}

}  // namespace

}  // namespace ringfence

namespace ringfence::gdal {

void write_geopackage(const std::string& path, const Network& net,
                      const std::vector<TextTable>& tables, const CheckResult* result) {
  write_dataset(path, "GPKG", [&](GDALDataset& ds) {
    in_transaction(ds, [&] { write_sites(ds, path, net); });
    in_transaction(ds, [&] { write_elements(ds, path, net); });
    in_transaction(ds, [&] { write_links(ds, path, net); });
    in_transaction(ds, [&] { write_zones(ds, path, net); });
    in_transaction(ds, [&] { write_findings(ds, path, net, result, false); });
    for (const auto& table : tables) in_transaction(ds, [&] { write_text_table(ds, path, table); });
  });
}

void write_findings_kml(const std::string& path, const Network& net, const CheckResult& result) {
  // LIBKML writes ExtendedData in schema order (the plain KML driver of GDAL 3.6
  // misaligns values when the layer has no name field).
  write_dataset(path, "LIBKML",
                [&](GDALDataset& ds) { write_findings(ds, path, net, &result, true); });
}

}  // namespace ringfence::gdal
