// `ringfence plan` and `compare` end to end: the applied bundle has no overdue finding
// at any deadline when the plan says the deadlines are met (on the example and on a
// generated network), work orders, JSON, comparison, and bad inputs (exit 2, located).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "plan_instance.hpp"
#include "test_support.hpp"

namespace ringfence::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string plan_bin() {
  return RINGFENCE_BIN;
}
std::string example() {
  return std::string(RINGFENCE_SOURCE_DIR) + "/examples/korea-small";
}

const char* kUkDeadlines[] = {"2023-01-28", "2023-07-31", "2023-10-31",
                              "2023-12-31", "2025-12-31", "2027-12-31"};

// Plans uk-2020 with enough crews, applies it, and checks the applied bundle at every
// deadline of the preset: nothing overdue, and at the last one nothing at all.
void expect_applied_bundle_compliant(const std::string& bundle) {
  TempDir tmp;
  const std::string applied = (tmp.path() / "applied").string();
  const std::string orders = (tmp.path() / "orders.csv").string();
  const RunResult r = run_command(plan_bin() + " plan " + bundle +
                                  " --policy uk-2020 --start 2021-01-01 --crews 40 --format json"
                                  " --apply " +
                                  applied + " --work-orders " + orders);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  const json plan = json::parse(r.out);
  ASSERT_TRUE(plan.at("summary").at("deadlines_met").get<bool>());
  EXPECT_GT(plan.at("summary").at("elements").get<int>(), 0);
  for (const char* at : kUkDeadlines) {
    const RunResult c = run_command(plan_bin() + " check " + applied +
                                    " --policy uk-2020 --format json --at " + at);
    EXPECT_EQ(c.exit_code, 0) << at << ": " << c.out.substr(0, 2000);
    EXPECT_EQ(json::parse(c.out).at("summary").at("overdue"), 0) << at;
  }
  const RunResult last = run_command(plan_bin() + " check " + applied +
                                     " --policy uk-2020 --format json --at 2027-12-31");
  EXPECT_EQ(json::parse(last.out).at("summary").at("findings"), 0);
  // The original still has them: the plan did the work, not the check.
  const RunResult before = run_command(plan_bin() + " check " + bundle +
                                       " --policy uk-2020 --format json --at 2027-12-31");
  EXPECT_EQ(before.exit_code, 1);
  // One work order per visit.
  std::ifstream in(orders);
  std::string line;
  std::size_t rows = 0;
  std::getline(in, line);
  EXPECT_EQ(line, "month,operator,site_id,elements,new_vendors,cost");
  while (std::getline(in, line)) ++rows;
  EXPECT_EQ(rows, plan.at("summary").at("sites").get<std::size_t>());
}

TEST(PlanCli, AppliedExampleHasNoOverdueFindingAtAnyDeadline) {
  expect_applied_bundle_compliant(example());
}

TEST(PlanCli, AppliedGeneratedNetworkHasNoOverdueFindingAtAnyDeadline) {
  TempDir tmp;
  const std::string kr = (tmp.path() / "kr").string();
  ASSERT_EQ(
      run_command(plan_bin() + " generate --country KR --sites 300 --seed 3 --out " + kr).exit_code,
      0);
  expect_applied_bundle_compliant(kr);
}

TEST(PlanCli, ExampleWithTwoCrewsMissesOnlyTheRuleInForceAtOnce) {
  const RunResult r = run_command(plan_bin() + " plan " + example() +
                                  " --policy uk-2020 --start 2021-01-01 --crews 2 --format json");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const json plan = json::parse(r.out);
  EXPECT_EQ(plan.at("summary").at("findings"), 50);
  EXPECT_EQ(plan.at("solver").at("name"), "cbc");
  // The rule in force at once cannot be met: lateness comes first, so no cost gap.
  EXPECT_FALSE(plan.at("solver").at("optimal").get<bool>());
  EXPECT_TRUE(plan.at("solver").at("gap").is_null());
  EXPECT_NE(plan.at("solver").at("note").get<std::string>().find("deadlines cannot all be met"),
            std::string::npos);
  std::size_t missed = 0;
  for (const json& d : plan.at("deadlines")) {
    if (d.at("met").get<bool>()) continue;
    ++missed;
    EXPECT_EQ(d.at("rule_id"), "uk-2020/no-new-5g");
    EXPECT_TRUE(d.at("deadline").is_null());
    EXPECT_EQ(d.at("crews"), 2);
    EXPECT_GT(d.at("crews_needed").get<int>(), 2);
  }
  EXPECT_EQ(missed, 1u);
}

