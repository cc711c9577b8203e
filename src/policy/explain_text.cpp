#include "policy/explain_text.hpp"

#include <cmath>
#include <cstdio>

namespace ringfence::policy {

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

}  // namespace ringfence::policy
