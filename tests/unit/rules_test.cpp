// Each rule kind on small crafted bundles, with the exact findings expected:
// element ids, groups, measured shares, limits, excess, zones, distances and paths,
// including the boundaries (exactly at a radius, a cap, a date).
#include <gtest/gtest.h>

#include <GeographicLib/Geodesic.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "ringfence/bundle.hpp"
#include "ringfence/check.hpp"
#include "ringfence/diagnostics.hpp"
#include "ringfence/policy.hpp"
#include "test_support.hpp"

namespace ringfence {
namespace {

using Strings = std::vector<std::string>;

Days rules_day(const char* iso) {
  return *parse_iso_date(iso);
}

// A bundle written to a temporary directory and loaded.
class Bundle {
 public:
  explicit Bundle(const std::map<std::string, std::string>& files) : loaded_(load(dir_, files)) {}
  const Network& net() const { return loaded_.network; }

 private:
  static LoadedBundle load(const testing::TempDir& dir,
                           const std::map<std::string, std::string>& files) {
    testing::write_bundle(dir, files);
    return load_bundle(dir.str());
  }
  testing::TempDir dir_;
  LoadedBundle loaded_;
};

CheckResult check(const Network& net, const Strings& policies, const char* at) {
  std::vector<Policy> parsed;
  for (std::size_t i = 0; i < policies.size(); ++i)
    parsed.push_back(parse_policy(policies[i], "policy" + std::to_string(i) + ".toml"));
  return evaluate(net, std::move(parsed), rules_day(at), 2);
}

// A policy "t" with one rule "r" of the given body.
std::string rule(const std::string& body) {
  return "[policy]\nid = \"t\"\n[vendors]\nhrv = [\"Huawei\", \"ZTE\"]\n[[rule]]\nid = \"r\"\n" +
         body;
}

CheckResult check_rule(const Network& net, const std::string& body, const char* at = "2024-01-01") {
  return check(net, {rule(body)}, at);
}

Strings element_ids(const Network& net, const CheckResult& r) {
  Strings out;
  for (const auto& f : r.findings) {
    EXPECT_NE(f.element, kNoRow);
    if (f.element != kNoRow) out.emplace_back(net.elements.id.get(f.element));
  }
  return out;
}

// "rule_id element status deadline" for each finding, in output order.
Strings rows(const Network& net, const CheckResult& r) {
  Strings out;
  for (const auto& f : r.findings) {
    std::string row = r.rules[f.rule].rule_id + " ";
    if (f.element != kNoRow) {
      row += std::string(net.elements.id.get(f.element));
    } else {
      for (std::size_t i = 0; i < f.group.size(); ++i) {
        if (i) row += '|';
        row += f.group[i];
      }
    }
    row += ' ';
    row += status_name(f.status);
    row += ' ';
    row += f.deadline == kNoDate ? std::string("-") : format_iso_date(f.deadline);
    out.push_back(row);
  }
  return out;
}

std::string number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// ---------------------------------------------------------------------------------
// A mixed network: every domain, vendor aliases, install dates. Rows are written out
// of id order on purpose.
const std::map<std::string, std::string> kMixed = {
    {"sites.csv",
     "site_id,operator,lat,lon,kind,region,population\n"
     "S1,OpA,37.50,127.00,macro,Seoul,1000\n"
     "S2,OpA,37.51,127.01,small,Seoul,500\n"
     "S3,OpB,35.10,129.00,aggregation,Busan,\n"
     "S4,OpB,35.11,129.01,core_dc,Busan,\n"},
    {"elements.csv",
     "element_id,site_id,vendor,domain,function,model,technology,installed\n"
     "E05,S3,Huawei Technologies,transport,router,NE40E,fibre,2015-06-04\n"
     "E09,S3,Cisco,transport,router,ASR 9000,fibre,2021-05-05\n"
     "E01,S1,\"HUAWEI TECHNOLOGIES CO., LTD.\",ran,gnb,AAU5613,nr,2021-01-01\n"
     "E08,S4,HW,oss,ems,U2020,,2020-12-30\n"
     "E02,S1,Huawei,ran,enb,RRU3959,lte,2013-09-12\n"
     "E06,S4,Huawei,core,upf,CloudUPF,nr,\n"
     "E03,S2,ZTE Corporation,ran,gnb,ZXRAN,nr,2020-12-31\n"
     "E07,S4,Nokia,oss,nms,NetAct,,2019-01-01\n"
     "E04,S2,Ericsson AB,ran,gnb,AIR 6449,nr,2022-03-01\n"},
};

TEST(RuleExclude, VendorsByNameAliasTagAndSet) {
  const Bundle b(kMixed);
  const Network& net = b.net();
  const Strings huawei = {"E01", "E02", "E05", "E06", "E08"};
  EXPECT_EQ(element_ids(net, check_rule(net, "kind = \"exclude\"\nvendors = [\"Huawei\"]\n")),
            huawei);
  // The spelling in the data and the spelling in the policy both go through the registry.
  EXPECT_EQ(element_ids(net, check_rule(net,
                                        "kind = \"exclude\"\n"
                                        "vendors = \"HUAWEI TECHNOLOGIES CO., LTD.\"\n")),
            huawei);
  EXPECT_EQ(element_ids(net, check_rule(net, "kind = \"exclude\"\nvendors = \"tag:high_risk\"\n")),
            (Strings{"E01", "E02", "E03", "E05", "E06", "E08"}));
  EXPECT_EQ(element_ids(net, check_rule(net,
                                        "kind = \"exclude\"\nvendors = \"@hrv\"\n"
                                        "where = { domain = [\"core\", \"oss\"] }\n")),
            (Strings{"E06", "E08"}));
  EXPECT_EQ(
      element_ids(net, check_rule(net, "kind = \"exclude\"\nvendors = [\"ZTE\", \"Nokia\"]\n")),
      (Strings{"E03", "E07"}));
  // A vendor no element has, and a vendor no registry knows: nothing, no error.
  EXPECT_TRUE(
      check_rule(net, "kind = \"exclude\"\nvendors = [\"Hytera\", \"Acme\"]\n").findings.empty());
  // `vendors` and a `vendor` key in `where` must both hold.
  EXPECT_TRUE(check_rule(net,
                         "kind = \"exclude\"\nvendors = \"Huawei\"\n"
                         "where = { vendor = \"ZTE\" }\n")
                  .findings.empty());
}

TEST(RuleExclude, WhereFiltersOnEveryKey) {
  const Bundle b(kMixed);
  const Network& net = b.net();
  auto found = [&](const std::string& where) {
    return element_ids(
        net, check_rule(net,
                        "kind = \"exclude\"\n"
                        "vendors = [\"Huawei\", \"ZTE\", \"Ericsson\", \"Nokia\", \"Cisco\"]\n"
                        "where = " +
                            where + "\n"));
  };
  EXPECT_EQ(found("{}"), (Strings{"E01", "E02", "E03", "E04", "E05", "E06", "E07", "E08", "E09"}));
  EXPECT_EQ(found("{ operator = \"OpB\" }"), (Strings{"E05", "E06", "E07", "E08", "E09"}));
  EXPECT_EQ(found("{ domain = \"ran\" }"), (Strings{"E01", "E02", "E03", "E04"}));
  EXPECT_EQ(found("{ domain = [\"core\", \"oss\"] }"), (Strings{"E06", "E07", "E08"}));
  EXPECT_EQ(found("{ function = [\"gnb\", \"upf\"] }"), (Strings{"E01", "E03", "E04", "E06"}));
  EXPECT_EQ(found("{ technology = \"fibre\" }"), (Strings{"E05", "E09"}));
  EXPECT_EQ(found("{ technology = [\"nr\", \"lte\"] }"),
            (Strings{"E01", "E02", "E03", "E04", "E06"}));
  EXPECT_EQ(found("{ vendor = \"Huawei\" }"), (Strings{"E01", "E02", "E05", "E06", "E08"}));
  EXPECT_EQ(found("{ vendor = [\"Ericsson AB\", \"ZTE\"] }"), (Strings{"E03", "E04"}));
  EXPECT_EQ(found("{ site_kind = [\"small\", \"core_dc\"] }"),
            (Strings{"E03", "E04", "E06", "E07", "E08"}));
  EXPECT_EQ(found("{ site_kind = \"macro\" }"), (Strings{"E01", "E02"}));
  EXPECT_EQ(found("{ region = \"Seoul\" }"), (Strings{"E01", "E02", "E03", "E04"}));
  EXPECT_EQ(found("{ region = \"Daegu\" }"), Strings{});
  // Keys are ANDed, values within a key ORed.
  EXPECT_EQ(found("{ operator = \"OpA\", technology = \"nr\", vendor = [\"ZTE\", \"Ericsson\"] }"),
            (Strings{"E03", "E04"}));
  EXPECT_EQ(found("{ region = \"Busan\", domain = \"transport\", function = \"router\" }"),
            (Strings{"E05", "E09"}));
}

TEST(RuleExclude, DeadlineMakesFindingsDueThenOverdue) {
  const Bundle b(kMixed);
  const Network& net = b.net();
  const std::string body =
      "kind = \"exclude\"\nvendors = \"@hrv\"\nwhere = { domain = [\"core\", \"oss\"] }\n"
      "deadline = 2023-01-28\n";
  const CheckResult before = check_rule(net, body, "2023-01-27");
  EXPECT_EQ(rows(net, before), (Strings{"t/r E06 due 2023-01-28", "t/r E08 due 2023-01-28"}));
  EXPECT_EQ(before.overdue, 0u);
  ASSERT_EQ(before.rules.size(), 1u);
  EXPECT_EQ(before.rules[0].findings, 2u);
  EXPECT_EQ(before.rules[0].overdue, 0u);
  const CheckResult on = check_rule(net, body, "2023-01-28");
  EXPECT_EQ(rows(net, on), (Strings{"t/r E06 overdue 2023-01-28", "t/r E08 overdue 2023-01-28"}));
  EXPECT_EQ(on.overdue, 2u);
  EXPECT_EQ(on.rules[0].overdue, 2u);
  EXPECT_EQ(rows(net, check_rule(net, body, "2030-01-01")),
            (Strings{"t/r E06 overdue 2023-01-28", "t/r E08 overdue 2023-01-28"}));
  // Without a deadline a rule is in force at once.
  const CheckResult at_once =
      check_rule(net, "kind = \"exclude\"\nvendors = \"ZTE\"\n", "2000-01-01");
  EXPECT_EQ(rows(net, at_once), (Strings{"t/r E03 overdue -"}));
  EXPECT_EQ(at_once.overdue, 1u);
}

TEST(RuleExclude, EffectiveInTheFutureSkipsTheRule) {
  const Bundle b(kMixed);
  const Network& net = b.net();
  const std::string body =
      "kind = \"exclude\"\nvendors = \"ZTE\"\neffective = 2020-01-28\ndeadline = 2021-01-01\n";
  const CheckResult early = check_rule(net, body, "2020-01-27");
  EXPECT_TRUE(early.findings.empty());
  ASSERT_EQ(early.rules.size(), 1u);
  EXPECT_TRUE(early.rules[0].skipped);
  EXPECT_EQ(early.rules[0].findings, 0u);
  EXPECT_EQ(early.overdue, 0u);
  const CheckResult on = check_rule(net, body, "2020-01-28");
  EXPECT_FALSE(on.rules[0].skipped);
  EXPECT_EQ(rows(net, on), (Strings{"t/r E03 due 2021-01-01"}));
}

TEST(RuleNoNewInstalls, InstalledOnAfterIsNotAFindingTheDayAfterIs) {
  const Bundle b(kMixed);
  const Network& net = b.net();
  // E03 (ZTE) was installed on 2020-12-31 exactly, E01 (Huawei) on 2021-01-01, E06 has
  // no date, E09 (Cisco, 2021) is not a high-risk vendor.
  EXPECT_EQ(element_ids(net, check_rule(net,
                                        "kind = \"no_new_installs\"\nvendors = \"@hrv\"\n"
                                        "after = 2020-12-31\n")),
            Strings{"E01"});
  EXPECT_EQ(element_ids(net, check_rule(net,
                                        "kind = \"no_new_installs\"\nvendors = \"@hrv\"\n"
                                        "after = 2020-12-30\n")),
            (Strings{"E01", "E03"}));
  EXPECT_EQ(element_ids(net, check_rule(net,
                                        "kind = \"no_new_installs\"\nvendors = \"@hrv\"\n"
                                        "after = 2020-12-29\n")),
            (Strings{"E01", "E03", "E08"}));
  EXPECT_EQ(element_ids(net, check_rule(net,
                                        "kind = \"no_new_installs\"\nvendors = \"@hrv\"\n"
                                        "where = { domain = \"oss\" }\nafter = 2020-12-29\n")),
            Strings{"E08"});
  EXPECT_EQ(element_ids(net, check_rule(net,
                                        "kind = \"no_new_installs\"\nvendors = \"@hrv\"\n"
                                        "after = 2021-01-01\n")),
            Strings{});
  // No deadline: overdue at once.
  EXPECT_EQ(rows(net, check_rule(net,
                                 "kind = \"no_new_installs\"\nvendors = \"Huawei\"\n"
                                 "after = 2020-12-31\n")),
            Strings{"t/r E01 overdue -"});
}

TEST(RuleSupportCutoff, DueBeforeAfterOverdueFromIt) {
  const Bundle b(kMixed);
  const Network& net = b.net();
  const std::string body =
      "kind = \"support_cutoff\"\nvendors = [\"Huawei\"]\nafter = 2019-08-19\n"
      "effective = 2019-05-16\n";
  EXPECT_TRUE(check_rule(net, body, "2019-05-15").rules.at(0).skipped);
  EXPECT_EQ(rows(net, check_rule(net, body, "2019-08-18")),
            (Strings{"t/r E01 due 2019-08-19", "t/r E02 due 2019-08-19", "t/r E05 due 2019-08-19",
                     "t/r E06 due 2019-08-19", "t/r E08 due 2019-08-19"}));
  const CheckResult on = check_rule(net, body, "2019-08-19");
  EXPECT_EQ(rows(net, on), (Strings{"t/r E01 overdue 2019-08-19", "t/r E02 overdue 2019-08-19",
                                    "t/r E05 overdue 2019-08-19", "t/r E06 overdue 2019-08-19",
                                    "t/r E08 overdue 2019-08-19"}));
  EXPECT_EQ(on.overdue, 5u);
  EXPECT_EQ(element_ids(net, check_rule(net,
                                        "kind = \"support_cutoff\"\nvendors = \"ZTE\"\n"
                                        "where = { domain = \"ran\" }\nafter = 2019-08-19\n")),
            Strings{"E03"});
}

TEST(RuleEvaluation, SeveralPoliciesSortedByRuleIdThenElement) {
  const Bundle b(kMixed);
  const Network& net = b.net();
  const std::string zeta = R"([policy]
id = "zeta"
[[rule]]
id = "a-ban"
kind = "exclude"
vendors = "tag:high_risk"
where = { domain = "ran" }
deadline = 2030-01-01
[[rule]]
id = "0-first"
kind = "support_cutoff"
vendors = "ZTE"
after = 2019-01-01
)";
  const std::string alpha = R"([policy]
id = "alpha"
[[rule]]
id = "z-last"
kind = "no_new_installs"
vendors = ["Ericsson", "Cisco"]
after = 2020-01-01
[[rule]]
id = "later"
kind = "exclude"
vendors = "Nokia"
effective = 2025-01-01
)";
  const CheckResult r = check(net, {zeta, alpha}, "2024-01-01");
  Strings rule_ids;
  for (const auto& er : r.rules) rule_ids.push_back(er.rule_id);
  EXPECT_EQ(rule_ids, (Strings{"alpha/later", "alpha/z-last", "zeta/0-first", "zeta/a-ban"}));
  EXPECT_EQ(rows(net, r),
            (Strings{"alpha/z-last E04 overdue -", "alpha/z-last E09 overdue -",
                     "zeta/0-first E03 overdue 2019-01-01", "zeta/a-ban E01 due 2030-01-01",
                     "zeta/a-ban E02 due 2030-01-01", "zeta/a-ban E03 due 2030-01-01"}));
  EXPECT_EQ(r.overdue, 3u);
  EXPECT_TRUE(r.rules[0].skipped);
  EXPECT_EQ(r.policies.size(), 2u);
  EXPECT_EQ(rule_of(r, r.rules[3]).id, "a-ban");
  // The same result whatever the thread count.
  std::vector<Policy> again = {parse_policy(zeta, "z"), parse_policy(alpha, "a")};
  EXPECT_EQ(rows(net, evaluate(net, std::move(again), rules_day("2024-01-01"), 1)), rows(net, r));
  // Two policies with the same id would give the same rule ids: refused.
  EXPECT_THROW(check(net, {zeta, zeta}, "2024-01-01"), InputError);
}

