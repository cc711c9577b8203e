// share_cap: each group (by `per`) of the elements in `where` in which `vendors`
// hold more than max_share of the measure. `excess` is what must go for the group
// to comply: whole elements or sites (count - floor(limit * total)), or the amount
// of traffic or population above the cap (amount - limit * total).
#include <cmath>

#include "analysis/grouping.hpp"
#include "policy/scope.hpp"
#include "policy/shares.hpp"

namespace ringfence::policy {

void evaluate_share_cap(const RuleContext& ctx, std::vector<Finding>& out) {
  const Network& net = ctx.net;
  const Mask scope = element_mask(net, ctx.rule.where);
  const Mask vendors = vendor_table(net, ctx.rule.vendors);
  std::vector<std::uint32_t> in_set(vendors.begin(), vendors.end());
  const auto grouping = analysis::group_elements(net, ctx.rule.per, scope);
  const auto measured = analysis::measure_groups(net, grouping, ctx.rule.measure, in_set);
  for (std::size_t g = 0; g < grouping.keys.size(); ++g) {
    const double total = measured.total[g];
    auto it = measured.by_class[g].find(1);
    const double amount = it == measured.by_class[g].end() ? 0.0 : it->second;
    if (!exceeds(amount, total, ctx.rule.max_share)) continue;
    Finding f;
    f.rule = ctx.rule_index;
    f.group = grouping.keys[g];
    f.amount = amount;
    f.total = total;
    f.measured = amount / total;
    f.limit = ctx.rule.max_share;
    f.excess = excess_over(amount, total, ctx.rule.max_share, ctx.rule.measure);
    out.push_back(std::move(f));
  }
}

}  // namespace ringfence::policy
