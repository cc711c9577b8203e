// Broken and hostile input, end to end: each gets a located message and exit status
// 2 in bounded time and memory, never a crash; outputs are replaced whole or not at
// all, even when the run is killed.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "test_support.hpp"

namespace ringfence::testing {
namespace {

const std::string kBin = RINGFENCE_BIN;
const std::string kSites = "site_id,operator,lat,lon\nS1,A,37.02,127.0\n";
const std::string kElements = "element_id,site_id,vendor,domain\nE1,S1,Huawei,ran\n";

RunResult validate(const TempDir& dir) {
  return run_command(kBin + " validate " + dir.str());
}

void expect_refused(const RunResult& r, const std::string& message) {
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
}

TEST(Robustness, AMillionRowsWithOneBadRowAtTheEnd) {
  TempDir dir;
  std::string elements = "element_id,site_id,vendor,domain\n";
  elements.reserve(30'000'000);
  for (int i = 0; i < 1'000'000; ++i) elements += "E" + std::to_string(i) + ",S1,Huawei,ran\n";
  elements += "E-bad,S1,Huawei,radio\n";
  write_bundle(dir, {{"sites.csv", kSites}, {"elements.csv", elements}});
  expect_refused(validate(dir),
                 "elements.csv:1000002:17: unknown domain 'radio' (expected ran, transport, "
                 "core, oss or other)");
}

TEST(Robustness, ALineLongerThanAnySaneLine) {
  TempDir dir;
  write_bundle(dir, {{"sites.csv", kSites},
                     {"elements.csv", "element_id,site_id,vendor,domain\nE1,S1," +
                                          std::string(2'000'000, 'x') + ",ran\n"}});
  expect_refused(validate(dir), "elements.csv:2:1048577: line longer than 1048576 bytes");
}

TEST(Robustness, AQuotedFieldLongerThanAnySaneLine) {
  TempDir dir;
  write_bundle(dir, {{"sites.csv", kSites},
                     {"elements.csv", "element_id,site_id,vendor,domain\nE1,S1,\"" +
                                          std::string(2'000'000, 'x') + "\",ran\n"}});
  expect_refused(validate(dir), "elements.csv:2:7: quoted field longer than 1048576 bytes");
}

TEST(Robustness, InvalidUtf8IsLocated) {
  TempDir dir;
  write_bundle(dir, {{"sites.csv", "site_id,operator,lat,lon\nS1,Op\xC3\x28rator,37,127\n"},
                     {"elements.csv", kElements}});
  expect_refused(validate(dir), "sites.csv:2:6: invalid UTF-8 byte sequence");
}

TEST(Robustness, NanAndInfinityAreNotNumbers) {
  for (const char* bad : {"nan", "NaN", "inf", "-Infinity", "1e999"}) {
    TempDir dir;
    write_bundle(dir,
                 {{"sites.csv", std::string("site_id,operator,lat,lon\nS1,A,") + bad + ",127\n"},
                  {"elements.csv", kElements}});
    const RunResult r = validate(dir);
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_NE(r.err.find("sites.csv:2:6: lat '"), std::string::npos) << bad << r.err;
  }
}

TEST(Robustness, EmptyFilesAndDirectoriesThatAreNotBundles) {
  TempDir empty_sites;
  write_bundle(empty_sites, {{"sites.csv", ""}, {"elements.csv", kElements}});
  expect_refused(validate(empty_sites), "sites.csv:1:1: empty file (expected a header line)");

  TempDir no_files;
  expect_refused(validate(no_files), "sites.csv: missing (a bundle needs sites.csv)");

  TempDir parent;
  parent.write("plain-file", "x");
  expect_refused(run_command(kBin + " validate " + parent.str() + "/plain-file"),
                 "is not a directory (expected a bundle directory)");
  expect_refused(run_command(kBin + " validate " + parent.str() + "/absent"),
                 "does not exist (expected a bundle directory)");
}

TEST(Robustness, WarningsNeverHideErrors) {
  TempDir dir;
  write_bundle(dir, {{"sites.csv", kSites},
                     {"elements.csv",
                      "element_id,site_id,vendor,domain\n"
                      "E1,S1,Acme Radio,ran\n"
                      "E2,S1,Huawei,radio\n"}});
  const RunResult r = validate(dir);
  expect_refused(r, "elements.csv:3:14: unknown domain 'radio'");
}

TEST(Robustness, DeeplyNestedGeoJsonIsRefusedWithoutCrashing) {
  TempDir dir;
  const std::size_t depth = 200'000;
  write_bundle(dir,
               {{"sites.csv", kSites},
                {"elements.csv", kElements},
                {"zones.geojson", "{\"type\":\"FeatureCollection\",\"features\":" +
                                      std::string(depth, '[') + std::string(depth, ']') + "}"}});
  const RunResult r = validate(dir);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("zones.geojson:1:"), std::string::npos) << r.err;
}

// A circular zone of a million vertices around (37.0 N, 127.0 E), radius 0.01 degrees.
std::string huge_polygon() {
  std::string ring;
  const int n = 1'000'000;
  ring.reserve(n * 40);
  char buf[64];
  for (int i = 0; i <= n; ++i) {
    const double a = 2 * M_PI * (i % n) / n;
    std::snprintf(buf, sizeof buf, "%s[%.9f,%.9f]", i ? "," : "", 127 + 0.01 * std::cos(a),
                  37 + 0.01 * std::sin(a));
    ring += buf;
  }
  return R"({"type":"FeatureCollection","features":[{"type":"Feature",)"
         R"("properties":{"zone_id":"big","name":"Big"},"geometry":{"type":"Polygon",)"
         R"("coordinates":[[)" +
         ring + "]]}}]}";
}

TEST(Robustness, APolygonWithAMillionVertices) {
  TempDir dir;
  write_bundle(
      dir, {{"sites.csv", kSites}, {"elements.csv", kElements}, {"zones.geojson", huge_polygon()}});
  dir.write("p.toml",
            "[policy]\nid = \"p\"\n[[rule]]\nid = \"z\"\nkind = \"zone_exclusion\"\n"
            "vendors = [\"Huawei\"]\nradius_m = 5000\n");
  const RunResult r = run_command(kBin + " check " + dir.str() + " --policy " + dir.str() +
                                  "/p.toml --at 2024-01-01 --format json");
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["findings"].size(), 1u);
  EXPECT_EQ(j["findings"][0]["zone_id"], "big");
  // The site is 0.02 degrees north of the centre, 0.01 degrees (~1.1 km) outside.
  EXPECT_NEAR(j["findings"][0]["distance_m"].get<double>(), 1109.6, 1.0);
}