// Findings come out in id order whatever the rows' order: runs in order (one per
// operator, say), runs backwards, and rows shuffled.
TEST(RuleEvaluation, FindingsInIdOrderWhateverTheRowOrder) {
  std::vector<int> numbers(300);
  for (int i = 0; i < 300; ++i) numbers[i] = i;
  std::vector<std::vector<int>> orders = {numbers, numbers, numbers};
  std::reverse(orders[1].begin(), orders[1].end());
  std::mt19937 random(7);
  std::shuffle(orders[2].begin(), orders[2].end(), random);
  std::vector<int> runs;  // five ascending runs, interleaved by id
  for (int r = 0; r < 5; ++r)
    for (int i = r; i < 300; i += 5) runs.push_back(i);
  orders.push_back(runs);
  for (const auto& order : orders) {
    std::string elements = "element_id,site_id,vendor,domain\n";
    Strings want;
    for (const int i : order) {
      char id[16];
      std::snprintf(id, sizeof id, "E%04d", i);
      elements += std::string(id) + ",S1," + (i % 3 ? "Huawei" : "Nokia") + ",ran\n";
      if (i % 3) want.emplace_back(id);
    }
    std::sort(want.begin(), want.end());
    const Bundle b({{"sites.csv", "site_id,operator,lat,lon\nS1,OpA,37.5,127.0\n"},
                    {"elements.csv", elements}});
    EXPECT_EQ(
        element_ids(b.net(), check_rule(b.net(), "kind = \"exclude\"\nvendors = \"Huawei\"\n")),
        want);
  }
}

