// The plan in the report data (`report --plan`) and in `serve --plan` (GET /api/plan,
// POST /api/crews), on a crafted network whose plan is known exactly: one crew swaps
// a core element due in January, then two radios due by March, one site a month.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ringfence/plan.hpp"
#include "ringfence/report.hpp"
#include "ringfence/report_service.hpp"
#include "test_support.hpp"
#include "unit/plan_fixtures.hpp"

namespace ringfence {
namespace {

using json = nlohmann::json;
using testing::kTwoDeadlinesPolicy;
using testing::plan_options;

const std::map<std::string, std::string> kPlanReportFiles = {
    {"sites.csv",
     "site_id,operator,lat,lon\nS1,A,37.1,127.0\nS2,A,37.2,127.0\nS3,A,37.3,127.0\n"
     "S4,B,37.4,127.0\n"},
    {"elements.csv",
     "element_id,site_id,vendor,domain\nC1,S1,Huawei,core\nR2,S2,Huawei,ran\n"
     "R3,S3,Huawei,ran\nR4,S4,Ericsson,ran\nC4,S4,Ericsson,core\n"}};

json plan_section(const std::string& data) {
  return json::parse(data)["plan"];
}

TEST(ReportPlan, TheReportCarriesThePlanAndEachSitesVisitMonth) {
  testing::TempDir dir;
  testing::write_bundle(dir, kPlanReportFiles);
  const LoadedBundle b = load_bundle(dir.str());
  const Policy policy = parse_policy(kTwoDeadlinesPolicy, "t.toml");
  const CheckResult result = evaluate(b.network, {policy}, *parse_iso_date("2024-01-01"), 1);
  const Plan plan = make_plan(b.network, {policy}, plan_options(1));
  ReportOptions options;
  options.plan = &plan;
  const json p = plan_section(build_report_data(b.network, result, {"b", b.files}, options));
  EXPECT_EQ(p["start"], "2024-01-01");
  EXPECT_EQ(p["currency"], "GBP");
  EXPECT_EQ(p["summary"]["sites"], 3);
  EXPECT_EQ(p["summary"]["cost"], 3 * 1000 + 500 + 2 * 100);
  EXPECT_EQ(p["summary"]["deadlines_met"], true);
  EXPECT_EQ(p["operators"], json({"A", "B"}));
  EXPECT_EQ(p["crews"], json({1, 1}));
  // The axis runs from the start to the last visit or deadline: March.
  EXPECT_EQ(p["month_labels"], json({"2024-01", "2024-02", "2024-03"}));
  ASSERT_EQ(p["deadlines"].size(), 2u);
  EXPECT_EQ(p["deadlines"][0]["rule_id"], "t/core");
  EXPECT_EQ(p["deadline_months"], json({0, 2}));
  // S1 in January, S2 in February, S3 in March, S4 (Ericsson) never.
  EXPECT_EQ(p["site_month"], json({0, 1, 2, -1}));
  EXPECT_EQ(p["months"][0]["month"], "2024-01");
  EXPECT_EQ(p["months"][0]["cost"], 1500);
  EXPECT_EQ(p["evidence"], 0);
  EXPECT_EQ(p["not_remedied"], 0);
  // Without a plan: null, as before.
  EXPECT_TRUE(plan_section(build_report_data(b.network, result, {"b", b.files})).is_null());
}

class PlanServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::write_bundle(dir_, kPlanReportFiles);
    service_ = std::make_unique<ReportService>(
        load_bundle(dir_.str()), "b",
        std::vector<PolicySource>{
            {parse_policy(kTwoDeadlinesPolicy, "t.toml"), kTwoDeadlinesPolicy}},
        *parse_iso_date("2024-01-01"), "<html>@@RINGFENCE_REPORT_DATA@@</html>", 1);
  }
  json plan() const {
    const auto answer = service_->plan();
    EXPECT_TRUE(answer.body) << answer.error.body;
    if (!answer.body) return {};
    return json::parse(*answer.body->in(server::ContentEncoding::kIdentity).first);
  }
  static std::string error(const ApiResponse& r, int status) {
    EXPECT_EQ(r.status, status) << r.body;
    return json::parse(r.body).value("error", "");
  }
  testing::TempDir dir_;
  std::unique_ptr<ReportService> service_;
};

TEST_F(PlanServiceTest, WithoutPlanningThePlanIs404) {
  EXPECT_NE(error(service_->plan().error, 404).find("serve --plan"), std::string::npos);
  EXPECT_EQ(error(service_->set_crews(R"({"crews": 2})"), 404), error(service_->plan().error, 404));
  const json data =
      json::parse(*service_->report_data()->in(server::ContentEncoding::kIdentity).first);
  EXPECT_FALSE(data.contains("plan_url"));
}

TEST_F(PlanServiceTest, PlansOnRequestAgainAfterCrewsOrPolicyEdits) {
  service_->enable_planning(plan_options(1));
  const json data =
      json::parse(*service_->report_data()->in(server::ContentEncoding::kIdentity).first);
  EXPECT_EQ(data["plan_url"], "api/plan");
  EXPECT_TRUE(data["plan"].is_null());

  EXPECT_EQ(plan()["site_month"], json({0, 1, 2, -1}));
  const auto first = service_->plan().body;
  EXPECT_EQ(service_->plan().body, first);  // kept until something changes

  // Two crews for A: the core site and one radio site in January, the other in February.
  const ApiResponse crews = service_->set_crews(R"({"crews": {"A": 2}})");
  ASSERT_EQ(crews.status, 200) << crews.body;
  EXPECT_EQ(json::parse(crews.body), json::parse(R"({"crews": {"A": 2, "B": 1}})"));
  const json two = plan();
  EXPECT_EQ(two["crews"], json({2, 1}));
  EXPECT_EQ(two["summary"]["months_to_comply"], 2);
  EXPECT_NE(service_->plan().body->etag(), first->etag());

  // The ran rule dropped by an edit: only the core site is visited.
  std::string edited = kTwoDeadlinesPolicy;
  edited.erase(edited.find("[[rule]]\nid = \"ran\""));
  ASSERT_EQ(service_->evaluate(edited).status, 200);
  EXPECT_EQ(plan()["site_month"], json({0, -1, -1, -1}));
}

TEST_F(PlanServiceTest, BadCrewsAre400AndChangeNothing) {
  service_->enable_planning(plan_options(1));
  const auto before = service_->plan().body;
  EXPECT_NE(error(service_->set_crews("{"), 400).find("not JSON"), std::string::npos);
  EXPECT_NE(error(service_->set_crews(R"({"crew": 2})"), 400).find(R"({"crews": N})"),
            std::string::npos);
  EXPECT_NE(error(service_->set_crews(R"({"crews": 0})"), 400).find("from 1 to 100000"),
            std::string::npos);
  EXPECT_NE(error(service_->set_crews(R"({"crews": 2.5})"), 400).find("whole number"),
            std::string::npos);
  EXPECT_EQ(error(service_->set_crews(R"({"crews": {"Z": 2}})"), 400),
            "no operator 'Z' in the bundle (expected A, B or *)");
  EXPECT_EQ(service_->plan().body, before);
}

}  // namespace
}  // namespace ringfence
