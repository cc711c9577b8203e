// min_vendors: each group (by `per`) of the elements in `where` served by fewer
// than `min` distinct vendors, or in which one vendor's share of the measure
// exceeds max_single_share. One finding per group: too few vendors is reported
// first (measured = vendors, limit = min, excess = vendors missing); otherwise the
// dominant vendor (measured = its share, excess as for share_cap).
#include "analysis/grouping.hpp"
#include "analysis/shares.hpp"
#include "policy/rule_helpers.hpp"

namespace ringfence::policy {

namespace {

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
               analysis::exceeds(top_amount, total, ctx.rule.max_single_share)) {
      f.amount = top_amount;
      f.measured = top_amount / total;
      f.limit = ctx.rule.max_single_share;
      f.excess =
          analysis::excess_over(top_amount, total, ctx.rule.max_single_share, ctx.rule.measure);
    } else {
      continue;
    }
    out.push_back(std::move(f));
  }
}

std::string explain_min_vendors(const Network& net, const Rule& rule, const Finding& f) {
  const std::string top = f.vendor == kNoRow ? "" : net.vendors.get(f.vendor).name;
  if (std::isnan(f.amount))
    return group_text(rule, f) + " is served by " + amount_text(f.measured) +
           (f.measured == 1 ? " vendor (" + top + ")" : " vendors") + ", at least " +
           amount_text(f.limit) + " required";
  return top + " holds " + percent(f.measured) + " of " + std::string(measure_name(rule.measure)) +
         " (" + amount_text(f.amount) + " of " + amount_text(f.total) + ") in " +
         group_text(rule, f) + "; limit " + percent(f.limit) + ", " + amount_text(f.excess) +
         " over";
}

// What bringing in a vendor may move: with too few vendors (no amount), any element
// of the group (whole sites go to a vendor the group lacks); with a dominant vendor
// over its share, that vendor's elements.
std::vector<std::uint32_t> dominant_elements(const Network& net, const Rule& rule,
                                             const Finding& f) {
  std::vector<std::uint32_t> members =
      analysis::members_of_group(net, rule.per, element_mask(net, rule.where), f.group);
  if (std::isnan(f.amount)) return members;
  std::vector<std::uint32_t> out;
  for (std::uint32_t e : members)
    if (net.elements.vendor[e] == f.vendor) out.push_back(e);
  return out;
}

}  // namespace

RuleKindDescriptor min_vendors_kind() {
  RuleKindDescriptor d;
  d.name = "min_vendors";
  d.keys = {"per", "min", "max_single_share", "measure"};
  d.required = {{"min", "the least number of distinct vendors"}};
  d.evaluate = evaluate_min_vendors;
  d.explain = explain_min_vendors;
  d.remedy = Remedy::kAddVendor;
  d.remedy_elements = dominant_elements;
  return d;
}

}  // namespace ringfence::policy