// ---------------------------------------------------------------------------------
// Zones: a point, a polygon with a hole, a multipolygon; sites placed on geodesics.

struct Place {
  double lat, lon;
};
Place direct(Place from, double azimuth, double metres) {
  Place to{};
  GeographicLib::Geodesic::WGS84().Direct(from.lat, from.lon, azimuth, metres, to.lat, to.lon);
  return to;
}
double inverse(Place a, Place b) {
  double s12 = 0;
  GeographicLib::Geodesic::WGS84().Inverse(a.lat, a.lon, b.lat, b.lon, s12);
  return s12;
}

constexpr Place kPointPlace{37.0, 127.0};
constexpr Place kInHole{37.55, 127.55};
constexpr Place kEastOfMulti{36.005, 128.12};

std::string zones_geojson(Place second_point) {
  return R"({"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"zone_id": "z-point", "name": "Point base", "category": "military"},
  "geometry": {"type": "Point", "coordinates": [127.0, 37.0]}},
 {"type": "Feature", "properties": {"zone_id": "z-point2", "category": "military"},
  "geometry": {"type": "Point", "coordinates": [)" +
         number(second_point.lon) + ", " + number(second_point.lat) + R"(]}},
 {"type": "Feature", "properties": {"zone_id": "z-holed", "category": "nuclear"},
  "geometry": {"type": "Polygon", "coordinates": [
    [[127.50, 37.50], [127.60, 37.50], [127.60, 37.60], [127.50, 37.60], [127.50, 37.50]],
    [[127.54, 37.54], [127.56, 37.54], [127.56, 37.56], [127.54, 37.56], [127.54, 37.54]]]}},
 {"type": "Feature", "properties": {"zone_id": "z-multi", "category": "government"},
  "geometry": {"type": "MultiPolygon", "coordinates": [
    [[[128.00, 36.00], [128.01, 36.00], [128.01, 36.01], [128.00, 36.01], [128.00, 36.00]]],
    [[[128.10, 36.00], [128.11, 36.00], [128.11, 36.01], [128.10, 36.01], [128.10, 36.00]]]]}}
]})";
}

class RuleZoneExclusion : public ::testing::Test {
 protected:
  void SetUp() override {
    const Place point2 = direct(kPointPlace, 90, 20000);  // 20 km east of z-point
    const Place on = direct(kPointPlace, 30, 5000);
    const Place out = direct(kPointPlace, 30, 5001);
    const Place near2 = direct(point2, 0, 1000);  // 1 km from z-point2, ~20 km from z-point
    std::string sites = "site_id,operator,lat,lon,kind\n";
    auto add = [&](const char* id, Place p) {
      sites += std::string(id) + ",OpA," + number(p.lat) + "," + number(p.lon) + ",macro\n";
    };
    add("S-ON", on);
    add("S-OUT", out);
    add("S-NEAR2", near2);
    add("S-IN-POLY", {37.52, 127.52});
    add("S-IN-HOLE", kInHole);
    add("S-IN-MULTI", {36.005, 128.105});
    add("S-EAST-MULTI", kEastOfMulti);
    bundle_ = std::make_unique<Bundle>(
        std::map<std::string, std::string>{{"sites.csv", sites},
                                           {"elements.csv",
                                            "element_id,site_id,vendor,domain,technology\n"
                                            "H-ON,S-ON,Huawei,ran,nr\n"
                                            "E-ON,S-ON,Ericsson,ran,nr\n"
                                            "H-OUT,S-OUT,Huawei,ran,nr\n"
                                            "H-NEAR2,S-NEAR2,Huawei,ran,nr\n"
                                            "H-IN-POLY,S-IN-POLY,Huawei,core,\n"
                                            "H-IN-HOLE,S-IN-HOLE,Huawei,ran,lte\n"
                                            "Z-IN-MULTI,S-IN-MULTI,ZTE,ran,lte\n"
                                            "Z-EAST-MULTI,S-EAST-MULTI,ZTE,transport,fibre\n"},
                                           {"zones.geojson", zones_geojson(point2)}});
  }
  const Network& net() const { return bundle_->net(); }
  // element id -> (zone id, distance) for a zone_exclusion rule.
  std::map<std::string, std::pair<std::string, double>> run(const std::string& zones, double radius,
                                                            const std::string& extra = "") {
    const CheckResult r = check_rule(net(),
                                     "kind = \"zone_exclusion\"\nvendors = \"@hrv\"\n"
                                     "zones = " +
                                         zones + "\nradius_m = " + number(radius) + "\n" + extra);
    std::map<std::string, std::pair<std::string, double>> out;
    for (const auto& f : r.findings) {
      EXPECT_NE(f.zone, kNoRow);
      EXPECT_EQ(f.status, Status::kOverdue);
      out[std::string(net().elements.id.get(f.element))] = {net().zones[f.zone].id, f.distance_m};
    }
    return out;
  }
  std::unique_ptr<Bundle> bundle_;
};

