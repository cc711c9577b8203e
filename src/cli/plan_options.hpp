// The planner's option group, shared by `plan`, `compare`, `report --plan`,
// `serve --plan` and `demo`: start, crews, costs, budget, horizon, replacement
// vendors, solver.
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "ringfence/plan.hpp"

namespace ringfence::cli {

struct PlanArgs {
  std::string start, crews = "1", costs, replacement, solver = "auto";
  double budget = 0;
  int horizon = 0;
  double time_limit = 30;
  bool table_costs = false;
  // Adds the options (under `group` in the help when given); returns them, so that a
  // command can make them depend on a flag.
  std::vector<CLI::Option*> add_to(CLI::App& app, const char* group = nullptr);
  // For commands that plan on request (report, serve): a --plan flag, and the options
  // under "Plan (with --plan)", each refused without the flag.
  void add_behind_flag(CLI::App& app, bool& plan, const char* flag_help);
  // The planner options; the plan starts in the month of --start, else of
  // `default_start` (kNoDate: today). Throws UsageError or InputError.
  PlanOptions options(unsigned threads, Days default_start = kNoDate) const;
};

}  // namespace ringfence::cli
