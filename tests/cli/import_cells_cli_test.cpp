// `ringfence import cells` end to end: small files in the real export format with the
// quirks of the real dumps, bad rows and truncated gzip, and the real OpenCelliD
// exports in ../shared/data/real-cells/ with every row accounted for.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "test_support.hpp"

namespace ringfence::testing {
namespace {

namespace fs = std::filesystem;

std::string cells_bin() {
  return RINGFENCE_BIN;
}
std::string source(const std::string& rel) {
  return std::string(RINGFENCE_SOURCE_DIR) + "/" + rel;
}
nlohmann::json read_json(const fs::path& path) {
  return nlohmann::json::parse(slurp(path));
}

// No header (as OpenCelliD's per-country files), an empty unit, unit -1, averageSignal
// 0 and -85, a cell of Japan (MCC 440), a network code no provider lists (450-99),
// range 0 and created 0.
const char* kKoreaCells =
    "LTE,450,6,1234,100001,0,126.9780,37.5665,1500,12,1,1400000000,1700000000,0\n"
    "LTE,450,6,1234,100002,,126.97805,37.56655,900,3,1,1400000100,1700000000,0\n"
    "GSM,450,5,20,3001,-1,129.0756,35.1796,5000,50,1,1300000000,1700000000,-85\n"
    "NR,450,8,77,900000001,0,127.0276,37.4979,300,5,1,1600000000,1700000000,0\n"
    "UMTS,450,99,1,1,0,127.0,37.0,0,1,1,0,0,0\n"
    "LTE,440,10,1,1,0,139.69,35.68,1000,1,1,1400000000,1400000000,0\n";

TEST(ImportCellsCli, SmallKoreanFileGivesExactBundle) {
  TempDir tmp;
  tmp.write("450.csv", kKoreaCells);
  const std::string out = (tmp.path() / "kr").string();
  auto r = run_command(cells_bin() + " import cells " + (tmp.path() / "450.csv").string() +
                       " --country KR --vendors " + source("data/import/kr-vendors.toml") +
                       " --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("rows: 6 read, 5 imported, 1 of other countries (kept MCC 450), 0 bad"),
            std::string::npos)
      << r.out;
  EXPECT_NE(
      r.out.find("unknown networks (not in the provider list, kept under MCC-MNC): 450-99 (1)"),
      std::string::npos)
      << r.out;
  // Sites by operator name ("450-99" < "KT" < "LG U+" < "SK Telecom"); the two LG U+
  // cells 7 m apart share a site at their mean position.
  EXPECT_EQ(slurp(fs::path(out) / "sites.csv"),
            "site_id,operator,lat,lon,kind,region\n"
            "S1,450-99,37,127,macro,South Chungcheong\n"
            "S2,KT,37.4979,127.0276,macro,Seoul\n"
            "S3,LG U+,37.566525,126.978025,macro,Seoul\n"
            "S4,SK Telecom,35.1796,129.0756,macro,Busan\n");
  EXPECT_EQ(slurp(fs::path(out) / "elements.csv"),
            "element_id,site_id,vendor,domain,function,model,technology,installed,range_m,"
            "vendor_source\n"
            "UMTS-450-99-1-1,S1,unknown,ran,nodeb,,umts,,,none\n"
            "NR-450-8-77-900000001,S2,Samsung,ran,gnb,,nr,2020-09-13,300,assumed:kt-nr\n"
            "LTE-450-6-1234-100001,S3,Huawei,ran,enb,,lte,2014-05-13,1500,"
            "assumed:lgu-lte-capital-huawei-2013\n"
            "LTE-450-6-1234-100002,S3,Huawei,ran,enb,,lte,2014-05-13,900,"
            "assumed:lgu-lte-capital-huawei-2013\n"
            "GSM-450-5-20-3001,S4,Nokia,ran,bts,,gsm,2011-03-13,5000,assumed:skt-lte\n");
  EXPECT_FALSE(fs::exists(fs::path(out) / "links.csv"));
  const auto j = read_json(fs::path(out) / "import.json");
  EXPECT_EQ(j["rows"], 6);
  EXPECT_EQ(j["cells"], 5);
  EXPECT_EQ(j["other_country"], 1);
  EXPECT_EQ(j["header"], false);
  EXPECT_EQ(j["vendors_unassigned"], 1);
  EXPECT_EQ(j["vendors_assumed"], nlohmann::json({{"Huawei", 2}, {"Nokia", 1}, {"Samsung", 1}}));
  auto v = run_command(cells_bin() + " validate " + out);
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  auto c = run_command(cells_bin() + " check " + out + " --policy us-kr-sensitive --at 2024-01-01");
  EXPECT_EQ(c.exit_code, 1) << c.out << c.err;  // Huawei LG U+ cells near Yongsan
}

TEST(ImportCellsCli, GzipHeaderAndSameBytesWhateverTheRowOrder) {
  TempDir tmp;
  const std::string header =
      "radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,"
      "averageSignal\n";
  tmp.write("a.csv", header + kKoreaCells);
  // The same rows reversed, compressed.
  std::string text = kKoreaCells, reversed;
  std::vector<std::string> lines;
  for (std::size_t p = 0; p < text.size();) {
    const auto nl = text.find('\n', p);
    lines.push_back(text.substr(p, nl - p + 1));
    p = nl + 1;
  }
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) reversed += *it;
  tmp.write("b.csv", reversed);
  ASSERT_EQ(run_command("gzip -n " + (tmp.path() / "b.csv").string()).exit_code, 0);
  for (const char* name : {"a.csv", "b.csv.gz"}) {
    auto r = run_command(cells_bin() + " import cells " + (tmp.path() / name).string() +
                         " --country kr --vendors " + source("data/import/kr-vendors.toml") +
                         " --out " + (tmp.path() / (std::string(name) + ".out")).string());
    ASSERT_EQ(r.exit_code, 0) << name << r.err;
  }
  for (const char* file : {"sites.csv", "elements.csv"})
    EXPECT_EQ(slurp(tmp.path() / "a.csv.out" / file), slurp(tmp.path() / "b.csv.gz.out" / file))
        << file;
  EXPECT_EQ(read_json(tmp.path() / "a.csv.out" / "import.json")["header"], true);
}

TEST(ImportCellsCli, BadRowsAreLocatedAndNothingIsWritten) {
  TempDir tmp;
  const std::string good =
      "LTE,450,6,1234,100001,0,126.9780,37.5665,1500,12,1,1400000000,1700000000,0\n";
  struct Case {
    std::string row, message;
  };
  const std::vector<Case> cases = {
      {"LTE,450,6,1234,100003,0,126.9780,95.5,1500,12,1,1400000000,1700000000,0\n",
       "bad.csv:2:34: '95.5' is not a lat (a latitude in [-90, 90])"},
      {"LTE,450,6,x12,100003,0,126.9780,37.5,1500,12,1,1400000000,1700000000,0\n",
       "bad.csv:2:11: 'x12' is not a valid area / lac (a whole number)"},
      {"LTE,450,6,1234,100003,0,126.9780,37.5,1500,12,1,1400000000,1700000000\n",
       "bad.csv:2:70: 13 fields (expected 14"},
      {"WIMAX,450,6,1234,100003,0,126.9780,37.5,1500,12,1,1400000000,1700000000,0\n",
       "bad.csv:2:1: 'WIMAX' is not a radio (GSM, UMTS, LTE, NR or CDMA)"},
      {"LTE,450,6,1234,100001,0,126.9781,37.5665,1500,12,1,1400000000,1700000000,0\n",
       "bad.csv:2:1: a second row for cell LTE 450-6 1234 100001 (first on line 1"},
  };
  for (const auto& c : cases) {
    tmp.write("bad.csv", good + c.row);
    const std::string out = (tmp.path() / "out").string();
    auto r = run_command("cd " + tmp.str() + " && " + cells_bin() + " import cells bad.csv --out " +
                         out);
    EXPECT_EQ(r.exit_code, 2) << c.row;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out));
    auto s = run_command("cd " + tmp.str() + " && " + cells_bin() +
                         " import cells bad.csv --skip-bad --format json --out " + out);
    ASSERT_EQ(s.exit_code, 0) << s.err;
    const auto j = nlohmann::json::parse(s.out);
    EXPECT_EQ(j["rows"], 2);
    EXPECT_EQ(j["cells"], 1);
    EXPECT_EQ(j["bad"], 1);
    fs::remove_all(out);
  }
}

