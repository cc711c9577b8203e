// load_bundle on small bundles written to a temporary directory: every column of
// the bundle format lands in the model, and every validation error names its file, line and
// column.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "ringfence/bundle.hpp"
#include "test_support.hpp"

namespace ringfence::testing {
namespace {

const std::string kSites =
    "site_id,operator,lat,lon\n"
    "S1,Alpha,37.5,127.0\n"
    "S2,Beta,35.1,129.0\n";
const std::string kElements =
    "element_id,site_id,vendor,domain\n"
    "E1,S1,Huawei,ran\n"
    "E2,S2,Nokia,core\n";
const std::string kNoElements = "element_id,site_id,vendor,domain\n";

std::string path_of(const TempDir& dir, const std::string& file) {
  return (dir.path() / file).string();
}

// Loads a bundle that must be refused; each error as FILE:LINE:COLUMN: message.
std::vector<std::string> load_errors(const TempDir& dir) {
  try {
    load_bundle(dir.str());
  } catch (const InputError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics().errors()) out.push_back(d.to_string());
    return out;
  }
  ADD_FAILURE() << "the bundle was accepted";
  return {};
}

// The errors of a bundle made of the base files with some replaced or added.
std::vector<std::string> errors_with(const TempDir& dir,
                                     const std::map<std::string, std::string>& files) {
  std::map<std::string, std::string> all = {{"sites.csv", kSites}, {"elements.csv", kElements}};
  for (const auto& [name, content] : files) all[name] = content;
  write_bundle(dir, all);
  return load_errors(dir);
}

using Strings = std::vector<std::string>;

std::uint32_t vendor_id(const Network& net, std::string_view name) {
  const auto id = net.vendors.find_exact(name);
  EXPECT_TRUE(id.has_value()) << name;
  return id.value_or(VendorRegistry::kNone);
}

// ---------------------------------------------------------------- a valid bundle

const std::string kFullSites =
    "lon,site_id,notes,operator,kind,lat,region,population\n"
    "127.0276,S1,rooftop,SK Telecom,macro,37.4979,Seoul,45000\n"
    "126.9794,S2,,SK Telecom,SMALL,37.5720,Seoul,\n"
    "-180,S3,,KT,indoor,-90,\"Far, South\",0\n"
    "180,S4,\"note with \"\"quotes\"\"\",KT,aggregation,90,,\n"
    "127.1,S5,,LG U+,core_dc,36.0,Daejeon,1e3\n"
    "127.2,S6,,LG U+,exchange,+36.5,Daejeon,\n"
    "127.3,S7,,LG U+,,36.6,,12.5\n";

const std::string kFullElements =
    "element_id,site_id,vendor,domain,function,model,technology,sw_version,installed,azimuth,"
    "beamwidth,range_m,traffic,replace_cost\n"
    "E1,S1,\"HUAWEI TECHNOLOGIES CO., LTD.\",RAN,GNB,AAU5613,NR,V100R019C10,2019-04-03,120,65,"
    "1500,12.5,30000\n"
    "E2,S1,HWD,ran,ENB,RRU3959,LTE,,2013-12-16,240.5,65,1500,7,18000\n"
    "E3,S4,Ericsson AB,transport,Router,Router 6675,fibre,R21,2020-01-01,,,,,25000\n"
    "E4,S5,Nokia Solutions and Networks,core,AMF,Cloud Mobility Manager,nr,CMM 22,2021-06-30,,,,,"
    "\n"
    "E5,S5,ACME Radio Systems,oss,ems,Acme EMS,,,,,,,,\n"
    "E6,S2,SOLiD Inc,ran,ru,DAS,lte,,,0,360,100,0.5,\n"
    "E7,S6,Samsung Electronics,other,,,,,,,,,,\n"
    "E8,S3,SOLID INC.,Ran,,,,,,,,,,\n";

const std::string kFullVendors =
    "vendor,aliases,country,tags,no_spy_declaration,support_ends\n"
    "Huawei,Huawei Device;HWD,CN,high_risk;entity_list,false,2019-08-19\n"
    "Acme Radio,ACME Radio Systems; Acme ,US,trusted,true,\n";

const std::string kFullModels =
    "vendor,model,certified,certified_by,tested_on\n"
    "Huawei,AAU5613,false,,2019-01-15\n"
    "HW,RRU3959,true,TTA,2013-12-01\n"
    "Nokia,Cloud Mobility Manager,true,BSI,2021-06-30\n"
    "Unknown Maker,Widget,true,,\n";

const std::string kFullLinks =
    "from,to\n"
    "E1,E3\n"
    "E2,E3\n"
    "E3,E4\n"
    "E3,E5\n"
    "E6,E3\n";

const std::string kFullZones = R"({"type": "FeatureCollection", "features": [
 {"type": "Feature",
  "properties": {"zone_id": "z-point", "name": "Yongsan", "category": "military",
                 "radius_m": 500, "active": true, "note": null},
  "geometry": {"type": "Point", "coordinates": [126.978, 37.5326]}},
 {"type": "Feature",
  "geometry": {"type": "Polygon", "coordinates": [
    [[127.0, 36.9], [127.1, 36.9], [127.1, 37.0], [127.0, 37.0], [127.0, 36.9]],
    [[127.02, 36.92], [127.04, 36.92], [127.04, 36.94], [127.02, 36.92]]]},
  "properties": {"zone_id": "z-poly", "name": "Camp", "category": "military"}},
 {"type": "Feature",
  "properties": {"zone_id": "z-multi", "name": "Government", "category": "government"},
  "geometry": {"type": "MultiPolygon", "coordinates": [
    [[[126.0, 35.0], [126.1, 35.0], [126.1, 35.1], [126.0, 35.0]]],
    [[[128.0, 36.0], [128.2, 36.0], [128.2, 36.2], [128.0, 36.2], [128.0, 36.0]],
     [[128.05, 36.05], [128.1, 36.05], [128.1, 36.1], [128.05, 36.05]]]]}}
]}
)";

class FullBundle : public ::testing::Test {
 protected:
  void SetUp() override {
    write_bundle(dir_, {{"sites.csv", kFullSites},
                        {"elements.csv", kFullElements},
                        {"vendors.csv", kFullVendors},
                        {"models.csv", kFullModels},
                        {"links.csv", kFullLinks},
                        {"zones.geojson", kFullZones}});
    bundle_ = load_bundle(dir_.str());
  }
  TempDir dir_;
  LoadedBundle bundle_;
};

TEST_F(FullBundle, Sites) {
  const Network& net = bundle_.network;
  const Sites& s = net.sites;
  ASSERT_EQ(s.size(), 7u);
  ASSERT_EQ(s.id.size(), 7u);
  EXPECT_EQ(s.id.get(0), "S1");
  EXPECT_EQ(s.id.get(6), "S7");
  EXPECT_EQ(s.id.find("S4"), 3u);
  EXPECT_EQ(s.id.find("S8"), IdColumn::kNotFound);
  EXPECT_EQ(net.site_operator(0), "SK Telecom");
  EXPECT_EQ(net.site_operator(1), "SK Telecom");
  EXPECT_EQ(net.site_operator(2), "KT");
  EXPECT_EQ(net.site_operator(6), "LG U+");
  EXPECT_EQ(s.operator_id[0], s.operator_id[1]);  // interned once
  EXPECT_DOUBLE_EQ(s.lat[0], 37.4979);
  EXPECT_DOUBLE_EQ(s.lon[0], 127.0276);
  EXPECT_DOUBLE_EQ(s.lat[2], -90);
  EXPECT_DOUBLE_EQ(s.lon[2], -180);
  EXPECT_DOUBLE_EQ(s.lat[3], 90);
  EXPECT_DOUBLE_EQ(s.lon[3], 180);
  EXPECT_DOUBLE_EQ(s.lat[5], 36.5);  // "+36.5"
  const Column<SiteKind> kinds = {SiteKind::kMacro,       SiteKind::kSmall,  SiteKind::kIndoor,
                                  SiteKind::kAggregation, SiteKind::kCoreDc, SiteKind::kExchange,
                                  SiteKind::kMacro};
  EXPECT_EQ(s.kind, kinds);
  EXPECT_EQ(net.strings.get(s.region[0]), "Seoul");
  EXPECT_EQ(net.strings.get(s.region[2]), "Far, South");
  EXPECT_EQ(s.region[3], 0u);  // empty region
  EXPECT_EQ(s.region[6], 0u);
  EXPECT_EQ(s.region[4], s.region[5]);
  EXPECT_DOUBLE_EQ(s.population[0], 45000);
  EXPECT_TRUE(std::isnan(s.population[1]));
  EXPECT_DOUBLE_EQ(s.population[2], 0);
  EXPECT_TRUE(std::isnan(s.population[3]));
  EXPECT_DOUBLE_EQ(s.population[4], 1000);
  EXPECT_DOUBLE_EQ(s.population[6], 12.5);
}

