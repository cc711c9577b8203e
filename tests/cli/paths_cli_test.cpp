// paths, blast-radius, diff and what-if exposure end to end: exact figures on the
// crafted bundle of paths_fixture.hpp and on examples/korea-small, every format, the
// exit codes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "paths_fixture.hpp"
#include "test_support.hpp"

namespace ringfence::testing {
namespace {

using nlohmann::json;

const std::string kPathsKorea = std::string(RINGFENCE_SOURCE_DIR) + "/examples/korea-small";

RunResult rf(const std::string& args) {
  return run_command(std::string("'") + RINGFENCE_BIN + "' " + args);
}

class PathsCli : public ::testing::Test {
 protected:
  void SetUp() override { write_bundle(dir_, kPathsBundle); }
  std::string bundle() const { return "'" + dir_.str() + "'"; }
  TempDir dir_;
};

TEST_F(PathsCli, JsonSharesPerOperatorAndTheElementWithNoPath) {
  const auto r = rf("paths " + bundle() + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["measure"], "traffic");
  EXPECT_TRUE(j["origin"].is_null());
  EXPECT_EQ(j["origins"], 5);
  EXPECT_EQ(j["with_path"], 4);
  EXPECT_EQ(j["no_path_elements"], json::array({"R4"}));
  const json& a = j["groups"][0];
  EXPECT_EQ(a["group"]["operator"], "A");
  EXPECT_EQ(a["total"], 100);
  EXPECT_EQ(a["no_path"], 40);
  std::vector<std::string> vendors;
  for (const auto& v : a["vendors"]) vendors.push_back(v["vendor"]);
  EXPECT_EQ(vendors, (std::vector<std::string>{"Samsung", "ZTE", "Huawei", "Nokia", "Cisco"}));
  EXPECT_EQ(a["vendors"][0]["by_domain"],
            json::parse(R"({"ran":40,"transport":0,"core":60,"oss":0,"other":0})"));
  EXPECT_EQ(a["vendors"][2]["share"], 0.4);
  EXPECT_EQ(j["groups"][1]["group"]["operator"], "B");
}

TEST_F(PathsCli, CsvListsEveryOriginWithItsCrossings) {
  const auto r = rf("paths " + bundle() + " --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "element_id,site_id,operator,region,traffic,has_path,crosses\n"
            "R1,S1,A,North,10,true,Cisco:transport;Huawei:transport;Samsung:ran;Samsung:core\n"
            "R2,S2,A,North,20,true,Nokia:ran;Nokia:transport;Samsung:core;ZTE:transport\n"
            "R3,S3,A,South,30,true,Huawei:transport;Samsung:ran;Samsung:core;ZTE:transport\n"
            "R4,S4,A,South,40,false,\n"
            "R5,S5,B,East,50,true,Ericsson:ran;Ericsson:core\n");
}

TEST_F(PathsCli, ZoneFilteredOriginAndVendorSelection) {
  const auto r = rf("paths " + bundle() +
                    " --zones category=military --radius 1000 --by '' --measure population"
                    " --vendor zte --vendor Huawei --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["origin"], json::parse(R"({"zones":{"category":["military"]},"radius_m":1000})"));
  EXPECT_EQ(j["origins"], 1);
  const json& g = j["groups"][0];
  EXPECT_EQ(g["total"], 2000);
  ASSERT_EQ(g["vendors"].size(), 2u);
  EXPECT_EQ(g["vendors"][0]["vendor"], "ZTE");
  EXPECT_EQ(g["vendors"][0]["share"], 1.0);
  EXPECT_EQ(g["vendors"][1]["vendor"], "Huawei");
  EXPECT_EQ(g["vendors"][1]["amount"], 0);
}

TEST_F(PathsCli, BadUsageExitsTwoWithoutOutput) {
  for (const std::string args :
       {" --radius 1000", " --zones category=military", " --zones military --radius 5",
        " --measure sites", " --vendor Nobody", " --by vendor", " --format geojson"}) {
    const auto r = rf("paths " + bundle() + args);
    EXPECT_EQ(r.exit_code, 2) << args;
    EXPECT_EQ(r.out, "") << args;
    EXPECT_NE(r.err, "") << args;
  }
  EXPECT_EQ(rf("paths /nonexistent").exit_code, 2);
}

TEST_F(PathsCli, BlastRadiusOfAVendorAsJsonAndGeoJson) {
  const auto r = rf("blast-radius " + bundle() + " --vendor huawei --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["target"], json::parse(R"({"kind":"vendor","id":"huawei","elements":3})"));
  EXPECT_EQ(j["network"]["observed"],
            json::parse(R"({"elements":2,"traffic":40,"population":1500})"));
  EXPECT_EQ(j["network"]["cut_off"],
            json::parse(R"({"elements":1,"traffic":30,"population":500})"));
  EXPECT_EQ(j["network"]["observed_in"]["transport"]["traffic"], 40);
  EXPECT_EQ(j["cut_off_elements"], json::array({"R3"}));
  ASSERT_EQ(j["top_elements"].size(), 2u);
  EXPECT_EQ(j["top_elements"][0]["element_id"], "T5");
  EXPECT_EQ(j["top_elements"][1]["carried_traffic"], 5);
  EXPECT_EQ(j["regions"].size(), 3u);

  const auto g = rf("blast-radius " + bundle() + " --vendor Huawei --format geojson");
  ASSERT_EQ(g.exit_code, 0) << g.err;
  const json gj = json::parse(g.out);
  ASSERT_EQ(gj["features"].size(), 2u);
  EXPECT_EQ(gj["features"][0]["properties"]["site_id"], "S1");
  EXPECT_EQ(gj["features"][0]["properties"]["cut_off"], false);
  EXPECT_EQ(gj["features"][1]["properties"]["site_id"], "S3");
  EXPECT_EQ(gj["features"][1]["properties"]["cut_off"], true);
  EXPECT_EQ(gj["features"][1]["geometry"]["coordinates"], json::array({127.0, 36.0}));
}

TEST_F(PathsCli, BlastRadiusOfAnElementInACycleNamesTheZone) {
  const auto r = rf("blast-radius " + bundle() + " --element T4 --zone-radius 1000");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("blast radius of element T4 (1 elements)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  Z1 Camp (military): 1 elements, traffic 20.0, population 2000"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("cut off if it fails (1): R2"), std::string::npos) << r.out;
}

// --zones FILE replaces the bundle's zones here too.
TEST_F(PathsCli, BlastRadiusTakesItsZonesFromZonesFile) {
  const std::string zones = (dir_.path() / "other-zones.geojson").string();
  std::ofstream(zones) << R"({"type":"FeatureCollection","features":[{"type":"Feature",
      "properties":{"zone_id":"Z9","name":"Depot","category":"military"},
      "geometry":{"type":"Point","coordinates":[127.0,37.505]}}]})";
  const auto r =
      rf("blast-radius " + bundle() + " --element T4 --zone-radius 1000 --zones '" + zones + "'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  Z9 Depot (military): 1 elements"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Z1 Camp"), std::string::npos) << r.out;
}

TEST_F(PathsCli, BlastRadiusNeedsExactlyOneKnownTarget) {
  EXPECT_EQ(rf("blast-radius " + bundle()).exit_code, 2);
  EXPECT_EQ(rf("blast-radius " + bundle() + " --vendor Huawei --site S1").exit_code, 2);
  const auto r = rf("blast-radius " + bundle() + " --site NOPE");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("no site 'NOPE' in sites.csv"), std::string::npos) << r.err;
}

