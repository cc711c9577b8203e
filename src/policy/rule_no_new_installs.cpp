// no_new_installs: each element of `vendors` in `where` installed after `after`.
// Elements without an installed date are not findings: nothing says they are new.
#include "policy/rule_helpers.hpp"

namespace ringfence::policy {

namespace {

void evaluate_no_new_installs(const RuleContext& ctx, std::vector<Finding>& out) {
  const Mask vendors = vendor_table(ctx.net, ctx.rule.vendors);
  const Mask scope = element_mask(ctx.net, ctx.rule.where, &vendors);
  const auto& installed = ctx.net.elements.installed;
  for (std::uint32_t e = 0; e < scope.size(); ++e)
    if (scope[e] && installed[e] != kNoDate && installed[e] > ctx.rule.after)
      out.push_back(element_finding(ctx, e));
}

std::string explain_no_new_installs(const Network& net, const Rule& rule, const Finding& f) {
  return element_text(net, f.element) + " was installed on " +
         format_iso_date(net.elements.installed[f.element]) + ", after " +
         format_iso_date(rule.after);
}

}  // namespace

RuleKindDescriptor no_new_installs_kind() {
  RuleKindDescriptor d;
  d.name = "no_new_installs";
  d.keys = {"vendors", "after"};
  d.required = {{"vendors", "whose installs are barred"},
                {"after", "the date after which installs are barred"}};
  d.evaluate = evaluate_no_new_installs;
  d.explain = explain_no_new_installs;
  d.remedy = Remedy::kSwapElement;
  return d;
}

}  // namespace ringfence::policy
