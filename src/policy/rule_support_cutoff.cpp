// support_cutoff: each element of `vendors` in `where`; from `after` on its vendor
// may no longer ship updates, so `after` is the finding's deadline.
#include "policy/rule_helpers.hpp"

namespace ringfence::policy {

namespace {

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

std::string explain_support_cutoff(const Network& net, const Rule& rule, const Finding& f) {
  return element_text(net, f.element) + ": " + std::string(net.vendor_name(f.element)) +
         " may no longer ship updates from " + format_iso_date(rule.after);
}

}  // namespace

RuleKindDescriptor support_cutoff_kind() {
  RuleKindDescriptor d;
  d.name = "support_cutoff";
  d.keys = {"vendors", "after"};
  d.required = {{"vendors", "whose support ends"}, {"after", "the date support ends"}};
  d.evaluate = evaluate_support_cutoff;
  d.explain = explain_support_cutoff;
  d.remedy = Remedy::kSwapElement;
  return d;
}

}  // namespace ringfence::policy