TEST(PlanCli, CompareRegimesSideBySide) {
  const RunResult r = run_command(plan_bin() + " compare " + example() +
                                  " --policy us-kr-sensitive --policy uk-2020 --policy de-2024"
                                  " --start 2021-01-01 --crews 4 --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "regime,operator,findings,sites,elements,cost,months,deadlines_missed");
  for (const char* regime : {"us-kr-sensitive,LG U+", "uk-2020,LG U+", "de-2024,LG U+"})
    EXPECT_NE(r.out.find(std::string("\n") + regime + ","), std::string::npos) << regime;
  const RunResult one = run_command(plan_bin() + " compare " + example() + " --policy uk-2020");
  EXPECT_EQ(one.exit_code, 2);
}

TEST(PlanCli, BadCostsAndCrewsFilesExitTwoWithTheirLocation) {
  TempDir tmp;
  tmp.write("costs.toml", "[costs]\ncurrency = \"GBP\"\nper_visit = \"lots\"\n");
  tmp.write("crews.csv", "operator,crews\nLG U+,0\n");
  const std::string base = plan_bin() + " plan " + example() + " --policy uk-2020 ";
  const RunResult costs = run_command(base + "--costs " + (tmp.path() / "costs.toml").string());
  EXPECT_EQ(costs.exit_code, 2);
  EXPECT_NE(costs.err.find("costs.toml:3:13: per_visit must be a number >= 0"), std::string::npos)
      << costs.err;
  EXPECT_TRUE(costs.out.empty());
  const RunResult crews = run_command(base + "--crews " + (tmp.path() / "crews.csv").string());
  EXPECT_EQ(crews.exit_code, 2);
  EXPECT_NE(crews.err.find("crews.csv:2:7: '0' is not a number of crews"), std::string::npos)
      << crews.err;
  const RunResult budget = run_command(base + "--budget -5");
  EXPECT_EQ(budget.exit_code, 2);
  const RunResult apply_dir =
      (tmp.write("x", ""), run_command(base + "--apply " + (tmp.path() / "x").string()));
  EXPECT_EQ(apply_dir.exit_code, 2) << apply_dir.err;
  EXPECT_TRUE(fs::is_regular_file(tmp.path() / "x"));
}

// CBC is loaded only when a plan needs the exact solver: without it, the heuristic
// still plans, and the exact solver's absence is said with what to install.
TEST(PlanCli, WithoutCbcOnlyTheExactSolverFails) {
  const std::string env = "RINGFENCE_CBC_LIBRARY=/nonexistent/libCbcSolver.so.3 ";
  const std::string base =
      env + plan_bin() + " plan " + example() + " --policy uk-2020 --start 2021-01-01 --crews 40 ";
  const RunResult heuristic = run_command(base + "--solver heuristic --format json");
  EXPECT_EQ(heuristic.exit_code, 0) << heuristic.err;
  EXPECT_EQ(json::parse(heuristic.out).at("solver").at("name"), "heuristic");
  const RunResult exact = run_command(base + "--solver exact --format json");
  EXPECT_EQ(exact.exit_code, 2);
  EXPECT_TRUE(exact.out.empty());
  EXPECT_NE(exact.err.find("the exact planner needs COIN-OR CBC (Debian package coinor-libcbc3), "
                           "which could not be loaded: /nonexistent/libCbcSolver.so.3"),
            std::string::npos)
      << exact.err;
}

TEST(PlanCli, TimeLimitGivesTheBestPlanWithItsProvenGap) {
  // A crafted instance of the plan gap benchmark with 500 sites per operator: CBC
  // needs about 4 s to prove its optimum on an idle 2-core machine, so 0.05 s is not
  // enough on any machine.
  TempDir tmp;
  const std::size_t sites = plan_instance::write_instance(tmp.path() / "net", 3, 500);
  tmp.write("policy.toml", plan_instance::kPolicy);
  const RunResult r =
      run_command(plan_bin() + " plan " + (tmp.path() / "net").string() + " --policy " +
                  (tmp.path() / "policy.toml").string() + " --start 2021-01-01 --crews " +
                  std::to_string(plan_instance::tight_crews(sites)) +
                  " --solver exact --time-limit 0.05 --format json");
  ASSERT_NE(r.exit_code, 2) << r.err;
  const json plan = json::parse(r.out);
  const json& solver = plan.at("solver");
  EXPECT_EQ(solver.at("name"), "cbc");
  // The note says the limit was reached, and the gap is either proven (a number) or
  // honestly absent (null), never a made-up zero.
  EXPECT_FALSE(solver.at("optimal").get<bool>());
  EXPECT_NE(solver.at("note").get<std::string>().find("time limit of 0.05 s reached"),
            std::string::npos)
      << solver;
  if (!solver.at("gap").is_null()) {
    EXPECT_GT(solver.at("gap").get<double>(), 0);
  }
  // Whatever the solver managed, the plan covers every finding.
  EXPECT_TRUE(plan.at("not_remedied").empty()) << plan.at("not_remedied");
}

}  // namespace
}  // namespace ringfence::testing
