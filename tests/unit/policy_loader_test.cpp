// The policy language: TOML into typed rules, and every refusal naming the
// file, the line and the rule.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ringfence/diagnostics.hpp"
#include "ringfence/policy.hpp"
#include "test_support.hpp"

namespace ringfence {
namespace {

using Strings = std::vector<std::string>;

Days loader_day(const char* iso) {
  return *parse_iso_date(iso);
}

// The complete example of every rule kind, verbatim from the policy language reference.
constexpr const char* kSpecExample = R"([policy]
id = "example"
title = "Every rule kind once"
[vendors]
hrv = ["Huawei", "ZTE"]

[[rule]]
id = "core"
kind = "exclude"
vendors = "@hrv"
where = { domain = ["core", "oss"] }
deadline = 2023-01-28
[[rule]]
id = "cap"
kind = "share_cap"
vendors = "@hrv"
where = { domain = "ran" }
per = ["operator"]
measure = "sites"
max_share = 0.35
[[rule]]
id = "bases"
kind = "zone_exclusion"
vendors = "@hrv"
zones = { category = ["military"] }
radius_m = 5000
[[rule]]
id = "multi"
kind = "min_vendors"
where = { domain = "ran" }
per = ["operator"]
min = 2
max_single_share = 0.8
[[rule]]
id = "new"
kind = "no_new_installs"
vendors = "@hrv"
where = { technology = "nr" }
after = 2020-12-31
[[rule]]
id = "paths"
kind = "path_exclusion"
vendors = "@hrv"
from = { domain = "ran" }
from_zones = { category = ["military", "government"] }
from_radius_m = 8000
through = { domain = ["transport", "core"] }
[[rule]]
id = "certified"
kind = "require"
where = { domain = "core" }
attributes = { certified = true }
[[rule]]
id = "entity-list"
kind = "support_cutoff"
vendors = "@hrv"
after = 2019-08-19
)";

// A policy header followed by one rule body (the [[rule]] header is on line 5).
std::string one_rule(const std::string& body, const std::string& vendors = "") {
  return "[policy]\nid = \"p\"\ntitle = \"t\"\n" +
         (vendors.empty() ? std::string("\n") : "[vendors]\n" + vendors + "\n") + "[[rule]]\n" +
         body;
}

// The single diagnostic of a refused policy text.
Diagnostic refusal(const std::string& text, const std::string& name = "policy.toml") {
  try {
    parse_policy(text, name);
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics().errors().size(), 1u);
    EXPECT_EQ(std::string(e.what()), e.diagnostics().errors().front().to_string());
    return e.diagnostics().errors().front();
  }
  ADD_FAILURE() << "accepted:\n" << text;
  return {};
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(PolicyLoader, SpecExampleParsesIntoTypedRules) {
  const Policy p = parse_policy(kSpecExample, "example.toml");
  EXPECT_EQ(p.id, "example");
  EXPECT_EQ(p.title, "Every rule kind once");
  EXPECT_EQ(p.source, "");
  EXPECT_EQ(p.origin, "example.toml");
  ASSERT_EQ(p.rules.size(), 8u);
  const Strings hrv = {"Huawei", "ZTE"};

  const Rule& core = p.rules[0];
  EXPECT_EQ(core.id, "core");
  EXPECT_EQ(core.kind, RuleKind::kExclude);
  EXPECT_EQ(core.line, 7u);
  EXPECT_FALSE(core.vendors.all);
  EXPECT_EQ(core.vendors.names, hrv);
  EXPECT_TRUE(core.vendors.tags.empty());
  EXPECT_EQ(core.where.any_of, (std::map<std::string, Strings>{{"domain", {"core", "oss"}}}));
  EXPECT_EQ(core.deadline, loader_day("2023-01-28"));
  EXPECT_EQ(core.effective, kNoDate);
  EXPECT_EQ(core.after, kNoDate);

  const Rule& cap = p.rules[1];
  EXPECT_EQ(cap.id, "cap");
  EXPECT_EQ(cap.kind, RuleKind::kShareCap);
  EXPECT_EQ(cap.line, 13u);
  EXPECT_EQ(cap.vendors.names, hrv);
  EXPECT_EQ(cap.where.any_of, (std::map<std::string, Strings>{{"domain", {"ran"}}}));
  EXPECT_EQ(cap.per, std::vector<GroupKey>{GroupKey::kOperator});
  EXPECT_EQ(cap.measure, Measure::kSites);
  EXPECT_DOUBLE_EQ(cap.max_share, 0.35);
  EXPECT_EQ(cap.deadline, kNoDate);

  const Rule& bases = p.rules[2];
  EXPECT_EQ(bases.kind, RuleKind::kZoneExclusion);
  EXPECT_EQ(bases.line, 21u);
  EXPECT_EQ(bases.vendors.names, hrv);
  EXPECT_TRUE(bases.where.empty());
  EXPECT_EQ(bases.zones.any_of, (std::map<std::string, Strings>{{"category", {"military"}}}));
  EXPECT_EQ(bases.radius_m, 5000.0);
  EXPECT_EQ(bases.footprint, Footprint::kSite);

  const Rule& multi = p.rules[3];
  EXPECT_EQ(multi.kind, RuleKind::kMinVendors);
  EXPECT_TRUE(multi.vendors.all);
  EXPECT_EQ(multi.where.any_of, (std::map<std::string, Strings>{{"domain", {"ran"}}}));
  EXPECT_EQ(multi.per, std::vector<GroupKey>{GroupKey::kOperator});
  EXPECT_EQ(multi.min, 2);
  EXPECT_DOUBLE_EQ(multi.max_single_share, 0.8);
  EXPECT_EQ(multi.measure, Measure::kElements);

  const Rule& fresh = p.rules[4];
  EXPECT_EQ(fresh.kind, RuleKind::kNoNewInstalls);
  EXPECT_EQ(fresh.vendors.names, hrv);
  EXPECT_EQ(fresh.where.any_of, (std::map<std::string, Strings>{{"technology", {"nr"}}}));
  EXPECT_EQ(fresh.after, loader_day("2020-12-31"));

  const Rule& paths = p.rules[5];
  EXPECT_EQ(paths.kind, RuleKind::kPathExclusion);
  EXPECT_EQ(paths.vendors.names, hrv);
  EXPECT_EQ(paths.from.any_of, (std::map<std::string, Strings>{{"domain", {"ran"}}}));
  EXPECT_TRUE(paths.has_from_zones);
  EXPECT_EQ(paths.from_zones.any_of,
            (std::map<std::string, Strings>{{"category", {"military", "government"}}}));
  EXPECT_EQ(paths.from_radius_m, 8000.0);
  EXPECT_EQ(paths.through.any_of,
            (std::map<std::string, Strings>{{"domain", {"transport", "core"}}}));

  const Rule& certified = p.rules[6];
  EXPECT_EQ(certified.kind, RuleKind::kRequire);
  EXPECT_TRUE(certified.vendors.all);
  EXPECT_EQ(certified.where.any_of, (std::map<std::string, Strings>{{"domain", {"core"}}}));
  EXPECT_EQ(certified.attributes,
            (std::vector<std::pair<std::string, std::string>>{{"certified", "true"}}));

  const Rule& entity = p.rules[7];
  EXPECT_EQ(entity.id, "entity-list");
  EXPECT_EQ(entity.kind, RuleKind::kSupportCutoff);
  EXPECT_EQ(entity.line, 53u);
  EXPECT_EQ(entity.vendors.names, hrv);
  EXPECT_EQ(entity.after, loader_day("2019-08-19"));

  std::vector<std::string> kinds;
  for (const auto& r : p.rules) kinds.emplace_back(rule_kind_name(r.kind));
  EXPECT_EQ(kinds, (Strings{"exclude", "share_cap", "zone_exclusion", "min_vendors",
                            "no_new_installs", "path_exclusion", "require", "support_cutoff"}));
}

TEST(PolicyLoader, VendorSetsNamesTagsAndLists) {
  const Policy p = parse_policy(R"([policy]
id = "v"
[vendors]
hrv = ["Huawei", "ZTE"]
covered = ["@hrv", "Hytera", "tag:fcc_covered"]
[[rule]]
id = "set"
kind = "exclude"
vendors = "@hrv"
[[rule]]
id = "tag"
kind = "exclude"
vendors = "tag:high_risk"
[[rule]]
id = "one-name"
kind = "exclude"
vendors = "HUAWEI TECHNOLOGIES CO., LTD."
[[rule]]
id = "list"
kind = "exclude"
vendors = ["Nokia", "tag:high_risk", "@hrv"]
[[rule]]
id = "nested"
kind = "exclude"
vendors = "@covered"
[[rule]]
id = "optional"
kind = "require"
attributes = { certified = true }
)",
                                "v.toml");
  ASSERT_EQ(p.rules.size(), 6u);
  auto check = [&](std::size_t i, const Strings& names, const Strings& tags) {
    SCOPED_TRACE(p.rules[i].id);
    EXPECT_FALSE(p.rules[i].vendors.all);
    EXPECT_EQ(p.rules[i].vendors.names, names);
    EXPECT_EQ(p.rules[i].vendors.tags, tags);
  };
  check(0, {"Huawei", "ZTE"}, {});
  check(1, {}, {"high_risk"});
  check(2, {"HUAWEI TECHNOLOGIES CO., LTD."}, {});
  check(3, {"Nokia", "Huawei", "ZTE"}, {"high_risk"});
  check(4, {"Huawei", "ZTE", "Hytera"}, {"fcc_covered"});
  EXPECT_TRUE(p.rules[5].vendors.all);
}

