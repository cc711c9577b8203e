// One-line explanations of findings: each rule kind explains its own.
#include "ringfence/rule_kinds.hpp"

namespace ringfence {

std::string explain(const Network& net, const CheckResult& result, const Finding& f) {
  const Rule& rule = rule_of(result, result.rules[f.rule]);
  return rule_kind(rule.kind).explain(net, rule, f);
}

}  // namespace ringfence