TEST_F(RuleZoneExclusion, SiteExactlyAtTheRadiusIsFoundOneMetreBeyondIsNot) {
  const auto at = run("{ zone_id = \"z-point\" }", 5000);
  ASSERT_EQ(at.size(), 1u);
  ASSERT_EQ(at.count("H-ON"), 1u);
  EXPECT_EQ(at.at("H-ON").first, "z-point");
  EXPECT_NEAR(at.at("H-ON").second, 5000.0, 1e-6);
  const auto wider = run("{ zone_id = \"z-point\" }", 5001);
  ASSERT_EQ(wider.size(), 2u);
  EXPECT_NEAR(wider.at("H-OUT").second, 5001.0, 1e-6);
  EXPECT_TRUE(run("{ zone_id = \"z-point\" }", 4999).empty());
}

TEST_F(RuleZoneExclusion, InsidePolygonIsDistanceZeroInsideItsHoleIsNot) {
  const auto found = run("{ category = \"nuclear\" }", 1000);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found.at("H-IN-POLY"), (std::pair<std::string, double>{"z-holed", 0.0}));
  ASSERT_EQ(found.count("H-IN-HOLE"), 1u);
  EXPECT_EQ(found.at("H-IN-HOLE").first, "z-holed");
  // The nearest hole edge is the meridian 0.01 degrees east (or west), ~882 m away;
  // the parallels north and south are ~1110 m away.
  const double to_east_edge = inverse(kInHole, {kInHole.lat, 127.56});
  EXPECT_GT(to_east_edge, 870);
  EXPECT_LT(to_east_edge, 890);
  EXPECT_NEAR(found.at("H-IN-HOLE").second, to_east_edge, 0.5);
  // Radius 0: only what lies inside.
  const auto inside = run("{ category = \"nuclear\" }", 0);
  ASSERT_EQ(inside.size(), 1u);
  EXPECT_EQ(inside.count("H-IN-POLY"), 1u);
  EXPECT_EQ(run("{ category = \"nuclear\" }", 860).size(), 1u);
}

TEST_F(RuleZoneExclusion, MultiPolygonInsideEitherPartAndNearItsEdge) {
  const auto found = run("{ category = \"government\" }", 1000);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found.at("Z-IN-MULTI"), (std::pair<std::string, double>{"z-multi", 0.0}));
  const double to_edge = inverse(kEastOfMulti, {kEastOfMulti.lat, 128.11});
  EXPECT_GT(to_edge, 890);
  EXPECT_LT(to_edge, 910);
  EXPECT_EQ(found.at("Z-EAST-MULTI").first, "z-multi");
  EXPECT_NEAR(found.at("Z-EAST-MULTI").second, to_edge, 0.5);
  const auto tight = run("{ category = \"government\" }", 500);
  ASSERT_EQ(tight.size(), 1u);
  EXPECT_EQ(tight.count("Z-IN-MULTI"), 1u);
}

TEST_F(RuleZoneExclusion, NearestZoneIsNamedAndFiltersApply) {
  const auto military = run("{ category = \"military\" }", 30000);
  // Each Huawei/ZTE site within 30 km of a military point, with the nearer zone.
  ASSERT_EQ(military.count("H-NEAR2"), 1u);
  EXPECT_EQ(military.at("H-NEAR2").first, "z-point2");
  EXPECT_NEAR(military.at("H-NEAR2").second, 1000.0, 1e-6);
  EXPECT_EQ(military.at("H-ON").first, "z-point");
  EXPECT_EQ(military.count("E-ON"), 0u);  // Ericsson is not in @hrv
  EXPECT_EQ(military.size(), 3u);         // H-ON, H-OUT, H-NEAR2
  // `where` narrows the elements; an empty zone filter takes every zone.
  const auto ran_lte = run("{}", 1000, "where = { technology = \"lte\" }\n");
  ASSERT_EQ(ran_lte.size(), 2u);
  EXPECT_EQ(ran_lte.at("H-IN-HOLE").first, "z-holed");
  EXPECT_EQ(ran_lte.at("Z-IN-MULTI").first, "z-multi");
  EXPECT_TRUE(run("{ category = \"harbour\" }", 1e6).empty());
  // Zone property values compare ignoring case, like element filters.
  EXPECT_EQ(run("{ category = \"MILITARY\" }", 30000), military);
}

// ---------------------------------------------------------------------------------
// Sector footprints: a site 3 km south of a point zone, sectors pointing at it, away
// from it, sideways and falling short; and a site 3 km west of a small square.

