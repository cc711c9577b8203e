// Every built-in preset on examples/korea-small. The expected numbers were derived
// independently of ringfence: from examples/korea-small/EXPECTED.md and README.md, and a
// Python (standard library) evaluation of each preset over the CSV and GeoJSON files,
// with distances by Vincenty's inverse formula on WGS84.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "ringfence/bundle.hpp"
#include "ringfence/check.hpp"
#include "ringfence/policy.hpp"

namespace ringfence {
namespace {

using Strings = std::vector<std::string>;

const Network& korea() {
  static const LoadedBundle bundle =
      load_bundle(std::string(RINGFENCE_SOURCE_DIR) + "/examples/korea-small");
  return bundle.network;
}

CheckResult check_preset(const std::string& preset, const char* at) {
  return evaluate(korea(), {load_policy(preset)}, *parse_iso_date(at), 2);
}

struct Count {
  int findings = 0, overdue = 0;  // findings == -1: not yet effective
  bool operator==(const Count&) const = default;
};
constexpr Count kSkipped{-1, 0};

std::ostream& operator<<(std::ostream& o, const Count& c) {
  return c.findings < 0 ? o << "skipped" : o << c.findings << " (" << c.overdue << " overdue)";
}

std::map<std::string, Count> counts(const CheckResult& r) {
  std::map<std::string, Count> out;
  for (const auto& er : r.rules)
    out[er.rule_id] =
        er.skipped ? kSkipped : Count{static_cast<int>(er.findings), static_cast<int>(er.overdue)};
  // The per-rule tallies agree with the findings themselves.
  std::map<std::string, Count> tally;
  for (const auto& f : r.findings) {
    Count& c = tally[r.rules[f.rule].rule_id];
    ++c.findings;
    c.overdue += f.status == Status::kOverdue;
  }
  for (const auto& [id, c] : out) {
    if (c == kSkipped) {
      EXPECT_EQ(tally.count(id), 0u) << id;
    } else {
      EXPECT_EQ(tally.count(id) ? tally.at(id) : Count{}, c) << id;
    }
  }
  return out;
}

// At 2024-01-01 (the date of the brief): counts per rule, from EXPECTED.md.
const std::map<std::string, std::map<std::string, Count>> kAt2024 = {
    {"au-2018",
     {// 22 Huawei NR radio elements and the NR CloudUPF; the UPF by function.
      {"au-2018/5g-exclusion", {23, 23}},
      {"au-2018/5g-core-functions", {1, 1}}}},
    {"ca-2022",
     {// No Huawei element was installed after 2022-05-10.
      {"ca-2022/no-new-purchases", {0, 0}},
      {"ca-2022/5g-removal", {23, 0}},
      {"ca-2022/5g-core-removal", {1, 0}},
      {"ca-2022/4g-removal", {22, 0}},
      {"ca-2022/4g-core-removal", {0, 0}}}},
    {"de-2021",
     {// 4 Nokia Subscriber Data Management (no models.csv row) + Huawei CloudUPF (false).
      {"de-2021/certified-components", {5, 5}},
      // Only the Huawei core element: Huawei's no_spy_declaration is false.
      {"de-2021/no-spy-declaration", {1, 1}}}},
    {"de-2024", {{"de-2024/core-removal", kSkipped}, {"de-2024/management-removal", kSkipped}}},
    {"eu-toolbox",
     {{"eu-toolbox/critical-assets", {2, 2}},
      // Within 2 km of a military, government or nuclear zone: LGU-S001, S005, S007.
      {"eu-toolbox/sensitive-areas", {14, 14}},
      // Only KT NR exceeds 70 % (Samsung 29 of 41).
      {"eu-toolbox/multi-vendor", {1, 1}}}},
    {"se-2020", {{"se-2020/no-new-5g", {10, 10}}, {"se-2020/central-functions", {2, 0}}}},
    {"uk-2020",
     {{"uk-2020/core-exclusion", {2, 2}},
      {"uk-2020/access-share-cap", {1, 1}},
      {"uk-2020/fibre-share-cap", {1, 1}},
      {"uk-2020/sensitive-sites", {12, 12}},
      {"uk-2020/no-new-5g", {10, 10}},
      {"uk-2020/core-transmission", {1, 0}},
      {"uk-2020/full-5g-removal", {23, 0}}}},
    {"us-fcc-covered",
     {{"us-fcc-covered/covered-list", {47, 47}}, {"us-fcc-covered/entity-list", {47, 47}}}},
    {"us-kr-sensitive",
     {{"us-kr-sensitive/military-bases", {20, 20}},
      // Non-Huawei LG U+ RAN at Gunsan and Daegu, through the Huawei router in Daejeon.
      {"us-kr-sensitive/military-base-paths", {12, 12}},
      {"us-kr-sensitive/supply-not-operate", {1, 1}}}},
};

TEST(PresetKoreaSmall, FindingCountsPerRuleAt20240101) {
  ASSERT_EQ(list_presets().size(), kAt2024.size());
  for (const auto& info : list_presets()) {
    SCOPED_TRACE(info.id);
    ASSERT_EQ(kAt2024.count(info.id), 1u);
    const CheckResult r = check_preset(info.id, "2024-01-01");
    EXPECT_EQ(counts(r), kAt2024.at(info.id));
    int overdue = 0;
    for (const auto& [id, c] : kAt2024.at(info.id)) overdue += c.overdue;
    EXPECT_EQ(static_cast<int>(r.overdue), overdue);
  }
}

// At 2028-01-01 every rule is effective and only de-2024's 2029 deadline is ahead.
TEST(PresetKoreaSmall, FindingCountsPerRuleAt20280101) {
  const std::map<std::string, std::map<std::string, Count>> changed = {
      {"ca-2022",
       {{"ca-2022/no-new-purchases", {0, 0}},
        {"ca-2022/5g-removal", {23, 23}},
        {"ca-2022/5g-core-removal", {1, 1}},
        {"ca-2022/4g-removal", {22, 22}},
        {"ca-2022/4g-core-removal", {0, 0}}}},
      {"de-2024", {{"de-2024/core-removal", {1, 1}}, {"de-2024/management-removal", {1, 0}}}},
      {"se-2020", {{"se-2020/no-new-5g", {10, 10}}, {"se-2020/central-functions", {2, 2}}}},
  };
  for (const auto& info : list_presets()) {
    SCOPED_TRACE(info.id);
    std::map<std::string, Count> expected;
    if (changed.count(info.id)) {
      expected = changed.at(info.id);
    } else {
      for (const auto& [id, c] : kAt2024.at(info.id)) expected[id] = {c.findings, c.findings};
    }
    EXPECT_EQ(counts(check_preset(info.id, "2028-01-01")), expected);
  }
}

Strings ids_of(const CheckResult& r, const std::string& rule_id) {
  Strings out;
  for (const auto& f : r.findings)
    if (r.rules[f.rule].rule_id == rule_id) out.emplace_back(korea().elements.id.get(f.element));
  return out;
}

TEST(PresetKoreaSmall, UkFindingsInDetail) {
  const CheckResult r = check_preset("uk-2020", "2024-01-01");
  EXPECT_EQ(ids_of(r, "uk-2020/core-exclusion"), (Strings{"LGU-E0008", "LGU-E0010"}));
  EXPECT_EQ(ids_of(r, "uk-2020/core-transmission"), Strings{"LGU-E0015"});
  EXPECT_EQ(ids_of(r, "uk-2020/no-new-5g"),
            (Strings{"LGU-E0036", "LGU-E0046", "LGU-E0047", "LGU-E0048", "LGU-E0052", "LGU-E0053",
                     "LGU-E0054", "LGU-E0058", "LGU-E0059", "LGU-E0060"}));
  EXPECT_EQ(
      ids_of(r, "uk-2020/sensitive-sites"),
      (Strings{"LGU-E0016", "LGU-E0017", "LGU-E0018", "LGU-E0019", "LGU-E0020", "LGU-E0021",
               "LGU-E0043", "LGU-E0044", "LGU-E0045", "LGU-E0046", "LGU-E0047", "LGU-E0048"}));
  int caps = 0;
  for (const auto& f : r.findings) {
    const std::string& id = r.rules[f.rule].rule_id;
    if (id != "uk-2020/access-share-cap" && id != "uk-2020/fibre-share-cap") continue;
    ++caps;
    SCOPED_TRACE(id);
    EXPECT_EQ(f.group, Strings{"LG U+"});
    EXPECT_EQ(f.limit, 0.35);
    EXPECT_EQ(f.status, Status::kOverdue);
    // The designated vendor direction as issued moved the full-fibre date to 31 Oct 2023.
    EXPECT_EQ(f.deadline,
              *parse_iso_date(id == "uk-2020/access-share-cap" ? "2023-07-31" : "2023-10-31"));
    if (id == "uk-2020/access-share-cap") {
      // Huawei on 8 of LG U+'s 12 NR radio sites; 35 % allows 4.
      EXPECT_EQ(f.amount, 8);
      EXPECT_EQ(f.total, 12);
      EXPECT_DOUBLE_EQ(f.measured, 8.0 / 12);
      EXPECT_EQ(f.excess, 4);
    } else {
      // Huawei on 1 of 2 fibre aggregation sites; 35 % allows none.
      EXPECT_EQ(f.amount, 1);
      EXPECT_EQ(f.total, 2);
      EXPECT_EQ(f.measured, 0.5);
      EXPECT_EQ(f.excess, 1);
    }
  }
  EXPECT_EQ(caps, 2);
}

TEST(PresetKoreaSmall, ZoneFindingsNameTheNearestZoneAndDistance) {
  // Vincenty distances, site to zone; 0 inside the Humphreys rectangle.
  const std::map<std::string, std::pair<std::string, double>> military = {
      {"LGU-S001", {"kr-yongsan", 823.195}},
      {"LGU-S005", {"kr-yongsan", 1284.389}},
      {"LGU-S007", {"kr-humphreys-area", 0}},
      {"LGU-S008", {"kr-osan", 2546.389}}};
  // With government zones too, LGU-S005 is nearer the Presidential Office.
  std::map<std::string, std::pair<std::string, double>> any = military;
  any["LGU-S005"] = {"kr-president", 1216.446};
  struct Case {
    const char* preset;
    const char* rule;
    const std::map<std::string, std::pair<std::string, double>>* zones;
    Strings sites;
  };
  const std::vector<Case> cases = {
      {"us-kr-sensitive",
       "us-kr-sensitive/military-bases",
       &military,
       {"LGU-S001", "LGU-S005", "LGU-S007", "LGU-S008"}},
      {"uk-2020", "uk-2020/sensitive-sites", &military, {"LGU-S001", "LGU-S007"}},
      {"eu-toolbox", "eu-toolbox/sensitive-areas", &any, {"LGU-S001", "LGU-S005", "LGU-S007"}},
  };
  const Network& net = korea();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.rule);
    const CheckResult r = check_preset(c.preset, "2024-01-01");
    std::map<std::string, int> per_site;
    for (const auto& f : r.findings) {
      if (r.rules[f.rule].rule_id != c.rule) continue;
      const std::string site(net.sites.id.get(net.elements.site[f.element]));
      ++per_site[site];
      ASSERT_EQ(c.zones->count(site), 1u) << site;
      EXPECT_EQ(net.zones[f.zone].id, c.zones->at(site).first) << site;
      EXPECT_NEAR(f.distance_m, c.zones->at(site).second, 0.01) << site;
      EXPECT_EQ(net.vendor_name(f.element), "Huawei");
    }
    Strings sites;
    for (const auto& [site, n] : per_site) {
      sites.push_back(site);
      // Six Huawei radio elements at each macro site, two at the small cell LGU-S005.
      EXPECT_EQ(n, site == "LGU-S005" ? 2 : 6) << site;
    }
    EXPECT_EQ(sites, c.sites);
  }
}

