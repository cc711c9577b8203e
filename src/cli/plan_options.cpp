// The planner's option group (see plan_options.hpp).
#include "cli/plan_options.hpp"

#include <cmath>

#include "cli/common.hpp"

namespace ringfence::cli {

std::vector<CLI::Option*> PlanArgs::add_to(CLI::App& app, const char* group) {
  std::vector<CLI::Option*> added = {
      app.add_option("--start", start,
                     "First plan month: the month of this date (default: today, or --at)"),
      app.add_option("--crews", crews,
                     "Site visits per month per operator: a number, or a CSV file operator,crews "
                     "(* for every other operator)")
          ->capture_default_str(),
      app.add_option("--costs", costs, "Unit prices TOML (default: the built-in data/costs.toml)"),
      app.add_flag("--table-costs", table_costs,
                   "Price every element from the costs table, ignoring the replace_cost column"),
      app.add_option("--budget", budget, "Spending cap per month, all operators (default: none)"),
      app.add_option("--horizon", horizon,
                     "Months planned (default: last deadline + 24, at least 36)"),
      app.add_option("--replacement", replacement,
                     "CSV operator,domain,vendor fixing the replacement vendor"),
      app.add_option("--solver", solver,
                     "auto (exact MILP up to 400 sites, else heuristic), heuristic or exact")
          ->capture_default_str(),
      app.add_option("--time-limit", time_limit,
                     "Seconds the exact solver may take; then its best plan and proven gap")
          ->capture_default_str(),
  };
  if (group)
    for (CLI::Option* option : added) option->group(group);
  return added;
}

void PlanArgs::add_behind_flag(CLI::App& app, bool& plan, const char* flag_help) {
  CLI::Option* flag = app.add_flag("--plan", plan, flag_help);
  for (CLI::Option* option : add_to(app, "Plan (with --plan)")) option->needs(flag);
}

PlanOptions PlanArgs::options(unsigned threads, Days default_start) const {
  PlanOptions p;
  p.start = default_start;
  if (!start.empty()) {
    const auto d = parse_iso_date(start);
    if (!d) throw UsageError("--start '" + start + "' is not a date (expected YYYY-MM-DD)");
    p.start = *d;
  }
  p.crews = parse_crews_option(crews);
  if (!costs.empty()) p.costs = load_costs(costs);
  if (table_costs) p.costs.use_replace_cost = false;
  if (budget < 0 || !std::isfinite(budget))
    throw UsageError("--budget must be a positive amount per month");
  if (budget > 0) p.monthly_budget = budget;
  if (horizon < 0 || horizon > 1200)
    throw UsageError("--horizon must be between 1 and 1200 months");
  p.horizon_months = horizon;
  if (!replacement.empty()) p.replacement = load_replacements(replacement);
  if (solver == "auto")
    p.solver = PlanSolver::kAuto;
  else if (solver == "heuristic")
    p.solver = PlanSolver::kHeuristic;
  else if (solver == "exact")
    p.solver = PlanSolver::kExact;
  else
    throw UsageError("--solver '" + solver + "' (expected auto, heuristic or exact)");
  if (!(time_limit > 0)) throw UsageError("--time-limit must be a positive number of seconds");
  p.time_limit_s = time_limit;
  p.threads = threads;
  return p;
}

}  // namespace ringfence::cli