TEST(RuleZoneExclusionSector, PointingAtTheZoneIsFoundAwayOrShortIsNot) {
  const Place zone{36.5, 127.5};
  const Place site = direct(zone, 180, 3000);
  const Place site2{36.0, 127.0};
  const Place square_centre = direct(site2, 90, 3000);
  const double h = 0.001;  // half side in degrees
  auto corner = [&](double dlon, double dlat) {
    std::string out(1, '[');
    out += number(square_centre.lon + dlon);
    out += ", ";
    out += number(square_centre.lat + dlat);
    out += ']';
    return out;
  };
  const std::string square = "[[" + corner(-h, -h) + ", " + corner(h, -h) + ", " + corner(h, h) +
                             ", " + corner(-h, h) + ", " + corner(-h, -h) + "]]";
  const Bundle b({{"sites.csv",
                   "site_id,operator,lat,lon,kind\n"
                   "S,OpA," +
                       number(site.lat) + "," + number(site.lon) +
                       ",macro\n"
                       "T,OpA," +
                       number(site2.lat) + "," + number(site2.lon) + ",macro\n"},
                  {"elements.csv",
                   "element_id,site_id,vendor,domain,azimuth,beamwidth,range_m\n"
                   "AT,S,Huawei,ran,0,60,2800\n"
                   "AWAY,S,Huawei,ran,180,60,2800\n"
                   "SHORT,S,Huawei,ran,0,60,2000\n"
                   "SIDE,S,Huawei,ran,90,60,2800\n"
                   "OMNI,S,Huawei,ran,,,300\n"
                   "ROUTER,S,Huawei,transport,0,60,2800\n"
                   "SQ-AT,T,Huawei,ran,90,65,2800\n"
                   "SQ-AWAY,T,Huawei,ran,270,65,2800\n"
                   "SQ-OVER,T,Huawei,ran,90,65,3000\n"},
                  {"zones.geojson",
                   R"({"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"zone_id": "z", "category": "military"},
  "geometry": {"type": "Point", "coordinates": [127.5, 36.5]}},
 {"type": "Feature", "properties": {"zone_id": "sq", "category": "military"},
  "geometry": {"type": "Polygon", "coordinates": )" +
                       square + "}}]}"}});
  const Network& net = b.net();
  auto run = [&](const std::string& footprint, double radius) {
    std::map<std::string, std::pair<std::string, double>> out;
    const CheckResult r = check_rule(net,
                                     "kind = \"zone_exclusion\"\nvendors = \"Huawei\"\n"
                                     "zones = { category = \"military\" }\nradius_m = " +
                                         number(radius) + "\nfootprint = \"" + footprint + "\"\n");
    for (const auto& f : r.findings)
      out[std::string(net.elements.id.get(f.element))] = {net.zones[f.zone].id, f.distance_m};
    return out;
  };
  const auto sector = run("sector", 500);
  ASSERT_EQ(sector.size(), 3u);
  ASSERT_EQ(sector.count("AT"), 1u);
  EXPECT_EQ(sector.at("AT").first, "z");
  EXPECT_NEAR(sector.at("AT").second, 200.0, 1e-3);
  // The sector's arc exactly at the radius counts; a millimetre short of it does not.
  EXPECT_EQ(run("sector", 200).count("AT"), 1u);
  EXPECT_EQ(run("sector", 199.999).count("AT"), 0u);
  // The square's west edge is ~89 m west of its centre: 3000 - 89 - 2800 m from the arc.
  const double to_west_edge = inverse(site2, {square_centre.lat, square_centre.lon - h}) - 2800;
  EXPECT_GT(to_west_edge, 105);
  EXPECT_LT(to_west_edge, 115);
  ASSERT_EQ(sector.count("SQ-AT"), 1u);
  EXPECT_EQ(sector.at("SQ-AT").first, "sq");
  // The arc is drawn with chords of at most 5 degrees: within 0.1 % of the range.
  EXPECT_NEAR(sector.at("SQ-AT").second, to_west_edge, 3.0);
  ASSERT_EQ(sector.count("SQ-OVER"), 1u);
  EXPECT_EQ(sector.at("SQ-OVER"), (std::pair<std::string, double>{"sq", 0.0}));
  // Sideways (60..120 degrees): the nearest point of the wedge is on its 60-degree
  // edge, 3000 * sin(60) = 2598 m from the zone.
  const auto wide = run("sector", 2700);
  EXPECT_EQ(wide.count("SIDE"), 1u);
  EXPECT_NEAR(wide.at("SIDE").second, 2598.0, 10.0);
  EXPECT_EQ(wide.count("AWAY"), 0u);
  EXPECT_EQ(wide.count("SQ-AWAY"), 0u);
  EXPECT_NEAR(wide.at("SHORT").second, 1000.0, 1e-3);
  // Without sector data (omni cell) and outside the RAN the site itself counts.
  EXPECT_EQ(wide.count("OMNI"), 0u);
  EXPECT_EQ(wide.count("ROUTER"), 0u);
  const auto site_radius = run("sector", 3001);
  EXPECT_NEAR(site_radius.at("OMNI").second, 3000.0, 1e-6);
  EXPECT_NEAR(site_radius.at("ROUTER").second, 3000.0, 1e-6);
  EXPECT_EQ(site_radius.count("AWAY"), 1u);  // its apex is the site, 3 km away
  // With the site footprint nothing is within 500 m, everything at S 3 km away.
  EXPECT_TRUE(run("site", 500).empty());
  const auto by_site = run("site", 3001);
  for (const char* id : {"AT", "AWAY", "SHORT", "SIDE", "OMNI", "ROUTER"}) {
    ASSERT_EQ(by_site.count(id), 1u) << id;
    EXPECT_EQ(by_site.at(id).first, "z");
    EXPECT_NEAR(by_site.at(id).second, 3000.0, 1e-6) << id;
  }
}

// Sites 3 km from a point zone in several directions, each with a 2.8 km sector
// pointing back at it: the arcs lie exactly 200 m from the zone (their computed
// distances differ from 200 m by a nanometre either way).
TEST(RuleZoneExclusionSector, ArcExactlyAtTheRadiusIsFound) {
  const Place zone{36.5, 127.5};
  std::string sites = "site_id,operator,lat,lon\n";
  std::string elements = "element_id,site_id,vendor,domain,azimuth,beamwidth,range_m\n";
  for (int azimuth : {30, 120, 135, 225, 240}) {
    Place site{};
    double back = 0;
    GeographicLib::Geodesic::WGS84().Direct(zone.lat, zone.lon, azimuth, 3000, site.lat, site.lon,
                                            back);
    const std::string id = std::to_string(azimuth);
    sites += "S" + id + ",OpA," + number(site.lat) + "," + number(site.lon) + "\n";
    elements +=
        "E" + id + ",S" + id + ",Huawei,ran," + number(std::fmod(back + 180, 360)) + ",60,2800\n";
  }
  const Bundle b({{"sites.csv", sites},
                  {"elements.csv", elements},
                  {"zones.geojson", R"({"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"zone_id": "z"},
  "geometry": {"type": "Point", "coordinates": [127.5, 36.5]}}]})"}});
  auto found = [&](double radius) {
    const CheckResult r = check_rule(b.net(),
                                     "kind = \"zone_exclusion\"\nvendors = \"Huawei\"\nzones = {}\n"
                                     "footprint = \"sector\"\nradius_m = " +
                                         number(radius) + "\n");
    for (const auto& f : r.findings) EXPECT_NEAR(f.distance_m, 200.0, 1e-6);
    return element_ids(b.net(), r);
  };
  EXPECT_EQ(found(200), (Strings{"E120", "E135", "E225", "E240", "E30"}));
  EXPECT_EQ(found(199.999), Strings{});
}

// A sector that stays inside a polygon's hole is not inside the polygon: its distance
// is from the arc to the hole's edge, less than the site's own distance.
TEST(RuleZoneExclusionSector, SectorInsideAHoleIsMeasuredToTheHoleEdge) {
  const Bundle b({{"sites.csv", "site_id,operator,lat,lon,kind\nS,OpA,37.55,127.55,macro\n"},
                  {"elements.csv",
                   "element_id,site_id,vendor,domain,azimuth,beamwidth,range_m\n"
                   "NORTH,S,Huawei,ran,0,60,300\n"
                   "EAST,S,Huawei,ran,90,60,300\n"
                   "REACH,S,Huawei,ran,90,60,1000\n"},
                  {"zones.geojson", zones_geojson(kPointPlace)}});
  const Network& net = b.net();
  const CheckResult r = check_rule(net,
                                   "kind = \"zone_exclusion\"\nvendors = \"Huawei\"\n"
                                   "zones = { zone_id = \"z-holed\" }\nradius_m = 2000\n"
                                   "footprint = \"sector\"\n");
  std::map<std::string, double> found;
  for (const auto& f : r.findings)
    found[std::string(net.elements.id.get(f.element))] = f.distance_m;
  ASSERT_EQ(found.size(), 3u);
  const double to_east_edge = inverse(kInHole, {kInHole.lat, 127.56});  // ~884 m
  // EAST reaches 300 m towards the east edge; NORTH's nearest corner is 150 m east.
  EXPECT_NEAR(found.at("EAST"), to_east_edge - 300, 1.0);
  EXPECT_NEAR(found.at("NORTH"), to_east_edge - 150, 1.0);
  EXPECT_EQ(found.at("REACH"), 0.0);  // crosses the hole's edge into the polygon
}

