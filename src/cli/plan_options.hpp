// The options `plan` and `compare` share: start, crews, costs, budget, horizon,
// replacement vendors, solver.
#pragma once
#include <memory>
#include <string>

#include "cli/common.hpp"
#include "ringfence/plan.hpp"

namespace ringfence::cli {

struct PlanCliOptions {
  std::string bundle;
  std::vector<std::string> policies;
  std::string start, crews = "1", costs, replacement, solver = "auto";
  double budget = 0;
  int horizon = 0;
  double time_limit = 30;
  std::string format = "text", out;
  unsigned threads = 0;
  bool table_costs = false;
};

void add_plan_options(CLI::App* app, PlanCliOptions& opts);
// Turns the command line into planner options; throws UsageError or InputError.
PlanOptions planner_options(const PlanCliOptions& opts);

}  // namespace ringfence::cli
