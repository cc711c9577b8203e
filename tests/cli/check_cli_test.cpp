// `ringfence check` end to end: exit status, the JSON document, CSV,
// GeoJSON, the timeline, --out and bad input.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace ringfence::testing {
namespace {

using nlohmann::json;
using Strings = std::vector<std::string>;

std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

const std::string kKorea = std::string(RINGFENCE_SOURCE_DIR) + "/examples/korea-small";

RunResult ringfence(const std::string& args) {
  return run_command(quoted(RINGFENCE_BIN) + " " + args);
}

RunResult check(const std::string& args) {
  return ringfence("check " + quoted(kKorea) + " " + args);
}

std::string sha256_of(const std::string& path) {
  const RunResult r = run_command("sha256sum " + quoted(path));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out.substr(0, 64);
}

// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
std::vector<Strings> parse_csv(const std::string& text) {
  std::vector<Strings> rows;
  Strings row;
  std::string field;
  bool quoted_field = false, at_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted_field) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted_field = false;
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty()) {
      quoted_field = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\n') {
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      at_start = true;
      continue;
    } else {
      field += c;
    }
    at_start = false;
  }
  EXPECT_TRUE(at_start) << "CSV does not end with a line break";
  return rows;
}

// The version the binary reports.
std::string version() {
  const RunResult r = ringfence("--version");
  const std::string prefix = "ringfence ";
  EXPECT_EQ(r.out.rfind(prefix, 0), 0u) << r.out;
  std::string v = r.out.substr(prefix.size());
  while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.pop_back();
  return v;
}

const std::map<std::string, int> kUkByRule = {
    {"uk-2020/access-share-cap", 1},  {"uk-2020/core-exclusion", 2},
    {"uk-2020/core-transmission", 1}, {"uk-2020/fibre-share-cap", 1},
    {"uk-2020/full-5g-removal", 23},  {"uk-2020/no-new-5g", 10},
    {"uk-2020/sensitive-sites", 12}};

