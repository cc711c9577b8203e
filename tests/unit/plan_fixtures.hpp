// What the planner tests share: unit prices, options and a policy with two deadlines.
#pragma once
#include "ringfence/plan.hpp"

namespace ringfence::testing {

// Visit 1000 per site; a RAN element 100, a core element 500 (unless replace_cost).
inline constexpr const char* kPlanCosts = R"(
[costs]
currency = "GBP"
per_visit = 1000
evidence_per_model = 300
[[price]]
domain = "ran"
cost = 100
[[price]]
domain = "core"
cost = 500
)";

// From 2024-01-01, `crews` site visits a month per operator, 24 months, one thread.
inline PlanOptions plan_options(int crews, PlanSolver solver = PlanSolver::kHeuristic) {
  PlanOptions o;
  o.start = *parse_iso_date("2024-01-01");
  o.crews.default_crews = crews;
  o.costs = parse_costs(kPlanCosts, "costs.toml");
  o.solver = solver;
  o.horizon_months = 24;
  o.threads = 1;
  return o;
}

// Huawei core out by the end of January, Huawei radio by the end of March.
inline constexpr const char* kTwoDeadlinesPolicy = R"([policy]
id = "t"
[[rule]]
id = "core"
kind = "exclude"
vendors = ["Huawei"]
where = { domain = "core" }
deadline = 2024-01-31
[[rule]]
id = "ran"
kind = "exclude"
vendors = ["Huawei"]
where = { domain = "ran" }
deadline = 2024-03-31
)";

}  // namespace ringfence::testing