TEST(PolicyLoader, WhereFiltersOnEveryKey) {
  const Policy p = parse_policy(one_rule(R"(id = "w"
kind = "exclude"
vendors = ["Huawei"]
where = { operator = "KT", domain = ["ran", "transport", "core", "oss", "other"], function = ["gnb", "enb"], technology = "nr", vendor = ["Huawei", "ZTE"], site_kind = ["macro", "small", "indoor", "aggregation", "core_dc", "exchange"], region = ["Seoul", "Busan"] }
)"),
                                "w.toml");
  ASSERT_EQ(p.rules.size(), 1u);
  const std::map<std::string, Strings> expected = {
      {"operator", {"KT"}},
      {"domain", {"ran", "transport", "core", "oss", "other"}},
      {"function", {"gnb", "enb"}},
      {"technology", {"nr"}},
      {"vendor", {"Huawei", "ZTE"}},
      {"site_kind", {"macro", "small", "indoor", "aggregation", "core_dc", "exchange"}},
      {"region", {"Seoul", "Busan"}}};
  EXPECT_EQ(p.rules[0].where.any_of, expected);
}

TEST(PolicyLoader, ZoneAndSectorParameters) {
  const Policy p = parse_policy(one_rule(R"(id = "z"
kind = "zone_exclusion"
vendors = "Huawei"
zones = { category = ["military", "nuclear"], name = "Camp X" }
radius_m = 1500.5
footprint = "sector"
)"),
                                "z.toml");
  const Rule& r = p.rules.at(0);
  EXPECT_EQ(r.zones.any_of, (std::map<std::string, Strings>{{"category", {"military", "nuclear"}},
                                                            {"name", {"Camp X"}}}));
  EXPECT_EQ(r.radius_m, 1500.5);
  EXPECT_EQ(r.footprint, Footprint::kSector);
  EXPECT_FALSE(r.has_from_zones);
}