TEST(CheckCli, JsonDocumentMatchesTheSpec) {
  const RunResult r = check("--policy uk-2020 --at 2024-01-01 --format json");
  ASSERT_EQ(r.exit_code, 1) << r.err;  // overdue findings
  const json doc = json::parse(r.out);
  ASSERT_TRUE(doc.is_object());
  EXPECT_EQ(doc.at("ringfence"), version());
  EXPECT_EQ(doc.at("at"), "2024-01-01");
  // Inputs: the bundle as given and the SHA-256 of every file read.
  EXPECT_EQ(doc.at("inputs").at("bundle"), kKorea);
  const json& sha = doc.at("inputs").at("sha256");
  std::set<std::string> files;
  for (const auto& [name, digest] : sha.items()) {
    files.insert(name);
    EXPECT_EQ(digest, sha256_of(kKorea + "/" + name)) << name;
  }
  EXPECT_EQ(files, (std::set<std::string>{"elements.csv", "links.csv", "models.csv", "sites.csv",
                                          "vendors.csv", "zones.geojson"}));
  // Policies.
  ASSERT_EQ(doc.at("policies").size(), 1u);
  EXPECT_EQ(doc["policies"][0].at("id"), "uk-2020");
  EXPECT_EQ(doc["policies"][0].at("title"),
            "United Kingdom high-risk vendor regime (2020 decisions, 2022 designated vendor "
            "direction)");
  // Summary.
  const json& summary = doc.at("summary");
  EXPECT_EQ(summary.at("findings"), 50);
  EXPECT_EQ(summary.at("overdue"), 26);
  EXPECT_EQ((summary.at("by_rule").get<std::map<std::string, int>>()), kUkByRule);
  // Findings.
  const json& findings = doc.at("findings");
  ASSERT_EQ(findings.size(), 50u);
  int overdue = 0;
  std::map<std::string, int> by_rule;
  std::vector<std::pair<std::string, std::string>> order;
  for (const json& f : findings) {
    SCOPED_TRACE(f.dump());
    const std::string rule_id = f.at("rule_id");
    ++by_rule[rule_id];
    EXPECT_EQ(rule_id.rfind("uk-2020/", 0), 0u);
    EXPECT_TRUE(f.at("kind").is_string());
    const std::string status = f.at("status");
    EXPECT_TRUE(status == "due" || status == "overdue");
    overdue += status == "overdue";
    EXPECT_TRUE(f.at("deadline").is_null() || f.at("deadline").is_string());
    EXPECT_FALSE(f.at("message").get<std::string>().empty());
    if (f.at("kind") == "share_cap") {
      EXPECT_FALSE(f.contains("element_id"));
      EXPECT_EQ(f.at("group"), json({{"operator", "LG U+"}}));
      EXPECT_TRUE(f.at("measured").is_number());
      EXPECT_EQ(f.at("limit"), 0.35);
      EXPECT_TRUE(f.at("excess").is_number());
      order.emplace_back(rule_id, "");
    } else {
      EXPECT_EQ(f.at("operator"), "LG U+");
      EXPECT_EQ(f.at("vendor"), "Huawei");
      EXPECT_EQ(f.at("site_id").get<std::string>().rfind("LGU-S", 0), 0u);
      order.emplace_back(rule_id, f.at("element_id"));
    }
    EXPECT_EQ(f.contains("zone_id"), f.at("kind") == "zone_exclusion");
    EXPECT_EQ(f.contains("distance_m"), f.at("kind") == "zone_exclusion");
    EXPECT_FALSE(f.contains("path"));
  }
  EXPECT_EQ(overdue, 26);
  EXPECT_EQ(by_rule, kUkByRule);
  EXPECT_TRUE(std::is_sorted(order.begin(), order.end()));

  auto find = [&](const std::string& rule, const std::string& element) -> const json& {
    for (const json& f : findings)
      if (f.at("rule_id") == rule && f.value("element_id", "") == element) return f;
    ADD_FAILURE() << rule << " " << element << " not found";
    return findings[0];
  };
  const json& core = find("uk-2020/core-exclusion", "LGU-E0008");
  EXPECT_EQ(core.at("kind"), "exclude");
  EXPECT_EQ(core.at("status"), "overdue");
  EXPECT_EQ(core.at("deadline"), "2023-12-31");
  EXPECT_EQ(core.at("site_id"), "LGU-S016");
  const json& removal = find("uk-2020/full-5g-removal", "LGU-E0019");
  EXPECT_EQ(removal.at("status"), "due");
  EXPECT_EQ(removal.at("deadline"), "2027-12-31");
  const json& zone = find("uk-2020/sensitive-sites", "LGU-E0016");
  EXPECT_EQ(zone.at("kind"), "zone_exclusion");
  EXPECT_EQ(zone.at("status"), "overdue");
  EXPECT_EQ(zone.at("deadline"), "2023-01-28");
  EXPECT_EQ(zone.at("site_id"), "LGU-S001");
  EXPECT_EQ(zone.at("zone_id"), "kr-yongsan");
  EXPECT_NEAR(zone.at("distance_m").get<double>(), 823.195, 0.01);
  EXPECT_EQ(find("uk-2020/sensitive-sites", "LGU-E0043").at("distance_m"), 0);
  const json& cap = findings[0];
  EXPECT_EQ(cap.at("rule_id"), "uk-2020/access-share-cap");
  EXPECT_EQ(cap.at("deadline"), "2023-07-31");
  EXPECT_EQ(cap.at("status"), "overdue");
  EXPECT_DOUBLE_EQ(cap.at("measured").get<double>(), 8.0 / 12);
  EXPECT_EQ(cap.at("excess"), 4);
}

TEST(CheckCli, PathFindingsCarryThePath) {
  const RunResult r = check("--policy us-kr-sensitive --at 2024-01-01 --format json");
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc.at("summary").at("findings"), 33);
  int paths = 0;
  for (const json& f : doc.at("findings")) {
    if (f.at("kind") != "path_exclusion") {
      EXPECT_FALSE(f.contains("path"));
      continue;
    }
    ++paths;
    EXPECT_EQ(f.at("path"), json::array({f.at("element_id"), "LGU-E0015"}));
    EXPECT_EQ(f.at("rule_id"), "us-kr-sensitive/military-base-paths");
  }
  EXPECT_EQ(paths, 12);
}

TEST(CheckCli, TwoRunsAreByteIdentical) {
  for (const char* format : {"json", "csv", "geojson", "text"}) {
    SCOPED_TRACE(format);
    const std::string args =
        "--policy uk-2020 --policy us-kr-sensitive --policy eu-toolbox "
        "--at 2024-01-01 --format " +
        std::string(format);
    const RunResult a = check(args);
    const RunResult b = check(args + " --threads 1");
    EXPECT_EQ(a.exit_code, 1);
    EXPECT_EQ(b.exit_code, 1);
    EXPECT_FALSE(a.out.empty());
    EXPECT_EQ(a.out, b.out);
    EXPECT_EQ(a.out, check(args).out);
  }
}