// ---------------------------------------------------------------------------------
// Shares. OpA: four radio sites; A1 carries Huawei and Ericsson, A2 ZTE (by alias),
// A3 Ericsson twice, A4 Nokia; a Huawei router at A4 is outside `where`. OpB: two
// Ericsson/Nokia sites. Traffic: OpA 120 in all, 50 high-risk; population 1000, 300
// of it at high-risk sites.
const std::map<std::string, std::string> kShares = {
    {"sites.csv",
     "site_id,operator,lat,lon,kind,region,population\n"
     "A1,OpA,37.0,127.0,macro,North,100\n"
     "A2,OpA,37.1,127.0,macro,North,200\n"
     "A3,OpA,37.2,127.0,macro,South,300\n"
     "A4,OpA,37.3,127.0,macro,South,400\n"
     "B1,OpB,35.0,129.0,macro,South,500\n"
     "B2,OpB,35.1,129.0,macro,South,500\n"
     "C1,OpC,35.2,129.0,macro,South,50\n"},
    {"elements.csv",
     "element_id,site_id,vendor,domain,technology,traffic\n"
     "a1h,A1,Huawei,ran,nr,30\n"
     "a1e,A1,Ericsson,ran,nr,10\n"
     "a2z,A2,ZTE Corporation,ran,lte,20\n"
     "a3e,A3,Ericsson,ran,lte,25\n"
     "a3e2,A3,Ericsson,ran,nr,15\n"
     "a4n,A4,Nokia,ran,nr,20\n"
     "a4r,A4,Huawei,transport,fibre,\n"
     "b1e,B1,Ericsson,ran,nr,50\n"
     "b2n,B2,Nokia,ran,lte,50\n"
     "c1s,C1,Samsung,ran,nr,5\n"},
};

struct Group {
  Strings key;
  double measured, limit, excess, amount, total;
};

std::vector<Group> groups(const CheckResult& r) {
  std::vector<Group> out;
  for (const auto& f : r.findings) {
    EXPECT_EQ(f.element, kNoRow);
    EXPECT_EQ(f.zone, kNoRow);
    out.push_back({f.group, f.measured, f.limit, f.excess, f.amount, f.total});
  }
  return out;
}

void expect_group(const Group& g, const Strings& key, double measured, double limit, double excess,
                  double amount, double total) {
  SCOPED_TRACE(key.empty() ? std::string("(all)") : key[0]);
  EXPECT_EQ(g.key, key);
  EXPECT_DOUBLE_EQ(g.measured, measured);
  EXPECT_EQ(g.limit, limit);
  EXPECT_DOUBLE_EQ(g.excess, excess);
  EXPECT_EQ(g.amount, amount);
  EXPECT_EQ(g.total, total);
}

std::string cap(const std::string& measure, const std::string& per, double max_share) {
  return "kind = \"share_cap\"\nvendors = \"@hrv\"\nwhere = { domain = \"ran\" }\n" +
         (per.empty() ? std::string() : "per = " + per + "\n") + "measure = \"" + measure +
         "\"\nmax_share = " + number(max_share) + "\n";
}

TEST(RuleShareCap, ElementsPerOperator) {
  const Bundle b(kShares);
  const auto g = groups(check_rule(b.net(), cap("elements", "[\"operator\"]", 0.25)));
  ASSERT_EQ(g.size(), 1u);
  // 2 of 6 elements; the group complies with floor(0.25 * 6) = 1.
  expect_group(g[0], {"OpA"}, 2.0 / 6, 0.25, 1, 2, 6);
  EXPECT_TRUE(check_rule(b.net(), cap("elements", "[\"operator\"]", 0.34)).findings.empty());
}

TEST(RuleShareCap, SitesCountForEveryVendorOnThem) {
  const Bundle b(kShares);
  // A1 (Huawei and Ericsson) and A2 (ZTE) of OpA's four radio sites.
  const auto g = groups(check_rule(b.net(), cap("sites", "[\"operator\"]", 0.25)));
  ASSERT_EQ(g.size(), 1u);
  expect_group(g[0], {"OpA"}, 0.5, 0.25, 1, 2, 4);
  // Exactly at the cap: no finding.
  EXPECT_TRUE(check_rule(b.net(), cap("sites", "[\"operator\"]", 0.5)).findings.empty());
  // The non-HRV share counts A1 as well: Ericsson holds A1 and A3 of four.
  const CheckResult ericsson =
      check_rule(b.net(),
                 "kind = \"share_cap\"\nvendors = \"Ericsson\"\nwhere = { domain = \"ran\" }\n"
                 "per = [\"operator\"]\nmeasure = \"sites\"\nmax_share = 0.4\n");
  const auto e = groups(ericsson);
  ASSERT_EQ(e.size(), 2u);
  expect_group(e[0], {"OpA"}, 0.5, 0.4, 1, 2, 4);
  expect_group(e[1], {"OpB"}, 0.5, 0.4, 1, 1, 2);
}

TEST(RuleShareCap, TrafficAndPopulationExcessIsTheAmountAboveTheCap) {
  const Bundle b(kShares);
  const auto t = groups(check_rule(b.net(), cap("traffic", "[\"operator\"]", 0.25)));
  ASSERT_EQ(t.size(), 1u);
  expect_group(t[0], {"OpA"}, 50.0 / 120, 0.25, 50 - 0.25 * 120, 50, 120);
  const auto p = groups(check_rule(b.net(), cap("population", "[\"operator\"]", 0.25)));
  ASSERT_EQ(p.size(), 1u);
  expect_group(p[0], {"OpA"}, 0.3, 0.25, 300 - 0.25 * 1000, 300, 1000);
  EXPECT_TRUE(check_rule(b.net(), cap("population", "[\"operator\"]", 0.3)).findings.empty());
}

TEST(RuleShareCap, PerOperatorAndTechnology) {
  const Bundle b(kShares);
  // OpA/lte: ZTE 1 of 2; OpA/nr: Huawei 1 of 4, exactly at 0.25; OpB and OpC: none.
  const CheckResult r =
      check_rule(b.net(), cap("elements", "[\"operator\", \"technology\"]", 0.25));
  const auto g = groups(r);
  ASSERT_EQ(g.size(), 1u);
  expect_group(g[0], {"OpA", "lte"}, 0.5, 0.25, 1, 1, 2);
  EXPECT_EQ(r.findings[0].status, Status::kOverdue);
  // Several groups come out sorted by their key.
  const auto all =
      groups(check_rule(b.net(), cap("elements", "[\"technology\", \"operator\"]", 0)));
  ASSERT_EQ(all.size(), 2u);
  expect_group(all[0], {"lte", "OpA"}, 0.5, 0, 1, 1, 2);
  expect_group(all[1], {"nr", "OpA"}, 0.25, 0, 1, 1, 4);
  // No `per`: the whole network (RAN): 2 of 9.
  const auto whole = groups(check_rule(b.net(), cap("elements", "", 0.2)));
  ASSERT_EQ(whole.size(), 1u);
  expect_group(whole[0], {}, 2.0 / 9, 0.2, 1, 2, 9);
}

// 0.57 * 100 is 56.99999999999999 in binary floating point; 57 of 100 is exactly at a
// 57 % cap, and 58 of 100 needs one element swapped, not two.
TEST(RuleShareCap, ExactlyAtTheCapIsNoFindingJustAboveIsExact) {
  auto bundle_with = [](int huawei, int total) {
    std::string elements = "element_id,site_id,vendor,domain\n";
    std::string sites = "site_id,operator,lat,lon\n";
    for (int i = 0; i < total; ++i) {
      char id[16];
      std::snprintf(id, sizeof id, "%03d", i);
      sites += std::string("S") + id + ",OpA,37." + id + ",127.0\n";
      elements +=
          std::string("E") + id + ",S" + id + "," + (i < huawei ? "Huawei" : "Ericsson") + ",ran\n";
    }
    return std::map<std::string, std::string>{{"sites.csv", sites}, {"elements.csv", elements}};
  };
  const Bundle at_cap(bundle_with(57, 100));
  EXPECT_TRUE(check_rule(at_cap.net(), cap("elements", "[\"operator\"]", 0.57)).findings.empty());
  EXPECT_TRUE(check_rule(at_cap.net(), cap("sites", "[\"operator\"]", 0.57)).findings.empty());
  const Bundle above(bundle_with(58, 100));
  for (const char* measure : {"elements", "sites"}) {
    SCOPED_TRACE(measure);
    const auto g = groups(check_rule(above.net(), cap(measure, "[\"operator\"]", 0.57)));
    ASSERT_EQ(g.size(), 1u);
    expect_group(g[0], {"OpA"}, 0.58, 0.57, 1, 58, 100);
  }
  // The UK figure: 7 of 20 sites is exactly 35 %, 8 of 20 is one site over.
  const Bundle uk_at(bundle_with(7, 20));
  EXPECT_TRUE(check_rule(uk_at.net(), cap("sites", "[\"operator\"]", 0.35)).findings.empty());
  const Bundle uk_above(bundle_with(8, 20));
  const auto g = groups(check_rule(uk_above.net(), cap("sites", "[\"operator\"]", 0.35)));
  ASSERT_EQ(g.size(), 1u);
  expect_group(g[0], {"OpA"}, 0.4, 0.35, 1, 8, 20);
}

