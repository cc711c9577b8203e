// `ringfence report`, `demo` and `serve` end to end: the HTML file is written
// atomically, holds everything it needs (no address on the network), carries the
// same findings as `check`, and bad input leaves no file and exits 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "cli/embedded_report.hpp"
#include "test_support.hpp"

namespace ringfence::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string report_quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

const std::string kReportKorea = std::string(RINGFENCE_SOURCE_DIR) + "/examples/korea-small";

RunResult report_run(const std::string& args, const std::string& env = "") {
  return run_command(env + (env.empty() ? "" : " ") + report_quoted(RINGFENCE_BIN) + " " + args);
}

std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(ReportCli, WritesOneSelfContainedFile) {
  TempDir dir;
  const std::string out = (dir.path() / "report.html").string();
  const RunResult r = report_run(
      "report " + report_quoted(kReportKorea) +
      " --policy us-kr-sensitive --policy uk-2020 --at 2024-01-01 --out " + report_quoted(out));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("wrote " + out), std::string::npos) << r.out;
  EXPECT_EQ(files_in(dir.path()), std::vector<std::string>{"report.html"});  // no temporaries

  const std::string html = slurp(out);
  EXPECT_EQ(html.rfind("<!doctype html>", 0), 0u);
  EXPECT_EQ(html.find("@@RINGFENCE_REPORT_DATA@@"), std::string::npos);
  // Nothing is loaded from elsewhere: no src/href/url() pointing at a network address,
  // no external stylesheet, and a Content-Security-Policy that forbids it anyway.
  const std::regex external(R"((src|href)\s*=\s*["']?\s*(https?:)?//)", std::regex::icase);
  EXPECT_FALSE(std::regex_search(html, external));
  EXPECT_EQ(html.find("url(http"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_NE(html.find("Content-Security-Policy\" content=\"default-src 'none'"), std::string::npos);
  // The libraries, the base map and the page's own script are inline.
  EXPECT_NE(html.find("id=\"ringfence-world\""), std::string::npos);
  EXPECT_NE(html.find("echarts"), std::string::npos);
  EXPECT_NE(html.find("window.ringfenceReport"), std::string::npos);
}

TEST(ReportCli, CarriesTheFindingsOfCheck) {
  TempDir dir;
  const std::string out = (dir.path() / "r.html").string();
  ASSERT_EQ(report_run("report " + report_quoted(kReportKorea) +
                       " --policy uk-2020 --at 2024-01-01 --out " + report_quoted(out))
                .exit_code,
            0);
  const RunResult check = report_run("check " + report_quoted(kReportKorea) +
                                     " --policy uk-2020 --at 2024-01-01 --format json");
  ASSERT_EQ(check.exit_code, 1) << check.err;
  const json c = json::parse(check.out);
  const json d = embedded_data(slurp(out));
  EXPECT_EQ(d["at"], "2024-01-01");
  EXPECT_EQ(d["summary"]["findings"], c["summary"]["findings"]);
  EXPECT_EQ(d["summary"]["overdue"], c["summary"]["overdue"]);
  EXPECT_EQ(d["sites"]["count"], 61);
  ASSERT_EQ(d["findings"]["count"], c["findings"].size());
  for (std::size_t i = 0; i < c["findings"].size(); ++i) {
    const json& f = c["findings"][i];
    EXPECT_EQ(d["rules"][d["findings"]["rule"][i].get<int>()]["rule_id"], f["rule_id"]);
    EXPECT_EQ(d["findings"]["message"][i], f["message"]);
    EXPECT_EQ(d["findings"]["element"][i], f.value("element_id", ""));
  }
  for (const auto& file : c["inputs"]["sha256"].items()) {
    bool found = false;
    for (const auto& g : d["inputs"]["files"])
      if (g["name"] == file.key()) found = g["sha256"] == file.value();
    EXPECT_TRUE(found) << file.key();
  }
}

TEST(ReportCli, ReplacesAnExistingFileWhole) {
  TempDir dir;
  const fs::path out = dir.path() / "report.html";
  dir.write("report.html", "old");
  ASSERT_EQ(report_run("report " + report_quoted(kReportKorea) + " --policy uk-2020 --out " +
                       report_quoted(out.string()))
                .exit_code,
            0);
  EXPECT_GT(fs::file_size(out), 100000u);
  EXPECT_EQ(files_in(dir.path()), std::vector<std::string>{"report.html"});
}

TEST(ReportCli, BadInputExits2AndLeavesThePreviousFile) {
  TempDir dir;
  const fs::path out = dir.path() / "report.html";
  dir.write("report.html", "old");
  const std::string target = " --out " + report_quoted(out.string());

  RunResult r =
      report_run("report " + report_quoted(kReportKorea) + " --policy no-such-policy" + target);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no such policy file or preset"), std::string::npos) << r.err;

  r = report_run("report " + report_quoted((dir.path() / "missing").string()) +
                 " --policy uk-2020" + target);
  EXPECT_EQ(r.exit_code, 2);

  r = report_run("report " + report_quoted(kReportKorea) + " --policy uk-2020 --at 2024-13-01" +
                 target);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--at '2024-13-01' is not a date"), std::string::npos) << r.err;

  EXPECT_EQ(slurp(out), "old");
  EXPECT_EQ(files_in(dir.path()), std::vector<std::string>{"report.html"});

  // Usage: --out and --policy are required.
  EXPECT_EQ(report_run("report " + report_quoted(kReportKorea) + " --policy uk-2020").exit_code, 2);
  EXPECT_EQ(report_run("report " + report_quoted(kReportKorea) + target).exit_code, 2);
  // A directory that does not exist.
  r = report_run("report " + report_quoted(kReportKorea) + " --policy uk-2020 --out " +
                 report_quoted((dir.path() / "no" / "r.html").string()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("cannot write"), std::string::npos) << r.err;
}

TEST(ReportCli, AMissingTemplateIsAClearError) {
  TempDir dir;
  const fs::path bin = dir.path() / "ringfence";
  fs::copy_file(RINGFENCE_BIN, bin);
  fs::permissions(bin, fs::perms::owner_all);
  const RunResult r =
      run_command("env -u RINGFENCE_WEB_DIR " + report_quoted(bin.string()) + " report " +
                  report_quoted(kReportKorea) + " --policy uk-2020 --out " +
                  report_quoted((dir.path() / "r.html").string()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("report-template.html is missing"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("RINGFENCE_WEB_DIR"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir.path() / "r.html"));
}

TEST(ReportCli, TheEnvironmentNamesAnotherTemplate) {
  TempDir dir;
  dir.write("report-template.html", "<p>@@RINGFENCE_REPORT_DATA@@</p>");
  const std::string out = (dir.path() / "r.html").string();
  const RunResult r = report_run(
      "report " + report_quoted(kReportKorea) + " --policy uk-2020 --out " + report_quoted(out),
      "RINGFENCE_WEB_DIR=" + report_quoted(dir.str()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = slurp(out);
  ASSERT_EQ(html.rfind("<p>{", 0), 0u);
  EXPECT_EQ(json::parse(html.substr(3, html.size() - 7))["format"], "ringfence-report");
}

TEST(ReportCli, PlanAddsTheRemediationPlanOfThePlanCommand) {
  TempDir dir;
  const std::string out = (dir.path() / "report.html").string();
  const std::string policies = " --policy us-kr-sensitive --policy uk-2020";
  const RunResult r = report_run("report " + report_quoted(kReportKorea) + policies +
                                 " --at 2024-01-01 --plan --crews 3 --out " + report_quoted(out));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json plan = json::parse(report_run("plan " + report_quoted(kReportKorea) + policies +
                                           " --start 2024-01-01 --crews 3 --format json")
                                    .out);
  const json data = embedded_data(slurp(out));
  EXPECT_EQ(data["plan"]["summary"], plan["summary"]);
  EXPECT_EQ(data["plan"]["months"], plan["months"]);
  EXPECT_EQ(data["plan"]["crews"], json({3, 3, 3}));
  std::size_t visited = 0;
  for (const auto& m : data["plan"]["site_month"]) visited += m.get<int>() >= 0 ? 1 : 0;
  EXPECT_EQ(visited, plan["visits"].size());
  EXPECT_NE(r.out.find("plan: GBP "), std::string::npos) << r.out;

  // Plan options need --plan; a bad one exits 2 and writes nothing.
  const std::string other = (dir.path() / "other.html").string();
  const RunResult no_flag = report_run("report " + report_quoted(kReportKorea) + policies +
                                       " --crews 3 --out " + report_quoted(other));
  EXPECT_EQ(no_flag.exit_code, 2);
  EXPECT_NE(no_flag.err.find("--crews requires --plan"), std::string::npos) << no_flag.err;
  const RunResult bad = report_run("report " + report_quoted(kReportKorea) + policies +
                                   " --plan --solver fastest --out " + report_quoted(other));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--solver 'fastest' (expected auto, heuristic or exact)"),
            std::string::npos)
      << bad.err;
  EXPECT_FALSE(fs::exists(other));
}

TEST(DemoCli, GeneratesChecksAndReports) {
  TempDir dir;
  const fs::path out = dir.path() / "demo";
  const std::string args = "demo --sites 300 --at 2024-01-01 --out " + report_quoted(out.string());
  const RunResult r = report_run(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(files_in(out),
            (std::vector<std::string>{"bundle", "check.json", "findings.geojson", "report.html"}));
  EXPECT_NE(r.out.find("generated a South Korean network"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("checked against us-kr-sensitive and uk-2020 at 2024-01-01"),
            std::string::npos);
  EXPECT_NE(r.out.find("us-kr-sensitive/military-bases"), std::string::npos);
  EXPECT_NE(r.out.find("report:   " + (out / "report.html").string()), std::string::npos) << r.out;

  const json check = json::parse(slurp(out / "check.json"));
  const json data = embedded_data(slurp(out / "report.html"));
  EXPECT_EQ(data["summary"]["findings"], check["summary"]["findings"]);
  EXPECT_EQ(data["policies"].size(), 2u);
  EXPECT_GE(data["sites"]["count"].get<int>(), 300);
  EXPECT_EQ(report_run("validate " + report_quoted((out / "bundle").string())).exit_code, 0);
  // The plan in the report is `plan` on the same bundle, from --at, with 40 crews.
  const json plan =
      json::parse(report_run("plan " + report_quoted((out / "bundle").string()) +
                             " --policy us-kr-sensitive --policy uk-2020 --start 2024-01-01 "
                             "--crews 40 --format json")
                      .out);
  EXPECT_EQ(data["plan"]["summary"], plan["summary"]);
  EXPECT_EQ(data["plan"]["deadlines"], plan["deadlines"]);
  EXPECT_EQ(data["plan"]["site_month"].size(), data["sites"]["count"].get<std::size_t>());
  EXPECT_NE(r.out.find("what compliance costs and when, with 40 site visits per month"),
            std::string::npos)
      << r.out;

  // Again into the same directory: the same files, byte for byte.
  const std::string first = slurp(out / "check.json");
  ASSERT_EQ(report_run(args).exit_code, 0);
  EXPECT_EQ(slurp(out / "check.json"), first);
}

TEST(ServeCli, BadUsageExits2) {
  RunResult r = report_run("serve " + report_quoted(kReportKorea) + " --port 70000");
  EXPECT_EQ(r.exit_code, 2);
  r = report_run("serve " + report_quoted(kReportKorea) + " --policy no-such-policy --port 0");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no such policy file or preset"), std::string::npos) << r.err;
  r = report_run("serve /nonexistent/bundle --port 0");
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace ringfence::testing