TEST_F(FullBundle, Elements) {
  const Network& net = bundle_.network;
  const Elements& e = net.elements;
  ASSERT_EQ(e.size(), 8u);
  EXPECT_EQ(e.id.get(0), "E1");
  EXPECT_EQ(e.id.find("E8"), 7u);
  EXPECT_EQ(e.site, (Column<std::uint32_t>{0, 0, 3, 4, 4, 1, 5, 2}));
  EXPECT_EQ(e.domain, (Column<Domain>{Domain::kRan, Domain::kRan, Domain::kTransport, Domain::kCore,
                                      Domain::kOss, Domain::kRan, Domain::kOther, Domain::kRan}));
  // function and technology are lower-cased; model and sw_version kept as written.
  EXPECT_EQ(net.strings.get(e.function[0]), "gnb");
  EXPECT_EQ(net.strings.get(e.function[1]), "enb");
  EXPECT_EQ(net.strings.get(e.function[2]), "router");
  EXPECT_EQ(net.strings.get(e.function[3]), "amf");
  EXPECT_EQ(e.function[6], 0u);
  EXPECT_EQ(net.strings.get(e.model[0]), "AAU5613");
  EXPECT_EQ(net.strings.get(e.model[3]), "Cloud Mobility Manager");
  EXPECT_EQ(e.model[6], 0u);
  EXPECT_EQ(net.strings.get(e.technology[0]), "nr");
  EXPECT_EQ(net.strings.get(e.technology[1]), "lte");
  EXPECT_EQ(e.technology[0], e.technology[3]);  // "NR" and "nr"
  EXPECT_EQ(net.strings.get(e.technology[2]), "fibre");
  EXPECT_EQ(e.technology[4], 0u);
  EXPECT_EQ(net.strings.get(e.sw_version[0]), "V100R019C10");
  EXPECT_EQ(e.sw_version[1], 0u);
  EXPECT_EQ(e.installed[0], days_from_civil(2019, 4, 3));
  EXPECT_EQ(e.installed[1], days_from_civil(2013, 12, 16));
  EXPECT_EQ(e.installed[4], kNoDate);
  EXPECT_FLOAT_EQ(e.azimuth[0], 120.0f);
  EXPECT_FLOAT_EQ(e.azimuth[1], 240.5f);
  EXPECT_FLOAT_EQ(e.azimuth[5], 0.0f);
  EXPECT_TRUE(std::isnan(e.azimuth[2]));
  EXPECT_FLOAT_EQ(e.beamwidth[0], 65.0f);
  EXPECT_FLOAT_EQ(e.beamwidth[5], 360.0f);
  EXPECT_TRUE(std::isnan(e.beamwidth[3]));
  EXPECT_FLOAT_EQ(e.range_m[0], 1500.0f);
  EXPECT_FLOAT_EQ(e.range_m[5], 100.0f);
  EXPECT_TRUE(std::isnan(e.range_m[7]));
  EXPECT_DOUBLE_EQ(e.traffic[0], 12.5);
  EXPECT_DOUBLE_EQ(e.traffic[1], 7);
  EXPECT_DOUBLE_EQ(e.traffic[5], 0.5);
  EXPECT_TRUE(std::isnan(e.traffic[2]));
  EXPECT_DOUBLE_EQ(e.replace_cost[0], 30000);
  EXPECT_DOUBLE_EQ(e.replace_cost[2], 25000);
  EXPECT_TRUE(std::isnan(e.replace_cost[3]));
  EXPECT_TRUE(std::isnan(e.replace_cost[7]));
}

TEST_F(FullBundle, VendorsAreNormalisedAndRawSpellingsKept) {
  const Network& net = bundle_.network;
  const Elements& e = net.elements;
  const Strings names = {"Huawei",     "Huawei",    "Ericsson", "Nokia",
                         "Acme Radio", "SOLiD Inc", "Samsung",  "SOLiD Inc"};
  for (std::uint32_t i = 0; i < e.size(); ++i) EXPECT_EQ(net.vendor_name(i), names[i]) << i;
  EXPECT_EQ(net.strings.get(e.vendor_raw[0]), "HUAWEI TECHNOLOGIES CO., LTD.");
  EXPECT_EQ(net.strings.get(e.vendor_raw[1]), "HWD");
  EXPECT_EQ(net.strings.get(e.vendor_raw[7]), "SOLID INC.");
  EXPECT_EQ(e.vendor[5], e.vendor[7]);
  EXPECT_FALSE(net.vendors.get(e.vendor[5]).known);
  EXPECT_TRUE(net.vendors.get(e.vendor[4]).known);

  const std::uint32_t huawei = vendor_id(net, "Huawei");
  using Spellings = std::vector<std::pair<std::string, std::size_t>>;
  EXPECT_EQ(bundle_.vendor_spellings[huawei],
            (Spellings{{"HUAWEI TECHNOLOGIES CO., LTD.", 1}, {"HWD", 1}}));
  EXPECT_EQ(bundle_.vendor_spellings[e.vendor[5]],
            (Spellings{{"SOLiD Inc", 1}, {"SOLID INC.", 1}}));
  EXPECT_EQ(bundle_.vendor_spellings[vendor_id(net, "ZTE")], Spellings{});
  ASSERT_EQ(bundle_.vendor_spellings.size(), net.vendors.size());
}

TEST_F(FullBundle, VendorsCsvExtendsTheRegistry) {
  const Network& net = bundle_.network;
  const std::uint32_t huawei = vendor_id(net, "Huawei");
  EXPECT_EQ(net.vendors.resolve("Huawei Device Co., Ltd."), huawei);
  EXPECT_EQ(net.vendors.resolve("HWD"), huawei);
  EXPECT_EQ(net.vendors.resolve("HW"), huawei);  // built-in alias still there
  EXPECT_TRUE(net.vendors.has_tag(huawei, "high_risk"));
  EXPECT_TRUE(net.vendors.has_tag(huawei, "fcc_covered"));
  EXPECT_TRUE(net.vendors.has_tag(huawei, "entity_list"));
  EXPECT_EQ(net.vendors.get(huawei).attributes,
            (std::map<std::string, std::string>{{"no_spy_declaration", "false"},
                                                {"support_ends", "2019-08-19"}}));
  const std::uint32_t acme = vendor_id(net, "Acme Radio");
  EXPECT_TRUE(net.vendors.get(acme).known);
  EXPECT_EQ(net.vendors.get(acme).country, "US");
  EXPECT_EQ(net.vendors.get(acme).aliases, (Strings{"ACME Radio Systems", "Acme"}));
  EXPECT_EQ(net.vendors.resolve("acme"), acme);
  EXPECT_TRUE(net.vendors.has_tag(acme, "trusted"));
  // An empty attribute cell sets nothing.
  EXPECT_EQ(net.vendors.get(acme).attributes,
            (std::map<std::string, std::string>{{"no_spy_declaration", "true"}}));
}

