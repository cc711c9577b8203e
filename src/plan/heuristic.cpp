// The fast planner. Every mandatory job is visited. Then, cap group by cap group in
// due order, units are taken cheapest per weight first, where a unit at a job already
// visited costs only its extra elements and a unit at a new job also pays the visit
// (a lazy priority queue keeps that marginal price current). A last pass drops units
// the group no longer needs, dearest first (free units too: they would only pull
// their visit earlier). O(units log units).
#include <algorithm>
#include <numeric>
#include <queue>

#include "plan/problem.hpp"

namespace ringfence::plan {

namespace {

struct Candidate {
  double price_per_weight;
  std::uint32_t unit;
  bool operator>(const Candidate& o) const {
    if (price_per_weight != o.price_per_weight) return price_per_weight > o.price_per_weight;
    return unit > o.unit;
  }
};

}  // namespace

Selection plan_heuristic(const Problem& p) {
  Selection s;
  s.visit.assign(p.jobs.size(), 0);
  s.unit_on.resize(p.groups.size());
  std::vector<int> units_on_job(p.jobs.size(), 0);
  for (std::size_t j = 0; j < p.jobs.size(); ++j) s.visit[j] = p.jobs[j].is_mandatory();
  std::vector<std::uint32_t> group_order(p.groups.size());
  std::iota(group_order.begin(), group_order.end(), 0);
  std::stable_sort(group_order.begin(), group_order.end(),
                   [&](auto a, auto b) { return p.groups[a].due < p.groups[b].due; });
  for (std::uint32_t g : group_order) {
    const CapGroup& group = p.groups[g];
    s.unit_on[g].assign(group.units.size(), 0);
    auto marginal = [&](std::uint32_t u) {
      const CapUnit& unit = group.units[u];
      const double price = unit.extra_cost + (s.visit[unit.job] ? 0 : p.jobs[unit.job].base_cost);
      return unit.weight > 0 ? price / unit.weight : 1e300;
    };
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> queue;
    for (std::uint32_t u = 0; u < group.units.size(); ++u)
      if (group.units[u].weight > 0) queue.push({marginal(u), u});
    double covered = 0;
    std::vector<std::uint32_t> taken;
    while (covered < group.need && !queue.empty()) {
      const Candidate top = queue.top();
      queue.pop();
      const double now = marginal(top.unit);
      if (now > top.price_per_weight) {  // its job's visit is no longer shared: re-rank
        queue.push({now, top.unit});
        continue;
      }
      const CapUnit& unit = group.units[top.unit];
      s.unit_on[g][top.unit] = 1;
      s.visit[unit.job] = 1;
      ++units_on_job[unit.job];
      covered += unit.weight;
      taken.push_back(top.unit);
    }
    // Drop what the group does not need, dearest units first.
    for (auto it = taken.rbegin(); it != taken.rend(); ++it) {
      const CapUnit& unit = group.units[*it];
      if (covered - unit.weight < group.need) continue;
      // Even a free unit goes: it would pull its visit earlier for nothing.
      if (units_on_job[unit.job] == 1 && !p.jobs[unit.job].is_mandatory()) s.visit[unit.job] = 0;
      s.unit_on[g][*it] = 0;
      --units_on_job[unit.job];
      covered -= unit.weight;
    }
  }
  return s;
}

}  // namespace ringfence::plan
