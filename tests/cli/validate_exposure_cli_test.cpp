// The validate and exposure commands end to end: exit codes, what goes to stdout
// and stderr, the three output formats, and --out.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace ringfence::testing {
namespace {

const std::string kValidateKorea = std::string(RINGFENCE_SOURCE_DIR) + "/examples/korea-small";

RunResult run_ringfence(const std::string& args) {
  return run_command(std::string("'") + RINGFENCE_BIN + "' " + args);
}

std::string single_quoted(const std::string& path) {
  return "'" + path + "'";
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool has_line(const std::string& text, const std::string& line) {
  for (const auto& l : lines_of(text))
    if (l == line) return true;
  return false;
}

std::set<std::string> file_set_in(const std::filesystem::path& dir) {
  std::set<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    out.insert(entry.path().filename().string());
  return out;
}

// ---------------------------------------------------------------- validate

TEST(ValidateCli, KoreaSmallIsValid) {
  const auto r = run_ringfence("validate " + single_quoted(kValidateKorea));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const std::vector<std::string> expected = {
      "bundle is valid",
      "sites: 61",
      "  KT: aggregation 2 core_dc 1 indoor 1 macro 14 small 1",
      "  LG U+: aggregation 2 core_dc 1 indoor 1 macro 11 small 1",
      "  SK Telecom: aggregation 2 core_dc 2 indoor 1 macro 19 small 2",
      "elements: 321",
      "  core 31",
      "  oss 9",
      "  ran 270",
      "  transport 11",
      "links: 320",
      "zones: 16",
      "  Huawei: \"HUAWEI TECHNOLOGIES CO., LTD.\" 17; \"Huawei\" 14; \"Huawei Technologies\" 16",
      "  Samsung: \"Samsung\" 65; \"Samsung Electronics\" 67",
      "  Juniper: \"Juniper Networks\" 3; \"Juniper\" 2",
      "  SOLiD Inc (unknown vendor): \"SOLiD Inc\" 1",
      "warnings: 1",
      "  " + kValidateKorea +
          "/elements.csv:272:20: vendor 'SOLiD Inc' matches no registry entry or alias (kept as "
          "written)",
  };
  for (const auto& line : expected) EXPECT_TRUE(has_line(r.out, line)) << line << "\n" << r.out;
  // The first line, and the counts before the vendor list.
  ASSERT_FALSE(r.out.empty());
  EXPECT_EQ(lines_of(r.out)[0], "bundle is valid");
}

// --threads bounds the threads loading uses, as in check and exposure: the same report
// on one thread as on all; a count that is not a number is a usage error.
TEST(ValidateCli, ThreadsGiveTheSameReport) {
  const auto all = run_ringfence("validate " + single_quoted(kValidateKorea) + " --format json");
  const auto one =
      run_ringfence("validate " + single_quoted(kValidateKorea) + " --format json --threads 1");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.out, all.out);
  const auto bad = run_ringfence("validate " + single_quoted(kValidateKorea) + " --threads x");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--threads"), std::string::npos) << bad.err;
}

TEST(ValidateCli, KoreaSmallJson) {
  const auto r = run_ringfence("validate " + single_quoted(kValidateKorea) + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["valid"], true);
  EXPECT_EQ(j["sites"], 61);
  EXPECT_EQ(j["elements"], 321);
  EXPECT_EQ(j["links"], 320);
  EXPECT_EQ(j["zones"], 16);
  EXPECT_EQ(j["elements_by_domain"],
            nlohmann::json({{"core", 31}, {"oss", 9}, {"ran", 270}, {"transport", 11}}));
  EXPECT_EQ(j["sites_by_operator_kind"]["SK Telecom"],
            nlohmann::json(
                {{"aggregation", 2}, {"core_dc", 2}, {"indoor", 1}, {"macro", 19}, {"small", 2}}));
  std::map<std::string, int> elements;
  std::map<std::string, bool> known;
  for (const auto& v : j["vendors"]) {
    elements[v["vendor"]] = v["elements"];
    known[v["vendor"]] = v["known"];
  }
  EXPECT_EQ(elements, (std::map<std::string, int>{{"Cisco", 3},
                                                  {"Ericsson", 62},
                                                  {"Huawei", 47},
                                                  {"Juniper", 5},
                                                  {"Nokia", 71},
                                                  {"SOLiD Inc", 1},
                                                  {"Samsung", 132}}));
  EXPECT_FALSE(known["SOLiD Inc"]);
  EXPECT_TRUE(known["Huawei"]);
  for (const auto& v : j["vendors"]) {
    if (v["vendor"] == "Nokia") {
      EXPECT_EQ(v["spellings"],
                nlohmann::json({{"Nokia", 23}, {"Nokia Solutions and Networks", 23}, {"NSN", 25}}));
    }
  }
  ASSERT_EQ(j["warnings"].size(), 1u);
  EXPECT_EQ(j["warnings"][0], kValidateKorea +
                                  "/elements.csv:272:20: vendor 'SOLiD Inc' matches no registry "
                                  "entry or alias (kept as written)");
}

TEST(ValidateCli, BrokenBundleExitsTwoWithLocatedErrors) {
  TempDir dir;
  write_bundle(dir, {{"sites.csv", "site_id,operator,lat,lon\nS1,Alpha,37.5,127.0\nS2,Beta,91,0\n"},
                     {"elements.csv",
                      "element_id,site_id,vendor,domain\nE1,S1,Huawei,radio\nE2,S1,Nokia,ran\n"},
                     {"links.csv", "from,to\nE2,E9\n"}});
  const auto r = run_ringfence("validate " + single_quoted(dir.str()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "error: " + dir.str() +
                       "/sites.csv:3:9: lat 91 is out of range (expected -90 to 90)\n"
                       "error: " +
                       dir.str() +
                       "/elements.csv:2:14: unknown domain 'radio' (expected ran, transport, "
                       "core, oss or other)\n"
                       "error: " +
                       dir.str() +
                       "/links.csv:2:4: link end 'E9' is not in elements.csv (expected an "
                       "existing element_id)\n");
}

TEST(ValidateCli, TooManyErrorsAreCounted) {
  TempDir dir;
  std::string sites = "site_id,operator,lat,lon\n";
  for (int i = 0; i < 130; ++i) {
    sites += 'S';
    sites += std::to_string(i);
    sites += ",Op,-95,0\n";
  }
  write_bundle(dir, {{"sites.csv", sites}, {"elements.csv", "element_id,site_id,vendor,domain\n"}});
  const auto r = run_ringfence("validate " + single_quoted(dir.str()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  const auto lines = lines_of(r.err);
  ASSERT_EQ(lines.size(), 101u);
  EXPECT_EQ(lines[0],
            "error: " + dir.str() + "/sites.csv:2:7: lat -95 is out of range (expected -90 to 90)");
  EXPECT_EQ(lines[100], "error: 30 more errors not shown");
}

TEST(ValidateCli, MissingBundleDirectory) {
  TempDir dir;
  const std::string missing = (dir.path() / "nope").string();
  const auto r = run_ringfence("validate " + single_quoted(missing));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "error: " + missing + ": does not exist (expected a bundle directory)\n");
}

TEST(ValidateCli, UnknownFormat) {
  const auto r = run_ringfence("validate " + single_quoted(kValidateKorea) + " --format csv");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "error: unknown --format 'csv' (expected text, json)\n");
}

// ---------------------------------------------------------------- exposure

struct Share {
  std::string vendor;
  double amount;
};

void expect_vendors(const nlohmann::json& group, double total, const std::vector<Share>& vendors) {
  EXPECT_DOUBLE_EQ(group["total"].get<double>(), total);
  ASSERT_EQ(group["vendors"].size(), vendors.size());
  for (std::size_t i = 0; i < vendors.size(); ++i) {
    const auto& v = group["vendors"][i];
    EXPECT_EQ(v["vendor"], vendors[i].vendor);
    EXPECT_DOUBLE_EQ(v["amount"].get<double>(), vendors[i].amount);
    EXPECT_DOUBLE_EQ(v["share"].get<double>(), vendors[i].amount / total) << vendors[i].vendor;
  }
}

TEST(ExposureCli, JsonByOperator) {
  const auto r = run_ringfence("exposure " + single_quoted(kValidateKorea) + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["by"], nlohmann::json({"operator"}));
  EXPECT_EQ(j["measure"], "elements");
  ASSERT_EQ(j["groups"].size(), 3u);
  EXPECT_EQ(j["groups"][0]["group"], nlohmann::json({{"operator", "KT"}}));
  EXPECT_EQ(j["groups"][1]["group"], nlohmann::json({{"operator", "LG U+"}}));
  EXPECT_EQ(j["groups"][2]["group"], nlohmann::json({{"operator", "SK Telecom"}}));
  expect_vendors(j["groups"][0], 100,
                 {{"Samsung", 52}, {"Nokia", 23}, {"Ericsson", 22}, {"Juniper", 2}, {"Cisco", 1}});
  expect_vendors(j["groups"][1], 84,
                 {{"Huawei", 47},
                  {"Samsung", 15},
                  {"Nokia", 13},
                  {"Ericsson", 6},
                  {"Juniper", 2},
                  {"SOLiD Inc", 1}});
  expect_vendors(j["groups"][2], 137,
                 {{"Samsung", 65}, {"Nokia", 35}, {"Ericsson", 34}, {"Cisco", 2}, {"Juniper", 1}});
  EXPECT_DOUBLE_EQ(j["groups"][1]["vendors"][0]["share"].get<double>(), 47.0 / 84);
  EXPECT_NEAR(j["groups"][0]["hhi"].get<double>(), 3722, 1e-9);
  EXPECT_NEAR(j["groups"][1]["hhi"].get<double>(), 1652500.0 / 441, 1e-9);
  EXPECT_NEAR(j["groups"][2]["hhi"].get<double>(), 66110000.0 / 18769, 1e-9);
  EXPECT_EQ(j["single_vendor_domains"], nlohmann::json::array());
}

TEST(ExposureCli, JsonRanPopulationAndTraffic) {
  const auto pop = run_ringfence("exposure " + single_quoted(kValidateKorea) +
                                 " --by operator,domain --measure population --format json");
  ASSERT_EQ(pop.exit_code, 0) << pop.err;
  const auto p = nlohmann::json::parse(pop.out);
  EXPECT_EQ(p["by"], nlohmann::json({"operator", "domain"}));
  EXPECT_EQ(p["measure"], "population");
  bool found = false;
  for (const auto& g : p["groups"]) {
    if (g["group"] != nlohmann::json({{"operator", "LG U+"}, {"domain", "ran"}})) continue;
    found = true;
    EXPECT_DOUBLE_EQ(g["total"].get<double>(), 302000);
    EXPECT_EQ(g["vendors"][0]["vendor"], "Huawei");
    EXPECT_DOUBLE_EQ(g["vendors"][0]["amount"].get<double>(), 209000);
    EXPECT_DOUBLE_EQ(g["vendors"][0]["share"].get<double>(), 209000.0 / 302000);
  }
  EXPECT_TRUE(found);

  const auto traffic = run_ringfence("exposure " + single_quoted(kValidateKorea) +
                                     " --by domain,operator --measure traffic --format json");
  ASSERT_EQ(traffic.exit_code, 0) << traffic.err;
  const auto t = nlohmann::json::parse(traffic.out);
  found = false;
  for (const auto& g : t["groups"]) {
    if (g["group"] != nlohmann::json({{"domain", "ran"}, {"operator", "LG U+"}})) continue;
    found = true;
    EXPECT_DOUBLE_EQ(g["total"].get<double>(), 955);
    EXPECT_EQ(g["vendors"][0]["vendor"], "Huawei");
    EXPECT_DOUBLE_EQ(g["vendors"][0]["share"].get<double>(), 656.0 / 955);
  }
  EXPECT_TRUE(found);
}

TEST(ExposureCli, Csv) {
  const auto r = run_ringfence("exposure " + single_quoted(kValidateKorea) + " --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 17u);
  EXPECT_EQ(lines[0], "operator,vendor,amount,total,share,hhi");
  // Every field but the HHI is exact text; the HHI is compared as a number.
  auto expect_row = [&](std::size_t i, const std::string& prefix, double hhi) {
    ASSERT_LT(i, lines.size());
    const auto cut = lines[i].rfind(',');
    EXPECT_EQ(lines[i].substr(0, cut), prefix);
    EXPECT_NEAR(std::strtod(lines[i].c_str() + cut + 1, nullptr), hhi, 1e-9) << lines[i];
  };
  expect_row(1, "KT,Samsung,52,100,0.52", 3722);
  expect_row(5, "KT,Cisco,1,100,0.01", 3722);
  expect_row(6, "LG U+,Huawei,47,84,0.5595238095238095", 1652500.0 / 441);
  expect_row(11, "LG U+,SOLiD Inc,1,84,0.011904761904761904", 1652500.0 / 441);
  expect_row(12, "SK Telecom,Samsung,65,137,0.4744525547445255", 66110000.0 / 18769);
  expect_row(16, "SK Telecom,Juniper,1,137,0.0072992700729927005", 66110000.0 / 18769);
}

TEST(ExposureCli, Text) {
  const auto r = run_ringfence("exposure " + single_quoted(kValidateKorea) + " --format text");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 23u);
  EXPECT_EQ(lines[0], "vendor exposure by operator, measured in elements");
  EXPECT_EQ(lines[1], "");
  EXPECT_EQ(lines[2], "KT  total 100  HHI 3722");
  EXPECT_EQ(lines[3], "  Samsung                     52.0 %  52");
  EXPECT_EQ(lines[9], "LG U+  total 84  HHI 3747");
  EXPECT_EQ(lines[10], "  Huawei                      56.0 %  47");
  EXPECT_EQ(lines[15], "  SOLiD Inc                    1.2 %  1");
  EXPECT_EQ(lines[17], "SK Telecom  total 137  HHI 3522");
  EXPECT_EQ(lines[22], "  Juniper                      0.7 %  1");
  // The default format is text.
  EXPECT_EQ(run_ringfence("exposure " + single_quoted(kValidateKorea)).out, r.out);
}

TEST(ExposureCli, WholeNetworkWithAnEmptyBy) {
  const auto r = run_ringfence("exposure " + single_quoted(kValidateKorea) + " --by ''");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(lines[0], "vendor exposure by (whole network), measured in elements");
  EXPECT_EQ(lines[2], "network  total 321  HHI 2771");
  EXPECT_EQ(lines[3], "  Samsung                     41.1 %  132");
}

TEST(ExposureCli, UsageErrorsExitTwo) {
  struct Case {
    std::string args, err;
  };
  const std::vector<Case> cases = {
      {"--by vendor",
       "error: unknown --by key 'vendor' (expected operator, region, domain or technology)\n"},
      {"--by operator,vendor",
       "error: unknown --by key 'vendor' (expected operator, region, domain or technology)\n"},
      {"--by operator,operator", "error: --by key 'operator' given twice\n"},
      {"--measure cost",
       "error: unknown --measure 'cost' (expected elements, sites, traffic or population)\n"},
      {"--format xml", "error: unknown --format 'xml' (expected text, json, csv)\n"},
  };
  for (const auto& c : cases) {
    const auto r = run_ringfence("exposure " + single_quoted(kValidateKorea) + " " + c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_EQ(r.out, "") << c.args;
    EXPECT_EQ(r.err, c.err) << c.args;
  }
}

TEST(ExposureCli, BrokenBundleExitsTwo) {
  TempDir dir;
  write_bundle(dir, {{"sites.csv", "site_id,operator,lat,lon\nS1,Alpha,x,0\n"},
                     {"elements.csv", "element_id,site_id,vendor,domain\n"}});
  const auto r = run_ringfence("exposure " + single_quoted(dir.str()) + " --format json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "error: " + dir.str() +
                       "/sites.csv:2:10: lat 'x' is not a number (expected a finite decimal "
                       "number)\n");
}

// ---------------------------------------------------------------- --out

TEST(ExposureCli, OutWritesTheSameBytesAsStdout) {
  for (const char* format : {"json", "csv", "text"}) {
    SCOPED_TRACE(format);
    TempDir out;
    const auto path = out.path() / "exposure.out";
    const std::string args = "exposure " + single_quoted(kValidateKorea) +
                             " --by operator,technology --format " + format;
    const auto to_stdout = run_ringfence(args);
    ASSERT_EQ(to_stdout.exit_code, 0) << to_stdout.err;
    const auto to_file = run_ringfence(args + " --out " + single_quoted(path.string()));
    EXPECT_EQ(to_file.exit_code, 0) << to_file.err;
    EXPECT_EQ(to_file.out, "");
    EXPECT_EQ(to_file.err, "");
    EXPECT_EQ(slurp(path), to_stdout.out);
    EXPECT_FALSE(to_stdout.out.empty());
    // Nothing else is left in the directory (no temporary file).
    EXPECT_EQ(file_set_in(out.path()), (std::set<std::string>{"exposure.out"}));
    EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
              std::filesystem::perms(0644));
  }
}

TEST(ExposureCli, OutReplacesAnExistingFile) {
  TempDir out;
  const auto path = out.path() / "exposure.json";
  out.write("exposure.json", std::string(100000, 'x'));
  const auto r = run_ringfence("exposure " + single_quoted(kValidateKorea) +
                               " --format json --out " + single_quoted(path.string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string written = slurp(path);
  EXPECT_EQ(written,
            run_ringfence("exposure " + single_quoted(kValidateKorea) + " --format json").out);
  EXPECT_EQ(nlohmann::json::parse(written)["groups"].size(), 3u);
  EXPECT_EQ(file_set_in(out.path()), (std::set<std::string>{"exposure.json"}));
}

TEST(ExposureCli, OutIntoAMissingDirectoryFailsCleanly) {
  TempDir out;
  const auto path = out.path() / "missing" / "exposure.json";
  const auto r = run_ringfence("exposure " + single_quoted(kValidateKorea) +
                               " --format json --out " + single_quoted(path.string()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("error: cannot write " + path.string() + ": ", 0), 0u) << r.err;
  EXPECT_TRUE(file_set_in(out.path()).empty());
}

TEST(ExposureCli, BrokenBundleLeavesAnExistingOutputAlone) {
  TempDir dir;
  write_bundle(dir, {{"sites.csv", "site_id,operator,lat,lon\nS1,Alpha,x,0\n"},
                     {"elements.csv", "element_id,site_id,vendor,domain\n"}});
  TempDir out;
  out.write("previous.json", "{\"kept\": true}\n");
  const auto r = run_ringfence("exposure " + single_quoted(dir.str()) + " --format json --out " +
                               single_quoted((out.path() / "previous.json").string()));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(slurp(out.path() / "previous.json"), "{\"kept\": true}\n");
  EXPECT_EQ(file_set_in(out.path()), (std::set<std::string>{"previous.json"}));
}

TEST(ValidateCli, OutWritesTheReport) {
  TempDir out;
  const auto path = out.path() / "validate.json";
  const auto r = run_ringfence("validate " + single_quoted(kValidateKorea) +
                               " --format json --out " + single_quoted(path.string()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(slurp(path),
            run_ringfence("validate " + single_quoted(kValidateKorea) + " --format json").out);
  EXPECT_EQ(file_set_in(out.path()), (std::set<std::string>{"validate.json"}));
}

}  // namespace
}  // namespace ringfence::testing

namespace ringfence::testing {

// A row refused for a bad field: what refers to it says so, instead of claiming the
// id does not exist.
TEST(ValidateCli, ReferencesToARefusedRowNameIt) {
  TempDir dir;
  write_bundle(
      dir,
      {{"sites.csv", "site_id,operator,lat,lon\nS1,Alpha,37.5,127.0\nS2,Alpha,97.5,127.0\n"},
       {"elements.csv", "element_id,site_id,vendor,domain\nE1,S1,Huawei,ran\nE2,S2,Nokia,ran\n"},
       {"links.csv", "from,to\nE1,E2\nE2,E1\n"}});
  const auto r = run_command(std::string(RINGFENCE_BIN) + " validate " + dir.str());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "error: " + dir.str() +
                       "/sites.csv:3:10: lat 97.5 is out of range (expected -90 to 90)\n"
                       "error: " +
                       dir.str() +
                       "/elements.csv:3:4: site_id 'S2' is on line 3 of sites.csv, which was "
                       "refused (see the error reported there)\n"
                       "error: " +
                       dir.str() +
                       "/links.csv:2:4: link end 'E2' is on line 3 of elements.csv, which was "
                       "refused (see the error reported there)\n"
                       "error: " +
                       dir.str() +
                       "/links.csv:3:1: link end 'E2' is on line 3 of elements.csv, which was "
                       "refused (see the error reported there)\n");
}

}  // namespace ringfence::testing