TEST_F(FullBundle, ModelEvidenceIsAttached) {
  const Network& net = bundle_.network;
  const std::uint32_t huawei = vendor_id(net, "Huawei"), nokia = vendor_id(net, "Nokia");
  ASSERT_EQ(net.models.size(), 4u);
  const auto model = [&](std::string_view name) { return net.strings.find(name).value(); };
  using Attributes = std::map<std::string, std::string>;
  EXPECT_EQ(net.models.at({huawei, model("AAU5613")}).attributes,
            (Attributes{{"certified", "false"}, {"tested_on", "2019-01-15"}}));
  // "HW" in models.csv is Huawei.
  EXPECT_EQ(
      net.models.at({huawei, model("RRU3959")}).attributes,
      (Attributes{{"certified", "true"}, {"certified_by", "TTA"}, {"tested_on", "2013-12-01"}}));
  EXPECT_EQ(
      net.models.at({nokia, model("Cloud Mobility Manager")}).attributes,
      (Attributes{{"certified", "true"}, {"certified_by", "BSI"}, {"tested_on", "2021-06-30"}}));
  // The element's (vendor, model) finds its evidence.
  const Elements& e = net.elements;
  EXPECT_EQ(net.models.count({e.vendor[0], e.model[0]}), 1u);
  EXPECT_EQ(net.models.count({e.vendor[2], e.model[2]}), 0u);
  const std::uint32_t maker = vendor_id(net, "Unknown Maker");
  EXPECT_FALSE(net.vendors.get(maker).known);
  EXPECT_EQ(net.models.at({maker, model("Widget")}).attributes,
            (Attributes{{"certified", "true"}}));
}

TEST_F(FullBundle, WarningsForUnknownVendors) {
  const auto& w = bundle_.warnings.warnings();
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].to_string(), path_of(dir_, "models.csv") +
                                  ":5:1: vendor 'Unknown Maker' is not in the registry (kept as "
                                  "written)");
  EXPECT_EQ(w[1].to_string(), path_of(dir_, "elements.csv") +
                                  ":7:7: vendor 'SOLiD Inc' matches no registry entry or alias "
                                  "(kept as written)");
  EXPECT_TRUE(bundle_.warnings.errors().empty());
}

TEST_F(FullBundle, LinksHaveACompressedAdjacency) {
  const Links& l = bundle_.network.links;
  ASSERT_EQ(l.size(), 5u);
  EXPECT_EQ(l.from, (Column<std::uint32_t>{0, 1, 2, 2, 5}));
  EXPECT_EQ(l.to, (Column<std::uint32_t>{2, 2, 3, 4, 2}));
  EXPECT_EQ(l.out_offsets, (Column<std::uint32_t>{0, 1, 2, 4, 4, 4, 5, 5, 5}));
  EXPECT_EQ(l.out_targets, (Column<std::uint32_t>{2, 2, 3, 4, 2}));
}

TEST_F(FullBundle, Zones) {
  const auto& zones = bundle_.network.zones;
  ASSERT_EQ(zones.size(), 3u);

  const Zone& point = zones[0];
  EXPECT_EQ(point.id, "z-point");
  EXPECT_EQ(point.name, "Yongsan");
  EXPECT_EQ(point.category, "military");
  EXPECT_TRUE(point.is_point);
  EXPECT_DOUBLE_EQ(point.point.lon, 126.978);
  EXPECT_DOUBLE_EQ(point.point.lat, 37.5326);
  EXPECT_TRUE(point.polygons.empty());
  EXPECT_EQ(point.properties.at("radius_m"), "500");
  EXPECT_EQ(point.properties.at("active"), "true");
  EXPECT_EQ(point.properties.at("note"), "");
  EXPECT_EQ(point.properties.at("zone_id"), "z-point");
  EXPECT_EQ(point.properties.size(), 6u);

  const Zone& poly = zones[1];
  EXPECT_EQ(poly.id, "z-poly");
  EXPECT_EQ(poly.name, "Camp");
  EXPECT_FALSE(poly.is_point);
  ASSERT_EQ(poly.polygons.size(), 1u);
  ASSERT_EQ(poly.polygons[0].size(), 2u);  // outer ring and one hole
  const Ring& outer = poly.polygons[0][0];
  ASSERT_EQ(outer.size(), 5u);
  EXPECT_DOUBLE_EQ(outer[1].lon, 127.1);
  EXPECT_DOUBLE_EQ(outer[1].lat, 36.9);
  EXPECT_DOUBLE_EQ(outer[4].lon, outer[0].lon);
  EXPECT_DOUBLE_EQ(outer[4].lat, outer[0].lat);
  const Ring& hole = poly.polygons[0][1];
  ASSERT_EQ(hole.size(), 4u);
  EXPECT_DOUBLE_EQ(hole[2].lon, 127.04);
  EXPECT_DOUBLE_EQ(hole[2].lat, 36.94);

  const Zone& multi = zones[2];
  EXPECT_EQ(multi.id, "z-multi");
  EXPECT_EQ(multi.category, "government");
  EXPECT_FALSE(multi.is_point);
  ASSERT_EQ(multi.polygons.size(), 2u);
  ASSERT_EQ(multi.polygons[0].size(), 1u);
  EXPECT_EQ(multi.polygons[0][0].size(), 4u);
  ASSERT_EQ(multi.polygons[1].size(), 2u);
  EXPECT_EQ(multi.polygons[1][0].size(), 5u);
  EXPECT_EQ(multi.polygons[1][1].size(), 4u);
  EXPECT_DOUBLE_EQ(multi.polygons[1][1][1].lon, 128.1);
  EXPECT_DOUBLE_EQ(multi.polygons[1][1][1].lat, 36.05);
}

TEST_F(FullBundle, FilesAreListedInReadingOrder) {
  const auto& files = bundle_.files;
  ASSERT_EQ(files.size(), 6u);
  const Strings names = {"vendors.csv",  "models.csv", "sites.csv",
                         "elements.csv", "links.csv",  "zones.geojson"};
  for (std::size_t i = 0; i < files.size(); ++i) {
    EXPECT_EQ(files[i].name, names[i]);
    EXPECT_EQ(files[i].sha256.size(), 64u);
  }
  EXPECT_EQ(files[2].bytes, kFullSites.size());
  EXPECT_EQ(files[3].bytes, kFullElements.size());
  EXPECT_EQ(files[5].bytes, kFullZones.size());
}

TEST(BundleLoader, MinimalBundleHashesItsFiles) {
  TempDir dir;
  write_bundle(dir, {{"sites.csv", kSites}, {"elements.csv", kElements}});
  const LoadedBundle b = load_bundle(dir.str());
  ASSERT_EQ(b.files.size(), 2u);
  EXPECT_EQ(b.files[0].name, "sites.csv");
  EXPECT_EQ(b.files[0].bytes, 64u);
  EXPECT_EQ(b.files[0].sha256, "10ce98399db9d5d51d64e2efe27d6213a3fbc9c1285b2e3ce4bfeccc5a05b099");
  EXPECT_EQ(b.files[1].name, "elements.csv");
  EXPECT_EQ(b.files[1].bytes, 67u);
  EXPECT_EQ(b.files[1].sha256, "63f770404e2be7aaa11fc1041b2a75708213d35dde895c15e3402aa5a57680fc");
  EXPECT_EQ(b.network.sites.size(), 2u);
  EXPECT_EQ(b.network.elements.size(), 2u);
  EXPECT_EQ(b.network.links.size(), 0u);
  EXPECT_EQ(b.network.links.out_offsets, (Column<std::uint32_t>{0, 0, 0}));
  EXPECT_TRUE(b.network.zones.empty());
  EXPECT_TRUE(b.network.models.empty());
  EXPECT_TRUE(b.warnings.warnings().empty());
  // Unhashed, for a command that names no input by its hash: the same files, no digest.
  BundleOptions unhashed;
  unhashed.hash_files = false;
  const LoadedBundle u = load_bundle(dir.str(), unhashed);
  ASSERT_EQ(u.files.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(u.files[i].name, b.files[i].name);
    EXPECT_EQ(u.files[i].bytes, b.files[i].bytes);
    EXPECT_EQ(u.files[i].sha256, "");
  }
  EXPECT_EQ(u.network.elements.size(), 2u);
}