TEST(PresetKoreaSmall, PathsGoThroughTheHuaweiRouterInDaejeon) {
  const CheckResult r = check_preset("us-kr-sensitive", "2024-01-01");
  const Network& net = korea();
  Strings from;
  for (const auto& f : r.findings) {
    if (r.rules[f.rule].rule_id != "us-kr-sensitive/military-base-paths") continue;
    ASSERT_EQ(f.path.size(), 2u);
    EXPECT_EQ(f.path[0], f.element);
    EXPECT_EQ(net.elements.id.get(f.path[1]), "LGU-E0015");
    const std::string site(net.sites.id.get(net.elements.site[f.element]));
    EXPECT_TRUE(site == "LGU-S010" || site == "LGU-S011") << site;
    EXPECT_NE(net.vendor_name(f.element), "Huawei");
    from.emplace_back(net.elements.id.get(f.element));
  }
  EXPECT_EQ(from, (Strings{"LGU-E0061", "LGU-E0062", "LGU-E0063", "LGU-E0064", "LGU-E0065",
                           "LGU-E0066", "LGU-E0067", "LGU-E0068", "LGU-E0069", "LGU-E0070",
                           "LGU-E0071", "LGU-E0072"}));
  EXPECT_EQ(ids_of(r, "us-kr-sensitive/supply-not-operate"), Strings{"LGU-E0010"});
}