TEST(PolicyLoader, SharesPerKeysAndMeasures) {
  const Policy p = parse_policy(R"([policy]
id = "s"
[[rule]]
id = "a"
kind = "share_cap"
vendors = "Huawei"
per = ["operator", "technology"]
measure = "traffic"
max_share = 1
[[rule]]
id = "b"
kind = "share_cap"
vendors = "Huawei"
per = ["region", "domain"]
measure = "population"
max_share = 0
[[rule]]
id = "c"
kind = "share_cap"
vendors = "Huawei"
max_share = 0.5
[[rule]]
id = "d"
kind = "min_vendors"
min = 3
measure = "sites"
)",
                                "s.toml");
  ASSERT_EQ(p.rules.size(), 4u);
  EXPECT_EQ(p.rules[0].per, (std::vector<GroupKey>{GroupKey::kOperator, GroupKey::kTechnology}));
  EXPECT_EQ(p.rules[0].measure, Measure::kTraffic);
  EXPECT_EQ(p.rules[0].max_share, 1.0);
  EXPECT_EQ(p.rules[1].per, (std::vector<GroupKey>{GroupKey::kRegion, GroupKey::kDomain}));
  EXPECT_EQ(p.rules[1].measure, Measure::kPopulation);
  EXPECT_EQ(p.rules[1].max_share, 0.0);
  EXPECT_TRUE(p.rules[2].per.empty());
  EXPECT_EQ(p.rules[2].measure, Measure::kElements);
  EXPECT_EQ(p.rules[3].min, 3);
  EXPECT_EQ(p.rules[3].measure, Measure::kSites);
  EXPECT_TRUE(std::isnan(p.rules[3].max_single_share));
}

