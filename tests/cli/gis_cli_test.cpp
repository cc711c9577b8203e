// GIS formats end to end: zones from KML, Shapefile and GeoPackage in other CRSs,
// `ringfence export` to GeoPackage and KML (read back with GDAL's ogrinfo), and a
// GeoPackage accepted as a bundle by every command.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <tuple>

#include "cli/embedded_report.hpp"
#include "test_support.hpp"

namespace ringfence::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const std::string kGisKorea = std::string(RINGFENCE_SOURCE_DIR) + "/examples/korea-small";
const std::string kPolicies = " --policy us-kr-sensitive --policy uk-2020 --at 2024-01-01";

RunResult gis_run(const std::string& args) {
  return run_command(shell_quoted(RINGFENCE_BIN) + " " + args);
}

// ogr2ogr from the example's zones.geojson into another format and CRS.
void convert_zones(const fs::path& out, const std::string& options) {
  const auto r = run_command("ogr2ogr " + options + " " + shell_quoted(out.string()) + " " +
                             shell_quoted(kGisKorea + "/zones.geojson"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

// rule, element or group, zone -> distance: what a zone rule decided.
using ZoneFindings = std::map<std::tuple<std::string, std::string, std::string>, double>;
ZoneFindings zone_findings(const json& doc) {
  ZoneFindings out;
  for (const auto& f : doc["findings"])
    if (f.contains("zone_id"))
      out[{f["rule_id"], f["element_id"], f["zone_id"]}] = f["distance_m"].get<double>();
  return out;
}

json check_json(const std::string& bundle, const std::string& extra = "") {
  const auto r = gis_run("check " + shell_quoted(bundle) + kPolicies + " --format json " + extra);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  return json::parse(r.out);
}

// Every zone finding of the reference, at the same distance to within 1 cm (the
// reprojection round trip moves a point by far less).
void expect_same_zone_findings(const json& got, const json& want) {
  const ZoneFindings a = zone_findings(got), b = zone_findings(want);
  ASSERT_EQ(a.size(), b.size());
  ASSERT_GT(a.size(), 0u);
  for (const auto& [key, distance] : b) {
    const auto it = a.find(key);
    ASSERT_NE(it, a.end()) << std::get<0>(key) << " " << std::get<1>(key);
    EXPECT_NEAR(it->second, distance, 0.01) << std::get<1>(key);
  }
  EXPECT_EQ(got["summary"]["by_rule"], want["summary"]["by_rule"]);
}

TEST(GisZones, ShapefilesInKoreanGridCrsGiveTheSameFindings) {
  TempDir tmp;
  // EPSG:5179 (Korea 2000 / Unified CS) is projected, in metres, northing first. A
  // shapefile holds one geometry type: the points and the polygon go to two files.
  const fs::path dir = tmp.path() / "shp";
  convert_zones(dir,
                "-f 'ESRI Shapefile' -t_srs EPSG:5179 -nln points -sql \"SELECT * FROM "
                "zones WHERE OGR_GEOMETRY = 'POINT'\"");
  convert_zones(dir,
                "-f 'ESRI Shapefile' -t_srs EPSG:5179 -update -nln areas -nlt MULTIPOLYGON "
                "-sql \"SELECT * FROM zones WHERE OGR_GEOMETRY <> 'POINT'\"");
  const json want = check_json(kGisKorea);
  // The folder (two layers) gives every zone finding of the GeoJSON.
  expect_same_zone_findings(check_json(kGisKorea, "--zones " + shell_quoted(dir.string())), want);
  // One file is hashed into the inputs like any bundle file.
  const json points =
      check_json(kGisKorea, "--zones " + shell_quoted((dir / "points.shp").string()));
  EXPECT_TRUE(points["inputs"]["sha256"].contains((dir / "points.shp").string()));
  EXPECT_EQ(points["summary"]["by_rule"]["us-kr-sensitive/military-bases"],
            want["summary"]["by_rule"]["us-kr-sensitive/military-bases"]);
}

TEST(GisZones, KmlAndGeoPackageZonesGiveTheSameFindings) {
  TempDir tmp;
  convert_zones(tmp.path() / "zones.kml", "-f LIBKML");
  convert_zones(tmp.path() / "zones.gpkg", "-f GPKG -t_srs EPSG:3857 -nln zones");
  const json want = check_json(kGisKorea);
  for (const char* file : {"zones.kml", "zones.gpkg"}) {
    SCOPED_TRACE(file);
    expect_same_zone_findings(
        check_json(kGisKorea, "--zones " + shell_quoted((tmp.path() / file).string())), want);
  }
}

TEST(GisZones, BundleWithZonesKmlInsteadOfGeoJson) {
  TempDir tmp;
  const fs::path bundle = tmp.path() / "b";
  fs::create_directories(bundle);
  for (const char* f : {"sites.csv", "elements.csv", "links.csv", "vendors.csv", "models.csv"})
    fs::copy_file(fs::path(kGisKorea) / f, bundle / f);
  convert_zones(bundle / "zones.kml", "-f LIBKML");
  expect_same_zone_findings(check_json(bundle.string()), check_json(kGisKorea));
  const auto v = gis_run("validate " + shell_quoted(bundle.string()) + " --format json");
  ASSERT_EQ(v.exit_code, 0) << v.err;
  EXPECT_EQ(
      json::parse(v.out)["zones"],
      json::parse(gis_run("validate " + shell_quoted(kGisKorea) + " --format json").out)["zones"]);
  // Two zones files are ambiguous.
  fs::copy_file(fs::path(kGisKorea) / "zones.geojson", bundle / "zones.geojson");
  const auto r = gis_run("validate " + shell_quoted(bundle.string()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("zones.kml: a second zones file beside zones.geojson"), std::string::npos)
      << r.err;
}

TEST(GisZones, BadFeaturesNameFileLayerAndFeature) {
  TempDir tmp;
  tmp.write("bad.kml", R"(<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder><name>bases</name>
<Placemark><name>camp-a</name><Point><coordinates>127.0,37.5</coordinates></Point></Placemark>
<Placemark><name>road</name><LineString><coordinates>127.0,37.5 127.1,37.6</coordinates></LineString></Placemark>
<Placemark><name>camp-a</name><Point><coordinates>127.2,37.4</coordinates></Point></Placemark>
</Folder></Document></kml>
)");
  const auto r = gis_run("check " + shell_quoted(kGisKorea) + kPolicies + " --zones " +
                         shell_quoted((tmp.path() / "bad.kml").string()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  const std::string file = (tmp.path() / "bad.kml").string();
  EXPECT_NE(r.err.find(file + ": layer 'bases', feature 2: geometry type LINESTRING is not "
                              "supported (expected Point, Polygon or MultiPolygon)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(file + ": layer 'bases', feature 3: duplicate zone id 'camp-a'"),
            std::string::npos)
      << r.err;

  tmp.write("nothing.kml", "not a vector file\n");
  const auto n = gis_run("validate " + shell_quoted(kGisKorea) + " --zones " +
                         shell_quoted((tmp.path() / "nothing.kml").string()));
  EXPECT_EQ(n.exit_code, 2);
  EXPECT_NE(n.err.find("nothing.kml: cannot be read as a vector file"), std::string::npos) << n.err;
}

std::set<std::string> zone_ids(const json& zones) {
  std::set<std::string> out;
  for (const auto& z : zones) out.insert(z["id"].get<std::string>());
  return out;
}

TEST(GisZones, ReportAndDemoTakeZonesFromAKmlFile) {
  TempDir tmp;
  // The example's military zones but Yongsan Garrison, as KML: fewer zones and fewer
  // findings than the bundle's own.
  const fs::path kml = tmp.path() / "military.kml";
  convert_zones(kml, "-f LIBKML -where \"category='military' AND zone_id <> 'kr-yongsan'\"");
  const std::string zones = " --zones " + shell_quoted(kml.string());
  const json check = check_json(kGisKorea, zones);
  ASSERT_LT(check["summary"]["findings"], check_json(kGisKorea)["summary"]["findings"]);

  const fs::path report = tmp.path() / "report.html";
  const auto r = gis_run("report " + shell_quoted(kGisKorea) + kPolicies + zones + " --out " +
                         shell_quoted(report.string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json data = embedded_data(slurp(report));
  EXPECT_EQ(data["summary"]["zones"], 11);
  EXPECT_EQ(data["summary"]["findings"], check["summary"]["findings"]);
  std::set<std::string> military;
  for (const auto& f : check["findings"])
    if (f.contains("zone_id")) military.insert(f["zone_id"].get<std::string>());
  for (const std::string& id : military) {
    EXPECT_TRUE(zone_ids(data["zones"]).count(id)) << id;
  }
  EXPECT_EQ(zone_ids(data["zones"]).size(), 11u);
  EXPECT_FALSE(zone_ids(data["zones"]).count("kr-yongsan"));

  // The demo generates its own zones; --zones replaces them.
  const fs::path out = tmp.path() / "demo";
  const auto d =
      gis_run("demo --sites 300 --at 2024-01-01" + zones + " --out " + shell_quoted(out.string()));
  ASSERT_EQ(d.exit_code, 0) << d.err;
  const json demo_check = json::parse(slurp(out / "check.json"));
  EXPECT_EQ(embedded_data(slurp(out / "report.html"))["summary"]["zones"], 11);
  for (const auto& f : demo_check["findings"])
    if (f.contains("zone_id")) {
      EXPECT_TRUE(zone_ids(data["zones"]).count(f["zone_id"])) << f;
    }
  EXPECT_EQ(zone_ids(embedded_data(slurp(out / "report.html"))["zones"]), zone_ids(data["zones"]));
}

// ogrinfo's summary of one layer.
std::string layer_info(const fs::path& file, const std::string& layer) {
  const auto r = run_command("ogrinfo -ro -so " + shell_quoted(file.string()) + " " + layer);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

class GisExport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    gpkg_ = (dir_->path() / "network.gpkg").string();
    const auto r =
        gis_run("export " + shell_quoted(kGisKorea) + " --to " + shell_quoted(gpkg_) + kPolicies);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    export_out_ = r.out;
  }
  static void TearDownTestSuite() { delete dir_; }
  static TempDir* dir_;
  static std::string gpkg_, export_out_;
};
TempDir* GisExport::dir_ = nullptr;
std::string GisExport::gpkg_, GisExport::export_out_;

TEST_F(GisExport, LayersFeatureCountsAndFieldTypes) {
  EXPECT_EQ(export_out_,
            "wrote " + gpkg_ + ": 61 sites, 321 elements, 320 links, 16 zones, 83 findings\n");
  const std::string sites = layer_info(gpkg_, "sites");
  EXPECT_NE(sites.find("Geometry: Point"), std::string::npos) << sites;
  EXPECT_NE(sites.find("Feature Count: 61"), std::string::npos) << sites;
  EXPECT_NE(sites.find("lat: Real"), std::string::npos) << sites;
  EXPECT_NE(sites.find("population: Real"), std::string::npos) << sites;
  EXPECT_NE(sites.find("operator: String"), std::string::npos) << sites;
  EXPECT_NE(sites.find("EPSG\",4326"), std::string::npos) << sites;
  const std::string elements = layer_info(gpkg_, "elements");
  EXPECT_NE(elements.find("Feature Count: 321"), std::string::npos) << elements;
  EXPECT_NE(elements.find("installed: Date"), std::string::npos) << elements;
  EXPECT_NE(elements.find("azimuth: Real"), std::string::npos) << elements;
  const std::string links = layer_info(gpkg_, "links");
  EXPECT_NE(links.find("Geometry: Line String"), std::string::npos) << links;
  EXPECT_NE(links.find("Feature Count: 320"), std::string::npos) << links;
  const std::string zones = layer_info(gpkg_, "zones");
  EXPECT_NE(zones.find("Feature Count: 16"), std::string::npos) << zones;
  const std::string findings = layer_info(gpkg_, "findings");
  EXPECT_NE(findings.find("Geometry: Point"), std::string::npos) << findings;
  EXPECT_NE(findings.find("Feature Count: 83"), std::string::npos) << findings;
  EXPECT_NE(findings.find("deadline: Date"), std::string::npos) << findings;
  EXPECT_NE(findings.find("distance_m: Real"), std::string::npos) << findings;
  EXPECT_NE(layer_info(gpkg_, "models").find("Feature Count: 13"), std::string::npos);
  EXPECT_NE(layer_info(gpkg_, "vendors").find("Feature Count: 6"), std::string::npos);
  // A finding at its site: the first zone finding of the JSON, by SQL.
  const auto q = run_command("ogrinfo -ro -q " + shell_quoted(gpkg_) +
                             " -sql \"SELECT element_id, distance_m, geom FROM findings WHERE "
                             "rule_id = 'us-kr-sensitive/military-bases' AND "
                             "element_id = 'LGU-E0016'\"");
  EXPECT_NE(q.out.find("distance_m (Real) = 823."), std::string::npos) << q.out;
  EXPECT_NE(q.out.find("POINT (126.9"), std::string::npos) << q.out;
}

// check JSON from the GeoPackage equals the directory's byte for byte, apart from
// "inputs", which by design names the bundle path and the files read with their hashes.
std::string after_inputs(const std::string& check_json_text) {
  const auto p = check_json_text.find("\"policies\"");
  EXPECT_NE(p, std::string::npos);
  return check_json_text.substr(p);
}

TEST_F(GisExport, RoundTripGivesByteIdenticalCheckJson) {
  const auto dir = gis_run("check " + shell_quoted(kGisKorea) + kPolicies + " --format json");
  const auto gpkg = gis_run("check " + shell_quoted(gpkg_) + kPolicies + " --format json");
  ASSERT_EQ(gpkg.exit_code, dir.exit_code) << gpkg.err;
  EXPECT_EQ(after_inputs(gpkg.out), after_inputs(dir.out));
  const json inputs = json::parse(gpkg.out)["inputs"];
  EXPECT_EQ(inputs["bundle"], gpkg_);
  EXPECT_EQ(inputs["sha256"].size(), 1u);
  EXPECT_TRUE(inputs["sha256"].contains("network.gpkg"));
  // GeoPackage -> GeoPackage again, and the text and CSV forms.
  const std::string again = (dir_->path() / "again.gpkg").string();
  ASSERT_EQ(gis_run("export " + shell_quoted(gpkg_) + " --to " + shell_quoted(again)).exit_code, 0);
  EXPECT_EQ(
      after_inputs(gis_run("check " + shell_quoted(again) + kPolicies + " --format json").out),
      after_inputs(dir.out));
  EXPECT_EQ(gis_run("check " + shell_quoted(gpkg_) + kPolicies + " --format csv").out,
            gis_run("check " + shell_quoted(kGisKorea) + kPolicies + " --format csv").out);
  EXPECT_EQ(
      gis_run("exposure " + shell_quoted(gpkg_) + " --by operator,domain --format json").out,
      gis_run("exposure " + shell_quoted(kGisKorea) + " --by operator,domain --format json").out);
}

// A GeoPackage made in a GIS: sites as points without lat/lon attributes.
TEST_F(GisExport, SitesTakeTheirPositionFromPointGeometry) {
  const std::string made = (dir_->path() / "made.gpkg").string();
  auto copy = [&](const std::string& options, const std::string& layers) {
    const auto r = run_command("ogr2ogr -f GPKG " + options + " " + shell_quoted(made) + " " +
                               shell_quoted(gpkg_) + " " + layers);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  };
  copy("-nln sites -sql \"SELECT site_id, operator, kind, region, population, geom FROM sites\"",
       "");
  copy("-update", "elements links zones vendors models");
  EXPECT_EQ(layer_info(made, "sites").find("lat: Real"), std::string::npos);
  EXPECT_EQ(
      after_inputs(gis_run("check " + shell_quoted(made) + kPolicies + " --format json").out),
      after_inputs(gis_run("check " + shell_quoted(kGisKorea) + kPolicies + " --format json").out));
}

TEST_F(GisExport, FindingsAsKml) {
  const std::string kml = (dir_->path() / "findings.kml").string();
  const auto r =
      gis_run("export " + shell_quoted(kGisKorea) + " --to " + shell_quoted(kml) + kPolicies);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "wrote " + kml + ": 83 findings\n");
  const std::string info = layer_info(kml, "findings");
  EXPECT_NE(info.find("Feature Count: 83"), std::string::npos) << info;
  EXPECT_NE(slurp(kml).find("<SimpleData name=\"rule_id\">uk-2020/core-exclusion</SimpleData>"),
            std::string::npos);
  EXPECT_EQ(gis_run("export " + shell_quoted(kGisKorea) + " --to " + shell_quoted(kml)).exit_code,
            2);
}

TEST_F(GisExport, BadValueInAGeoPackageIsLocatedByLayerFeatureAndAttribute) {
  const fs::path bad = dir_->path() / "bad.gpkg";
  fs::copy_file(gpkg_, bad);
  const auto u = run_command("ogrinfo " + shell_quoted(bad.string()) +
                             " -sql \"UPDATE sites SET lat = 123 WHERE fid = 5\"");
  ASSERT_EQ(u.exit_code, 0) << u.err;
  const auto r = gis_run("check " + shell_quoted(bad.string()) + kPolicies);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(bad.string() + ": layer 'sites', feature 5, attribute 'lat': "),
            std::string::npos)
      << r.err;
}

TEST_F(GisExport, FailedExportLeavesThePreviousFileAndNoTemporaryFiles) {
  const fs::path target = dir_->path() / "keep" / "out.gpkg";
  fs::create_directories(target.parent_path());
  ASSERT_EQ(gis_run("export " + shell_quoted(kGisKorea) + " --to " + shell_quoted(target.string()))
                .exit_code,
            0);
  const std::string before = slurp(target);
  // A bundle that fails to load: nothing is written.
  TempDir broken;
  broken.write("sites.csv", "site_id,operator,lat,lon\nS1,A,95,10\n");
  broken.write("elements.csv", "element_id,site_id,vendor,domain\nE1,S1,Nokia,ran\n");
  EXPECT_EQ(gis_run("export " + broken.str() + " --to " + shell_quoted(target.string())).exit_code,
            2);
  EXPECT_EQ(slurp(target), before);
  // A target GDAL cannot create: exit 2, no temporary directory left beside it.
  EXPECT_EQ(gis_run("export " + shell_quoted(kGisKorea) + " --to " +
                    shell_quoted((target.parent_path() / "missing" / "x.gpkg").string()))
                .exit_code,
            2);
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(target.parent_path()))
    names.insert(e.path().filename().string());
  EXPECT_EQ(names, std::set<std::string>{"out.gpkg"});
  EXPECT_EQ(gis_run("export " + shell_quoted(kGisKorea) + " --to out.shp").exit_code, 2);
}

// GDAL is a module loaded on first use: without it, CSV bundles still work, and GIS
// input and output fail with a message that says what is missing, writing nothing.
TEST_F(GisExport, WithoutTheGisModuleOnlyGisFormatsFail) {
  const std::string missing = (dir_->path() / "nowhere" / "ringfence_gdal.so").string();
  const std::string env = "RINGFENCE_GDAL_MODULE=" + shell_quoted(missing) + " ";
  const RunResult csv = run_command(env + shell_quoted(RINGFENCE_BIN) + " check " +
                                    shell_quoted(kGisKorea) + kPolicies + " --format json");
  EXPECT_EQ(csv.exit_code, 1) << csv.err;
  EXPECT_EQ(json::parse(csv.out)["findings"], check_json(kGisKorea)["findings"]);
  const fs::path target = dir_->path() / "never.gpkg";
  const RunResult out =
      run_command(env + shell_quoted(RINGFENCE_BIN) + " export " + shell_quoted(kGisKorea) +
                  " --to " + shell_quoted(target.string()));
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_NE(out.err.find("need ringfence's GIS module ringfence_gdal.so, which is missing "
                         "(looked at " +
                         missing + ")"),
            std::string::npos)
      << out.err;
  EXPECT_FALSE(fs::exists(target));
  const RunResult in =
      run_command(env + shell_quoted(RINGFENCE_BIN) + " validate " + shell_quoted(gpkg_));
  EXPECT_EQ(in.exit_code, 2);
  EXPECT_NE(in.err.find("ringfence_gdal.so, which is missing"), std::string::npos) << in.err;
}

}  // namespace
}  // namespace ringfence::testing
