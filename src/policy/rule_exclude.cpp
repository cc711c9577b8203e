// exclude: each element in `where` made by one of `vendors`.
#include "policy/rule_helpers.hpp"

namespace ringfence::policy {

namespace {

void evaluate_exclude(const RuleContext& ctx, std::vector<Finding>& out) {
  const Mask vendors = vendor_table(ctx.net, ctx.rule.vendors);
  const Mask scope = element_mask(ctx.net, ctx.rule.where, &vendors);
  for (std::uint32_t e = 0; e < scope.size(); ++e)
    if (scope[e]) out.push_back(element_finding(ctx, e));
}

std::string explain_exclude(const Network& net, const Rule& rule, const Finding& f) {
  return element_text(net, f.element) + " is excluded (" + filter_text(rule.where) + ")";
}

}  // namespace

RuleKindDescriptor exclude_kind() {
  RuleKindDescriptor d;
  d.name = "exclude";
  d.keys = {"vendors"};
  d.required = {{"vendors", "which vendors are excluded"}};
  d.evaluate = evaluate_exclude;
  d.explain = explain_exclude;
  d.remedy = Remedy::kSwapElement;
  return d;
}

}  // namespace ringfence::policy
