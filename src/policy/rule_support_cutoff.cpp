// support_cutoff: each element of `vendors` in `where`; from `after` on its vendor
// may no longer ship updates, so `after` is the finding's deadline.
#include "policy/scope.hpp"

namespace ringfence::policy {

void evaluate_support_cutoff(const RuleContext& ctx, std::vector<Finding>& out) {
  const Mask vendors = vendor_table(ctx.net, ctx.rule.vendors);
  const Mask scope = element_mask(ctx.net, ctx.rule.where, &vendors);
  for (std::uint32_t e = 0; e < scope.size(); ++e) {
    if (!scope[e]) continue;
    Finding f = element_finding(ctx, e);
    f.deadline = ctx.rule.after;
    out.push_back(std::move(f));
  }
}

}  // namespace ringfence::policy
