// Runs every rule of every policy, assigns due/overdue, and orders the findings
// deterministically (rule_id, then element_id or group), so two runs on the same
// input give byte-identical output.
#include <algorithm>
#include <atomic>

#include "analysis/thread_budget.hpp"
#include "policy/run_merge.hpp"
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
  policy::sort_by_merging_runs(findings, before);
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