TEST(Robustness, InputFilesAreNeverModified) {
  TempDir dir;
  write_bundle(dir, {{"sites.csv", "\xEF\xBB\xBFsite_id,operator,lat,lon\r\nS1,A,37.02,127.0\r\n"},
                     {"elements.csv", kElements}});
  const std::string before = slurp(dir.path() / "sites.csv");
  const auto mtime = std::filesystem::last_write_time(dir.path() / "sites.csv");
  EXPECT_EQ(run_command(kBin + " check " + dir.str() + " --policy us-fcc-covered --at 2024-01-01")
                .exit_code,
            1);
  EXPECT_EQ(slurp(dir.path() / "sites.csv"), before);
  EXPECT_EQ(std::filesystem::last_write_time(dir.path() / "sites.csv"), mtime);
}

// A run killed at any moment leaves --out either as it was or complete: never half.
TEST(Robustness, AKilledRunLeavesThePreviousOutputIntact) {
  TempDir dir;
  const std::string bundle = dir.str() + "/kr";
  ASSERT_EQ(run_command(kBin + " generate --country KR --sites 20000 --out " + bundle).exit_code,
            0);
  const std::filesystem::path out = dir.path() / "findings.json";
  const std::string previous = "{\"previous\": true}\n";
  for (int delay_ms : {20, 60, 120, 250, 500}) {
    std::ofstream(out, std::ios::binary) << previous;
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      const int devnull = ::open("/dev/null", O_WRONLY);
      ::dup2(devnull, 1);
      ::dup2(devnull, 2);
      ::execl(kBin.c_str(), kBin.c_str(), "check", bundle.c_str(), "--policy", "uk-2020",
              "--policy", "us-kr-sensitive", "--format", "json", "--out", out.c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    const std::string now = slurp(out);
    if (now != previous) {
      // The run finished before the kill: the new file must be whole.
      const auto j = nlohmann::json::parse(now);
      EXPECT_TRUE(j.contains("findings")) << delay_ms;
    }
  }
}

}  // namespace
}  // namespace ringfence::testing