TEST(BundleLoader, BomAndCrlfAreAccepted) {
  TempDir dir;
  write_bundle(dir, {{"sites.csv", "\xEF\xBB\xBFsite_id,operator,lat,lon\r\nS1,A,1,2\r\n"},
                     {"elements.csv",
                      "\xEF\xBB\xBF"
                      "element_id,site_id,vendor,domain\r\nE1,S1,ZTE,core\r\n"}});
  const LoadedBundle b = load_bundle(dir.str());
  ASSERT_EQ(b.network.elements.size(), 1u);
  EXPECT_EQ(b.network.vendor_name(0), "ZTE");
  EXPECT_EQ(b.network.site_operator(0), "A");
}

// ---------------------------------------------------------------- unknown vendors

TEST(BundleLoader, UnknownVendorsAreWarningsAndKeptAsWritten) {
  TempDir dir;
  write_bundle(dir, {{"sites.csv", kSites},
                     {"elements.csv",
                      "element_id,site_id,vendor,domain\n"
                      "E1,S1,SOLiD Inc,ran\n"
                      "E2,S1,SOLID INC.,ran\n"
                      "E3,S2,Acme,core\n"
                      "E4,S2,SOLiD Inc,ran\n"
                      "E5,S2,Huawei,ran\n"}});
  const LoadedBundle b = load_bundle(dir.str());
  const Network& net = b.network;
  ASSERT_EQ(net.elements.size(), 5u);
  EXPECT_EQ(net.vendor_name(0), "SOLiD Inc");
  EXPECT_EQ(net.vendor_name(1), "SOLiD Inc");
  EXPECT_EQ(net.vendor_name(2), "Acme");
  EXPECT_EQ(net.vendor_name(3), "SOLiD Inc");
  EXPECT_EQ(net.vendor_name(4), "Huawei");
  EXPECT_FALSE(net.vendors.get(net.elements.vendor[0]).known);
  EXPECT_FALSE(net.vendors.get(net.elements.vendor[2]).known);
  // One warning per unknown vendor, at the first row naming it.
  const auto& w = b.warnings.warnings();
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].to_string(),
            path_of(dir, "elements.csv") +
                ":2:7: vendor 'SOLiD Inc' matches no registry entry or alias (kept as written)");
  EXPECT_EQ(w[1].to_string(),
            path_of(dir, "elements.csv") +
                ":4:7: vendor 'Acme' matches no registry entry or alias (kept as written)");
  using Spellings = std::vector<std::pair<std::string, std::size_t>>;
  EXPECT_EQ(b.vendor_spellings[net.elements.vendor[0]],
            (Spellings{{"SOLiD Inc", 2}, {"SOLID INC.", 1}}));
}

TEST(BundleLoader, VendorWithoutLettersIsKeptAsWritten) {
  TempDir dir;
  write_bundle(dir, {{"sites.csv", kSites},
                     {"elements.csv",
                      "element_id,site_id,vendor,domain\n"
                      "E1,S1,-,ran\n"
                      "E2,S1,?,ran\n"
                      "E3,S2,-,core\n"}});
  const LoadedBundle b = load_bundle(dir.str());
  const Network& net = b.network;
  ASSERT_EQ(net.elements.size(), 3u);
  EXPECT_EQ(net.vendor_name(0), "-");
  EXPECT_EQ(net.vendor_name(1), "?");
  EXPECT_EQ(net.elements.vendor[0], net.elements.vendor[2]);
  EXPECT_NE(net.elements.vendor[0], net.elements.vendor[1]);
  using Spellings = std::vector<std::pair<std::string, std::size_t>>;
  EXPECT_EQ(b.vendor_spellings[net.elements.vendor[0]], (Spellings{{"-", 2}}));
  EXPECT_EQ(b.vendor_spellings[net.elements.vendor[1]], (Spellings{{"?", 1}}));
  EXPECT_EQ(b.warnings.warnings().size(), 2u);
}

TEST(BundleLoader, VendorsCsvMakesANameKnown) {
  TempDir dir;
  write_bundle(dir, {{"sites.csv", kSites},
                     {"elements.csv",
                      "element_id,site_id,vendor,domain\n"
                      "E1,S1,SOLiD Inc,ran\n"
                      "E2,S1,SOLiD Technologies,ran\n"},
                     {"vendors.csv", "vendor,country\nSOLiD,KR\n"}});
  const LoadedBundle b = load_bundle(dir.str());
  EXPECT_EQ(b.network.vendor_name(0), "SOLiD");
  EXPECT_EQ(b.network.vendor_name(1), "SOLiD");
  EXPECT_TRUE(b.network.vendors.get(b.network.elements.vendor[0]).known);
  EXPECT_EQ(b.network.vendors.get(b.network.elements.vendor[0]).country, "KR");
  EXPECT_TRUE(b.warnings.warnings().empty());
}

TEST(BundleLoader, VendorsCsvAliasNamingAnotherVendorIsIgnoredWithAWarning) {
  TempDir dir;
  write_bundle(dir, {{"sites.csv", kSites},
                     {"elements.csv",
                      "element_id,site_id,vendor,domain\n"
                      "E1,S1,Ericsson AB,ran\n"
                      "E2,S1,Nokia Oyj,ran\n"},
                     {"vendors.csv", "vendor,aliases\nNokia,Ericsson AB;Nokia Oyj\n"}});
  const LoadedBundle b = load_bundle(dir.str());
  EXPECT_EQ(b.network.vendor_name(0), "Ericsson");
  EXPECT_EQ(b.network.vendor_name(1), "Nokia");
  ASSERT_EQ(b.warnings.warnings().size(), 1u);
  EXPECT_EQ(b.warnings.warnings()[0].to_string(),
            path_of(dir, "vendors.csv") +
                ":2:7: alias 'Ericsson AB' already names Ericsson (ignored for Nokia)");
}

// ---------------------------------------------------------------- refused bundles

TEST(BundleLoader, RefusedBundleThrowsInputError) {
  TempDir dir;
  write_bundle(dir, {{"sites.csv", kSites}, {"elements.csv", kElements + "E3,S1,Huawei,radio\n"}});
  EXPECT_THROW(load_bundle(dir.str()), InputError);
  try {
    load_bundle(dir.str());
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              path_of(dir, "elements.csv") +
                  ":4:14: unknown domain 'radio' (expected ran, transport, core, oss or other)");
    EXPECT_TRUE(e.diagnostics().warnings().empty());
  }
}

TEST(BundleLoader, DuplicateSiteId) {
  TempDir dir;
  const auto errors = errors_with(dir, {{"sites.csv", kSites + "S1,Gamma,36.0,128.0\n"}});
  EXPECT_EQ(errors,
            (Strings{path_of(dir, "sites.csv") +
                     ":4:1: duplicate site_id 'S1' (first on line 2; expected unique ids)"}));
}

TEST(BundleLoader, DuplicateSiteIdAfterAMultiLineField) {
  TempDir dir;
  const auto errors = errors_with(
      dir, {{"sites.csv",
             "site_id,operator,lat,lon\nS1,\"Alpha\nOne\",1,2\nS2,Beta,1,2\n  S2 ,Beta,1,2\n"}});
  EXPECT_EQ(errors,
            (Strings{path_of(dir, "sites.csv") +
                     ":5:1: duplicate site_id 'S2' (first on line 4; expected unique ids)"}));
}

TEST(BundleLoader, DuplicateElementId) {
  TempDir dir;
  const auto errors = errors_with(dir, {{"elements.csv", kElements + "E1,S2,Nokia,ran\n"}});
  EXPECT_EQ(errors,
            (Strings{path_of(dir, "elements.csv") +
                     ":4:1: duplicate element_id 'E1' (first on line 2; expected unique ids)"}));
}

