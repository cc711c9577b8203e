// share_cap: each group (by `per`) of the elements in `where` in which `vendors`
// hold more than max_share of the measure. `excess` is what must go for the group
// to comply: whole elements or sites (count - floor(limit * total)), or the amount
// of traffic or population above the cap (amount - limit * total).
#include <cmath>

#include "analysis/grouping.hpp"
#include "analysis/shares.hpp"
#include "policy/rule_helpers.hpp"

namespace ringfence::policy {

namespace {

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
    if (!analysis::exceeds(amount, total, ctx.rule.max_share)) continue;
    Finding f;
    f.rule = ctx.rule_index;
    f.group = grouping.keys[g];
    f.amount = amount;
    f.total = total;
    f.measured = amount / total;
    f.limit = ctx.rule.max_share;
    f.excess = analysis::excess_over(amount, total, ctx.rule.max_share, ctx.rule.measure);
    out.push_back(std::move(f));
  }
}

std::string explain_share_cap(const Network&, const Rule& rule, const Finding& f) {
  return vendors_text(rule.vendors) + " hold " + percent(f.measured) + " of " +
         std::string(measure_name(rule.measure)) + " (" + amount_text(f.amount) + " of " +
         amount_text(f.total) + ") in " + group_text(rule, f) + "; limit " + percent(f.limit) +
         ", " + amount_text(f.excess) + " over";
}

// The capped vendors' elements in the group: the units a remedy may swap.
std::vector<std::uint32_t> capped_elements(const Network& net, const Rule& rule, const Finding& f) {
  const Mask vendors = vendor_table(net, rule.vendors);
  return analysis::members_of_group(net, rule.per, element_mask(net, rule.where, &vendors),
                                    f.group);
}

}  // namespace

RuleKindDescriptor share_cap_kind() {
  RuleKindDescriptor d;
  d.name = "share_cap";
  d.keys = {"vendors", "per", "measure", "max_share"};
  d.required = {{"vendors", "whose share is capped"}, {"max_share", "the cap, a share in [0, 1]"}};
  d.evaluate = evaluate_share_cap;
  d.explain = explain_share_cap;
  d.remedy = Remedy::kSwapUnits;
  d.remedy_elements = capped_elements;
  return d;
}

}  // namespace ringfence::policy
