// no_new_installs: each element of `vendors` in `where` installed after `after`.
// Elements without an installed date are not findings: nothing says they are new.
#include "policy/scope.hpp"

namespace ringfence::policy {

void evaluate_no_new_installs(const RuleContext& ctx, std::vector<Finding>& out) {
  const Mask vendors = vendor_table(ctx.net, ctx.rule.vendors);
  const Mask scope = element_mask(ctx.net, ctx.rule.where, &vendors);
  const auto& installed = ctx.net.elements.installed;
  for (std::uint32_t e = 0; e < scope.size(); ++e)
    if (scope[e] && installed[e] != kNoDate && installed[e] > ctx.rule.after)
      out.push_back(element_finding(ctx, e));
}

}  // namespace ringfence::policy