TEST_F(PathsCli, WhatIfWithoutAVendorSplitsItsElementsInProportion) {
  // Huawei's R4 goes to Samsung (A/South/ran), T1 to Cisco .25, Nokia .25, ZTE .5
  // (A/North/transport), T5 to Ericsson (A/South/transport).
  const auto r = rf("exposure " + bundle() + " --without Huawei --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["what_if"],
            json::parse(R"({"without":["Huawei"],"replace":[],"reassigned":3,"kept":0})"));
  const json& a = j["groups"][0];
  EXPECT_EQ(a["total"], 13);
  std::map<std::string, double> amount;
  for (const auto& v : a["vendors"]) amount[v["vendor"]] = v["amount"];
  EXPECT_EQ(amount,
            (std::map<std::string, double>{
                {"Samsung", 4}, {"Ericsson", 3}, {"ZTE", 2.5}, {"Nokia", 2.25}, {"Cisco", 1.25}}));
  EXPECT_NEAR(a["hhi"].get<double>(), 10000.0 * 37.875 / 169.0, 1e-9);

  const auto w = rf("exposure " + bundle() + " --replace Huawei=Ericsson");
  ASSERT_EQ(w.exit_code, 0) << w.err;
  EXPECT_NE(w.out.find("what if: Huawei replaced by Ericsson\n  3 elements reassigned\n"),
            std::string::npos)
      << w.out;
  EXPECT_NE(w.out.find("  Ericsson                    38.5 %  5"), std::string::npos) << w.out;
  EXPECT_EQ(rf("exposure " + bundle() + " --replace Huawei").exit_code, 2);
  EXPECT_EQ(rf("exposure " + bundle() + " --without Nobody").exit_code, 2);
}

