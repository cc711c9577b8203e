// exclude: each element in `where` made by one of `vendors`.
#include "policy/scope.hpp"

namespace ringfence::policy {

void evaluate_exclude(const RuleContext& ctx, std::vector<Finding>& out) {
  const Mask vendors = vendor_table(ctx.net, ctx.rule.vendors);
  const Mask scope = element_mask(ctx.net, ctx.rule.where, &vendors);
  for (std::uint32_t e = 0; e < scope.size(); ++e)
    if (scope[e]) out.push_back(element_finding(ctx, e));
}

}  // namespace ringfence::policy