TEST(RuleMinVendors, TooFewVendorsAndOneVendorAboveMaxSingleShare) {
  const Bundle b(kShares);
  const Network& net = b.net();
  // OpA has 4 RAN vendors, OpB 2, OpC 1.
  const CheckResult few = check_rule(
      net, "kind = \"min_vendors\"\nwhere = { domain = \"ran\" }\nper = [\"operator\"]\nmin = 3\n");
  const auto g = groups(few);
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0].key, Strings{"OpB"});
  EXPECT_EQ(g[0].measured, 2);
  EXPECT_EQ(g[0].limit, 3);
  EXPECT_EQ(g[0].excess, 1);
  EXPECT_EQ(g[1].key, Strings{"OpC"});
  EXPECT_EQ(g[1].measured, 1);
  EXPECT_EQ(g[1].excess, 2);
  EXPECT_EQ(net.vendors.get(few.findings[1].vendor).name, "Samsung");
  // Shares: Ericsson holds 3 of OpA's 6 elements; OpB is split 1:1 (the tie goes to
  // the first name); OpC has one vendor, which is reported as too few first.
  const CheckResult share = check_rule(net,
                                       "kind = \"min_vendors\"\nwhere = { domain = \"ran\" }\n"
                                       "per = [\"operator\"]\nmin = 2\nmax_single_share = 0.4\n");
  const auto s = groups(share);
  ASSERT_EQ(s.size(), 3u);
  expect_group(s[0], {"OpA"}, 0.5, 0.4, 3 - 2, 3, 6);
  EXPECT_EQ(net.vendors.get(share.findings[0].vendor).name, "Ericsson");
  expect_group(s[1], {"OpB"}, 0.5, 0.4, 1, 1, 2);
  EXPECT_EQ(net.vendors.get(share.findings[1].vendor).name, "Ericsson");
  EXPECT_EQ(s[2].key, Strings{"OpC"});
  EXPECT_EQ(s[2].measured, 1);
  EXPECT_EQ(s[2].limit, 2);
  // Exactly at max_single_share: no finding.
  const auto at = groups(check_rule(net,
                                    "kind = \"min_vendors\"\nwhere = { domain = \"ran\" }\n"
                                    "per = [\"operator\"]\nmin = 1\nmax_single_share = 0.5\n"));
  ASSERT_EQ(at.size(), 1u);
  EXPECT_EQ(at[0].key, Strings{"OpC"});  // 1 of 1
  EXPECT_EQ(at[0].measured, 1.0);
  // Per operator and technology, by traffic: OpA/nr is Huawei 30, Ericsson 25, Nokia 20.
  const auto traffic =
      groups(check_rule(net,
                        "kind = \"min_vendors\"\nwhere = { domain = \"ran\" }\n"
                        "per = [\"operator\", \"technology\"]\nmin = 1\nmeasure = \"traffic\"\n"
                        "max_single_share = 0.35\n"));
  ASSERT_EQ(traffic.size(), 5u);
  expect_group(traffic[0], {"OpA", "lte"}, 25.0 / 45, 0.35, 25 - 0.35 * 45, 25, 45);
  expect_group(traffic[1], {"OpA", "nr"}, 0.4, 0.35, 30 - 0.35 * 75, 30, 75);
  expect_group(traffic[2], {"OpB", "lte"}, 1, 0.35, 50 - 0.35 * 50, 50, 50);
  expect_group(traffic[3], {"OpB", "nr"}, 1, 0.35, 50 - 0.35 * 50, 50, 50);
  expect_group(traffic[4], {"OpC", "nr"}, 1, 0.35, 5 - 0.35 * 5, 5, 5);
}

// ---------------------------------------------------------------------------------
// require: models.csv evidence first, then the vendor's attributes.
const std::map<std::string, std::string> kEvidence = {
    {"sites.csv", "site_id,operator,lat,lon\nC,OpA,37.0,127.0\n"},
    {"vendors.csv",
     "vendor,aliases,country,tags,no_spy_declaration,certified\n"
     "Ericsson,,SE,,yes,true\n"
     "Nokia,,FI,,TRUE,\n"
     "Huawei,,CN,high_risk,no,\n"},
    {"models.csv",
     "vendor,model,certified,certified_by\n"
     "Ericsson AB,M1,false,\n"
     "Nokia,N1,yes,BSI\n"
     "Huawei,H1,true,KISA\n"},
    {"elements.csv",
     "element_id,site_id,vendor,domain,model\n"
     "e1,C,Ericsson,core,M1\n"
     "e2,C,Ericsson,core,M2\n"
     "e3,C,Nokia Solutions and Networks,core,N1\n"
     "e4,C,Nokia,core,N2\n"
     "e5,C,HUAWEI TECHNOLOGIES CO.,core,H1\n"
     "e6,C,Samsung,core,\n"
     "e7,C,Ericsson,ran,M1\n"},
};

std::map<std::string, Strings> missing(const Network& net, const CheckResult& r) {
  std::map<std::string, Strings> out;
  for (const auto& f : r.findings) out[std::string(net.elements.id.get(f.element))] = f.missing;
  return out;
}

TEST(RuleRequire, ModelEvidenceWinsOverVendorAttributes) {
  const Bundle b(kEvidence);
  const Network& net = b.net();
  const CheckResult r = check_rule(
      net,
      "kind = \"require\"\nwhere = { domain = \"core\" }\nattributes = { certified = true }\n");
  EXPECT_EQ(element_ids(net, r), (Strings{"e1", "e4", "e6"}));
  // e1: the model says false although Ericsson says true; e2: no model row, Ericsson's
  // true holds; e3: "yes" is true; e4, e6: no record at all.
  EXPECT_EQ(missing(net, r),
            (std::map<std::string, Strings>{{"e1", {"certified = true (record says false)"}},
                                            {"e4", {"certified = true (no record)"}},
                                            {"e6", {"certified = true (no record)"}}}));
}

