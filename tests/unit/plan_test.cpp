// The remediation planner on tiny crafted networks with the exact plans expected:
// which sites in which month, to which vendor, at what cost, which deadlines are met,
// by how much the others are missed and with how many crews they would be met; the
// exact MILP against the heuristic; the inputs (costs, crews) refused with a location.
#include "ringfence/plan.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "ringfence/bundle.hpp"
#include "ringfence/diagnostics.hpp"
#include "test_support.hpp"
#include "unit/plan_fixtures.hpp"

namespace ringfence {
namespace {

using Strings = std::vector<std::string>;
using testing::kTwoDeadlinesPolicy;
using testing::plan_options;

class PlanBundle {
 public:
  explicit PlanBundle(const std::map<std::string, std::string>& files)
      : loaded_(load(dir_, files)) {}
  const Network& net() const { return loaded_.network; }
  std::string dir() const { return dir_.str(); }

 private:
  static LoadedBundle load(const testing::TempDir& dir,
                           const std::map<std::string, std::string>& files) {
    testing::write_bundle(dir, files);
    return load_bundle(dir.str());
  }
  testing::TempDir dir_;
  LoadedBundle loaded_;
};

Plan plan(const Network& net, const std::string& policy, const PlanOptions& o) {
  return make_plan(net, {parse_policy(policy, "policy.toml")}, o);
}

// "month site element>vendor ..." per visit.
Strings visits(const Network& net, const Plan& p) {
  Strings out;
  for (const PlanVisit& v : p.visits) {
    std::string row =
        plan_month_label(p.start, v.month) + " " + std::string(net.sites.id.get(v.site));
    for (std::size_t i = 0; i < v.elements.size(); ++i)
      row += " " + std::string(net.elements.id.get(v.elements[i])) + ">" +
             net.vendors.get(v.new_vendor[i]).name;
    out.push_back(row);
  }
  return out;
}

std::string sites_csv(int n, const char* op = "A") {
  std::string s = "site_id,operator,lat,lon\n";
  for (int i = 1; i <= n; ++i)
    s += "S" + std::to_string(i) + "," + op + ",37." + std::to_string(i) + ",127.0\n";
  return s;
}

// Every Huawei element out by `deadline`.
std::string huawei_out_by(const std::string& deadline) {
  return "[policy]\nid = \"t\"\n[[rule]]\nid = \"ran\"\nkind = \"exclude\"\n"
         "vendors = [\"Huawei\"]\ndeadline = " +
         deadline + "\n";
}

// elements.csv: a Huawei radio R<i> at each site S1..S<n>, then a Nokia radio at S<n+1>.
std::string huawei_radios_then_nokia(int n) {
  std::string s = "element_id,site_id,vendor,domain\n";
  for (int i = 1; i <= n; ++i)
    s += "R" + std::to_string(i) + ",S" + std::to_string(i) + ",Huawei,ran\n";
  return s + "R" + std::to_string(n + 1) + ",S" + std::to_string(n + 1) + ",Nokia,ran\n";
}

TEST(Plan, OneCrewTwoDeadlines) {
  // S1 holds a Huawei core element due in January; S2 and S3 Huawei radios due by
  // March; S4 is Ericsson throughout, so Ericsson is the replacement.
  PlanBundle b({{"sites.csv", sites_csv(4)},
                {"elements.csv",
                 "element_id,site_id,vendor,domain\n"
                 "C1,S1,Huawei,core\nR2,S2,Huawei,ran\nR3,S3,Huawei,ran\n"
                 "R4,S4,Ericsson,ran\nC4,S4,Ericsson,core\n"}});
  const Plan p = plan(b.net(), kTwoDeadlinesPolicy, plan_options(1));
  EXPECT_EQ(visits(b.net(), p), (Strings{"2024-01 S1 C1>Ericsson", "2024-02 S2 R2>Ericsson",
                                         "2024-03 S3 R3>Ericsson"}));
  EXPECT_EQ(p.total_cost, 3 * 1000 + 500 + 2 * 100);
  EXPECT_TRUE(p.deadlines_met);
  ASSERT_EQ(p.deadlines.size(), 2u);
  EXPECT_EQ(p.deadlines[0].rule_id, "t/core");
  EXPECT_EQ(p.deadlines[0].units, 1);
  EXPECT_EQ(p.deadlines[1].rule_id, "t/ran");
  EXPECT_EQ(p.deadlines[1].units, 2);
  EXPECT_EQ(p.months_to_comply, 3);
  // Findings left at the end of each month: 3, 2, 1 ... then none.
  ASSERT_GE(p.months.size(), 3u);
  EXPECT_EQ(p.months[0].findings_left.at("t/core"), 0u);
  EXPECT_EQ(p.months[0].findings_left.at("t/ran"), 2u);
  EXPECT_EQ(p.months[1].findings_left.at("t/ran"), 1u);
  EXPECT_EQ(p.months[2].findings_left.at("t/ran"), 0u);
  EXPECT_EQ(render_work_orders(b.net(), p),
            "month,operator,site_id,elements,new_vendors,cost\n"
            "2024-01,A,S1,C1,Ericsson,1500\n"
            "2024-02,A,S2,R2,Ericsson,1100\n"
            "2024-03,A,S3,R3,Ericsson,1100\n");
}

TEST(Plan, InfeasibleDeadlineReportsShortfallAndCrewsNeeded) {
  // Five Huawei radio sites due by the end of February with one crew: two make it,
  // three are late by up to three months; three crews would meet it.
  PlanBundle b({{"sites.csv", sites_csv(6)}, {"elements.csv", huawei_radios_then_nokia(5)}});
  const std::string policy = huawei_out_by("2024-02-29");
  for (PlanSolver solver : {PlanSolver::kHeuristic, PlanSolver::kExact}) {
    const Plan p = plan(b.net(), policy, plan_options(1, solver));
    EXPECT_FALSE(p.deadlines_met);
    ASSERT_EQ(p.deadlines.size(), 1u);
    const DeadlineOutcome& d = p.deadlines[0];
    EXPECT_FALSE(d.met);
    EXPECT_EQ(d.units, 5);
    EXPECT_EQ(d.units_late, 3);
    EXPECT_EQ(d.months_late, 3);
    EXPECT_EQ(d.crews, 1);
    EXPECT_EQ(d.crews_needed, 3);
    EXPECT_EQ(p.months_to_comply, 5);
  }
  // With the three crews it asks for, the deadline is met.
  const Plan met = plan(b.net(), policy, plan_options(3));
  EXPECT_TRUE(met.deadlines_met);
  EXPECT_EQ(met.months_to_comply, 2);
}

const char* kCapHalf = R"([policy]
id = "t"
[[rule]]
id = "cap"
kind = "share_cap"
vendors = ["Huawei"]
where = { domain = "ran" }
per = ["operator"]
measure = "sites"
max_share = 0.5
deadline = 2024-06-30
)";

TEST(Plan, CapMetByTheCheapestSites) {
  // Huawei on 5 of 6 sites, at most half: 2 sites must go, the cheapest (S4, S2).
  PlanBundle b({{"sites.csv", sites_csv(6)},
                {"elements.csv",
                 "element_id,site_id,vendor,domain,replace_cost\n"
                 "R1,S1,Huawei,ran,100\nR2,S2,Huawei,ran,50\nR3,S3,Huawei,ran,300\n"
                 "R4,S4,Huawei,ran,20\nR5,S5,Huawei,ran,80\nR6,S6,Ericsson,ran,100\n"}});
  for (PlanSolver solver : {PlanSolver::kHeuristic, PlanSolver::kExact}) {
    const Plan p = plan(b.net(), kCapHalf, plan_options(2, solver));
    EXPECT_EQ(visits(b.net(), p), (Strings{"2024-01 S2 R2>Ericsson", "2024-01 S4 R4>Ericsson"}));
    EXPECT_EQ(p.total_cost, 2 * 1000 + 50 + 20);
    EXPECT_TRUE(p.deadlines_met);
    ASSERT_EQ(p.deadlines.size(), 1u);
    EXPECT_EQ(p.deadlines[0].units, 2);
  }
  const Plan exact = plan(b.net(), kCapHalf, plan_options(2, PlanSolver::kExact));
  EXPECT_EQ(exact.solver, "cbc");
  EXPECT_TRUE(exact.optimal);
  EXPECT_DOUBLE_EQ(exact.gap, 0);
}

TEST(Plan, ReplacementDoesNotBreakMinVendors) {
  // Ericsson 7, Nokia 1, Huawei 2 radios; Huawei must go and no vendor may hold more
  // than 80 %. Ericsson, the operator's main vendor, would reach 90 %: Nokia it is.
  std::string elements = "element_id,site_id,vendor,domain\n";
  for (int i = 1; i <= 7; ++i)
    elements += "E" + std::to_string(i) + ",S" + std::to_string(i) + ",Ericsson,ran\n";
  elements += "N8,S8,Nokia,ran\nH9,S9,Huawei,ran\nH10,S10,Huawei,ran\n";
  PlanBundle b({{"sites.csv", sites_csv(10)}, {"elements.csv", elements}});
  const char* policy = R"([policy]
id = "t"
[[rule]]
id = "out"
kind = "exclude"
vendors = ["Huawei"]
deadline = 2024-12-31
[[rule]]
id = "multi"
kind = "min_vendors"
per = ["operator"]
min = 2
max_single_share = 0.8
)";
  const Plan p = plan(b.net(), policy, plan_options(2));
  EXPECT_EQ(visits(b.net(), p), (Strings{"2024-01 S10 H10>Nokia", "2024-01 S9 H9>Nokia"}));
  // Without the multi-vendor rule, the main vendor is extended.
  const char* only_out = R"([policy]
id = "t"
[[rule]]
id = "out"
kind = "exclude"
vendors = ["Huawei"]
deadline = 2024-12-31
)";
  const Plan q = plan(b.net(), only_out, plan_options(2));
  EXPECT_EQ(visits(b.net(), q), (Strings{"2024-01 S10 H10>Ericsson", "2024-01 S9 H9>Ericsson"}));
}

