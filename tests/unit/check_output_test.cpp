// check's JSON: findings rendered in parallel blocks are the same bytes as rendered
// one by one, escapes included.
#include "ringfence/check_output.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "ringfence/bundle.hpp"
#include "ringfence/check.hpp"
#include "test_support.hpp"

namespace ringfence {
namespace {

TEST(CheckJson, FindingsRenderedInParallelAreTheSameBytes) {
  // Blocks of 2048 findings and a part block, rendered by two or three threads;
  // ids with a quote, a backslash and a tab, which JSON escapes.
  testing::TempDir dir;
  std::set<std::string> want;  // the Huawei elements' ids, unescaped
  std::string sites = "site_id,operator,lat,lon\n", elements = "element_id,site_id,vendor,domain\n";
  constexpr int kElements = 3 * 4096 + 123;
  for (int i = 0; i < kElements; ++i) {
    const std::string site = "S" + std::to_string(i / 4);
    if (i % 4 == 0) sites += site + ",KT,37.5," + std::to_string(126.0 + i * 1e-4) + "\n";
    const std::string id =
        i % 1000 == 7 ? "\"E\"\"" + std::to_string(i) + "\\\t\"" : "E" + std::to_string(i);
    elements += id + "," + site + "," + (i % 3 ? "Huawei" : "Nokia") + ",ran\n";
    if (i % 3) want.insert(i % 1000 == 7 ? "E\"" + std::to_string(i) + "\\\t" : id);
  }
  dir.write("sites.csv", sites);
  dir.write("elements.csv", elements);
  const LoadedBundle b = load_bundle(dir.str());
  const CheckResult r = evaluate(b.network,
                                 {parse_policy(R"([policy]
id = "p"
[[rule]]
id = "out"
kind = "exclude"
vendors = ["Huawei"]
)",
                                               "p.toml")},
                                 *parse_iso_date("2024-01-01"), 2);
  ASSERT_EQ(r.findings.size(), 8274u);  // two elements in three
  const CheckInputs in{"net", b.files};
  const std::string one = render_check_json(b.network, r, in, 1);
  // Where two renderings first differ (npos: nowhere), instead of both whole (3 MB).
  auto first_difference = [&](const std::string& other) {
    const auto [a, b] = std::mismatch(one.begin(), one.end(), other.begin(), other.end());
    return a == one.end() && b == other.end() ? std::string::npos
                                              : static_cast<std::size_t>(a - one.begin());
  };
  EXPECT_EQ(first_difference(render_check_json(b.network, r, in, 2)), std::string::npos);
  EXPECT_EQ(first_difference(render_check_json(b.network, r, in, 3)), std::string::npos);
  // Streamed: the head, then each block as it is ready, then the tail.
  std::string streamed;
  std::size_t pieces = 0;
  write_check_json(b.network, r, in, 2, [&](std::string_view piece) {
    streamed += piece;
    ++pieces;
  });
  EXPECT_EQ(first_difference(streamed), std::string::npos);
  EXPECT_EQ(pieces, 1 + (8274 + 2047) / 2048 + 1);
  const auto doc = nlohmann::json::parse(one);
  std::set<std::string> got;
  for (const auto& f : doc["findings"]) got.insert(f["element_id"].get<std::string>());
  EXPECT_EQ(doc["findings"].size(), 8274u);
  EXPECT_EQ(got, want);
  EXPECT_TRUE(got.count("E\"1007\\\t"));
  EXPECT_NE(one.find(R"("element_id": "E\"1007\\\t")"), std::string::npos);
}

}  // namespace
}  // namespace ringfence
