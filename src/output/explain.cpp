// One-line explanations of findings, written for the engineer who must act on them.
#include <cmath>
#include <cstdio>

#include "ringfence/check.hpp"

namespace ringfence {

namespace {

std::string percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%", share * 100);
  return buf;
}

std::string distance_text(double metres) {
  char buf[32];
  if (metres < 1000)
    std::snprintf(buf, sizeof buf, "%.0f m", metres);
  else
    std::snprintf(buf, sizeof buf, "%.1f km", metres / 1000);
  return buf;
}

std::string amount_text(double v) {
  char buf[32];
  if (v == std::floor(v))
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else
    std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

std::string filter_text(const Filter& f) {
  std::string out;
  for (const auto& [key, values] : f.any_of)
    out += (out.empty() ? "" : ", ") + key + " " + join(values, " or ");
  return out.empty() ? "anywhere" : out;
}

std::string vendors_text(const VendorSpec& v) {
  if (v.all) return "any vendor";
  std::vector<std::string> parts = v.names;
  for (const auto& t : v.tags) parts.push_back("vendors tagged " + t);
  return join(parts, ", ");
}

// "Huawei gnb LGU-E0001 at site LGU-S001 (LG U+)"
std::string element_text(const Network& net, std::uint32_t e) {
  const std::uint32_t s = net.elements.site[e];
  std::string what(net.strings.get(net.elements.function[e]));
  if (what.empty()) what = std::string(kDomainNames[static_cast<int>(net.elements.domain[e])]);
  return std::string(net.vendor_name(e)) + " " + what + " " + std::string(net.elements.id.get(e)) +
         " at site " + std::string(net.sites.id.get(s)) + " (" + std::string(net.site_operator(s)) +
         ")";
}

std::string group_text(const Rule& rule, const Finding& f) {
  std::string out;
  for (std::size_t i = 0; i < rule.per.size() && i < f.group.size(); ++i)
    out += (out.empty() ? "" : ", ") + std::string(group_key_name(rule.per[i])) + " " +
           (f.group[i].empty() ? "(none)" : f.group[i]);
  return out.empty() ? "the whole network" : out;
}

}  // namespace

std::string explain(const Network& net, const CheckResult& result, const Finding& f) {
  const EvaluatedRule& er = result.rules[f.rule];
  const Rule& rule = rule_of(result, er);
  switch (rule.kind) {
    case RuleKind::kExclude:
      return element_text(net, f.element) + " is excluded (" + filter_text(rule.where) + ")";
    case RuleKind::kNoNewInstalls:
      return element_text(net, f.element) + " was installed on " +
             format_iso_date(net.elements.installed[f.element]) + ", after " +
             format_iso_date(rule.after);
    case RuleKind::kSupportCutoff:
      return element_text(net, f.element) + ": " + std::string(net.vendor_name(f.element)) +
             " may no longer ship updates from " + format_iso_date(rule.after);
    case RuleKind::kRequire: {
      std::string model(net.strings.get(net.elements.model[f.element]));
      return element_text(net, f.element) + (model.empty() ? "" : ", model " + model) + ", lacks " +
             join(f.missing, "; ");
    }
    case RuleKind::kZoneExclusion: {
      const Zone& z = net.zones[f.zone];
      const std::string name = z.name.empty() ? z.id : z.name;
      const std::string footprint = rule.footprint == Footprint::kSector ? "'s sector" : "";
      if (f.distance_m == 0)
        return element_text(net, f.element) + footprint + " is inside " + name + " (limit " +
               distance_text(rule.radius_m) + ")";
      return element_text(net, f.element) + footprint + " is " + distance_text(f.distance_m) +
             " from " + name + " (limit " + distance_text(rule.radius_m) + ")";
    }
    case RuleKind::kPathExclusion: {
      std::string path;
      for (std::uint32_t e : f.path)
        path += (path.empty() ? "" : " > ") + std::string(net.elements.id.get(e));
      return "traffic from " + element_text(net, f.element) + " crosses " +
             element_text(net, f.path.back()) + " (path " + path + ")";
    }
    case RuleKind::kShareCap:
      return vendors_text(rule.vendors) + " hold " + percent(f.measured) + " of " +
             std::string(measure_name(rule.measure)) + " (" + amount_text(f.amount) + " of " +
             amount_text(f.total) + ") in " + group_text(rule, f) + "; limit " + percent(f.limit) +
             ", " + amount_text(f.excess) + " over";
    case RuleKind::kMinVendors: {
      const std::string top = f.vendor == kNoRow ? "" : net.vendors.get(f.vendor).name;
      if (std::isnan(f.amount))
        return group_text(rule, f) + " is served by " + amount_text(f.measured) +
               (f.measured == 1 ? " vendor (" + top + ")" : " vendors") + ", at least " +
               amount_text(f.limit) + " required";
      return top + " holds " + percent(f.measured) + " of " +
             std::string(measure_name(rule.measure)) + " (" + amount_text(f.amount) + " of " +
             amount_text(f.total) + ") in " + group_text(rule, f) + "; limit " + percent(f.limit) +
             ", " + amount_text(f.excess) + " over";
    }
  }
  return {};
}

}  // namespace ringfence