TEST(PolicyLoader, EffectiveDeadlineAndAfterDates) {
  const Policy p = parse_policy(R"([policy]
id = "d"
[[rule]]
id = "toml-dates"
kind = "exclude"
vendors = "Huawei"
effective = 2020-01-28
deadline = 2023-01-28
[[rule]]
id = "string-dates"
kind = "support_cutoff"
vendors = "Huawei"
after = "2019-08-19"
effective = "2019-05-16"
deadline = "2019-05-16"
[[rule]]
id = "leap-day"
kind = "no_new_installs"
vendors = "Huawei"
after = 2024-02-29
)",
                                "d.toml");
  ASSERT_EQ(p.rules.size(), 3u);
  EXPECT_EQ(p.rules[0].effective, loader_day("2020-01-28"));
  EXPECT_EQ(p.rules[0].deadline, loader_day("2023-01-28"));
  EXPECT_EQ(p.rules[0].after, kNoDate);
  EXPECT_EQ(p.rules[1].after, loader_day("2019-08-19"));
  EXPECT_EQ(p.rules[1].effective, loader_day("2019-05-16"));
  EXPECT_EQ(p.rules[1].deadline, loader_day("2019-05-16"));
  EXPECT_EQ(p.rules[2].after, loader_day("2024-02-29"));
  EXPECT_EQ(p.rules[2].effective, kNoDate);
  EXPECT_EQ(p.rules[2].deadline, kNoDate);
}

TEST(PolicyLoader, RequireAttributeValuesAreNormalised) {
  const Policy p = parse_policy(one_rule(R"(id = "r"
kind = "require"
vendors = "@hrv"
attributes = { certified = true, no_spy_declaration = "YES", revoked = false, certified_by = "KISA", level = 3, tested_on = 2019-02-14 }
)",
                                         "hrv = [\"Huawei\"]"),
                                "r.toml");
  const Rule& r = p.rules.at(0);
  EXPECT_EQ(r.vendors.names, Strings{"Huawei"});
  // toml++ tables iterate in key order.
  EXPECT_EQ(r.attributes,
            (std::vector<std::pair<std::string, std::string>>{{"certified", "true"},
                                                              {"certified_by", "KISA"},
                                                              {"level", "3"},
                                                              {"no_spy_declaration", "true"},
                                                              {"revoked", "false"},
                                                              {"tested_on", "2019-02-14"}}));
  EXPECT_EQ(normalise_attribute_value("yes"), "true");
  EXPECT_EQ(normalise_attribute_value("TRUE"), "true");
  EXPECT_EQ(normalise_attribute_value("1"), "true");
  EXPECT_EQ(normalise_attribute_value("No"), "false");
  EXPECT_EQ(normalise_attribute_value("0"), "false");
  EXPECT_EQ(normalise_attribute_value("KISA"), "KISA");
  EXPECT_EQ(normalise_attribute_value(""), "");
}

// ---- refusals: file, line, column, rule, what was expected ----

TEST(PolicyLoader, BadTomlNamesFileAndLine) {
  const Diagnostic d = refusal("[policy]\nid = \"p\"\n[[rule]]\nid = \"x\"\nkind = \n", "bad.toml");
  EXPECT_EQ(d.file, "bad.toml");
  EXPECT_EQ(d.line, 5u);
  EXPECT_GT(d.column, 0u);
  EXPECT_TRUE(contains(d.message, "bad TOML")) << d.message;
  EXPECT_TRUE(contains(d.to_string(), "bad.toml:5:")) << d.to_string();
}

TEST(PolicyLoader, UnknownKindNamesRuleAndLine) {
  const Diagnostic d = refusal(one_rule("id = \"r1\"\nkind = \"banish\"\nvendors = \"Huawei\"\n"));
  EXPECT_EQ(d.file, "policy.toml");
  EXPECT_EQ(d.line, 7u);
  EXPECT_EQ(d.column, 8u);
  EXPECT_TRUE(contains(d.message, "rule 'r1'")) << d.message;
  EXPECT_TRUE(contains(d.message, "unknown kind 'banish'")) << d.message;
  EXPECT_TRUE(contains(d.message, "support_cutoff")) << d.message;  // lists what is expected
}

