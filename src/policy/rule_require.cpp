// require: each element (in `where`, of `vendors` when given) whose record does not
// show every attribute. The record is the model's evidence (models.csv) first, then
// the vendor's attributes (registry and vendors.csv).
#include "policy/rule_helpers.hpp"

namespace ringfence::policy {

namespace {
const std::string* lookup(const std::map<std::string, std::string>& attrs, const std::string& k) {
  auto it = attrs.find(k);
  return it == attrs.end() ? nullptr : &it->second;
}
void evaluate_require(const RuleContext& ctx, std::vector<Finding>& out) {
  const Network& net = ctx.net;
  const Mask vendors = vendor_table(net, ctx.rule.vendors);
  const Mask scope = element_mask(net, ctx.rule.where, &vendors);
  // The answer depends only on (vendor, model): decide each pair once.
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<std::string>> missing_of;
  for (std::uint32_t e = 0; e < scope.size(); ++e) {
    if (!scope[e]) continue;
    const auto key = std::make_pair(net.elements.vendor[e], net.elements.model[e]);
    auto it = missing_of.find(key);
    if (it == missing_of.end()) {
      std::vector<std::string> missing;
      const auto model = net.models.find(key);
      const auto& vendor_attrs = net.vendors.get(key.first).attributes;
      for (const auto& [name, expected] : ctx.rule.attributes) {
        const std::string* value = nullptr;
        if (model != net.models.end()) value = lookup(model->second.attributes, name);
        if (!value) value = lookup(vendor_attrs, name);
        if (!value || normalise_attribute_value(*value) != expected)
          missing.push_back(name + " = " + expected +
                            (value ? " (record says " + *value + ")" : " (no record)"));
      }
      it = missing_of.emplace(key, std::move(missing)).first;
    }
    if (it->second.empty()) continue;
    Finding f = element_finding(ctx, e);
    f.missing = it->second;
    out.push_back(std::move(f));
  }
}

std::string explain_require(const Network& net, const Rule&, const Finding& f) {
  std::string model(net.strings.get(net.elements.model[f.element]));
  return element_text(net, f.element) + (model.empty() ? "" : ", model " + model) + ", lacks " +
         join(f.missing, "; ");
}

}  // namespace

RuleKindDescriptor require_kind() {
  RuleKindDescriptor d;
  d.name = "require";
  d.keys = {"vendors", "attributes"};
  d.required = {{"attributes", "what the record must show, e.g. { certified = true }"}};
  d.evaluate = evaluate_require;
  d.explain = explain_require;
  d.remedy = Remedy::kSwapElementOrEvidence;
  return d;
}

}  // namespace ringfence::policy