TEST(CheckCli, CsvAndGeoJsonHoldTheSameFindings) {
  const std::string args = "--policy uk-2020 --policy us-kr-sensitive --at 2024-01-01";
  const json doc = json::parse(check(args + " --format json").out);
  const json& findings = doc.at("findings");
  ASSERT_EQ(findings.size(), 83u);  // 50 + 33

  const RunResult csv = check(args + " --format csv");
  EXPECT_EQ(csv.exit_code, 1);
  const auto rows = parse_csv(csv.out);
  ASSERT_EQ(rows.size(), findings.size() + 1);
  const Strings header = {"rule_id",  "kind",       "status", "deadline", "element_id", "site_id",
                          "operator", "vendor",     "group",  "measured", "limit",      "excess",
                          "zone_id",  "distance_m", "path",   "message"};
  EXPECT_EQ(rows[0], header);
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Strings& row = rows[i + 1];
    const json& f = findings[i];
    SCOPED_TRACE(f.dump());
    ASSERT_EQ(row.size(), header.size());
    EXPECT_EQ(row[0], f.at("rule_id"));
    EXPECT_EQ(row[1], f.at("kind"));
    EXPECT_EQ(row[2], f.at("status"));
    EXPECT_EQ(row[3], f.at("deadline").is_null() ? "" : f.at("deadline").get<std::string>());
    EXPECT_EQ(row[4], f.value("element_id", ""));
    EXPECT_EQ(row[5], f.value("site_id", ""));
    EXPECT_EQ(row[12], f.value("zone_id", ""));
    if (f.contains("group")) {
      EXPECT_EQ(row[8], "operator=LG U+");
      EXPECT_EQ(std::stod(row[9]), f.at("measured").get<double>());
      EXPECT_EQ(std::stod(row[11]), f.at("excess").get<double>());
    }
    if (f.contains("distance_m")) {
      EXPECT_EQ(std::stod(row[13]), f.at("distance_m").get<double>());
    }
    if (f.contains("path")) {
      EXPECT_EQ(row[14], f.at("element_id").get<std::string>() + ">LGU-E0015");
    } else {
      EXPECT_EQ(row[14], "");
    }
    EXPECT_EQ(row[15], f.at("message"));
  }

  const RunResult geo = check(args + " --format geojson");
  EXPECT_EQ(geo.exit_code, 1);
  const json fc = json::parse(geo.out);
  EXPECT_EQ(fc.at("type"), "FeatureCollection");
  ASSERT_EQ(fc.at("features").size(), findings.size());
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const json& feature = fc["features"][i];
    EXPECT_EQ(feature.at("type"), "Feature");
    EXPECT_EQ(feature.at("properties"), findings[i]);
    if (findings[i].contains("element_id")) {
      EXPECT_EQ(feature.at("geometry").at("type"), "Point");
      EXPECT_EQ(feature.at("geometry").at("coordinates").size(), 2u);
    } else {
      EXPECT_TRUE(feature.at("geometry").is_null());
    }
  }
  // LGU-S001 is at 37.5282 N, 126.9871 E.
  int at_s001 = 0;
  for (const json& feature : fc["features"]) {
    if (feature["properties"].value("site_id", "") != "LGU-S001") continue;
    ++at_s001;
    EXPECT_EQ(feature["geometry"]["coordinates"], json::array({126.9871, 37.5282}));
  }
  EXPECT_EQ(at_s001, 15);  // 6 sensitive-sites, 6 military-bases, 3 full-5g-removal
}