TEST(PolicyLoader, UnknownKeyNamesRuleAndLine) {
  const Diagnostic d =
      refusal(one_rule("id = \"r2\"\nkind = \"exclude\"\nvendors = \"Huawei\"\nradius_m = 5\n"));
  EXPECT_EQ(d.line, 9u);
  EXPECT_EQ(d.column, 12u);
  EXPECT_TRUE(contains(d.message, "rule 'r2'")) << d.message;
  EXPECT_TRUE(contains(d.message, "unknown key 'radius_m' for kind exclude")) << d.message;
  // A misspelt top-level table and a key in [policy] are refused too.
  const Diagnostic top = refusal("[policy]\nid = \"p\"\n[rules]\nid = \"x\"\n");
  EXPECT_EQ(top.line, 3u);
  EXPECT_TRUE(contains(top.message, "unknown top-level key 'rules'")) << top.message;
  const Diagnostic head = refusal("[policy]\nid = \"p\"\nversion = 2\n");
  EXPECT_EQ(head.line, 3u);
  EXPECT_TRUE(contains(head.message, "unknown key 'version' in [policy]")) << head.message;
}

TEST(PolicyLoader, ShareOutsideZeroOneIsRefused) {
  for (const char* value : {"1.5", "-0.1", "1.0000001", "nan"}) {
    SCOPED_TRACE(value);
    const Diagnostic d = refusal(one_rule(std::string("id = \"cap\"\nkind = \"share_cap\"\n"
                                                      "vendors = \"Huawei\"\nmax_share = ") +
                                          value + "\n"));
    EXPECT_EQ(d.line, 9u);
    EXPECT_TRUE(contains(d.message, "rule 'cap'")) << d.message;
    EXPECT_TRUE(contains(d.message, "max_share")) << d.message;
    EXPECT_TRUE(contains(d.message, "outside [0, 1]")) << d.message;
  }
  const Diagnostic single =
      refusal(one_rule("id = \"mv\"\nkind = \"min_vendors\"\nmin = 2\nmax_single_share = 2\n"));
  EXPECT_EQ(single.line, 9u);
  EXPECT_TRUE(contains(single.message, "rule 'mv'")) << single.message;
  EXPECT_TRUE(contains(single.message, "max_single_share")) << single.message;
  EXPECT_TRUE(contains(single.message, "outside [0, 1]")) << single.message;
  // The bounds themselves are shares.
  EXPECT_NO_THROW(parse_policy(
      one_rule("id = \"c\"\nkind = \"share_cap\"\nvendors = \"Huawei\"\nmax_share = 0.0\n"), "x"));
  EXPECT_NO_THROW(parse_policy(
      one_rule("id = \"c\"\nkind = \"share_cap\"\nvendors = \"Huawei\"\nmax_share = 1.0\n"), "x"));
}

TEST(PolicyLoader, UndefinedVendorSetIsRefused) {
  const Diagnostic d = refusal(one_rule("id = \"ex\"\nkind = \"exclude\"\nvendors = \"@hrv\"\n",
                                        "high_risk = [\"Huawei\"]"));
  EXPECT_EQ(d.line, 9u);
  EXPECT_TRUE(contains(d.message, "rule 'ex'")) << d.message;
  EXPECT_TRUE(contains(d.message, "vendor set '@hrv' is not defined")) << d.message;
  // Inside a list, and without any [vendors] table.
  const Diagnostic in_list =
      refusal(one_rule("id = \"ex2\"\nkind = \"exclude\"\nvendors = [\"ZTE\", \"@nope\"]\n"));
  EXPECT_EQ(in_list.line, 8u);
  EXPECT_TRUE(contains(in_list.message, "rule 'ex2'")) << in_list.message;
  EXPECT_TRUE(contains(in_list.message, "'@nope'")) << in_list.message;
  // A set that refers to itself does not recurse for ever.
  const Diagnostic loop =
      refusal(one_rule("id = \"ex3\"\nkind = \"exclude\"\nvendors = \"@a\"\n", "a = [\"@a\"]"));
  EXPECT_TRUE(contains(loop.message, "rule 'ex3'")) << loop.message;
  EXPECT_TRUE(contains(loop.message, "refers to itself")) << loop.message;
}

