// make_plan: findings -> a planning problem (through remedies.cpp) -> a selection
// (heuristic, and CBC when asked or small) -> a month-by-month schedule -> vendors for
// every swapped element -> deadlines met or missed, month rows, totals.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <set>

#include "plan/problem.hpp"
#include "plan/remedies.hpp"
#include "plan/vendors.hpp"
#include "ringfence/diagnostics.hpp"
#include "ringfence/plan.hpp"

namespace ringfence {

namespace {

struct YearMonth {
  int year;
  int month;  // 1..12
};
YearMonth year_month(Days d) {
  const std::string iso = format_iso_date(d);
  return {std::stoi(iso.substr(0, 4)), std::stoi(iso.substr(5, 2))};
}
YearMonth add_months(YearMonth ym, int n) {
  const int index = ym.year * 12 + (ym.month - 1) + n;
  return {index / 12, index % 12 + 1};
}

}  // namespace

Days plan_month_first_day(Days start, int month) {
  const YearMonth ym = add_months(year_month(start), month);
  return days_from_civil(ym.year, static_cast<unsigned>(ym.month), 1);
}
Days plan_month_last_day(Days start, int month) {
  return plan_month_first_day(start, month + 1) - 1;
}
std::string plan_month_label(Days start, int month) {
  return format_iso_date(plan_month_first_day(start, month)).substr(0, 7);
}

namespace {

using plan::CapGroup;
using plan::Job;
using plan::kNoDue;
using plan::Problem;
using plan::Selection;

// The plan month by which a deadline must be met: the last month whose last day is on
// or before it (0 when even the first month ends too late, or no deadline).
int due_month(Days start, Days deadline) {
  if (deadline == kNoDate) return 0;
  const YearMonth s = year_month(start), d = year_month(deadline);
  int m = (d.year * 12 + d.month) - (s.year * 12 + s.month);
  if (plan_month_last_day(start, m) > deadline) --m;
  return std::max(0, m);
}

// Adds units, cheapest first and ignoring time, to any group still short (a solver
// that ran out of time, or a group whose due month cannot be met).
void complete_groups(const Problem& p, Selection& s) {
  for (std::size_t g = 0; g < p.groups.size(); ++g) {
    const CapGroup& group = p.groups[g];
    double covered = 0;
    for (std::size_t u = 0; u < group.units.size(); ++u)
      if (s.unit_on[g][u]) covered += group.units[u].weight;
    if (covered >= group.need) continue;
    std::vector<std::uint32_t> order(group.units.size());
    std::iota(order.begin(), order.end(), 0);
    auto price = [&](std::uint32_t u) {
      const auto& unit = group.units[u];
      const double c = unit.extra_cost + (s.visit[unit.job] ? 0 : p.jobs[unit.job].base_cost);
      return unit.weight > 0 ? c / unit.weight : 1e300;
    };
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return price(a) < price(b); });
    for (std::uint32_t u : order) {
      if (covered >= group.need) break;
      if (s.unit_on[g][u] || group.units[u].weight <= 0) continue;
      s.unit_on[g][u] = 1;
      s.visit[group.units[u].job] = 1;
      covered += group.units[u].weight;
    }
  }
}

std::string group_operator(const Network& net, const Rule& rule, const Finding& f) {
  (void)net;
  for (std::size_t i = 0; i < rule.per.size() && i < f.group.size(); ++i)
    if (rule.per[i] == GroupKey::kOperator) return f.group[i];
  return "all";
}

}  // namespace

