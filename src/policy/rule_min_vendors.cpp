// min_vendors: each group (by `per`) of the elements in `where` served by fewer
// than `min` distinct vendors, or in which one vendor's share of the measure
// exceeds max_single_share. One finding per group: too few vendors is reported
// first (measured = vendors, limit = min, excess = vendors missing); otherwise the
// dominant vendor (measured = its share, excess as for share_cap).
#include "analysis/grouping.hpp"
#include "policy/scope.hpp"
#include "policy/shares.hpp"

namespace ringfence::policy {

void evaluate_min_vendors(const RuleContext& ctx, std::vector<Finding>& out) {
  const Network& net = ctx.net;
  const Mask scope = element_mask(net, ctx.rule.where);
  const auto grouping = analysis::group_elements(net, ctx.rule.per, scope);
  const auto measured =
      analysis::measure_groups(net, grouping, ctx.rule.measure, analysis::identity_classes(net));
  for (std::size_t g = 0; g < grouping.keys.size(); ++g) {
    const auto& amounts = measured.by_class[g];
    const double total = measured.total[g];
    // The dominant vendor: largest amount, ties to the smaller name.
    std::uint32_t top = kNoRow;
    double top_amount = -1;
    for (const auto& [vendor, amount] : amounts) {
      if (amount > top_amount ||
          (amount == top_amount && net.vendors.get(vendor).name < net.vendors.get(top).name)) {
        top = vendor;
        top_amount = amount;
      }
    }
    Finding f;
    f.rule = ctx.rule_index;
    f.group = grouping.keys[g];
    f.vendor = top;
    f.total = total;
    if (static_cast<int>(amounts.size()) < ctx.rule.min) {
      f.measured = static_cast<double>(amounts.size());
      f.limit = ctx.rule.min;
      f.excess = ctx.rule.min - static_cast<double>(amounts.size());
    } else if (!std::isnan(ctx.rule.max_single_share) &&
               exceeds(top_amount, total, ctx.rule.max_single_share)) {
      f.amount = top_amount;
      f.measured = top_amount / total;
      f.limit = ctx.rule.max_single_share;
      f.excess = excess_over(top_amount, total, ctx.rule.max_single_share, ctx.rule.measure);
    } else {
      continue;
    }
    out.push_back(std::move(f));
  }
}

}  // namespace ringfence::policy