TEST(PolicyLoader, UnknownDomainInWhereIsRefused) {
  const Diagnostic d =
      refusal(one_rule("id = \"dom\"\nkind = \"exclude\"\nvendors = \"Huawei\"\nwhere = { domain = "
                       "[\"ran\", \"radio\"] }\n"));
  EXPECT_EQ(d.line, 9u);
  EXPECT_TRUE(contains(d.message, "rule 'dom'")) << d.message;
  EXPECT_TRUE(contains(d.message, "unknown domain 'radio'")) << d.message;
  EXPECT_TRUE(contains(d.message, "ran, transport, core, oss, other")) << d.message;
  // The same in path filters, an unknown site kind, and an unknown where key.
  const Diagnostic through = refusal(one_rule(
      "id = \"p\"\nkind = \"path_exclusion\"\nvendors = \"Huawei\"\nfrom = { domain = \"ran\" }\n"
      "through = { domain = \"backhaul\" }\n"));
  EXPECT_EQ(through.line, 10u);
  EXPECT_TRUE(contains(through.message, "unknown domain 'backhaul'")) << through.message;
  const Diagnostic kind = refusal(one_rule(
      "id = \"k\"\nkind = \"exclude\"\nvendors = \"Huawei\"\nwhere = { site_kind = \"tower\" }\n"));
  EXPECT_TRUE(contains(kind.message, "unknown site_kind 'tower'")) << kind.message;
  const Diagnostic key = refusal(one_rule(
      "id = \"q\"\nkind = \"exclude\"\nvendors = \"Huawei\"\nwhere = { colour = \"red\" }\n"));
  EXPECT_EQ(key.line, 9u);
  EXPECT_TRUE(contains(key.message, "rule 'q'")) << key.message;
  EXPECT_TRUE(contains(key.message, "unknown key 'colour'")) << key.message;
}

TEST(PolicyLoader, MissingRequiredParameterIsRefused) {
  struct Case {
    std::string body, missing;
  };
  const std::vector<Case> cases = {
      {"kind = \"exclude\"\n", "missing 'vendors'"},
      {"kind = \"no_new_installs\"\nvendors = \"Huawei\"\n", "missing 'after'"},
      {"kind = \"share_cap\"\nvendors = \"Huawei\"\n", "missing 'max_share'"},
      {"kind = \"zone_exclusion\"\nvendors = \"Huawei\"\n", "missing 'radius_m'"},
      {"kind = \"min_vendors\"\nper = [\"operator\"]\n", "missing 'min'"},
      {"kind = \"require\"\n", "missing 'attributes'"},
      {"kind = \"path_exclusion\"\nvendors = \"Huawei\"\nfrom = { domain = \"ran\" }\n",
       "missing 'through'"},
      {"kind = \"path_exclusion\"\nvendors = \"Huawei\"\nfrom = { domain = \"ran\" }\n"
       "through = { domain = \"core\" }\nfrom_zones = { category = \"military\" }\n",
       "from_zones needs from_radius_m"},
      {"kind = \"support_cutoff\"\nvendors = \"Huawei\"\n", "missing 'after'"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    const Diagnostic d = refusal(one_rule("id = \"needs\"\n" + c.body));
    EXPECT_EQ(d.file, "policy.toml");
    EXPECT_EQ(d.line, 5u);  // the rule's [[rule]] header
    EXPECT_TRUE(contains(d.message, "rule 'needs'")) << d.message;
    EXPECT_TRUE(contains(d.message, c.missing)) << d.message;
  }
  const Diagnostic no_id = refusal(one_rule("kind = \"exclude\"\nvendors = \"Huawei\"\n"));
  EXPECT_EQ(no_id.line, 5u);
  EXPECT_TRUE(contains(no_id.message, "rule has no id")) << no_id.message;
  const Diagnostic no_kind = refusal(one_rule("id = \"nk\"\nvendors = \"Huawei\"\n"));
  EXPECT_TRUE(contains(no_kind.message, "rule 'nk'")) << no_kind.message;
  EXPECT_TRUE(contains(no_kind.message, "no kind")) << no_kind.message;
  const Diagnostic no_policy_id = refusal("[policy]\ntitle = \"t\"\n");
  EXPECT_TRUE(contains(no_policy_id.message, "[policy] has no id")) << no_policy_id.message;
}

TEST(PolicyLoader, BadValuesAreRefused) {
  struct Case {
    std::string body, what;
    std::size_t line;
  };
  const std::vector<Case> cases = {
      {"kind = \"exclude\"\nvendors = \"Huawei\"\ndeadline = 2023-02-30\n", "bad TOML", 9},
      {"kind = \"exclude\"\nvendors = \"Huawei\"\ndeadline = \"28/01/2023\"\n",
       "expected a date YYYY-MM-DD", 9},
      {"kind = \"exclude\"\nvendors = \"Huawei\"\neffective = 2023-01-02\ndeadline = 2023-01-01\n",
       "deadline is before effective", 5},
      {"kind = \"share_cap\"\nvendors = \"Huawei\"\nmax_share = 0.3\nper = [\"vendor\"]\n",
       "per: unknown key 'vendor'", 10},
      {"kind = \"share_cap\"\nvendors = \"Huawei\"\nmax_share = 0.3\nmeasure = \"bytes\"\n",
       "measure 'bytes'", 10},
      {"kind = \"zone_exclusion\"\nvendors = \"Huawei\"\nradius_m = -1\n", "radius_m", 9},
      {"kind = \"zone_exclusion\"\nvendors = \"Huawei\"\nradius_m = 5\nfootprint = \"cell\"\n",
       "footprint 'cell'", 10},
      {"kind = \"min_vendors\"\nmin = 0\n", "min: expected a whole number >= 1", 8},
      {"kind = \"exclude\"\nvendors = []\n", "expected at least one value", 8},
      {"kind = \"exclude\"\nvendors = \"tag:\"\n", "empty tag", 8},
      {"kind = \"require\"\nattributes = {}\n", "attributes: expected a table", 8},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    const Diagnostic d = refusal(one_rule("id = \"bad\"\n" + c.body));
    EXPECT_EQ(d.line, c.line);
    EXPECT_TRUE(contains(d.message, c.what)) << d.message;
    if (c.what != "bad TOML") {
      EXPECT_TRUE(contains(d.message, "rule 'bad'")) << d.message;
    }
  }
}

TEST(PolicyLoader, DuplicateRuleIdIsRefused) {
  const Diagnostic d = refusal(R"([policy]
id = "p"
[[rule]]
id = "same"
kind = "exclude"
vendors = "Huawei"
[[rule]]
id = "other"
kind = "exclude"
vendors = "ZTE"
[[rule]]
id = "same"
kind = "exclude"
vendors = "ZTE"
)",
                               "dup.toml");
  EXPECT_EQ(d.file, "dup.toml");
  EXPECT_EQ(d.line, 11u);
  EXPECT_TRUE(contains(d.message, "rule 'same'")) << d.message;
  EXPECT_TRUE(contains(d.message, "duplicate rule id 'same'")) << d.message;
  const Diagnostic slash =
      refusal(one_rule("id = \"a/b\"\nkind = \"exclude\"\nvendors = \"ZTE\"\n"));
  EXPECT_TRUE(contains(slash.message, "no '/'")) << slash.message;
}