TEST(CheckCli, TimelineCountsFindingsPerDeadlineAndOperator) {
  const RunResult r = check("--policy uk-2020 --at 2024-01-01 --timeline --format json");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc.at("ringfence"), version());
  const json expected = json::parse(R"([
    {"deadline": null, "operator": "LG U+", "findings": 10, "overdue": 10},
    {"deadline": "2023-01-28", "operator": "LG U+", "findings": 12, "overdue": 12},
    {"deadline": "2023-07-31", "operator": "LG U+", "findings": 1, "overdue": 1},
    {"deadline": "2023-10-31", "operator": "LG U+", "findings": 1, "overdue": 1},
    {"deadline": "2023-12-31", "operator": "LG U+", "findings": 2, "overdue": 2},
    {"deadline": "2025-12-31", "operator": "LG U+", "findings": 1, "overdue": 0},
    {"deadline": "2027-12-31", "operator": "LG U+", "findings": 23, "overdue": 0}])");
  EXPECT_EQ(doc.at("timeline"), expected);
  const RunResult csv = check("--policy uk-2020 --at 2024-01-01 --timeline --format csv");
  EXPECT_EQ(csv.exit_code, 1);
  EXPECT_EQ(csv.out,
            "deadline,operator,findings,overdue\n"
            ",LG U+,10,10\n"
            "2023-01-28,LG U+,12,12\n"
            "2023-07-31,LG U+,1,1\n"
            "2023-10-31,LG U+,1,1\n"
            "2023-12-31,LG U+,2,2\n"
            "2025-12-31,LG U+,1,0\n"
            "2027-12-31,LG U+,23,0\n");
  const RunResult text = check("--policy uk-2020 --at 2024-01-01 --timeline");
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_NE(text.out.find("at once"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("2027-12-31"), std::string::npos) << text.out;
  EXPECT_EQ(check("--policy uk-2020 --at 2024-01-01 --timeline --format geojson").exit_code, 2);
}

TEST(CheckCli, ExitZeroWhenNothingIsOverdue) {
  // Before any uk-2020 rule is effective: every rule skipped, no findings.
  const RunResult early = check("--policy uk-2020 --at 2019-12-31 --format json");
  EXPECT_EQ(early.exit_code, 0) << early.err;
  const json doc = json::parse(early.out);
  EXPECT_EQ(doc.at("summary").at("findings"), 0);
  EXPECT_EQ(doc.at("summary").at("overdue"), 0);
  EXPECT_EQ(doc.at("summary").at("by_rule"), json::object());
  EXPECT_EQ(doc.at("summary").at("not_yet_effective").size(), 7u);
  EXPECT_EQ(doc.at("findings"), json::array());
  // Findings, but all due: Canada's removals fall due in 2024 and 2027.
  const RunResult due = check("--policy ca-2022 --at 2024-01-01 --format json");
  EXPECT_EQ(due.exit_code, 0) << due.err;
  const json ca = json::parse(due.out);
  EXPECT_EQ(ca.at("summary").at("findings"), 46);
  EXPECT_EQ(ca.at("summary").at("overdue"), 0);
  // ... and overdue the day the first deadline passes.
  EXPECT_EQ(check("--policy ca-2022 --at 2024-06-27").exit_code, 0);
  EXPECT_EQ(check("--policy ca-2022 --at 2024-06-28").exit_code, 1);
  // A policy with no findings at all.
  TempDir dir;
  dir.write("quiet.toml",
            "[policy]\nid = \"quiet\"\n[[rule]]\nid = \"zte\"\nkind = \"exclude\"\n"
            "vendors = \"ZTE\"\n");
  const RunResult quiet = check("--policy " + quoted((dir.path() / "quiet.toml").string()) +
                                " --at 2024-01-01 --format json");
  EXPECT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(json::parse(quiet.out).at("summary").at("by_rule"), json({{"quiet/zte", 0}}));
}

TEST(CheckCli, BrokenPolicyExitsTwoNamingFileAndLine) {
  TempDir dir;
  const std::string path = (dir.path() / "broken.toml").string();
  dir.write("broken.toml",
            "[policy]\nid = \"b\"\n\n[[rule]]\nid = \"cap\"\nkind = \"share_cap\"\n"
            "vendors = \"Huawei\"\nmax_share = 1.5\n");
  const RunResult r = check("--policy " + quoted(path) + " --at 2024-01-01 --format json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(path + ":8:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("rule 'cap'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("outside [0, 1]"), std::string::npos) << r.err;
  // Bad TOML and an unknown preset, too.
  dir.write("syntax.toml", "[policy]\nid = \"s\"\n[[rule]\n");
  const RunResult syntax = check("--policy " + quoted((dir.path() / "syntax.toml").string()));
  EXPECT_EQ(syntax.exit_code, 2);
  EXPECT_EQ(syntax.out, "");
  EXPECT_NE(syntax.err.find((dir.path() / "syntax.toml").string() + ":3:"), std::string::npos)
      << syntax.err;
  const RunResult unknown = check("--policy uk-2021 --at 2024-01-01");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.out, "");
  EXPECT_NE(unknown.err.find("uk-2021"), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.err.find("uk-2020"), std::string::npos) << unknown.err;  // lists presets
  // A broken policy next to a good one still refuses the whole run.
  const RunResult mixed =
      check("--policy uk-2020 --policy " + quoted(path) + " --at 2024-01-01 --format json");
  EXPECT_EQ(mixed.exit_code, 2);
  EXPECT_EQ(mixed.out, "");
}

TEST(CheckCli, OutWritesAtomicallyAndReplacesThePreviousFile) {
  TempDir dir;
  const std::filesystem::path out = dir.path() / "findings.json";
  // A previous, longer file.
  dir.write("findings.json", std::string(200000, 'x'));
  const std::string args = "--policy uk-2020 --at 2024-01-01 --format json";
  const RunResult r = check(args + " --out " + quoted(out.string()));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out, "");  // nothing on stdout
  const std::string expected = check(args).out;
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(slurp(out), expected);
  // No temporary file is left beside it.
  Strings names;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
    names.push_back(entry.path().filename().string());
  EXPECT_EQ(names, Strings{"findings.json"});
  // A failed run leaves the previous output intact.
  const RunResult bad =
      check("--policy uk-2021 --at 2024-01-01 --format json --out " + quoted(out.string()));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(slurp(out), expected);
  // An unwritable destination is an error (exit 2), and leaves nothing behind.
  const RunResult nowhere =
      check(args + " --out " + quoted((dir.path() / "no-such-dir" / "x.json").string()));
  EXPECT_EQ(nowhere.exit_code, 2);
  EXPECT_NE(nowhere.err.find("no-such-dir"), std::string::npos) << nowhere.err;
}

