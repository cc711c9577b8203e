#include "analysis/masks.hpp"

#include <algorithm>

#include "io/fields.hpp"

namespace ringfence::analysis {

namespace {

// Per strings id: 1 if the string equals one of `values`, ignoring ASCII case.
Mask strings_table(const Network& net, const std::vector<std::string>& values) {
  Mask table(net.strings.size(), 0);
  std::vector<std::string> wanted;
  for (const auto& v : values) wanted.push_back(io::to_lower_ascii(v));
  for (std::uint32_t i = 0; i < net.strings.size(); ++i) {
    const std::string s = io::to_lower_ascii(net.strings.get(i));
    table[i] = std::find(wanted.begin(), wanted.end(), s) != wanted.end();
  }
  return table;
}

template <std::size_t N>
Mask enum_table(const std::vector<std::string>& values,
                const std::array<std::string_view, N>& names) {
  Mask table(N, 0);
  for (std::size_t i = 0; i < N; ++i)
    table[i] = std::find(values.begin(), values.end(), names[i]) != values.end();
  return table;
}

}  // namespace

Mask vendor_table(const Network& net, const VendorSpec& spec) {
  Mask table(net.vendors.size(), spec.all ? 1 : 0);
  if (spec.all) return table;
  for (const auto& name : spec.names) {
    const std::uint32_t id = net.vendors.resolve(name);
    if (id != VendorRegistry::kNone) table[id] = 1;
  }
  for (const auto& tag : spec.tags)
    for (std::uint32_t v = 0; v < net.vendors.size(); ++v)
      if (net.vendors.has_tag(v, tag)) table[v] = 1;
  return table;
}

Mask element_mask(const Network& net, const Filter& filter, const Mask* vendor_ok) {
  const Elements& el = net.elements;
  const std::size_t n = el.size();
  // Site-level keys first, folded into one table per site.
  Mask site_ok(net.sites.size(), 1);
  Mask domain_ok(kDomainNames.size(), 1), function_ok, technology_ok;
  Mask vendor_filter(net.vendors.size(), 1);
  for (const auto& [key, values] : filter.any_of) {
    if (key == "operator" || key == "region") {
      const Mask t = strings_table(net, values);
      const auto& col = key == "operator" ? net.sites.operator_id : net.sites.region;
      for (std::size_t s = 0; s < site_ok.size(); ++s) site_ok[s] &= t[col[s]];
    } else if (key == "site_kind") {
      const Mask t = enum_table(values, kSiteKindNames);
      for (std::size_t s = 0; s < site_ok.size(); ++s)
        site_ok[s] &= t[static_cast<int>(net.sites.kind[s])];
    } else if (key == "domain") {
      domain_ok = enum_table(values, kDomainNames);
    } else if (key == "function") {
      function_ok = strings_table(net, values);
    } else if (key == "technology") {
      technology_ok = strings_table(net, values);
    } else if (key == "vendor") {
      vendor_filter = vendor_table(net, VendorSpec{false, values, {}});
    }
  }
  if (vendor_ok)
    for (std::size_t v = 0; v < vendor_filter.size(); ++v) vendor_filter[v] &= (*vendor_ok)[v];
  Mask mask(n);
  for (std::size_t e = 0; e < n; ++e) {
    mask[e] = site_ok[el.site[e]] & domain_ok[static_cast<int>(el.domain[e])] &
              vendor_filter[el.vendor[e]];
  }
  if (!function_ok.empty())
    for (std::size_t e = 0; e < n; ++e) mask[e] &= function_ok[el.function[e]];
  if (!technology_ok.empty())
    for (std::size_t e = 0; e < n; ++e) mask[e] &= technology_ok[el.technology[e]];
  return mask;
}

Mask zone_mask(const Network& net, const Filter& filter) {
  Mask mask(net.zones.size(), 1);
  for (std::size_t z = 0; z < net.zones.size(); ++z) {
    for (const auto& [key, values] : filter.any_of) {
      auto it = net.zones[z].properties.find(key);
      // Values compare ignoring ASCII case, as element filters do.
      const bool match =
          it != net.zones[z].properties.end() &&
          std::any_of(values.begin(), values.end(), [&](const std::string& v) {
            return io::to_lower_ascii(v) == io::to_lower_ascii(it->second);
          });
      if (!match) {
        mask[z] = 0;
        break;
      }
    }
  }
  return mask;
}

}  // namespace ringfence::analysis
