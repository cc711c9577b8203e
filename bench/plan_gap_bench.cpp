// The planner's heuristic against the exact MILP (COIN-OR CBC) on small generated
// networks: for each instance, the heuristic's cost, the exact optimum (or CBC's
// proven lower bound when it stops at the time limit) and the gap between them.
//
//   ringfence_bench_plan_gap [INSTANCES=24] [TIME_LIMIT_S=60]
//
// Instances (seeds 1..N) are those of tests/plan_instance.hpp: two operators with 60
// to 300 sites, a policy with four deadlines (core out in 3 months, Huawei transport
// out of one region in 6, a 35 % cap on NR sites in 12, a 50 % cap on LTE traffic per
// region in 18) and 1 + sites / 60 crews per operator: the crews are tight and the
// caps' choice of sites interacts with the visits the exclusions force anyway.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "plan_instance.hpp"
#include "ringfence/bundle.hpp"
#include "ringfence/plan.hpp"

int main(int argc, char** argv) {
  using namespace ringfence;
  using namespace ringfence::plan_instance;
  const int instances = argc > 1 ? std::atoi(argv[1]) : 24;
  const double time_limit = argc > 2 ? std::atof(argv[2]) : 60;
  const auto dir = std::filesystem::temp_directory_path() /
                   ("ringfence-plan-gap-" + std::to_string(std::random_device{}()));
  std::printf("%-5s %6s %6s %9s %14s %14s %14s %8s %8s %8s\n", "seed", "sites", "jobs", "findings",
              "heuristic", "exact", "bound", "gap %", "heur s", "exact s");
  double gap_sum = 0, gap_max = 0;
  int counted = 0, late_heuristic = 0, proven = 0, infeasible = 0;
  for (int seed = 1; seed <= instances; ++seed) {
    std::filesystem::remove_all(dir);
    const std::size_t sites = write_instance(dir, seed);
    const LoadedBundle bundle = load_bundle(dir.string());
    PlanOptions o;
    o.start = *parse_iso_date("2021-01-01");
    o.crews.default_crews = tight_crews(sites);
    o.costs.use_replace_cost = true;
    o.time_limit_s = time_limit;
    o.threads = 1;
    o.solver = PlanSolver::kHeuristic;
    auto t0 = std::chrono::steady_clock::now();
    const Plan h = make_plan(bundle.network, {parse_policy(kPolicy, "bench.toml")}, o);
    auto t1 = std::chrono::steady_clock::now();
    o.solver = PlanSolver::kExact;
    const Plan x = make_plan(bundle.network, {parse_policy(kPolicy, "bench.toml")}, o);
    auto t2 = std::chrono::steady_clock::now();
    const double hs = std::chrono::duration<double>(t1 - t0).count();
    const double xs = std::chrono::duration<double>(t2 - t1).count();
    // Costs compare only between plans that both meet every deadline; when the
    // crews cannot meet them at all, both minimise lateness first.
    const bool h_late = !h.deadlines_met && x.deadlines_met;
    const bool both_late = !h.deadlines_met && !x.deadlines_met;
    const double bound = x.optimal ? x.total_cost : std::max(x.bound, 0.0);
    double gap = bound > 0 ? (h.total_cost - bound) / bound : 0;
    if (x.optimal) ++proven;
    if (h_late) {
      ++late_heuristic;
    } else if (both_late) {
      ++infeasible;
    } else {
      gap_sum += gap;
      gap_max = std::max(gap_max, gap);
      ++counted;
    }
    std::printf("%-5d %6zu %6zu %9zu %14.0f %14.0f %14.0f %8.3f %8.2f %8.2f%s%s\n", seed,
                bundle.network.sites.size(), x.sites, x.findings, h.total_cost, x.total_cost, bound,
                100 * gap, hs, xs, x.optimal || both_late ? "" : "  (time limit)",
                h_late ? "  (heuristic late)" : "");
    std::fflush(stdout);
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  std::printf(
      "\ninstances %d, compared %d, exact proven optimal %d, heuristic late where exact is not "
      "%d, no plan meets the deadlines %d\nmean gap %.3f %%, max gap %.3f %% (compared "
      "instances)\n",
      instances, counted, proven, late_heuristic, infeasible,
      counted ? 100 * gap_sum / counted : 0.0, 100 * gap_max);
  return 0;
}