TEST(PresetKoreaSmall, MultiVendorAndEvidenceFindings) {
  const CheckResult eu = check_preset("eu-toolbox", "2024-01-01");
  int groups = 0;
  for (const auto& f : eu.findings) {
    if (eu.rules[f.rule].rule_id != "eu-toolbox/multi-vendor") continue;
    ++groups;
    EXPECT_EQ(f.group, (Strings{"KT", "nr"}));
    EXPECT_EQ(korea().vendors.get(f.vendor).name, "Samsung");
    EXPECT_EQ(f.amount, 29);
    EXPECT_EQ(f.total, 41);
    EXPECT_DOUBLE_EQ(f.measured, 29.0 / 41);
    EXPECT_EQ(f.limit, 0.7);
    EXPECT_EQ(f.excess, 1);  // 29 - floor(0.7 * 41)
  }
  EXPECT_EQ(groups, 1);
  EXPECT_EQ(ids_of(eu, "eu-toolbox/critical-assets"), (Strings{"LGU-E0008", "LGU-E0010"}));

  const CheckResult de = check_preset("de-2021", "2024-01-01");
  EXPECT_EQ(ids_of(de, "de-2021/certified-components"),
            (Strings{"KT-E0004", "KT-E0008", "LGU-E0004", "LGU-E0008", "LGU-E0009"}));
  EXPECT_EQ(ids_of(de, "de-2021/no-spy-declaration"), Strings{"LGU-E0008"});
  for (const auto& f : de.findings) {
    const std::string id(korea().elements.id.get(f.element));
    const std::string model(korea().strings.get(korea().elements.model[f.element]));
    if (de.rules[f.rule].rule_id == "de-2021/no-spy-declaration") {
      EXPECT_EQ(f.missing, Strings{"no_spy_declaration = true (record says false)"});
    } else if (id == "LGU-E0008") {
      EXPECT_EQ(model, "CloudUPF");
      EXPECT_EQ(f.missing, Strings{"certified = true (record says false)"});
    } else {
      EXPECT_EQ(model, "Subscriber Data Management") << id;
      EXPECT_EQ(f.missing, Strings{"certified = true (no record)"}) << id;
    }
  }
}

