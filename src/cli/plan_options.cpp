// Shared planner options (see plan_options.hpp).
#include "cli/plan_options.hpp"

#include <cmath>

namespace ringfence::cli {

void add_plan_options(CLI::App* app, PlanCliOptions& o) {
  app->add_option("BUNDLE", o.bundle, "Bundle directory")->required();
  app->add_option("--start", o.start, "First plan month: the month of this date (default: today)");
  app->add_option("--crews", o.crews,
                  "Site visits per month per operator: a number, or a CSV file operator,crews "
                  "(* for every other operator)")
      ->capture_default_str();
  app->add_option("--costs", o.costs, "Unit prices TOML (default: the built-in data/costs.toml)");
  app->add_flag("--table-costs", o.table_costs,
                "Price every element from the costs table, ignoring the replace_cost column");
  app->add_option("--budget", o.budget, "Spending cap per month, all operators (default: none)");
  app->add_option("--horizon", o.horizon,
                  "Months planned (default: last deadline + 24, at least 36)");
  app->add_option("--replacement", o.replacement,
                  "CSV operator,domain,vendor fixing the replacement vendor");
  app->add_option("--solver", o.solver,
                  "auto (exact MILP up to 400 sites, else heuristic), heuristic or exact")
      ->capture_default_str();
  app->add_option("--time-limit", o.time_limit,
                  "Seconds the exact solver may take; then its best plan and proven gap")
      ->capture_default_str();
  app->add_option("--threads", o.threads, "Rules evaluated in parallel (0: all cores)")
      ->capture_default_str();
}

PlanOptions planner_options(const PlanCliOptions& o) {
  PlanOptions p;
  if (!o.start.empty()) {
    const auto d = parse_iso_date(o.start);
    if (!d) throw UsageError("--start '" + o.start + "' is not a date (expected YYYY-MM-DD)");
    p.start = *d;
  }
  p.crews = parse_crews_option(o.crews);
  if (!o.costs.empty()) p.costs = load_costs(o.costs);
  if (o.table_costs) p.costs.use_replace_cost = false;
  if (o.budget < 0 || !std::isfinite(o.budget))
    throw UsageError("--budget must be a positive amount per month");
  if (o.budget > 0) p.monthly_budget = o.budget;
  if (o.horizon < 0 || o.horizon > 1200)
    throw UsageError("--horizon must be between 1 and 1200 months");
  p.horizon_months = o.horizon;
  if (!o.replacement.empty()) p.replacement = load_replacements(o.replacement);
  if (o.solver == "auto")
    p.solver = PlanSolver::kAuto;
  else if (o.solver == "heuristic")
    p.solver = PlanSolver::kHeuristic;
  else if (o.solver == "exact")
    p.solver = PlanSolver::kExact;
  else
    throw UsageError("--solver '" + o.solver + "' (expected auto, heuristic or exact)");
  if (!(o.time_limit > 0)) throw UsageError("--time-limit must be a positive number of seconds");
  p.time_limit_s = o.time_limit;
  p.threads = o.threads;
  return p;
}

}  // namespace ringfence::cli
