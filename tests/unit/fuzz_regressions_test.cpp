// Replays fuzz/regressions/<target>/ (every input that once crashed a parser, and small
// valid and invalid seeds of each format) through the same entry points as the
// libFuzzer targets, without libFuzzer: a crash, a sanitizer report or an exception
// other than InputError fails the test. The CSV inputs that select the elements table
// are also loaded as a whole bundle, where the punctuation-only vendor name crashed.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "../../fuzz/fuzz_inputs.hpp"
#include "ringfence/bundle.hpp"
#include "test_support.hpp"

namespace ringfence {
namespace {

namespace fs = std::filesystem;

const fs::path kRegressions = fs::path(RINGFENCE_SOURCE_DIR) / "fuzz" / "regressions";

std::vector<fs::path> inputs_of(const std::string& target) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(kRegressions / target))
    if (entry.is_regular_file()) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

template <typename Entry>
std::size_t replay(const std::string& target, Entry entry) {
  std::size_t n = 0;
  for (const auto& path : inputs_of(target)) {
    SCOPED_TRACE(path.string());
    const std::string bytes = read_bytes(path);
    EXPECT_NO_THROW(entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
    ++n;
  }
  return n;
}

TEST(FuzzRegressions, EveryTargetHasInputs) {
  for (const char* target : {"csv_fuzzer", "geojson_fuzzer", "policy_fuzzer"}) {
    SCOPED_TRACE(target);
    ASSERT_TRUE(fs::is_directory(kRegressions / target));
    EXPECT_GE(inputs_of(target).size(), 10u);
  }
}

TEST(FuzzRegressions, CsvInputsReplay) {
  EXPECT_EQ(replay("csv_fuzzer", fuzz::csv_input), inputs_of("csv_fuzzer").size());
}

TEST(FuzzRegressions, GeojsonInputsReplay) {
  EXPECT_EQ(replay("geojson_fuzzer", fuzz::geojson_input), inputs_of("geojson_fuzzer").size());
}

TEST(FuzzRegressions, PolicyInputsReplay) {
  EXPECT_EQ(replay("policy_fuzzer", fuzz::policy_input), inputs_of("policy_fuzzer").size());
}

// The elements inputs (first byte % 4 == 2) as elements.csv of a bundle with the two
// sites the fuzz target provides: the loader either loads them or refuses them with
// located errors.
TEST(FuzzRegressions, ElementsInputsLoadAsBundles) {
  std::size_t loaded = 0;
  std::size_t refused = 0;
  for (const auto& path : inputs_of("csv_fuzzer")) {
    const std::string bytes = read_bytes(path);
    if (bytes.empty() || static_cast<unsigned char>(bytes[0]) % 4 != 2) continue;
    SCOPED_TRACE(path.string());
    testing::TempDir dir;
    testing::write_bundle(dir, {{"sites.csv", "site_id,operator,lat,lon\nS1,A,1,2\nS2,B,3,4\n"},
                                {"elements.csv", bytes}});
    try {
      const LoadedBundle bundle = load_bundle(dir.str());
      EXPECT_GT(bundle.network.elements.size(), 0u);
      ++loaded;
    } catch (const InputError& e) {
      ASSERT_FALSE(e.diagnostics().errors().empty());
      for (const auto& d : e.diagnostics().errors()) EXPECT_GT(d.line, 0u) << d.to_string();
      ++refused;
    }
  }
  // elements-valid.csv and elements-punctuation-only-vendor.csv load, the others not.
  EXPECT_EQ(loaded, 3u);
  EXPECT_EQ(refused, 2u);
}

// The inputs of the crashes fixed so far give the answers the fixes gave.
TEST(FuzzRegressions, FixedCrashesStayFixed) {
  {
    // A vendor spelled only with punctuation has no registry key; it loads as written.
    testing::TempDir dir;
    testing::write_bundle(
        dir, {{"sites.csv", "site_id,operator,lat,lon\nS1,A,1,2\nS2,B,3,4\n"},
              {"elements.csv",
               read_bytes(kRegressions / "csv_fuzzer" / "elements-punctuation-only-vendor.csv")}});
    const LoadedBundle bundle = load_bundle(dir.str());
    EXPECT_EQ(bundle.network.elements.size(), 2u);
    EXPECT_EQ(bundle.warnings.warnings().size(), 2u);
  }
  {
    // GeoJSON behind a byte-order mark reads like any other.
    Network net;
    Diagnostics diag;
    io::read_zones(read_bytes(kRegressions / "geojson_fuzzer" / "bom-before-object.geojson"),
                   "zones.geojson", net, diag);
    EXPECT_FALSE(diag.has_errors());
    EXPECT_EQ(net.zones.size(), 3u);
  }
  {
    // A syntax error is reported where it is, not at 1:1.
    Network net;
    Diagnostics diag;
    io::read_zones(read_bytes(kRegressions / "geojson_fuzzer" / "syntax-error-mid-file.geojson"),
                   "zones.geojson", net, diag);
    ASSERT_EQ(diag.errors().size(), 1u);
    EXPECT_EQ(diag.errors()[0].line, 3u);
  }
  {
    // "+-5" is not a number.
    Network net;
    Diagnostics diag;
    auto csv = io::CsvReader::from_text(
        read_bytes(kRegressions / "csv_fuzzer" / "sites-plus-minus-number.csv"), "sites.csv");
    io::read_sites(csv, net, diag);
    ASSERT_EQ(diag.errors().size(), 1u);
    EXPECT_EQ(diag.errors()[0].line, 2u);
    EXPECT_EQ(diag.errors()[0].column, 10u);
    EXPECT_EQ(net.sites.size(), 0u);
  }
}

}  // namespace
}  // namespace ringfence