TEST(BundleLoader, DanglingSiteId) {
  TempDir dir;
  const auto errors = errors_with(dir, {{"elements.csv", kElements + "E3,S9,Nokia,ran\n"}});
  EXPECT_EQ(errors,
            (Strings{path_of(dir, "elements.csv") +
                     ":4:4: site_id 'S9' is not in sites.csv (expected an existing site)"}));
}

TEST(BundleLoader, DanglingLinkEnds) {
  TempDir dir;
  const auto errors =
      errors_with(dir, {{"links.csv", "from,to\nE1,E2\nE9,E1\nE1,E404\n,E2\nE7,E8\n"}});
  const std::string f = path_of(dir, "links.csv");
  EXPECT_EQ(errors,
            (Strings{f + ":3:1: link end 'E9' is not in elements.csv (expected an existing "
                         "element_id)",
                     f + ":4:4: link end 'E404' is not in elements.csv (expected an existing "
                         "element_id)",
                     f + ":5:1: empty from (expected a value)",
                     f + ":6:1: link end 'E7' is not in elements.csv (expected an existing "
                         "element_id)",
                     f + ":6:4: link end 'E8' is not in elements.csv (expected an existing "
                         "element_id)"}));
}

TEST(BundleLoader, LatitudeAndLongitudeOutOfRange) {
  TempDir dir;
  const auto errors = errors_with(dir, {{"sites.csv",
                                         "site_id,operator,lat,lon\n"
                                         "S1,Alpha,90.5,127.0\n"
                                         "S2,Beta,-91,129.0\n"
                                         "S3,Beta,35,180.01\n"
                                         "S4,Beta,35,-200\n"
                                         "S5,Beta,-90,-180\n"},
                                        {"elements.csv", kNoElements}});
  const std::string f = path_of(dir, "sites.csv");
  EXPECT_EQ(errors, (Strings{f + ":2:10: lat 90.5 is out of range (expected -90 to 90)",
                             f + ":3:9: lat -91 is out of range (expected -90 to 90)",
                             f + ":4:12: lon 180.01 is out of range (expected -180 to 180)",
                             f + ":5:12: lon -200 is out of range (expected -180 to 180)"}));
}

TEST(BundleLoader, NumbersThatAreNotNumbers) {
  TempDir dir;
  const auto errors = errors_with(dir, {{"sites.csv",
                                         "site_id,operator,lat,lon,population\n"
                                         "S1,Alpha,north,127.0,\n"
                                         "S2,Beta,,129.0,\n"
                                         "S3,Beta,1.2.3,0x10,\n"
                                         "S4,Beta,+-5,1,\n"
                                         "S5,Beta,1,2,-3\n"
                                         "S6,Beta,1,2,many\n"},
                                        {"elements.csv", kNoElements}});
  const std::string f = path_of(dir, "sites.csv");
  EXPECT_EQ(
      errors,
      (Strings{f + ":2:10: lat 'north' is not a number (expected a finite decimal number)",
               f + ":3:9: empty lat (expected a number)",
               f + ":4:9: lat '1.2.3' is not a number (expected a finite decimal number)",
               f + ":4:15: lon '0x10' is not a number (expected a finite decimal number)",
               f + ":5:9: lat '+-5' is not a number (expected a finite decimal number)",
               f + ":6:13: population -3 is out of range (expected 0 to 1e+12)",
               f + ":7:13: population 'many' is not a number (expected a finite decimal number)"}));
}

TEST(BundleLoader, NanAndInfinityAreRefused) {
  TempDir dir;
  const auto errors = errors_with(dir, {{"sites.csv",
                                         "site_id,operator,lat,lon,population\n"
                                         "S1,Alpha,nan,inf,\n"
                                         "S2,Beta,1,-Infinity,NaN\n"
                                         "S3,Beta,1,2,1e999\n"
                                         "S4,Beta,1,2,3\n"},
                                        {"elements.csv",
                                         "element_id,site_id,vendor,domain,traffic,replace_cost\n"
                                         "E1,S4,Nokia,ran,nan,inf\n"}});
  const std::string s = path_of(dir, "sites.csv"), e = path_of(dir, "elements.csv");
  const std::string nan = " is not a number (expected a finite decimal number)";
  EXPECT_EQ(errors,
            (Strings{s + ":2:10: lat 'nan'" + nan, s + ":2:14: lon 'inf'" + nan,
                     s + ":3:11: lon '-Infinity'" + nan, s + ":3:21: population 'NaN'" + nan,
                     s + ":4:13: population '1e999'" + nan, e + ":2:17: traffic 'nan'" + nan,
                     e + ":2:21: replace_cost 'inf'" + nan}));
}

TEST(BundleLoader, ElementNumbersOutOfRange) {
  TempDir dir;
  const auto errors =
      errors_with(dir, {{"elements.csv",
                         "element_id,site_id,vendor,domain,azimuth,beamwidth,range_m,traffic\n"
                         "E1,S1,Nokia,ran,361,0,0,0\n"
                         "E2,S1,Nokia,ran,0,-1,2000000,-0.5\n"}});
  const std::string e = path_of(dir, "elements.csv");
  EXPECT_EQ(errors, (Strings{e + ":2:17: azimuth 361 is out of range (expected 0 to 360)",
                             e + ":3:19: beamwidth -1 is out of range (expected 0 to 360)",
                             e + ":3:22: range_m 2000000 is out of range (expected 0 to 1e+06)",
                             e + ":3:30: traffic -0.5 is out of range (expected 0 to 1e+15)"}));
}

TEST(BundleLoader, UnknownDomainAndEmptyRequiredFields) {
  TempDir dir;
  const auto errors = errors_with(dir, {{"elements.csv", kElements + "E3,S1,Huawei,radio\n"
                                                                     "E4,S1,Huawei,\n"
                                                                     ",S1,Huawei,ran\n"
                                                                     "E6,,,ran\n"}});
  const std::string e = path_of(dir, "elements.csv");
  EXPECT_EQ(
      errors,
      (Strings{e + ":4:14: unknown domain 'radio' (expected ran, transport, core, oss or other)",
               e + ":5:14: empty domain (expected a value)",
               e + ":6:1: empty element_id (expected a value)",
               e + ":7:4: empty site_id (expected a value)",
               e + ":7:5: empty vendor (expected a value)"}));
}

TEST(BundleLoader, UnknownSiteKind) {
  TempDir dir;
  const auto errors = errors_with(dir, {{"sites.csv",
                                         "site_id,operator,lat,lon,kind\n"
                                         "S1,Alpha,37.5,127.0,tower\n"
                                         "S2,Beta,35.1,129.0,Macro\n"},
                                        {"elements.csv", kNoElements}});
  EXPECT_EQ(errors, (Strings{path_of(dir, "sites.csv") +
                             ":2:21: unknown site kind 'tower' (expected macro, small, indoor, "
                             "aggregation, core_dc or exchange)"}));
}

TEST(BundleLoader, BadDates) {
  TempDir dir;
  const auto errors = errors_with(dir, {{"elements.csv",
                                         "element_id,site_id,vendor,domain,installed\n"
                                         "E1,S1,Huawei,ran,2021-02-30\n"
                                         "E2,S1,Huawei,ran,2021/01/05\n"
                                         "E3,S1,Huawei,ran,21-01-05\n"
                                         "E4,S1,Huawei,ran,2024-02-29\n"}});
  const std::string e = path_of(dir, "elements.csv");
  EXPECT_EQ(errors,
            (Strings{e + ":2:18: installed '2021-02-30' is not a date (expected YYYY-MM-DD)",
                     e + ":3:18: installed '2021/01/05' is not a date (expected YYYY-MM-DD)",
                     e + ":4:18: installed '21-01-05' is not a date (expected YYYY-MM-DD)"}));
}

TEST(BundleLoader, MissingRequiredColumns) {
  TempDir dir;
  const auto errors = errors_with(dir, {{"sites.csv", "site_id,operator,lat\nS1,Alpha,37.5\n"},
                                        {"elements.csv", "element_id,site_id,model\n"},
                                        {"links.csv", "from,target\n"}});
  EXPECT_EQ(errors,
            (Strings{path_of(dir, "sites.csv") + ":1:1: missing required column 'lon'",
                     path_of(dir, "elements.csv") + ":1:1: missing required column 'vendor'",
                     path_of(dir, "elements.csv") + ":1:1: missing required column 'domain'",
                     path_of(dir, "links.csv") + ":1:1: missing required column 'to'"}));
}

