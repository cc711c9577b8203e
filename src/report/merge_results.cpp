#include "report/merge_results.hpp"

#include <algorithm>
#include <numeric>

#include "ringfence/diagnostics.hpp"

namespace ringfence::report {

CheckResult merge_results(const std::vector<const CheckResult*>& parts) {
  CheckResult out;
  if (!parts.empty()) out.at = parts.front()->at;

  // Each part's rules, in the merged numbering: policy indexes shifted; and where
  // each rule's findings start in its part (findings come grouped by rule, in rule
  // order).
  struct Source {
    std::size_t part, rule, first_finding;
  };
  std::vector<Source> sources;
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const CheckResult& r = *parts[p];
    const auto policy_offset = static_cast<std::uint32_t>(out.policies.size());
    out.policies.insert(out.policies.end(), r.policies.begin(), r.policies.end());
    std::size_t first = 0;
    for (std::size_t i = 0; i < r.rules.size(); ++i) {
      EvaluatedRule er = r.rules[i];
      er.policy += policy_offset;
      out.rules.push_back(std::move(er));
      sources.push_back({p, i, first});
      first += r.rules[i].findings;
    }
  }
  std::vector<std::size_t> order(out.rules.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return out.rules[a].rule_id < out.rules[b].rule_id;
  });
  std::vector<EvaluatedRule> rules;
  rules.reserve(order.size());
  for (std::size_t i : order) rules.push_back(std::move(out.rules[i]));
  out.rules = std::move(rules);
  for (std::size_t i = 1; i < out.rules.size(); ++i)
    if (out.rules[i].rule_id == out.rules[i - 1].rule_id)
      throw InputError(out.policies[out.rules[i].policy].origin, 0, 0,
                       "rule id '" + out.rules[i].rule_id +
                           "' is given by two policies (expected distinct policy ids)");

  std::size_t total = 0;
  for (const CheckResult* r : parts) total += r->findings.size();
  out.findings.reserve(total);
  for (std::size_t i = 0; i < order.size(); ++i) {
    const Source& src = sources[order[i]];
    const CheckResult& r = *parts[src.part];
    const std::size_t count = r.rules[src.rule].findings;
    for (std::size_t k = 0; k < count; ++k) {
      Finding f = r.findings[src.first_finding + k];
      f.rule = static_cast<std::uint32_t>(i);
      out.findings.push_back(std::move(f));
    }
    out.overdue += out.rules[i].overdue;
  }
  return out;
}

}  // namespace ringfence::report