TEST(PresetKoreaSmall, EntityListCoversEveryHuaweiElementFromItsDate) {
  const CheckResult before = check_preset("us-fcc-covered", "2019-08-18");
  // The covered list is not yet effective; the entity listing is, with its findings due.
  EXPECT_EQ(counts(before),
            (std::map<std::string, Count>{{"us-fcc-covered/covered-list", kSkipped},
                                          {"us-fcc-covered/entity-list", {47, 0}}}));
  const CheckResult on = check_preset("us-fcc-covered", "2019-08-19");
  EXPECT_EQ(counts(on), (std::map<std::string, Count>{{"us-fcc-covered/covered-list", kSkipped},
                                                      {"us-fcc-covered/entity-list", {47, 47}}}));
  for (const auto& f : on.findings) {
    EXPECT_EQ(korea().vendor_name(f.element), "Huawei");
    EXPECT_EQ(f.deadline, *parse_iso_date("2019-08-19"));
  }
  EXPECT_EQ(counts(check_preset("us-fcc-covered", "2019-05-15")),
            (std::map<std::string, Count>{{"us-fcc-covered/covered-list", kSkipped},
                                          {"us-fcc-covered/entity-list", kSkipped}}));
}

TEST(PresetKoreaSmall, AllPresetsTogetherInOnePass) {
  std::vector<Policy> all;
  for (const auto& info : list_presets()) all.push_back(load_policy(info.id));
  const CheckResult r = evaluate(korea(), std::move(all), *parse_iso_date("2024-01-01"), 2);
  std::map<std::string, Count> expected;
  std::size_t findings = 0, overdue = 0;
  for (const auto& [preset, rules] : kAt2024)
    for (const auto& [id, c] : rules) {
      expected[id] = c;
      if (c == kSkipped) continue;
      findings += c.findings;
      overdue += c.overdue;
    }
  EXPECT_EQ(counts(r), expected);
  EXPECT_EQ(r.findings.size(), findings);
  EXPECT_EQ(r.overdue, overdue);
  EXPECT_EQ(findings, 282u);
  EXPECT_EQ(overdue, 210u);
}

}  // namespace
}  // namespace ringfence