TEST(CheckCli, TwoPoliciesAreEvaluatedTogether) {
  const RunResult r =
      check("--policy us-kr-sensitive --policy uk-2020 --at 2024-01-01 --format json");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const json doc = json::parse(r.out);
  ASSERT_EQ(doc.at("policies").size(), 2u);
  EXPECT_EQ(doc["policies"][0].at("id"), "us-kr-sensitive");  // in command-line order
  EXPECT_EQ(doc["policies"][1].at("id"), "uk-2020");
  std::map<std::string, int> by_rule = kUkByRule;
  by_rule["us-kr-sensitive/military-bases"] = 20;
  by_rule["us-kr-sensitive/military-base-paths"] = 12;
  by_rule["us-kr-sensitive/supply-not-operate"] = 1;
  EXPECT_EQ((doc.at("summary").at("by_rule").get<std::map<std::string, int>>()), by_rule);
  EXPECT_EQ(doc.at("summary").at("findings"), 83);
  EXPECT_EQ(doc.at("summary").at("overdue"), 59);
  // Findings of both, ordered by rule id: all uk-2020 first.
  std::string previous;
  for (const json& f : doc.at("findings")) {
    EXPECT_LE(previous, f.at("rule_id").get<std::string>());
    previous = f.at("rule_id");
  }
  // The same policy twice would give duplicate rule ids.
  const RunResult twice = check("--policy uk-2020 --policy uk-2020 --at 2024-01-01");
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_EQ(twice.out, "");
}

TEST(CheckCli, UsageErrorsExitTwo) {
  const RunResult format = check("--policy uk-2020 --at 2024-01-01 --format xml");
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_EQ(format.out, "");
  EXPECT_NE(format.err.find("xml"), std::string::npos) << format.err;
  const RunResult date = check("--policy uk-2020 --at 2024-02-30");
  EXPECT_EQ(date.exit_code, 2);
  EXPECT_EQ(date.out, "");
  EXPECT_NE(date.err.find("2024-02-30"), std::string::npos) << date.err;
  EXPECT_EQ(check("--at 2024-01-01").exit_code, 2);  // --policy is required
  const RunResult no_bundle =
      ringfence("check /no/such/bundle --policy uk-2020 --at 2024-01-01 --format json");
  EXPECT_EQ(no_bundle.exit_code, 2);
  EXPECT_EQ(no_bundle.out, "");
  EXPECT_NE(no_bundle.err.find("/no/such/bundle"), std::string::npos) << no_bundle.err;
}

TEST(CheckCli, TextReportSummarisesRules) {
  const RunResult r = check("--policy uk-2020 --policy de-2024 --at 2024-01-01");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(
      r.out.rfind(
          "ringfence check of " + kKorea + " at 2024-01-01: 50 findings, 26 overdue, 24 due\n", 0),
      0u)
      << r.out;
  EXPECT_NE(r.out.find("de-2024/core-removal (exclude): not yet effective (from 2024-07-11)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("uk-2020/no-new-5g (no_new_installs): 10 findings, 10 overdue"),
            std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace ringfence::testing