Plan make_plan(const Network& net, std::vector<Policy> policies, const PlanOptions& options) {
  Plan plan;
  plan.start = options.start == kNoDate ? today_utc() : options.start;
  plan.currency = options.costs.currency;
  const std::vector<Policy> policy_copy = policies;
  // Every rule in force: the plan remedies what the rules will ask, whenever they start.
  plan.check = evaluate(net, std::move(policies), days_from_civil(9999, 12, 31), options.threads);
  const CheckResult& check = plan.check;
  plan.findings = check.findings.size();
  // The element an element finding's remedy acts on, as its rule kind says.
  auto to_remedy = [&](const Finding& f) {
    return plan::element_to_remedy(net, rule_of(check, check.rules[f.rule]), f);
  };

  // Operators: the network's, in name order.
  std::map<std::string, std::uint32_t> op_index;
  for (std::uint32_t s = 0; s < net.sites.size(); ++s) op_index.emplace(net.site_operator(s), 0);
  for (auto& [name, idx] : op_index) {
    idx = static_cast<std::uint32_t>(plan.operators.size());
    plan.operators.push_back(name);
  }
  auto op_of_site = [&](std::uint32_t s) { return op_index.at(std::string(net.site_operator(s))); };

  // Horizon: past the last deadline.
  int last_due = 0;
  for (const Finding& f : check.findings)
    last_due = std::max(last_due, due_month(plan.start, f.deadline));
  plan.horizon_months =
      options.horizon_months > 0 ? options.horizon_months : std::max(36, last_due + 24);

  Problem p;
  p.operators = plan.operators;
  for (const auto& op : plan.operators) p.crews.push_back(options.crews.crews(op));
  plan.crews = p.crews;
  p.months = plan.horizon_months;
  p.budget = options.monthly_budget;

  const CostTable& costs = options.costs;
  std::vector<int> element_due(net.elements.size(), kNoDue);
  std::vector<std::uint8_t> mandatory(net.elements.size(), 0);
  // require findings by (vendor, model): evidence or swap, decided below.
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<std::uint32_t>> require_of;
  std::map<std::uint32_t, std::vector<std::uint32_t>> group_findings_of_rule;
  for (std::uint32_t i = 0; i < check.findings.size(); ++i) {
    const Finding& f = check.findings[i];
    const Rule& rule = rule_of(check, check.rules[f.rule]);
    switch (plan::remedy_of(rule.kind)) {
      case plan::Remedy::kSwapUnits:
        group_findings_of_rule[f.rule].push_back(i);
        break;
      case plan::Remedy::kEvidenceOrSwap: {
        const std::uint32_t e = to_remedy(f);
        require_of[{net.elements.vendor[e], net.elements.model[e]}].push_back(i);
        break;
      }
      case plan::Remedy::kSwapElement: {
        const std::uint32_t e = to_remedy(f);
        mandatory[e] = 1;
        element_due[e] = std::min(element_due[e], due_month(plan.start, f.deadline));
        break;
      }
    }
  }
  // Evidence when the pair has a model and evidence is no dearer than swapping what
  // is not swapped anyway.
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> evidence_of;
  for (const auto& [key, ids] : require_of) {
    double swap_cost = 0;
    std::set<std::uint32_t> elements;
    for (std::uint32_t i : ids) elements.insert(to_remedy(check.findings[i]));
    bool all_swapped = true;
    for (std::uint32_t e : elements)
      if (!mandatory[e]) {
        swap_cost += costs.element_cost(net, e);
        all_swapped = false;
      }
    if (all_swapped) {
      for (std::uint32_t i : ids) {
        const std::uint32_t e = to_remedy(check.findings[i]);
        element_due[e] =
            std::min(element_due[e], due_month(plan.start, check.findings[i].deadline));
      }
      continue;
    }
    if (key.second != 0 && costs.evidence_per_model <= swap_cost) {
      EvidencePurchase ev;
      ev.vendor = key.first;
      ev.model = key.second;
      std::set<std::pair<std::string, std::string>> attrs;
      for (std::uint32_t i : ids)
        for (const auto& a : rule_of(check, check.rules[check.findings[i].rule]).attributes)
          attrs.insert(a);
      ev.attributes.assign(attrs.begin(), attrs.end());
      ev.elements = elements.size();
      ev.cost = costs.evidence_per_model;
      evidence_of[key] = plan.evidence.size();
      plan.evidence.push_back(std::move(ev));
    } else {
      for (std::uint32_t i : ids) {
        const std::uint32_t e = to_remedy(check.findings[i]);
        mandatory[e] = 1;
        element_due[e] =
            std::min(element_due[e], due_month(plan.start, check.findings[i].deadline));
      }
    }
  }

  // Jobs: one per site with mandatory elements, more added for cap units.
  std::vector<std::uint32_t> job_of_site(net.sites.size(), UINT32_MAX);
  auto job_for = [&](std::uint32_t site) {
    if (job_of_site[site] == UINT32_MAX) {
      job_of_site[site] = static_cast<std::uint32_t>(p.jobs.size());
      Job j;
      j.site = site;
      j.op = op_of_site(site);
      j.base_cost = costs.per_visit;
      p.jobs.push_back(std::move(j));
    }
    return job_of_site[site];
  };
  for (std::uint32_t e = 0; e < net.elements.size(); ++e) {
    if (!mandatory[e]) continue;
    Job& j = p.jobs[job_for(net.elements.site[e])];
    j.mandatory.push_back(e);
    j.base_cost += costs.element_cost(net, e);
    j.due = std::min(j.due, element_due[e]);
  }
  std::vector<plan::GroupRemedy> group_remedies;
  for (const auto& [rule, ids] : group_findings_of_rule) {
    auto rs = plan::group_remedies(net, rule_of(check, check.rules[rule]), check.findings, ids);
    for (auto& r : rs) group_remedies.push_back(std::move(r));
  }
  for (const plan::GroupRemedy& r : group_remedies) {
    const Finding& f = check.findings[r.finding];
    CapGroup g;
    g.finding = r.finding;
    g.due = due_month(plan.start, f.deadline);
    g.need = r.need;
    g.forbidden_vendor = r.forbidden_vendor;
    g.new_vendor_per_unit = r.new_vendor_per_unit;
    g.present_vendors = r.present_vendors;
    const std::string op = group_operator(net, rule_of(check, check.rules[f.rule]), f);
    g.op = op_index.count(op) ? op_index.at(op) : 0;
    for (const plan::GroupUnit& unit : r.units) {
      plan::CapUnit cu;
      cu.job = job_for(unit.site);
      cu.elements = unit.elements;
      cu.weight = unit.weight;
      for (std::uint32_t e : unit.elements)
        if (!mandatory[e]) cu.extra_cost += costs.element_cost(net, e);
      g.units.push_back(std::move(cu));
    }
    p.groups.push_back(std::move(g));
  }

  // Select: the heuristic always; CBC when asked, or automatically on small problems.
  Selection best = plan::plan_heuristic(p);
  plan.solver = "heuristic";
  auto objective = [&](const Selection& s) {
    return plan::selection_cost(p, s) +
           plan::kLatePenalty * plan::lateness(p, s, plan::schedule(p, s));
  };
  bool exact_found = false;
  const bool exact = options.solver == PlanSolver::kExact ||
                     (options.solver == PlanSolver::kAuto && p.jobs.size() <= kExactAutoSites);
  if (exact && !p.jobs.empty()) {
    const double heuristic_objective = objective(best);
    plan::ExactResult r = plan::make_cbc_solver()->solve(p, best, options.time_limit_s);
    exact_found = r.found;
    plan.solver = "cbc";
    plan.solver_note = r.note;
    plan.optimal = r.optimal;
    if (r.found) {
      complete_groups(p, r.selection);
      if (objective(r.selection) <= heuristic_objective + 1e-6) best = std::move(r.selection);
    }
    plan.bound = r.bound;
  }
  complete_groups(p, best);
  const std::vector<int> month_of_job = plan::schedule(p, best);
  const double selection_total = plan::selection_cost(p, best);
  if (plan.solver == "cbc") {
    // A cost gap means something only when every due month is met; otherwise the
    // objective was lateness first.
    plan.gap = std::numeric_limits<double>::quiet_NaN();
    if (plan::lateness(p, best, month_of_job) > 0) {
      plan.optimal = false;
      plan.bound = std::numeric_limits<double>::quiet_NaN();
      plan.solver_note += std::string(plan.solver_note.empty() ? "" : "; ") +
                          "deadlines cannot all be met: lateness was minimised first, no cost gap";
    } else if (exact_found) {
      plan.bound = std::min(plan.bound, selection_total);
      plan.gap =
          selection_total > 0 ? std::max(0.0, (selection_total - plan.bound) / selection_total) : 0;
      if (plan.gap < 1e-9) plan.optimal = true;
    } else {
      plan.bound = std::numeric_limits<double>::quiet_NaN();
      plan.solver_note += "; the heuristic's plan is given, with no proven gap";
    }
  }

  // Vendors for every swapped element, then the visits.
  const plan::VendorChoice vendors =
      plan::choose_vendors(net, policy_copy, p, best, options.replacement, month_of_job);
  for (const std::string& why : vendors.problems) plan.unremedied.push_back(why);
  std::vector<std::uint32_t> visited;
  for (std::uint32_t j = 0; j < p.jobs.size(); ++j)
    if (best.visit[j]) visited.push_back(j);
  std::sort(visited.begin(), visited.end(), [&](auto a, auto b) {
    if (month_of_job[a] != month_of_job[b]) return month_of_job[a] < month_of_job[b];
    return net.sites.id.get(p.jobs[a].site) < net.sites.id.get(p.jobs[b].site);
  });
  std::vector<int> element_month(net.elements.size(), -1);
  for (std::uint32_t j : visited) {
    PlanVisit v;
    v.site = p.jobs[j].site;
    v.month = month_of_job[j];
    v.cost = costs.per_visit;
    for (std::uint32_t e : vendors.elements_of_job[j]) {
      v.elements.push_back(e);
      v.new_vendor.push_back(vendors.new_vendor[e]);
      v.cost += costs.element_cost(net, e);
      element_month[e] = v.month;
    }
    plan.total_cost += v.cost;
    plan.elements += v.elements.size();
    if (v.month < plan.horizon_months)
      plan.months_to_comply = std::max(plan.months_to_comply, v.month + 1);
    plan.visits.push_back(std::move(v));
  }
  plan.sites = plan.visits.size();
  for (const EvidencePurchase& ev : plan.evidence) plan.total_cost += ev.cost;
  if (!plan.evidence.empty()) plan.months_to_comply = std::max(plan.months_to_comply, 1);

  // When each finding is remedied (month index; horizon = not within it).
  const int never = plan.horizon_months;
  std::vector<int> done(check.findings.size(), never);
  for (std::uint32_t i = 0; i < check.findings.size(); ++i) {
    const Finding& f = check.findings[i];
    if (f.element == kNoRow && f.path.empty()) continue;  // groups below
    const std::uint32_t e = to_remedy(f);
    const auto ev = evidence_of.find({net.elements.vendor[e], net.elements.model[e]});
    const bool by_evidence = plan::remedy_of(rule_of(check, check.rules[f.rule]).kind) ==
                                 plan::Remedy::kEvidenceOrSwap &&
                             ev != evidence_of.end();
    if (by_evidence)
      done[i] = 0;
    else if (element_month[e] >= 0)
      done[i] = std::min(element_month[e], never);
  }
  for (std::size_t g = 0; g < p.groups.size(); ++g) {
    const CapGroup& group = p.groups[g];
    std::vector<std::pair<int, double>> by_month;
    for (std::size_t u = 0; u < group.units.size(); ++u)
      if (best.unit_on[g][u])
        by_month.push_back({month_of_job[group.units[u].job], group.units[u].weight});
    std::sort(by_month.begin(), by_month.end());
    double covered = 0;
    for (const auto& [m, w] : by_month) {
      covered += w;
      if (covered >= group.need - 1e-9) {
        done[group.finding] = std::min(m, never);
        break;
      }
    }
    if (group.need <= 0) done[group.finding] = 0;
  }
  {
    std::map<std::string, std::size_t> open_at_end;
    for (std::uint32_t i = 0; i < check.findings.size(); ++i)
      if (done[i] >= never) ++open_at_end[check.rules[check.findings[i].rule].rule_id];
    for (const auto& [rule_id, n] : open_at_end)
      plan.unremedied.push_back(rule_id + ": " + std::to_string(n) +
                                " finding(s) not remedied within the horizon of " +
                                std::to_string(plan.horizon_months) + " months");
  }

  // Deadlines per (rule, operator).
  struct Key {
    std::string rule_id, op;
    Days deadline;
    bool operator<(const Key& o) const {
      return std::tie(rule_id, op, deadline) < std::tie(o.rule_id, o.op, o.deadline);
    }
  };
  std::map<Key, DeadlineOutcome> outcomes;
  std::vector<std::string> finding_op(check.findings.size());
  for (std::uint32_t i = 0; i < check.findings.size(); ++i) {
    const Finding& f = check.findings[i];
    const Rule& rule = rule_of(check, check.rules[f.rule]);
    const bool group = f.element == kNoRow && f.path.empty();
    finding_op[i] = group ? group_operator(net, rule, f)
                          : std::string(net.site_operator(net.elements.site[to_remedy(f)]));
    DeadlineOutcome& o = outcomes[{check.rules[f.rule].rule_id, finding_op[i], f.deadline}];
    o.rule_id = check.rules[f.rule].rule_id;
    o.op = finding_op[i];
    o.deadline = f.deadline;
    const double units = group ? f.excess : 1.0;
    o.units += units;
    const int due = due_month(plan.start, f.deadline);
    // A deadline is met when the work is done by the last day of a month on or before it.
    // A rule in force at once is met when its work is done in the first plan month.
    const Days target = f.deadline == kNoDate ? plan_month_last_day(plan.start, 0) : f.deadline;
    const bool on_time = done[i] < never && plan_month_last_day(plan.start, done[i]) <= target;
    if (!on_time) {
      o.met = false;
      o.units_late += units;
      const int late = (done[i] >= never ? never : done[i]) - due;
      o.months_late = std::max(o.months_late, std::max(late, 1));
      if (done[i] >= never) o.done_in_horizon = false;
    }
  }
  // Crews that would meet a missed deadline: for jobs one crew-month each, earliest
  // due first meets every due month k iff jobs due by k <= crews * (k + 1).
  const std::vector<int> group_due = plan::group_due_per_job(p, best);
  std::vector<std::vector<int>> dues_of_op(p.operators.size());
  for (std::uint32_t j = 0; j < p.jobs.size(); ++j)
    if (best.visit[j])
      dues_of_op[p.jobs[j].op].push_back(plan::effective_due(p, best, j, group_due));
  for (auto& d : dues_of_op) std::sort(d.begin(), d.end());
  for (auto& [key, o] : outcomes) {
    auto it = op_index.find(o.op);
    o.crews = it == op_index.end() ? 0 : p.crews[it->second];
    if (o.met || it == op_index.end()) continue;
    if (o.deadline != kNoDate && plan_month_last_day(plan.start, 0) > o.deadline) {
      o.crews_needed = -1;  // before the first month ends: no crew can meet it
      continue;
    }
    const int due = due_month(plan.start, o.deadline);
    const auto& d = dues_of_op[it->second];
    int needed = o.crews;
    std::size_t count = 0;
    for (int k = 0; k <= due; ++k) {
      while (count < d.size() && d[count] <= k) ++count;
      needed = std::max(needed, static_cast<int>((count + k) / (k + 1)));
    }
    o.crews_needed = needed;
  }
  for (auto& [key, o] : outcomes) {
    if (!o.met) plan.deadlines_met = false;
    plan.deadlines.push_back(o);
  }
  // In time order (in force at once first), then rule and operator.
  std::stable_sort(plan.deadlines.begin(), plan.deadlines.end(),
                   [](const auto& a, const auto& b) { return a.deadline < b.deadline; });

  // Month rows per operator: work done and findings still open at each month's end.
  const int last_month = std::min(plan.horizon_months - 1, std::max(0, plan.months_to_comply - 1));
  std::map<std::string, std::vector<PlanMonth>> rows;
  auto row = [&](const std::string& op, int m) -> PlanMonth& {
    auto& v = rows[op];
    if (v.empty()) {
      v.resize(last_month + 1);
      for (int k = 0; k <= last_month; ++k) {
        v[k].month = k;
        v[k].op = op;
      }
    }
    return v[m];
  };
  for (const PlanVisit& v : plan.visits) {
    if (v.month > last_month) continue;
    PlanMonth& r = row(std::string(net.site_operator(v.site)), v.month);
    ++r.sites;
    r.elements += v.elements.size();
    r.cost += v.cost;
  }
  // Findings open at the end of month m: per (operator, rule), those done after m.
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> done_hist;
  for (std::uint32_t i = 0; i < check.findings.size(); ++i) {
    auto& h = done_hist[{finding_op[i], check.rules[check.findings[i].rule].rule_id}];
    if (h.empty()) h.assign(static_cast<std::size_t>(never) + 2, 0);
    ++h[static_cast<std::size_t>(std::min(done[i], never))];
  }
  for (const auto& [key, h] : done_hist) {
    std::size_t open = 0;
    for (std::size_t n : h) open += n;
    for (int m = 0; m <= last_month; ++m) {
      open -= h[static_cast<std::size_t>(m)];
      row(key.first, m).findings_left[key.second] = open;
    }
  }
  for (auto& [op, v] : rows)
    for (auto& r : v) plan.months.push_back(std::move(r));
  std::stable_sort(plan.months.begin(), plan.months.end(), [](const auto& a, const auto& b) {
    return a.month != b.month ? a.month < b.month : a.op < b.op;
  });
  return plan;
}

}  // namespace ringfence
