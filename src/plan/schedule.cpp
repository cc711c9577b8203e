// Costs, due months and the month-by-month schedule of a selection: earliest due
// first within each operator's crews and the monthly budget. Without a budget this
// meets every due month whenever any schedule can (jobs take one crew-month each).
#include <algorithm>
#include <cmath>
#include <numeric>

#include "plan/problem.hpp"

namespace ringfence::plan {

std::vector<int> group_due_per_job(const Problem& p, const Selection& s) {
  std::vector<int> due(p.jobs.size(), kNoDue);
  for (std::size_t g = 0; g < p.groups.size(); ++g)
    for (std::size_t u = 0; u < p.groups[g].units.size(); ++u)
      if (s.unit_on[g][u]) {
        int& d = due[p.groups[g].units[u].job];
        d = std::min(d, p.groups[g].due);
      }
  return due;
}

int effective_due(const Problem& p, const Selection&, std::uint32_t job,
                  const std::vector<int>& group_due_of_job) {
  return std::min(p.jobs[job].due, group_due_of_job[job]);
}

double selection_cost(const Problem& p, const Selection& s) {
  double cost = 0;
  for (std::size_t j = 0; j < p.jobs.size(); ++j)
    if (s.visit[j]) cost += p.jobs[j].base_cost;
  for (std::size_t g = 0; g < p.groups.size(); ++g)
    for (std::size_t u = 0; u < p.groups[g].units.size(); ++u)
      if (s.unit_on[g][u]) cost += p.groups[g].units[u].extra_cost;
  return cost;
}

std::vector<int> schedule(const Problem& p, const Selection& s) {
  const std::vector<int> group_due = group_due_per_job(p, s);
  std::vector<double> visit_cost(p.jobs.size(), 0);
  std::vector<std::uint32_t> order;
  for (std::uint32_t j = 0; j < p.jobs.size(); ++j)
    if (s.visit[j]) {
      order.push_back(j);
      visit_cost[j] = p.jobs[j].base_cost;
    }
  for (std::size_t g = 0; g < p.groups.size(); ++g)
    for (std::size_t u = 0; u < p.groups[g].units.size(); ++u)
      if (s.unit_on[g][u]) visit_cost[p.groups[g].units[u].job] += p.groups[g].units[u].extra_cost;
  std::vector<int> due(p.jobs.size(), kNoDue);
  for (std::uint32_t j : order) due[j] = effective_due(p, s, j, group_due);
  // Earliest due first; then the dearer visit first (it is the harder one to fit a
  // budget later), then site order for determinism.
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (due[a] != due[b]) return due[a] < due[b];
    if (visit_cost[a] != visit_cost[b]) return visit_cost[a] > visit_cost[b];
    return p.jobs[a].site < p.jobs[b].site;
  });
  std::vector<int> month(p.jobs.size(), -1);
  for (std::uint32_t j : order) month[j] = p.months;  // not within the horizon, until placed
  const bool budgeted = !std::isnan(p.budget);
  if (!budgeted) {
    // Per operator, crews jobs per month in order.
    std::vector<std::size_t> placed(p.operators.size(), 0);
    for (std::uint32_t j : order) {
      const std::uint32_t op = p.jobs[j].op;
      const std::size_t m = placed[op]++ / static_cast<std::size_t>(p.crews[op]);
      if (m < static_cast<std::size_t>(p.months)) month[j] = static_cast<int>(m);
    }
    return month;
  }
  // With a budget: month by month, first fit in order.
  std::vector<std::uint32_t> pending = order;
  for (int m = 0; m < p.months && !pending.empty(); ++m) {
    std::vector<int> crews_left = p.crews;
    double budget_left = p.budget;
    std::vector<std::uint32_t> rest;
    rest.reserve(pending.size());
    for (std::uint32_t j : pending) {
      const std::uint32_t op = p.jobs[j].op;
      if (crews_left[op] > 0 && visit_cost[j] <= budget_left + 1e-6) {
        --crews_left[op];
        budget_left -= visit_cost[j];
        month[j] = m;
      } else {
        rest.push_back(j);
      }
    }
    pending.swap(rest);
  }
  return month;
}

double lateness(const Problem& p, const Selection& s, const std::vector<int>& months) {
  const std::vector<int> group_due = group_due_per_job(p, s);
  double late = 0;
  for (std::uint32_t j = 0; j < p.jobs.size(); ++j) {
    if (!s.visit[j]) continue;
    const int due = effective_due(p, s, j, group_due);
    if (due == kNoDue) continue;
    if (months[j] > due) late += months[j] - due + (months[j] >= p.months ? 1 : 0);
  }
  return late;
}

}  // namespace ringfence::plan