TEST(BundleLoader, MissingRequiredFiles) {
  TempDir dir;
  write_bundle(dir, {{"elements.csv", kNoElements}});
  EXPECT_EQ(load_errors(dir),
            (Strings{path_of(dir, "sites.csv") + ": missing (a bundle needs sites.csv)"}));
  TempDir empty;
  EXPECT_EQ(load_errors(empty),
            (Strings{path_of(empty, "sites.csv") + ": missing (a bundle needs sites.csv)",
                     path_of(empty, "elements.csv") + ": missing (a bundle needs elements.csv)"}));
}

TEST(BundleLoader, EmptyRequiredFile) {
  TempDir dir;
  const auto errors = errors_with(dir, {{"sites.csv", ""}, {"elements.csv", kNoElements}});
  EXPECT_EQ(errors,
            (Strings{path_of(dir, "sites.csv") + ":1:1: empty file (expected a header line)"}));
}

TEST(BundleLoader, BundleDirectoryMustExist) {
  TempDir dir;
  const std::string missing = (dir.path() / "nope").string();
  try {
    load_bundle(missing);
    FAIL() << "accepted a missing directory";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().errors().size(), 1u);
    const Diagnostic& d = e.diagnostics().errors()[0];
    EXPECT_EQ(d.file, missing);
    EXPECT_EQ(d.line, 0u);
    EXPECT_EQ(d.message, "does not exist (expected a bundle directory)");
    EXPECT_EQ(std::string(e.what()), missing + ": does not exist (expected a bundle directory)");
  }
  const std::string file = (dir.path() / "plain.txt").string();
  dir.write("plain.txt", "not a bundle\n");
  try {
    load_bundle(file);
    FAIL() << "accepted a file";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), file + ": is not a directory (expected a bundle directory)");
  }
}

TEST(BundleLoader, BundleFileThatIsADirectory) {
  TempDir dir;
  write_bundle(dir, {{"elements.csv", kNoElements}});
  std::filesystem::create_directory(dir.path() / "sites.csv");
  EXPECT_EQ(load_errors(dir),
            (Strings{path_of(dir, "sites.csv") + ": is a directory (expected a file)"}));
}

TEST(BundleLoader, InvalidUtf8InAFile) {
  TempDir dir;
  const auto errors =
      errors_with(dir, {{"sites.csv", "site_id,operator,lat,lon\nS1,Op\xE9ra,1,2\n"},
                        {"elements.csv", kNoElements}});
  EXPECT_EQ(errors, (Strings{path_of(dir, "sites.csv") +
                             ":2:6: invalid UTF-8 byte sequence (expected UTF-8 text)"}));
}

TEST(BundleLoader, CsvSyntaxErrorsCarryTheFileName) {
  TempDir dir;
  const auto errors = errors_with(dir, {{"links.csv", "from,to\nE1,\"E2\nE2,E1\n"}});
  EXPECT_EQ(errors, (Strings{path_of(dir, "links.csv") +
                             ":2:4: quoted field is never closed (expected a closing '\"')"}));
}

TEST(BundleLoader, DuplicateModelRow) {
  TempDir dir;
  const auto errors = errors_with(dir, {{"models.csv",
                                         "vendor,model,certified\n"
                                         "Huawei,AAU5613,true\n"
                                         "Nokia,AAU5613,true\n"
                                         "\"HUAWEI TECHNOLOGIES CO., LTD.\",AAU5613,false\n"}});
  EXPECT_EQ(errors,
            (Strings{path_of(dir, "models.csv") +
                     ":4:33: duplicate model 'AAU5613' of Huawei (first on line 2; expected one "
                     "row per model)"}));
}

TEST(BundleLoader, BadVendorsCsv) {
  TempDir dir;
  const auto errors = errors_with(
      dir, {{"vendors.csv", "vendor,country\nAcme,US\n,DE\n"}, {"models.csv", "model\nX\n"}});
  EXPECT_EQ(errors,
            (Strings{path_of(dir, "vendors.csv") + ":3:1: empty vendor (expected a value)",
                     path_of(dir, "models.csv") + ":1:1: missing required column 'vendor'"}));
}

// ---------------------------------------------------------------- zones.geojson

std::vector<std::string> zone_errors(const TempDir& dir, const std::string& geojson) {
  return errors_with(dir, {{"zones.geojson", geojson}});
}

TEST(BundleLoaderZones, SyntaxErrorIsLocated) {
  TempDir dir;
  const std::string f = path_of(dir, "zones.geojson");
  // A trailing comma: the unexpected ']' is reported where it stands.
  EXPECT_EQ(zone_errors(dir, R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"zone_id": "z1"}, "geometry": {"type": "Point", "coordinates": [127.0, 37.5,]}}
]}
)"),
            (Strings{f + ":2:114: malformed JSON: syntax error while parsing value - unexpected "
                         "']'; expected '[', '{', or a literal"}));
  // A missing comma: reported at the last byte of the unexpected token.
  EXPECT_EQ(zone_errors(dir, R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"zone_id": "z1"}, "geometry": {"type": "Point", "coordinates": [127.0, 37.5]}},
  {"type": "Feature" "properties": {}}
]}
)"),
            (Strings{f + ":3:33: malformed JSON: syntax error while parsing object - unexpected "
                         "string literal; expected '}'"}));
  // A document cut short.
  EXPECT_EQ(zone_errors(dir, "{\"type\": \"FeatureCollection\", \"features\": [\n"),
            (Strings{f + ":2:1: malformed JSON: syntax error while parsing value - unexpected "
                         "end of input; expected '[', '{', or a literal"}));
}

TEST(BundleLoaderZones, SyntaxErrorsInSkippedValuesAndTrailingContent) {
  TempDir dir;
  const std::string f = path_of(dir, "zones.geojson");
  // A member the reader does not use is still checked.
  EXPECT_EQ(zone_errors(dir, R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"zone_id": "z1", "x": [1 2]}, "geometry": {"type": "Point", "coordinates": [127.0, 37.5]}}
]}
)"),
            (Strings{f + ":2:63: malformed JSON: syntax error while parsing array - unexpected "
                         "number literal; expected ']'"}));
  // A second document after the FeatureCollection.
  EXPECT_EQ(zone_errors(dir, R"({"type": "FeatureCollection", "features": []}
{"x": 1}
)"),
            (Strings{f + ":2:1: malformed JSON: syntax error while parsing value - unexpected '{'; "
                         "expected end of input"}));
}

TEST(BundleLoaderZones, ByteOrderMarkIsAccepted) {
  TempDir dir;
  write_bundle(dir,
               {{"sites.csv", kSites},
                {"elements.csv", kElements},
                {"zones.geojson",
                 "\xEF\xBB\xBF{\"type\": \"FeatureCollection\", \"features\": [{\"type\": "
                 "\"Feature\", \"properties\": {\"zone_id\": \"z1\"}, \"geometry\": {\"type\": "
                 "\"Point\", \"coordinates\": [127.0, 37.5]}}]}\n"}});
  const LoadedBundle b = load_bundle(dir.str());
  ASSERT_EQ(b.network.zones.size(), 1u);
  EXPECT_EQ(b.network.zones[0].id, "z1");
  // Columns on the first line count the mark's three bytes.
  EXPECT_EQ(zone_errors(dir, "\xEF\xBB\xBF{\"type\": \"FeatureCollection\", \"features\": [}\n"),
            (Strings{path_of(dir, "zones.geojson") +
                     ":1:47: malformed JSON: syntax error while parsing value - unexpected '}'; "
                     "expected '[', '{', or a literal"}));
}

