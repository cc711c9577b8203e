#include "policy/explain_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace ringfence::policy {

std::string percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%", share * 100);
  return buf;
}

std::string distance_text(double metres) {
  // std::to_chars rounds the exact binary value, as printf's "%.0f" and "%.1f" do.
  char buf[400];  // the longest double in fixed notation, 309 digits
  const bool metres_only = metres < 1000;
  const auto r = std::to_chars(buf, buf + sizeof buf, metres_only ? metres : metres / 1000,
                               std::chars_format::fixed, metres_only ? 0 : 1);
  std::string out(buf, r.ec == std::errc() ? r.ptr : buf);
  out += metres_only ? " m" : " km";
  return out;
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
  std::string_view what = net.strings.get(net.elements.function[e]);
  if (what.empty()) what = kDomainNames[static_cast<int>(net.elements.domain[e])];
  const std::string_view parts[] = {net.vendor_name(e),
                                    " ",
                                    what,
                                    " ",
                                    net.elements.id.get(e),
                                    " at site ",
                                    net.sites.id.get(s),
                                    " (",
                                    net.site_operator(s),
                                    ")"};
  std::size_t size = 0;
  for (const auto part : parts) size += part.size();
  std::string out;
  out.reserve(size + 64);  // room for what the rule's explanation appends
  for (const auto part : parts) out += part;
  return out;
}

std::string group_text(const Rule& rule, const Finding& f) {
  std::string out;
  for (std::size_t i = 0; i < rule.per.size() && i < f.group.size(); ++i)
    out += (out.empty() ? "" : ", ") + std::string(group_key_name(rule.per[i])) + " " +
           (f.group[i].empty() ? "(none)" : f.group[i]);
  return out.empty() ? "the whole network" : out;
}

}  // namespace ringfence::policy