TEST(Plan, MonthlyBudgetSpreadsTheVisits) {
  // Four visits of 1,100 each with a budget of 2,500 a month: two a month.
  PlanBundle b({{"sites.csv", sites_csv(5)}, {"elements.csv", huawei_radios_then_nokia(4)}});
  const std::string policy = huawei_out_by("2024-12-31");
  for (PlanSolver solver : {PlanSolver::kHeuristic, PlanSolver::kExact}) {
    PlanOptions o = plan_options(10, solver);
    o.monthly_budget = 2500;
    const Plan p = plan(b.net(), policy, o);
    EXPECT_EQ(visits(b.net(), p), (Strings{"2024-01 S1 R1>Nokia", "2024-01 S2 R2>Nokia",
                                           "2024-02 S3 R3>Nokia", "2024-02 S4 R4>Nokia"}));
    EXPECT_EQ(p.months_to_comply, 2);
    EXPECT_EQ(p.total_cost, 4400);
    EXPECT_TRUE(p.deadlines_met);
  }
}

TEST(Plan, ExactSolverAvoidsTheLatenessTheGreedyCausesWithTightCrews) {
  // One crew. S1 must lose its Huawei core element in January; the cap asks one of
  // the two Huawei radio sites gone in January too. The greedy takes the cheaper S2
  // radio (visit 100 + 10) over the dearer radio at S1 (500, but no extra visit),
  // needing two visits in January; the exact plan swaps S1's radio with its core.
  PlanBundle b({{"sites.csv", sites_csv(3)},
                {"elements.csv",
                 "element_id,site_id,vendor,domain,technology,replace_cost\n"
                 "C1,S1,Huawei,core,,500\nR1,S1,Huawei,ran,nr,500\nR2,S2,Huawei,ran,nr,10\n"
                 "R3,S3,Ericsson,ran,nr,10\nC3,S3,Ericsson,core,,10\n"}});
  const char* policy = R"([policy]
id = "t"
[[rule]]
id = "core"
kind = "exclude"
vendors = ["Huawei"]
where = { domain = "core" }
deadline = 2024-01-31
[[rule]]
id = "cap"
kind = "share_cap"
vendors = ["Huawei"]
where = { domain = "ran" }
per = ["operator"]
measure = "sites"
max_share = 0.34
deadline = 2024-01-31
)";
  PlanOptions o = plan_options(1, PlanSolver::kHeuristic);
  o.costs.per_visit = 100;
  const Plan greedy = plan(b.net(), policy, o);
  EXPECT_FALSE(greedy.deadlines_met);
  o.solver = PlanSolver::kExact;
  const Plan exact = plan(b.net(), policy, o);
  EXPECT_TRUE(exact.deadlines_met);
  EXPECT_TRUE(exact.optimal);
  EXPECT_EQ(visits(b.net(), exact), (Strings{"2024-01 S1 C1>Ericsson R1>Ericsson"}));
  EXPECT_EQ(exact.total_cost, 100 + 500 + 500);
}