TEST(BundleLoaderZones, DuplicateZoneId) {
  TempDir dir;
  EXPECT_EQ(zone_errors(dir, R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"zone_id": "z1"}, "geometry": {"type": "Point", "coordinates": [127.0, 37.5]}},
  {"type": "Feature", "properties": {"zone_id": "z1"}, "geometry": {"type": "Point", "coordinates": [127.1, 37.6]}}
]}
)"),
            (Strings{path_of(dir, "zones.geojson") +
                     ":3:49: duplicate zone_id 'z1' (expected unique ids)"}));
}

TEST(BundleLoaderZones, MissingZoneIdAndGeometry) {
  TempDir dir;
  const std::string f = path_of(dir, "zones.geojson");
  EXPECT_EQ(
      zone_errors(dir, R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"zone_id": "z1"}, "geometry": {"type": "Point", "coordinates": [127.0, 37.5]}},
    {"type": "Feature", "properties": {"name": "Camp"}, "geometry": {"type": "Point", "coordinates": [127.1, 37.6]}},
  {"type": "Feature", "properties": {"zone_id": ""}, "geometry": {"type": "Point", "coordinates": [127.1, 37.6]}},
 {"type": "Feature", "properties": {"zone_id": "z4"}}
]}
)"),
      (Strings{f + ":3:5: feature has no properties.zone_id (expected a unique id)",
               f + ":4:49: zone_id: expected a non-empty string",
               f + ":5:2: feature has no geometry (expected Point, Polygon or MultiPolygon)"}));
}

TEST(BundleLoaderZones, UnsupportedGeometryType) {
  TempDir dir;
  EXPECT_EQ(zone_errors(dir, R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"zone_id": "z1"},
   "geometry": {"type": "LineString", "coordinates": [[127.0, 37.5], [127.1, 37.6]]}}
]}
)"),
            (Strings{path_of(dir, "zones.geojson") +
                     ":3:16: geometry type 'LineString' is not supported (expected Point, Polygon "
                     "or MultiPolygon)"}));
}

TEST(BundleLoaderZones, UnclosedRingInAMultiPolygonHole) {
  TempDir dir;
  EXPECT_EQ(zone_errors(dir, R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"zone_id": "z1"},
   "geometry": {"type": "MultiPolygon", "coordinates": [
     [[[127.0, 37.0], [127.1, 37.0], [127.1, 37.1], [127.0, 37.0]]],
     [[[128.0, 36.0], [128.2, 36.0], [128.2, 36.2], [128.0, 36.0]],
      [[128.05, 36.05], [128.1, 36.05], [128.1, 36.1], [128.06, 36.05]]]]}}
]}
)"),
            (Strings{path_of(dir, "zones.geojson") +
                     ":6:7: linear ring is not closed (expected first and last positions equal)"}));
}

TEST(BundleLoaderZones, BadCoordinates) {
  TempDir dir;
  const std::string f = path_of(dir, "zones.geojson");
  EXPECT_EQ(
      zone_errors(dir, R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"zone_id": "z2"}, "geometry": {"type": "Point", "coordinates": [37.5, 127.0]}},
  {"type": "Feature", "properties": {"zone_id": "z3"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}},
  {"type": "Feature", "properties": {"zone_id": "z4"}, "geometry": {"type": "Point", "coordinates": "127,37"}},
  {"type": "Feature", "properties": {"zone_id": "z5"}, "geometry": {"type": "Point", "coordinates": [127.0, "37.5"]}},
  {"type": "Feature", "properties": {"zone_id": "z6"}, "geometry": {"type": "Point", "coordinates": [127.0, 37.5]}}
]}
)"),
      (Strings{f + ":2:101: latitude out of range (expected -90 to 90; GeoJSON is [lon, lat])",
               f + ":3:104: linear ring has fewer than 4 positions (expected a closed ring)",
               f + ":4:101: coordinates: expected an array",
               f + ":5:109: expected a number in a position [lon, lat]"}));
}

TEST(BundleLoaderZones, NotAFeatureCollection) {
  TempDir dir;
  EXPECT_EQ(
      zone_errors(dir, "{\"type\": \"Feature\", \"features\": []}\n"),
      (Strings{path_of(dir, "zones.geojson") + ":1:10: expected \"type\": \"FeatureCollection\""}));
  EXPECT_EQ(zone_errors(dir, "[]\n"),
            (Strings{path_of(dir, "zones.geojson") +
                     ":1:1: expected a GeoJSON FeatureCollection object"}));
}

// ---------------------------------------------------------------- several problems

TEST(BundleLoader, ErrorsInEveryFileAreAllReported) {
  TempDir dir;
  write_bundle(dir, {{"vendors.csv", "vendor,country\nAcme,US\n,DE\n"},
                     {"models.csv", "vendor,model\nNokia,X\nNokia,X\n"},
                     {"sites.csv", kSites + "S3,Gamma,135.1,129.0\n"},
                     {"elements.csv", kElements + "E3,S1,Huawei,radio\n"
                                                  "E4,S3,Nokia,core\n"
                                                  "E5,S1,Nokia,core\n"},
                     {"links.csv", "from,to\nE5,E1\nE5,E7\n"},
                     {"zones.geojson",
                      R"({"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"zone_id": "z"}, "geometry": {"type": "Point", "coordinates": [1, 2]}},
{"type": "Feature", "properties": {"zone_id": "z"}, "geometry": {"type": "Point", "coordinates": [1, 2]}}]}
)"}});
  EXPECT_EQ(
      load_errors(dir),
      (Strings{
          path_of(dir, "vendors.csv") + ":3:1: empty vendor (expected a value)",
          path_of(dir, "models.csv") +
              ":3:7: duplicate model 'X' of Nokia (first on line 2; expected one row per "
              "model)",
          path_of(dir, "sites.csv") + ":4:10: lat 135.1 is out of range (expected -90 to 90)",
          path_of(dir, "elements.csv") +
              ":4:14: unknown domain 'radio' (expected ran, transport, core, oss or other)",
          path_of(dir, "elements.csv") +
              ":5:4: site_id 'S3' is on line 4 of sites.csv, which was refused (see the error "
              "reported there)",
          path_of(dir, "links.csv") +
              ":3:4: link end 'E7' is not in elements.csv (expected an existing element_id)",
          path_of(dir, "zones.geojson") + ":3:47: duplicate zone_id 'z' (expected unique ids)",
      }));
}

TEST(BundleLoader, ErrorsStopAtTheLimitAndTheRestAreCounted) {
  TempDir dir;
  std::string sites = "site_id,operator,lat,lon\n";
  for (int i = 0; i < 150; ++i) {
    sites += 'S';
    sites += std::to_string(i);
    sites += ",Op,91,0\n";
  }
  write_bundle(dir, {{"sites.csv", sites}, {"elements.csv", kNoElements}});
  try {
    load_bundle(dir.str());
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics().errors().size(), Diagnostics::kMaxErrors);
    EXPECT_EQ(e.diagnostics().suppressed_errors(), 50u);
    EXPECT_EQ(e.diagnostics().errors().back().to_string(),
              path_of(dir, "sites.csv") + ":101:8: lat 91 is out of range (expected -90 to 90)");
    EXPECT_EQ(std::string(e.what()),
              path_of(dir, "sites.csv") + ":2:7: lat 91 is out of range (expected -90 to 90)");
  }
}

// The errors that loading `dir` on `threads` threads reports, as printed.
std::vector<std::string> errors_loading(const std::string& dir, unsigned threads) {
  std::vector<std::string> out;
  try {
    load_bundle(dir, BundleOptions{"", threads});
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics().errors()) out.push_back(d.to_string());
  }
  return out;
}