TEST(ImportCellsCli, TruncatedGzipIsAnErrorAtTheLineWhereTheDataStops) {
  TempDir tmp;
  std::string text;
  for (int i = 0; i < 20000; ++i)
    text += "LTE,450,6,1234," + std::to_string(100000 + i) +
            ",0,126.9780,37.5665,1500,12,1,1400000000,1700000000,0\n";
  tmp.write("c.csv", text);
  ASSERT_EQ(
      run_command("(cd " + tmp.str() + " && gzip -n c.csv && head -c 20000 c.csv.gz > t.csv.gz)")
          .exit_code,
      0);
  auto r =
      run_command("cd " + tmp.str() + " && " + cells_bin() + " import cells t.csv.gz --out out");
  EXPECT_EQ(r.exit_code, 2);
  // 54 kB of gzip cut at 20,000 bytes: the data stops in line 7,388.
  EXPECT_NE(r.err.find("t.csv.gz:7388:20: the compressed data ends early"), std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(tmp.path() / "out"));
  auto s =
      run_command("cd " + tmp.str() + " && " + cells_bin() + " import cells c.csv.gz --out out");
  EXPECT_EQ(s.exit_code, 0) << s.err;
}

// A file larger than one read-ahead chunk (8 MiB): lines cut at a chunk's end are
// joined again, the same bundle comes out with one thread as with two, and a bad row
// past the first chunk is located as in a small file.
TEST(ImportCellsCli, LargeFileAcrossChunksOneOrTwoThreads) {
  TempDir tmp;
  std::string text;
  for (int i = 0; i < 130000; ++i)
    text += "LTE,450," + std::to_string(5 + i % 3) + ",1234," + std::to_string(100000 + i) + ",0," +
            std::to_string(126.5 + (i % 997) * 0.001) + "," +
            std::to_string(37.0 + (i / 997) * 0.001) + ",1500,12,1,1400000000,1700000000,0\n";
  ASSERT_GT(text.size(), std::size_t{9} << 20);
  tmp.write("big.csv", text);
  ASSERT_EQ(run_command("cd " + tmp.str() + " && gzip -n -k big.csv").exit_code, 0);
  for (const char* threads : {"1", "2"}) {
    auto r = run_command("cd " + tmp.str() + " && " + cells_bin() +
                         " import cells big.csv.gz --country kr --threads " + threads +
                         " --out out" + threads);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  for (const char* file : {"sites.csv", "elements.csv", "import.json"})
    EXPECT_EQ(slurp(tmp.path() / "out1" / file), slurp(tmp.path() / "out2" / file)) << file;
  EXPECT_EQ(read_json(tmp.path() / "out2" / "import.json")["rows"], 130000);

  // Row 120,000 (in the second chunk) with a latitude out of range.
  const std::size_t at = [&] {
    std::size_t p = 0;
    for (int line = 1; line < 120000; ++line) p = text.find('\n', p) + 1;
    return p;
  }();
  const std::size_t lat = text.find(",37.", at) + 1;
  text.replace(lat, 2, "97");
  tmp.write("bad.csv", text);
  for (const char* threads : {"1", "2"}) {
    auto r = run_command("cd " + tmp.str() + " && " + cells_bin() +
                         " import cells bad.csv --threads " + threads + " --out bad" + threads);
    EXPECT_EQ(r.exit_code, 2) << threads;
    EXPECT_NE(r.err.find("bad.csv:120000:" + std::to_string(lat - at + 1) + ": "),
              std::string::npos)
        << r.err;
  }
}

TEST(ImportCellsCli, BadArgumentsExitTwo) {
  TempDir tmp;
  tmp.write("a.csv", kKoreaCells);
  const std::string in = (tmp.path() / "a.csv").string();
  const std::string out = (tmp.path() / "out").string();
  for (const char* args : {" --country XX", " --site-distance 0", " --backhaul synthetic",
                           " --backhaul real --country KR", " --format xml"}) {
    auto r = run_command(cells_bin() + " import cells " + in + args + " --out " + out);
    EXPECT_EQ(r.exit_code, 2) << args << r.err;
  }
  tmp.write("rules.toml", "[[rule]]\nid = \"x\"\nvendors = { Huawei = 0.5, ZTE = 0.4 }\n");
  auto r = run_command(cells_bin() + " import cells " + in + " --vendors " +
                       (tmp.path() / "rules.toml").string() + " --out " + out);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("rules.toml:3:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("shares sum to 0.9"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
}

TEST(ImportCellsCli, SyntheticBackhaulGivesPathsToWalk) {
  TempDir tmp;
  tmp.write("a.csv", kKoreaCells);
  const std::string out = (tmp.path() / "kr").string();
  auto r = run_command(cells_bin() + " import cells " + (tmp.path() / "a.csv").string() +
                       " --country KR --vendors " + source("data/import/kr-vendors.toml") +
                       " --backhaul synthetic --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string links = slurp(fs::path(out) / "links.csv");
  // Every cell links to an aggregation router, which links to a core.
  for (const char* cell : {"UMTS-450-99-1-1,A", "NR-450-8-77-900000001,A",
                           "LTE-450-6-1234-100001,A", "GSM-450-5-20-3001,A"})
    EXPECT_NE(links.find(cell), std::string::npos) << cell << "\n" << links;
  auto v = run_command(cells_bin() + " validate " + out);
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  auto c = run_command(cells_bin() + " check " + out + " --policy uk-2020 --at 2024-01-01");
  EXPECT_NE(c.exit_code, 2) << c.err;
}

// ---- the real exports ------------------------------------------------------------

fs::path real(const char* name) {
  return fs::path(RINGFENCE_SOURCE_DIR) / ".." / "shared" / "data" / "real-cells" / name;
}

using Counts = std::map<std::string, std::map<std::string, int>>;  // code -> radio -> cells

Counts counts_of(const nlohmann::json& j) {
  Counts c;
  for (const auto& n : j["networks"])
    for (const auto& [radio, count] : n["by_radio"].items())
      c[n["code"].get<std::string>() + " " + n["operator"].get<std::string>()][radio] = count;
  return c;
}

nlohmann::json import_real(const TempDir& tmp, const char* file, const std::string& args) {
  const fs::path in = real(file);
  EXPECT_TRUE(fs::exists(in)) << in << " (the shared data directory beside the source tree)";
  const std::string out = (tmp.path() / file).string() + ".bundle";
  auto r = run_command(cells_bin() + " import cells " + in.string() + args + " --out " + out);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto v = run_command(cells_bin() + " validate " + out);
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  return read_json(fs::path(out) / "import.json");
}

TEST(ImportCellsReal, CanadaNoHeaderEveryRowAccountedFor) {
  TempDir tmp;
  const auto j = import_real(tmp, "ocid_302_canada_TelusGuardAI.csv", " --country CA");
  EXPECT_EQ(j["header"], false);
  EXPECT_EQ(j["rows"], 50862);
  EXPECT_EQ(j["cells"], 50862);
  EXPECT_EQ(j["other_country"], 0);
  EXPECT_EQ(j["bad"], 0);
  const Counts expected = {
      {"302-220 Telus Mobility", {{"GSM", 1}, {"LTE", 18516}, {"NR", 168}, {"UMTS", 1466}}},
      {"302-270 302-270", {{"LTE", 3}, {"UMTS", 1}}},
      {"302-490 Freedom Mobile", {{"LTE", 2333}, {"UMTS", 296}}},
      {"302-500 Vidéotron", {{"LTE", 197}, {"UMTS", 419}}},
      {"302-520 302-520", {{"LTE", 7}, {"UMTS", 301}}},
      {"302-610 Bell Mobility", {{"GSM", 2}, {"LTE", 7574}, {"NR", 2}, {"UMTS", 1678}}},
      {"302-720 Rogers", {{"GSM", 1617}, {"LTE", 13519}, {"NR", 5}, {"UMTS", 1813}}},
      {"302-723 302-723", {{"LTE", 45}}},
      {"302-780 SaskTel Mobility", {{"LTE", 234}, {"UMTS", 65}}},
      {"302-880 Bell, Telus and SaskTel (shared)", {{"UMTS", 599}}},
      {"302-1920 302-1920", {{"CDMA", 1}}},
  };
  EXPECT_EQ(counts_of(j), expected);
}

TEST(ImportCellsReal, LondonRenamedColumnsEveryRowAccountedFor) {
  TempDir tmp;
  const auto j = import_real(tmp, "ocid_234_london_telecom-kpi-dashboard.csv",
                             " --country GB --backhaul synthetic");
  EXPECT_EQ(j["header"], true);
  EXPECT_EQ(j["rows"], 30553);
  EXPECT_EQ(j["cells"], 30553);
  const Counts expected = {
      {"234-10 Virgin Media O2", {{"GSM", 474}, {"LTE", 7437}, {"NR", 19}, {"UMTS", 775}}},
      {"234-15 Vodafone UK", {{"GSM", 679}, {"LTE", 7073}, {"NR", 945}, {"UMTS", 36}}},
      {"234-20 Three UK", {{"GSM", 1}, {"LTE", 5006}, {"UMTS", 314}}},
      {"234-30 EE", {{"GSM", 886}, {"LTE", 5234}, {"NR", 1662}, {"UMTS", 5}}},
      {"234-31 Virgin Mobile", {{"LTE", 1}}},
      {"234-32 Virgin Mobile", {{"LTE", 6}}},
  };
  EXPECT_EQ(counts_of(j), expected);
  const std::string out =
      (tmp.path() / "ocid_234_london_telecom-kpi-dashboard.csv").string() + ".bundle";
  auto c = run_command(cells_bin() + " check " + out + " --policy uk-2020 --at 2024-01-01");
  EXPECT_NE(c.exit_code, 2) << c.err;
}

TEST(ImportCellsReal, BerlinUnitMinusOneAndMixedCountries) {
  TempDir tmp;
  const auto b = import_real(tmp, "ocid_262_berlin_loctrkd.csv", " --country DE");
  EXPECT_EQ(b["rows"], 162);
  EXPECT_EQ(b["cells"], 162);
  const Counts berlin = {
      {"262-1 Telekom Deutschland", {{"GSM", 6}}},
      {"262-2 Vodafone Germany", {{"GSM", 18}}},
      {"262-3 Telefónica Germany", {{"GSM", 137}, {"LTE", 1}}},
  };
  EXPECT_EQ(counts_of(b), berlin);
  const auto m = import_real(tmp, "ocid_mixed262_racemap_test-cells.csv", " --country DE");
  EXPECT_EQ(m["rows"], 99);
  EXPECT_EQ(m["cells"], 93);
  EXPECT_EQ(m["other_country"], 6);
  const Counts mixed = {
      {"262-1 Telekom Deutschland", {{"GSM", 19}}},
      {"262-2 Vodafone Germany", {{"GSM", 74}}},
  };
  EXPECT_EQ(counts_of(m), mixed);
  // Without --country every row is kept, each under its own network.
  TempDir tmp2;
  const auto all = import_real(tmp2, "ocid_mixed262_racemap_test-cells.csv", "");
  EXPECT_EQ(all["cells"], 99);
  EXPECT_EQ(counts_of(all).at("214-7 Movistar (Telefónica)").at("GSM"), 4);
  EXPECT_EQ(counts_of(all).at("208-1 Orange").at("GSM"), 1);
  EXPECT_EQ(counts_of(all).at("214-3 Orange Espagne").at("GSM"), 1);
}

}  // namespace
}  // namespace ringfence::testing