TEST(PolicyLoader, FileErrorsNameTheFilePath) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "broken.toml").string();
  dir.write("broken.toml", one_rule("id = \"cap\"\nkind = \"share_cap\"\nvendors = \"Huawei\"\n"));
  try {
    load_policy(path);
    FAIL() << "accepted";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind(path + ":5:", 0), 0u) << what;
    EXPECT_TRUE(contains(what, "rule 'cap'")) << what;
    EXPECT_TRUE(contains(what, "missing 'max_share'")) << what;
  }
  // A good file loads, with its path as origin.
  dir.write("good.toml", one_rule("id = \"ok\"\nkind = \"exclude\"\nvendors = \"Huawei\"\n"));
  const Policy p = load_policy((dir.path() / "good.toml").string());
  EXPECT_EQ(p.origin, (dir.path() / "good.toml").string());
  ASSERT_EQ(p.rules.size(), 1u);
  EXPECT_EQ(p.rules[0].id, "ok");
  // Invalid UTF-8 is refused with its place.
  dir.write("latin1.toml", "[policy]\nid = \"p\"\ntitle = \"caf\xe9\"\n");
  try {
    load_policy((dir.path() / "latin1.toml").string());
    FAIL() << "accepted";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().errors().size(), 1u);
    EXPECT_EQ(e.diagnostics().errors()[0].line, 3u);
    EXPECT_TRUE(contains(e.what(), "UTF-8")) << e.what();
  }
}

TEST(PolicyLoader, UnknownPresetOrMissingFileIsRefused) {
  for (const std::string& name : Strings{"uk-2021", "/no/such/dir/policy.toml"}) {
    SCOPED_TRACE(name);
    try {
      load_policy(name);
      FAIL() << "accepted";
    } catch (const InputError& e) {
      ASSERT_EQ(e.diagnostics().errors().size(), 1u);
      const Diagnostic& d = e.diagnostics().errors()[0];
      EXPECT_EQ(d.file, name);
      EXPECT_TRUE(contains(d.message, "no such policy file or preset")) << d.message;
      for (const auto& preset : list_presets())
        EXPECT_TRUE(contains(d.message, preset.id)) << d.message;
    }
  }
}