TEST(RuleRequire, VendorAttributesYesTrueAndMissingRecords) {
  const Bundle b(kEvidence);
  const Network& net = b.net();
  const CheckResult spy = check_rule(net,
                                     "kind = \"require\"\nwhere = { domain = \"core\" }\n"
                                     "attributes = { no_spy_declaration = true }\n");
  // Ericsson "yes" and Nokia "TRUE" count as true; Huawei "no" and Samsung (nothing) do not.
  EXPECT_EQ(missing(net, spy),
            (std::map<std::string, Strings>{{"e5", {"no_spy_declaration = true (record says no)"}},
                                            {"e6", {"no_spy_declaration = true (no record)"}}}));
  const CheckResult both =
      check_rule(net,
                 "kind = \"require\"\nwhere = { domain = \"core\" }\n"
                 "attributes = { certified = true, no_spy_declaration = \"Yes\" }\n");
  EXPECT_EQ(
      missing(net, both),
      (std::map<std::string, Strings>{
          {"e1", {"certified = true (record says false)"}},
          {"e4", {"certified = true (no record)"}},
          {"e5", {"no_spy_declaration = true (record says no)"}},
          {"e6", {"certified = true (no record)", "no_spy_declaration = true (no record)"}}}));
  // Text values compare as written; `vendors` narrows the elements.
  const CheckResult by = check_rule(net,
                                    "kind = \"require\"\nvendors = [\"Huawei\", \"Nokia\"]\n"
                                    "attributes = { certified_by = \"BSI\" }\n");
  EXPECT_EQ(missing(net, by),
            (std::map<std::string, Strings>{{"e4", {"certified_by = BSI (no record)"}},
                                            {"e5", {"certified_by = BSI (record says KISA)"}}}));
  // Without `where` every domain is in scope: the RAN element e7 (model M1) too.
  EXPECT_EQ(element_ids(net, check_rule(net,
                                        "kind = \"require\"\nvendors = \"Ericsson\"\n"
                                        "attributes = { certified = \"TRUE\" }\n")),
            (Strings{"e1", "e7"}));
}

// ---------------------------------------------------------------------------------
// path_exclusion: radio elements, transport with a cycle, a Huawei router and core.
const std::map<std::string, std::string> kPaths = {
    {"sites.csv",
     "site_id,operator,lat,lon,kind\n"
     "NEAR,OpA,37.0,127.0,macro\n"
     "FAR,OpA,36.0,127.0,macro\n"
     "AGG,OpA,36.5,127.0,aggregation\n"
     "CORE,OpA,36.6,127.0,core_dc\n"},
    {"elements.csv",
     "element_id,site_id,vendor,domain\n"
     "r1,NEAR,Ericsson,ran\n"
     "r2,FAR,Ericsson,ran\n"
     "r3,FAR,Nokia,ran\n"
     "r4,FAR,Samsung,ran\n"
     "r5,FAR,Huawei,ran\n"
     "t1,AGG,Ericsson,transport\n"
     "t2,AGG,Ericsson,transport\n"
     "t3,AGG,Huawei,transport\n"
     "t4,AGG,Cisco,transport\n"
     "t5,AGG,Juniper,transport\n"
     "t6,AGG,Juniper,transport\n"
     "t7,AGG,Cisco,transport\n"
     "t8,AGG,Cisco,transport\n"
     "c1,CORE,Huawei,core\n"
     "c2,CORE,Samsung,core\n"},
    {"links.csv",
     "from,to\n"
     "r1,t1\n"
     "t1,t2\n"
     "t2,t1\n"
     "t2,t3\n"
     "t3,c1\n"
     "r2,t2\n"
     "r3,t4\n"
     "t4,c2\n"
     "r4,t5\n"
     "t5,t6\n"
     "t6,t5\n"
     "r5,t7\n"
     "t7,t8\n"
     "t8,t3\n"
     "r5,t3\n"},
    {"zones.geojson",
     R"({"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"zone_id": "base", "category": "military"},
  "geometry": {"type": "Point", "coordinates": [127.0, 37.005]}},
 {"type": "Feature", "properties": {"zone_id": "office", "category": "government"},
  "geometry": {"type": "Point", "coordinates": [127.0, 36.0]}}]})"},
};

std::map<std::string, Strings> paths(const Network& net, const CheckResult& r) {
  std::map<std::string, Strings> out;
  for (const auto& f : r.findings) {
    Strings p;
    for (std::uint32_t e : f.path) p.emplace_back(net.elements.id.get(e));
    EXPECT_FALSE(p.empty());
    if (!p.empty()) {
      EXPECT_EQ(p.front(), net.elements.id.get(f.element));
    }
    out[std::string(net.elements.id.get(f.element))] = p;
  }
  return out;
}

TEST(RulePathExclusion, CycleTerminatesAndTheShortestPathIsReported) {
  const Bundle b(kPaths);
  const Network& net = b.net();
  const CheckResult r =
      check_rule(net,
                 "kind = \"path_exclusion\"\nvendors = \"Huawei\"\nfrom = { domain = \"ran\" }\n"
                 "through = { domain = [\"transport\", \"core\"] }\n");
  // r3 reaches only Cisco and Samsung; r4 loops between two Juniper routers for ever.
  // r5 has a three-link route first in links.csv and a direct link after it.
  EXPECT_EQ(paths(net, r), (std::map<std::string, Strings>{{"r1", {"r1", "t1", "t2", "t3"}},
                                                           {"r2", {"r2", "t2", "t3"}},
                                                           {"r5", {"r5", "t3"}}}));
  // Only core counts as `through`: the path goes on to the Huawei core.
  const CheckResult core =
      check_rule(net,
                 "kind = \"path_exclusion\"\nvendors = \"@hrv\"\nfrom = { domain = \"ran\" }\n"
                 "through = { domain = \"core\" }\n");
  EXPECT_EQ(paths(net, core),
            (std::map<std::string, Strings>{{"r1", {"r1", "t1", "t2", "t3", "c1"}},
                                            {"r2", {"r2", "t2", "t3", "c1"}},
                                            {"r5", {"r5", "t3", "c1"}}}));
  // From transport: t1 and t2 sit on the cycle, t7 and t8 lead to t3.
  const CheckResult transport = check_rule(
      net,
      "kind = \"path_exclusion\"\nvendors = \"Huawei\"\nfrom = { domain = \"transport\" }\n"
      "through = { domain = [\"transport\", \"core\"] }\n");
  EXPECT_EQ(paths(net, transport), (std::map<std::string, Strings>{{"t1", {"t1", "t2", "t3"}},
                                                                   {"t2", {"t2", "t3"}},
                                                                   {"t3", {"t3", "c1"}},
                                                                   {"t7", {"t7", "t8", "t3"}},
                                                                   {"t8", {"t8", "t3"}}}));
  EXPECT_TRUE(check_rule(net,
                         "kind = \"path_exclusion\"\nvendors = \"ZTE\"\n"
                         "from = { domain = \"ran\" }\nthrough = { domain = \"core\" }\n")
                  .findings.empty());
}

TEST(RulePathExclusion, FromZonesKeepsOnlyElementsNearSuchZones) {
  const Bundle b(kPaths);
  const Network& net = b.net();
  const std::string base =
      "kind = \"path_exclusion\"\nvendors = \"Huawei\"\nfrom = { domain = \"ran\" }\n"
      "through = { domain = [\"transport\", \"core\"] }\n";
  // NEAR is ~555 m from the military zone; FAR lies on the government zone.
  EXPECT_EQ(paths(net, check_rule(net, base + "from_zones = { category = \"military\" }\n"
                                              "from_radius_m = 1000\n")),
            (std::map<std::string, Strings>{{"r1", {"r1", "t1", "t2", "t3"}}}));
  EXPECT_TRUE(check_rule(net, base + "from_zones = { category = \"military\" }\n"
                                     "from_radius_m = 500\n")
                  .findings.empty());
  EXPECT_EQ(paths(net, check_rule(net, base + "from_zones = { category = \"government\" }\n"
                                              "from_radius_m = 0\n")),
            (std::map<std::string, Strings>{{"r2", {"r2", "t2", "t3"}}, {"r5", {"r5", "t3"}}}));
  EXPECT_TRUE(check_rule(net, base + "from_zones = { category = \"nuclear\" }\n"
                                     "from_radius_m = 100000\n")
                  .findings.empty());
}

}  // namespace
}  // namespace ringfence