// links.csv is resolved on several threads when its rows are good: the same links as
// read row by row; and when a row is bad, the same errors in the same order.
TEST(BundleLoader, LinksResolvedInParallelEqualThoseReadRowByRow) {
  TempDir dir;
  std::string elements = "element_id,site_id,vendor,domain\n", links = "from,to\n";
  constexpr int kElements = 20000, kLinks = 50000;  // several chunks of lookups
  for (int i = 0; i < kElements; ++i) elements += "E" + std::to_string(i) + ",S1,Nokia,ran\n";
  Column<std::uint32_t> from, to;
  for (std::uint64_t i = 0; i < kLinks; ++i) {
    from.push_back(static_cast<std::uint32_t>((i * 7919) % kElements));
    to.push_back(static_cast<std::uint32_t>((i * 104729 + 13) % kElements));
    links += "E" + std::to_string(from.back()) + ",E" + std::to_string(to.back()) + "\n";
  }
  write_bundle(dir, {{"sites.csv", kSites}, {"elements.csv", elements}, {"links.csv", links}});
  auto load = [&](unsigned threads) { return load_bundle(dir.str(), BundleOptions{"", threads}); };
  for (unsigned threads : {1u, 2u, 3u}) {
    const LoadedBundle b = load(threads);
    EXPECT_EQ(b.network.links.from, from) << threads;
    EXPECT_EQ(b.network.links.to, to) << threads;
  }
  // A quoted field: read row by row whatever the threads.
  dir.write("links.csv", "from,to\n\"E1\",E2\n" + links.substr(8));
  EXPECT_EQ(load(2).network.links.size(), static_cast<std::size_t>(kLinks + 1));
  // Unknown and empty ends, and a row with a field too many, far apart.
  std::string bad = links;
  bad += "E1,E404404\n";
  bad.insert(8, "E3,\nE1,E2,E3\n");
  dir.write("links.csv", bad);
  auto errors = [&](unsigned threads) { return errors_loading(dir.str(), threads); };
  const std::vector<std::string> one = errors(1);
  ASSERT_EQ(one.size(), 3u);
  EXPECT_EQ(one[0], path_of(dir, "links.csv") + ":2:4: empty to (expected a value)");
  EXPECT_NE(one[2].find(":50004:4: link end 'E404404'"), std::string::npos) << one[2];
  EXPECT_EQ(errors(2), one);
}

// elements.csv is parsed on a second thread, a part of 4 MiB at a time, when it has no
// doubled quote: the same network, warnings and errors as read row by row, with
// quoted fields (commas, a line break) and bad rows in the second part.
TEST(BundleLoader, ElementsReadOnTwoThreadsEqualThoseReadRowByRow) {
  TempDir dir;
  std::string elements =
      "element_id,site_id,vendor,domain,function,model,technology,installed,azimuth,traffic\n";
  constexpr int kElements = 120000;  // about 20 MB: five parts
  for (int i = 0; i < kElements; ++i) {
    const std::string vendor = i % 7 == 0   ? "\"HUAWEI TECHNOLOGIES CO., LTD.\""
                               : i % 5 == 0 ? "Vendor" + std::to_string(i % 11)
                                            : "Nokia";
    // Every other model over two lines, most of it on the first: a part's end, a
    // line break, falls inside quotes more often than not, and must be skipped.
    const std::string model =
        i % 2 ? "\"" + std::string(200, 'M') + "\n" + std::to_string(i % 13) + "\""
              : "AAU" + std::to_string(i % 13);
    // Technologies spelt three ways: one text in the pool, in lower case.
    const char* technology = i % 3 == 0 ? ",NR," : i % 3 == 1 ? ",nr," : ",Nr,";
    elements += "E" + std::to_string(i) + (i % 2 ? ",S1," : ",S2,") + vendor + ",RAN,gNB," + model +
                technology + "2021-0" + std::to_string(1 + i % 9) + "-15," +
                std::to_string(i % 360) + "," + std::to_string(i % 100) + ".5\n";
  }
  write_bundle(dir, {{"sites.csv", kSites}, {"elements.csv", elements}});
  auto load = [&](unsigned threads) { return load_bundle(dir.str(), BundleOptions{"", threads}); };
  auto same = [](const LoadedBundle& a, const LoadedBundle& b) {
    const Elements &x = a.network.elements, &y = b.network.elements;
    ASSERT_EQ(x.size(), y.size());
    for (std::uint32_t e = 0; e < x.size(); ++e) ASSERT_EQ(x.id.get(e), y.id.get(e)) << e;
    EXPECT_EQ(x.site, y.site);
    EXPECT_EQ(x.vendor, y.vendor);
    EXPECT_EQ(x.vendor_raw, y.vendor_raw);
    EXPECT_EQ(x.function, y.function);
    EXPECT_EQ(x.model, y.model);
    EXPECT_EQ(x.technology, y.technology);
    EXPECT_EQ(x.sw_version, y.sw_version);
    EXPECT_EQ(x.installed, y.installed);
    // Texts are given their ids ahead of the pool on the parsing thread: the same pool.
    ASSERT_EQ(a.network.strings.size(), b.network.strings.size());
    for (std::uint32_t i = 0; i < a.network.strings.size(); ++i)
      ASSERT_EQ(a.network.strings.get(i), b.network.strings.get(i)) << i;
    ASSERT_EQ(x.traffic.size(), y.traffic.size());  // NaN (no traffic) equals NaN here
    EXPECT_EQ(0,
              std::memcmp(x.traffic.data(), y.traffic.data(), x.traffic.size() * sizeof(double)));
    EXPECT_EQ(a.vendor_spellings, b.vendor_spellings);
    std::vector<std::string> wa, wb;
    for (const auto& w : a.warnings.warnings()) wa.push_back(w.to_string());
    for (const auto& w : b.warnings.warnings()) wb.push_back(w.to_string());
    EXPECT_EQ(wa, wb);
  };
  const LoadedBundle one = load(1);
  ASSERT_EQ(one.network.elements.size(), static_cast<std::size_t>(kElements));
  EXPECT_EQ(one.network.strings.get(one.network.elements.model[3]), std::string(200, 'M') + "\n3");
  EXPECT_EQ(one.warnings.warnings().size(), 11u);  // Vendor0 ... Vendor10
  EXPECT_EQ(one.network.elements.technology[0], one.network.elements.technology[1]);
  EXPECT_EQ(one.network.strings.get(one.network.elements.technology[2]), "nr");
  same(load(2), one);
  same(load(3), one);

  // A duplicate id alone, in the third part.
  std::string bad = elements;
  // Replaces the record of element `id` (one line: ids that are even).
  auto replace_record = [&](const std::string& id, const std::string& with) {
    const std::size_t at = bad.find("\n" + id + ",") + 1;
    bad.replace(at, bad.find('\n', at) - at, with);
  };
  auto errors = [&](unsigned threads) { return errors_loading(dir.str(), threads); };
  replace_record("E99998", "E5,S1,Nokia,ran,,,,,,");
  dir.write("elements.csv", bad);
  const std::vector<std::string> duplicate = errors(1);
  ASSERT_EQ(duplicate.size(), 1u);
  EXPECT_EQ(errors(2), duplicate);

  // Bad rows: a date in the second part, a duplicate id and a malformed record in the
  // third, a bad number near the end.
  bad = elements;
  replace_record("E69998", "E69998,S1,Nokia,ran,,,,2021-02-30,,");
  replace_record("E99998", "E5,S1,Nokia,ran,,,,,,");
  replace_record("E100008", "E100008,S1,Nokia,ran");
  replace_record("E118998", "E118998,S2,Nokia,ran,,,,,400,");
  dir.write("elements.csv", bad);
  const std::vector<std::string> row_by_row = errors(1);
  ASSERT_EQ(row_by_row.size(), 4u);
  EXPECT_NE(row_by_row[0].find("installed '2021-02-30' is not a date"), std::string::npos)
      << row_by_row[0];
  EXPECT_NE(row_by_row[1].find("duplicate element_id 'E5'"), std::string::npos) << row_by_row[1];
  EXPECT_EQ(errors(2), row_by_row);

  // A doubled quote anywhere: read row by row whatever the threads, the same network.
  dir.write("elements.csv", elements + "E999999,S1,\"Say \"\"hi\"\"\",ran,,,,,,\n");
  same(load(2), load(1));
}

}  // namespace
}  // namespace ringfence::testing
