// Runs every rule of every policy, assigns due/overdue, and orders the findings
// deterministically (rule_id, then element_id or group), so two runs on the same
// input give byte-identical output.
#include <algorithm>
#include <atomic>

#include "analysis/thread_budget.hpp"
#include "ringfence/check.hpp"
#include "ringfence/diagnostics.hpp"
#include "ringfence/rule_kinds.hpp"

namespace ringfence {

namespace {

void order_findings(const Network& net, std::vector<Finding>& findings) {
  const auto before = [&](const Finding& a, const Finding& b) {
    if (a.element != kNoRow && b.element != kNoRow)
      return net.elements.id.get(a.element) < net.elements.id.get(b.element);
    if (a.element != b.element) return a.element == kNoRow;  // groups first
    return a.group < b.group;
  };
  // Element findings come in row order: runs already in id order (a bundle often
  // lists each operator's elements in order). The runs are found in one pass and
  // merged by index, then each finding is moved once: no finding (a large struct)
  // goes through a sort, and a bundle in id order costs one pass.
  const std::size_t n = findings.size();
  std::vector<std::size_t> runs{0};  // where each run starts, then n
  for (std::size_t i = 1; i < n; ++i)
    if (before(findings[i], findings[i - 1])) runs.push_back(i);
  if (runs.size() == 1) return;
  runs.push_back(n);
  std::vector<std::uint32_t> order(n), merged(n);
  for (std::uint32_t i = 0; i < n; ++i) order[i] = i;
  const auto less = [&](std::uint32_t a, std::uint32_t b) {
    return before(findings[a], findings[b]);
  };
  while (runs.size() > 2) {
    std::vector<std::size_t> next{0};
    for (std::size_t r = 0; r + 1 < runs.size(); r += 2) {
      const std::size_t lo = runs[r], mid = runs[r + 1];
      const std::size_t hi = r + 2 < runs.size() ? runs[r + 2] : mid;
      std::merge(order.begin() + lo, order.begin() + mid, order.begin() + mid, order.begin() + hi,
                 merged.begin() + lo, less);
      next.push_back(hi);
    }
    order.swap(merged);
    runs.swap(next);
  }
  std::vector<Finding> sorted;
  sorted.reserve(n);
  for (const std::uint32_t i : order) sorted.push_back(std::move(findings[i]));
  findings.swap(sorted);
}

}  // namespace

CheckResult evaluate(const Network& net, std::vector<Policy> policies, Days at, unsigned threads) {
  CheckResult result;
  result.at = at;
  result.policies = std::move(policies);
  for (std::uint32_t p = 0; p < result.policies.size(); ++p)
    for (std::uint32_t r = 0; r < result.policies[p].rules.size(); ++r) {
      EvaluatedRule er;
      er.rule_id = result.policies[p].id + "/" + result.policies[p].rules[r].id;
      er.policy = p;
      er.rule_index = r;
      er.skipped = result.policies[p].rules[r].effective != kNoDate &&
                   result.policies[p].rules[r].effective > at;
      result.rules.push_back(std::move(er));
    }
  std::stable_sort(result.rules.begin(), result.rules.end(),
                   [](const auto& a, const auto& b) { return a.rule_id < b.rule_id; });
  for (std::size_t i = 1; i < result.rules.size(); ++i)
    if (result.rules[i].rule_id == result.rules[i - 1].rule_id)
      throw InputError(result.policies[result.rules[i].policy].origin, 0, 0,
                       "rule id '" + result.rules[i].rule_id +
                           "' is given by two policies (expected distinct policy ids)");

  std::vector<std::vector<Finding>> per_rule(result.rules.size());
  std::atomic<std::size_t> next_rule{0};
  analysis::ThreadBudget budget(threads);
  auto worker = [&] {
    try {
      for (std::size_t i = next_rule++; i < result.rules.size(); i = next_rule++) {
        const EvaluatedRule& er = result.rules[i];
        if (er.skipped) continue;
        const Rule& rule = rule_of(result, er);
        const RuleContext ctx{net, rule, static_cast<std::uint32_t>(i), budget};
        rule_kind(rule.kind).evaluate(ctx, per_rule[i]);
        for (Finding& f : per_rule[i]) {
          if (f.deadline == kNoDate) f.deadline = rule.deadline;
          f.status = f.deadline == kNoDate || at >= f.deadline ? Status::kOverdue : Status::kDue;
        }
        order_findings(net, per_rule[i]);
      }
    } catch (...) {
      next_rule = result.rules.size();  // the others stop at their next rule
      throw;
    }
  };
  budget.run(static_cast<unsigned>(std::min<std::size_t>(budget.limit(), result.rules.size())),
             worker);
  result.peak_threads = budget.peak();

  std::size_t total = 0;
  for (const auto& v : per_rule) total += v.size();
  result.findings.reserve(total);
  for (std::size_t i = 0; i < per_rule.size(); ++i) {
    for (Finding& f : per_rule[i]) {
      ++result.rules[i].findings;
      if (f.status == Status::kOverdue) {
        ++result.rules[i].overdue;
        ++result.overdue;
      }
      result.findings.push_back(std::move(f));
    }
    std::vector<Finding>().swap(per_rule[i]);
  }
  return result;
}

}  // namespace ringfence