TEST(PolicyLoader, EveryPresetLoads) {
  const std::vector<PresetInfo> presets = list_presets();
  Strings ids;
  for (const auto& info : presets) ids.push_back(info.id);
  EXPECT_EQ(ids, (Strings{"au-2018", "ca-2022", "de-2021", "de-2024", "eu-toolbox", "se-2020",
                          "uk-2020", "us-fcc-covered", "us-kr-sensitive"}));
  const std::map<std::string, std::size_t> rule_counts = {
      {"au-2018", 2}, {"ca-2022", 5},        {"de-2021", 2},
      {"de-2024", 2}, {"eu-toolbox", 3},     {"se-2020", 2},
      {"uk-2020", 7}, {"us-fcc-covered", 2}, {"us-kr-sensitive", 3}};
  for (const auto& info : presets) {
    SCOPED_TRACE(info.id);
    const Policy p = load_policy(info.id);
    EXPECT_EQ(p.id, info.id);
    EXPECT_EQ(p.origin, "preset:" + info.id);
    EXPECT_EQ(p.title, info.title);
    EXPECT_FALSE(p.title.empty());
    EXPECT_FALSE(p.source.empty());
    EXPECT_EQ(p.rules.size(), info.rules);
    EXPECT_EQ(p.rules.size(), rule_counts.at(info.id));
    for (const auto& r : p.rules) EXPECT_FALSE(r.description.empty()) << r.id;
    // The compiled-in text is the file in data/presets.
    const std::string file =
        std::string(RINGFENCE_SOURCE_DIR) + "/data/presets/" + info.id + ".toml";
    const Policy from_file = load_policy(file);
    EXPECT_EQ(from_file.id, p.id);
    ASSERT_EQ(from_file.rules.size(), p.rules.size());
    for (std::size_t i = 0; i < p.rules.size(); ++i) {
      EXPECT_EQ(from_file.rules[i].id, p.rules[i].id);
      EXPECT_EQ(from_file.rules[i].kind, p.rules[i].kind);
      EXPECT_EQ(from_file.rules[i].line, p.rules[i].line);
    }
  }
  // Every preset file is compiled in.
  std::size_t files = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(RINGFENCE_SOURCE_DIR) + "/data/presets"))
    files += entry.path().extension() == ".toml";
  EXPECT_EQ(files, presets.size());
}

TEST(PolicyLoader, UkPresetEncodesItsDates) {
  const Policy uk = load_policy("uk-2020");
  std::map<std::string, const Rule*> by_id;
  for (const auto& r : uk.rules) by_id[r.id] = &r;
  ASSERT_EQ(by_id.size(), 7u);
  // The designated vendor direction of 13 Oct 2022 as issued, not its consultation draft.
  EXPECT_EQ(by_id.at("core-exclusion")->deadline, loader_day("2023-12-31"));
  EXPECT_EQ(by_id.at("fibre-share-cap")->deadline, loader_day("2023-10-31"));
  EXPECT_EQ(by_id.at("sensitive-sites")->deadline, loader_day("2023-01-28"));
  EXPECT_EQ(by_id.at("access-share-cap")->max_share, 0.35);
  EXPECT_EQ(by_id.at("access-share-cap")->measure, Measure::kSites);
  EXPECT_EQ(by_id.at("access-share-cap")->deadline, loader_day("2023-07-31"));
  EXPECT_EQ(by_id.at("sensitive-sites")->radius_m, 1000.0);
  EXPECT_EQ(by_id.at("no-new-5g")->after, loader_day("2020-12-31"));
  EXPECT_EQ(by_id.at("no-new-5g")->vendors.names, Strings{"Huawei"});
  EXPECT_EQ(by_id.at("full-5g-removal")->deadline, loader_day("2027-12-31"));
  EXPECT_EQ(by_id.at("core-transmission")->effective, loader_day("2022-10-13"));
  const Policy us = load_policy("us-fcc-covered");
  EXPECT_EQ(us.rules.at(0).vendors.names,
            (Strings{"Huawei", "ZTE", "Hytera", "Hikvision", "Dahua"}));
  EXPECT_EQ(us.rules.at(1).kind, RuleKind::kSupportCutoff);
  EXPECT_EQ(us.rules.at(1).after, loader_day("2019-08-19"));
}

}  // namespace
}  // namespace ringfence