TEST(Plan, RequireBuysEvidenceWhenCheaperThanSwapping) {
  // Three ZTE cores of model X lack certification: evidence (300) is cheaper than three
  // swaps (500 each plus visits).
  PlanBundle b({{"sites.csv", sites_csv(4)},
                {"elements.csv",
                 "element_id,site_id,vendor,domain,model\nC1,S1,ZTE,core,X\nC2,S2,ZTE,core,X\n"
                 "C3,S3,ZTE,core,X\nC4,S4,Ericsson,core,Y\n"},
                {"models.csv", "vendor,model,certified\nEricsson,Y,true\n"}});
  const char* policy = R"([policy]
id = "t"
[[rule]]
id = "cert"
kind = "require"
where = { domain = "core" }
attributes = { certified = true }
deadline = 2024-06-30
)";
  const Plan p = plan(b.net(), policy, plan_options(1));
  EXPECT_TRUE(p.visits.empty());
  ASSERT_EQ(p.evidence.size(), 1u);
  EXPECT_EQ(p.evidence[0].elements, 3u);
  EXPECT_EQ(p.total_cost, 300);
  EXPECT_TRUE(p.deadlines_met);
}

TEST(PlanInputs, CostsFileErrorsAreLocated) {
  try {
    parse_costs("[costs]\nper_visit = -5\n", "my-costs.toml");
    FAIL() << "accepted a negative price";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().errors().size(), 1u);
    EXPECT_EQ(e.diagnostics().errors()[0].to_string(),
              "my-costs.toml:2:13: per_visit must be a number >= 0");
  }
  try {
    parse_costs("[costs]\nper_visit = 5\n[[price]]\ndomain = \"radio\"\ncost = 1\n", "c.toml");
    FAIL() << "accepted an unknown domain";
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics().errors()[0].to_string(),
              "c.toml:4:10: domain must be one of ran, transport, core, oss, other");
  }
  EXPECT_THROW(parse_costs("[costs\n", "broken.toml"), InputError);
}

TEST(PlanInputs, CrewsFileErrorsAreLocated) {
  try {
    parse_crews_csv("operator,crews\nA,2\nB,none\n", "crews.csv");
    FAIL() << "accepted 'none'";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().errors().size(), 1u);
    EXPECT_EQ(e.diagnostics().errors()[0].to_string(),
              "crews.csv:3:3: 'none' is not a number of crews (expected a whole number >= 1)");
  }
  const CrewTable t = parse_crews_csv("operator,crews\nA,2\n*,5\n", "crews.csv");
  EXPECT_EQ(t.crews("A"), 2);
  EXPECT_EQ(t.crews("B"), 5);
}

TEST(PlanInputs, BuiltinCostsCarryEveryDomain) {
  const CostTable c = builtin_costs();
  EXPECT_EQ(c.currency, "GBP");
  EXPECT_GT(c.per_visit, 0);
  for (auto d : kDomainNames) EXPECT_TRUE(c.by_domain.count(std::string(d))) << d;
  EXPECT_TRUE(c.by_domain_function.count("ran/gnb"));
}

}  // namespace
}  // namespace ringfence
