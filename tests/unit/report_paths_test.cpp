// The data-path parts of the report data ("paths", "blast") and GET /api/blast-radius
// of `serve`, on the crafted bundle of paths_fixture.hpp.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "paths_fixture.hpp"
#include "ringfence/bundle.hpp"
#include "ringfence/policy.hpp"
#include "ringfence/report.hpp"
#include "ringfence/report_service.hpp"
#include "test_support.hpp"

namespace ringfence {
namespace {

using nlohmann::json;

const char* kPathsPolicy =
    "[policy]\nid = \"t\"\n[[rule]]\nid = \"r\"\nkind = \"exclude\"\n"
    "vendors = [\"Huawei\"]\n";

class ReportPathsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::write_bundle(dir_, testing::kPathsBundle);
    service_ = std::make_unique<ReportService>(
        load_bundle(dir_.str()), "the-bundle",
        std::vector<PolicySource>{{parse_policy(kPathsPolicy, "t.toml"), kPathsPolicy}},
        *parse_iso_date("2024-01-01"), "<html>@@RINGFENCE_REPORT_DATA@@</html>", 1);
  }
  json data() const {
    const auto& net = service_->network();
    const CheckResult r =
        evaluate(net, {parse_policy(kPathsPolicy, "t.toml")}, *parse_iso_date("2024-01-01"), 1);
    return json::parse(build_report_data(net, r, {"the-bundle", {}}));
  }
  testing::TempDir dir_;
  std::unique_ptr<ReportService> service_;
};

TEST_F(ReportPathsTest, PathsSharesPerOperator) {
  const json p = data()["paths"];
  EXPECT_EQ(p["measure"], "traffic");
  EXPECT_EQ(p["origins"], 5);
  EXPECT_EQ(p["no_path"], 1);
  ASSERT_EQ(p["groups"].size(), 2u);
  EXPECT_EQ(p["groups"][0]["operator"], "A");
  EXPECT_EQ(p["groups"][0]["total"], 100);
  EXPECT_EQ(p["groups"][0]["vendors"][0], json::parse(R"(["Samsung",60,0.6,[40,0,60,0,0]])"));
}

TEST_F(ReportPathsTest, BlastRadiusOfEveryVendorWithItsSites) {
  const json b = data()["blast"];
  EXPECT_EQ(b["zone_radius_m"], 5000);
  std::vector<std::string> names;
  for (const auto& v : b["vendors"]) names.push_back(v["target"]["id"]);
  EXPECT_EQ(names,
            (std::vector<std::string>{"Cisco", "Ericsson", "Huawei", "Nokia", "Samsung", "ZTE"}));
  const json& huawei = b["vendors"][2];
  EXPECT_EQ(huawei["network"]["observed"]["traffic"], 40);
  EXPECT_FALSE(huawei.contains("cut_off_elements"));
  // S1 (row 0) observed; S3 (row 2) observed and cut off.
  EXPECT_EQ(huawei["site_marks"], json::parse("[[0,1,0],[2,1,1]]"));
}

TEST_F(ReportPathsTest, ApiBlastRadiusOfAnElementOrSite) {
  const ApiResponse r = service_->blast_radius({{"element", "T4"}, {"zone_radius", "1000"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const json j = json::parse(r.body);
  EXPECT_EQ(j["target"], json::parse(R"({"kind":"element","id":"T4","elements":1})"));
  EXPECT_EQ(j["cut_off_elements"], json::array({"R2"}));
  EXPECT_EQ(j["zones"][0]["zone_id"], "Z1");
  EXPECT_EQ(j["site_marks"], json::parse("[[1,1,1]]"));
  const json s = json::parse(service_->blast_radius({{"site", "S1"}}).body);
  EXPECT_EQ(s["network"]["observed"]["traffic"], 10);
}

TEST_F(ReportPathsTest, ApiBlastRadiusRefusesBadQueries) {
  for (const QueryParams& q :
       {QueryParams{}, QueryParams{{"vendor", "Huawei"}, {"site", "S1"}},
        QueryParams{{"vendor", "Nobody"}}, QueryParams{{"element", "E1"}, {"zone_radius", "-1"}},
        QueryParams{{"colour", "red"}}}) {
    const ApiResponse r = service_->blast_radius(q);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_TRUE(json::parse(r.body).contains("error"));
  }
}

}  // namespace
}  // namespace ringfence