// ---------------------------------------------------------------- diff

class DiffCli : public PathsCli {
 protected:
  void SetUp() override {
    PathsCli::SetUp();
    auto files = kPathsBundle;
    std::string& el = files["elements.csv"];
    // R5 changes vendor, R1 moves to S2, R6 is new (Huawei), T6 is gone; T2 gets a model.
    el.replace(el.find("R5,S5,Ericsson"), 14, "R5,S5,Huawei");
    el.replace(el.find("R1,S1,"), 6, "R1,S2,");
    el.replace(el.find("T6,SC,ZTE,transport,\n"), 21, "");
    el += "R6,S5,Huawei,ran,5\n";
    el = "element_id,site_id,vendor,domain,traffic,model\n" + el.substr(el.find('\n') + 1);
    std::string with_model;
    std::size_t start = 0, line = 0;
    while (start < el.size()) {
      const std::size_t end = el.find('\n', start);
      std::string row = el.substr(start, end - start);
      if (line++ > 0) row += row.rfind("T2,", 0) == 0 ? ",NE40E" : ",";
      with_model += row + "\n";
      start = end + 1;
    }
    files["elements.csv"] = with_model;
    std::string& links = files["links.csv"];
    links.replace(links.find("T5,T6\nT6,C1\n"), 12, "T5,C1\n");
    write_bundle(new_dir_, files);
    policy_ = new_dir_.path().string() + "/hrv.toml";
    std::ofstream(policy_) << "[policy]\nid = \"hrv\"\n[[rule]]\nid = \"ran\"\nkind = \"exclude\"\n"
                              "vendors = [\"Huawei\"]\nwhere = { domain = \"ran\" }\n"
                              "deadline = 2020-01-01\n";
  }
  std::string new_bundle() const { return "'" + new_dir_.str() + "'"; }
  TempDir new_dir_;
  std::string policy_;
};

TEST_F(DiffCli, ElementChangesPerOperatorAndVendor) {
  const auto r = rf("diff " + bundle() + " " + new_bundle() + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["summary"], json::parse(R"({"added":1,"removed":1,"moved":1,"vendor_in":1,
      "vendor_out":1,"model":1,"sw_version":0,"changed_elements":3})"));
  EXPECT_EQ(j["changes"], json::parse(R"([
      {"element_id":"R1","change":"moved","before":"S1","after":"S2"},
      {"element_id":"R5","change":"vendor","before":"Ericsson","after":"Huawei"},
      {"element_id":"R6","change":"added","before":"","after":"S5"},
      {"element_id":"T2","change":"model","before":"","after":"NE40E"},
      {"element_id":"T6","change":"removed","before":"SC","after":""}])"));
  // B's Ericsson lost R5 to Huawei; Huawei gained it and R6.
  json b_huawei, b_ericsson;
  for (const auto& g : j["by_operator_vendor"]) {
    if (g["operator"] == "B" && g["vendor"] == "Huawei") b_huawei = g;
    if (g["operator"] == "B" && g["vendor"] == "Ericsson") b_ericsson = g;
  }
  EXPECT_EQ(b_huawei["added"], 1);
  EXPECT_EQ(b_huawei["vendor_in"], 1);
  EXPECT_EQ(b_ericsson["vendor_out"], 1);
}

TEST_F(DiffCli, ExitOneWhenTheNewInventoryAddsAnOverdueFinding) {
  const auto r = rf("diff " + bundle() + " " + new_bundle() + " --policy '" + policy_ +
                    "' --at 2024-01-01 --format json");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["summary"]["findings_appeared"], 2);
  EXPECT_EQ(j["summary"]["findings_disappeared"], 0);
  EXPECT_EQ(j["summary"]["appeared_overdue"], 2);
  EXPECT_EQ(j["findings_appeared"][0]["element_id"], "R5");
  EXPECT_EQ(j["findings_appeared"][1]["element_id"], "R6");
  // Before the deadline the same findings are only due: exit 0.
  EXPECT_EQ(
      rf("diff " + bundle() + " " + new_bundle() + " --policy '" + policy_ + "' --at 2019-06-01")
          .exit_code,
      0);
  // Backwards, the findings disappear: exit 0.
  const auto back =
      rf("diff " + new_bundle() + " " + bundle() + " --policy '" + policy_ + "' --at 2024-01-01");
  EXPECT_EQ(back.exit_code, 0) << back.err;
  EXPECT_NE(back.out.find("0 appeared (0 overdue), 2 disappeared"), std::string::npos) << back.out;
}

TEST_F(DiffCli, IdenticalInventoriesAndBadInput) {
  const auto same = rf("diff " + bundle() + " " + bundle());
  EXPECT_EQ(same.exit_code, 0);
  EXPECT_NE(same.out.find("elements: 0 added, 0 removed, 0 moved, 0 changed vendor"),
            std::string::npos)
      << same.out;
  const auto bad = rf("diff " + bundle() + " /nonexistent --format json");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.out, "");
}

}  // namespace
}  // namespace ringfence::testing

namespace ringfence::testing {
namespace {

// examples/korea-small: figures checked against an independent breadth-first search of
// links.csv (every RAN element reaches the core; LG U+ carries Huawei radio, routers
// and one core element).
TEST(PathsKorea, TrafficCrossingEachVendorPerOperator) {
  const auto r = rf("paths '" + kPathsKorea + "' --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["origins"], 270);
  EXPECT_EQ(j["no_path"], 0);
  std::map<std::string, json> groups;
  for (const auto& g : j["groups"]) groups[g["group"]["operator"]] = g;
  EXPECT_EQ(groups["KT"]["total"], 1224);
  EXPECT_EQ(groups["LG U+"]["total"], 955);
  EXPECT_EQ(groups["SK Telecom"]["total"], 2085);
  const json& huawei = groups["LG U+"]["vendors"][2];
  EXPECT_EQ(huawei["vendor"], "Huawei");
  EXPECT_EQ(huawei["amount"], 947);
  EXPECT_EQ(huawei["by_domain"],
            json::parse(R"({"ran":656,"transport":291,"core":291,"oss":0,"other":0})"));
  const json& ericsson = groups["SK Telecom"]["vendors"][1];
  EXPECT_EQ(ericsson["vendor"], "Ericsson");
  EXPECT_EQ(ericsson["amount"], 1809);
  EXPECT_EQ(ericsson["by_domain"]["core"], 1746);
  EXPECT_EQ(groups["KT"]["vendors"][2]["vendor"], "Juniper");
  EXPECT_EQ(groups["KT"]["vendors"][2]["amount"], 801);
}

TEST(PathsKorea, HuaweiBlastRadius) {
  const auto r = rf("blast-radius '" + kPathsKorea + "' --vendor Huawei --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["target"]["elements"], 47);
  const json& n = j["network"];
  EXPECT_EQ(n["total"], json::parse(R"({"elements":270,"traffic":4264,"population":1345000})"));
  EXPECT_EQ(n["observed"], json::parse(R"({"elements":68,"traffic":947,"population":296000})"));
  EXPECT_EQ(n["cut_off"], n["observed"]);
  EXPECT_EQ(n["observed_in"]["ran"],
            json::parse(R"({"elements":44,"traffic":656,"population":209000})"));
  ASSERT_EQ(j["zones"].size(), 8u);
  EXPECT_EQ(j["zones"][0]["zone_id"], "kr-president");
  EXPECT_EQ(j["zones"][1]["zone_id"], "kr-yongsan");
  EXPECT_EQ(j["zones"][1]["observed"]["traffic"], 97);
  EXPECT_EQ(j["top_elements"][0]["element_id"], "LGU-E0015");
  EXPECT_EQ(j["top_elements"][0]["carried_traffic"], 291);
  EXPECT_EQ(j["cut_off_elements"].size(), 68u);
}

}  // namespace
}  // namespace ringfence::testing
