#include "ringfence/exposure.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numeric>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

#include "analysis/grouping.hpp"

namespace ringfence {

namespace {
constexpr std::array<std::string_view, 4> kGroupKeyNames = {"operator", "region", "domain",
                                                            "technology"};
constexpr std::array<std::string_view, 4> kMeasureNames = {"elements", "sites", "traffic",
                                                           "population"};
}  // namespace

std::optional<GroupKey> parse_group_key(std::string_view name) {
  for (std::size_t i = 0; i < kGroupKeyNames.size(); ++i)
    if (kGroupKeyNames[i] == name) return static_cast<GroupKey>(i);
  return std::nullopt;
}
std::string_view group_key_name(GroupKey key) {
  return kGroupKeyNames[static_cast<int>(key)];
}
std::optional<Measure> parse_measure(std::string_view name) {
  for (std::size_t i = 0; i < kMeasureNames.size(); ++i)
    if (kMeasureNames[i] == name) return static_cast<Measure>(i);
  return std::nullopt;
}
std::string_view measure_name(Measure m) {
  return kMeasureNames[static_cast<int>(m)];
}

std::vector<GroupKey> parse_group_keys(std::string_view list, std::string_view option) {
  std::vector<GroupKey> keys;
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    const std::string_view item = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (item.empty()) continue;
    const auto key = parse_group_key(item);
    if (!key)
      throw std::invalid_argument("unknown " + std::string(option) + " key '" + std::string(item) +
                                  "' (expected operator, region, domain or technology)");
    for (GroupKey k : keys)
      if (k == *key)
        throw std::invalid_argument(std::string(option) + " key '" + std::string(item) +
                                    "' given twice");
    keys.push_back(*key);
  }
  return keys;
}

std::string_view group_value(const Network& net, std::uint32_t e, GroupKey key) {
  switch (key) {
    case GroupKey::kOperator:
      return net.site_operator(net.elements.site[e]);
    case GroupKey::kRegion:
      return net.strings.get(net.sites.region[net.elements.site[e]]);
    case GroupKey::kDomain:
      return kDomainNames[static_cast<int>(net.elements.domain[e])];
    case GroupKey::kTechnology:
      return net.strings.get(net.elements.technology[e]);
  }
  return {};
}

ExposureResult compute_exposure(const Network& net, const std::vector<GroupKey>& by,
                                Measure measure) {
  ExposureResult result;
  result.by = by;
  result.measure = measure;
  const Elements& el = net.elements;
  const std::size_t n = el.size();
  const analysis::Grouping grouping = analysis::group_elements(net, by, {});
  const analysis::GroupAmounts measured =
      analysis::measure_groups(net, grouping, measure, analysis::identity_classes(net));
  const std::size_t groups = grouping.keys.size();
  const auto& totals = measured.total;
  const auto& amounts = measured.by_class;

  for (std::size_t g = 0; g < groups; ++g) {
    ExposureGroup out;
    out.key = grouping.keys[g];
    out.total = totals[g];
    double sum = 0;
    for (const auto& [vendor, amount] : amounts[g]) {
      out.vendors.push_back({vendor, amount, totals[g] > 0 ? amount / totals[g] : 0});
      sum += amount;
    }
    for (const auto& v : out.vendors) {
      const double s = sum > 0 ? v.amount / sum : 0;
      out.hhi += 10000.0 * s * s;
    }
    std::sort(out.vendors.begin(), out.vendors.end(), [&](const auto& a, const auto& b) {
      if (a.amount != b.amount) return a.amount > b.amount;
      return net.vendors.get(a.vendor).name < net.vendors.get(b.vendor).name;
    });
    result.groups.push_back(std::move(out));
  }
  std::sort(result.groups.begin(), result.groups.end(),
            [](const auto& a, const auto& b) { return a.key < b.key; });

  // Operator × domain pairs served by one vendor alone: elements counted per (operator,
  // domain, vendor) in a flat table, operators numbered densely.
  const std::size_t domains = kDomainNames.size(), vendors = net.vendors.size();
  std::unordered_map<std::uint32_t, std::uint32_t> dense_operator;
  std::vector<std::uint32_t> operator_ids;  // dense -> strings id
  std::vector<std::size_t> count;
  std::uint32_t last_site = UINT32_MAX, last_dense = 0;
  for (std::uint32_t e = 0; e < n; ++e) {
    if (el.site[e] != last_site) {
      last_site = el.site[e];
      const std::uint32_t op = net.sites.operator_id[last_site];
      const auto [it, fresh] =
          dense_operator.emplace(op, static_cast<std::uint32_t>(operator_ids.size()));
      if (fresh) {
        operator_ids.push_back(op);
        count.resize(operator_ids.size() * domains * vendors, 0);
      }
      last_dense = it->second;
    }
    ++count[(last_dense * domains + static_cast<std::size_t>(el.domain[e])) * vendors +
            el.vendor[e]];
  }
  // In the order of operator names, then domains.
  std::vector<std::uint32_t> order(operator_ids.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return net.strings.get(operator_ids[a]) < net.strings.get(operator_ids[b]);
  });
  for (const std::uint32_t o : order)
    for (std::size_t d = 0; d < domains; ++d) {
      const std::size_t* row = &count[(o * domains + d) * vendors];
      std::size_t present = 0, only = 0;
      for (std::size_t v = 0; v < vendors; ++v)
        if (row[v]) ++present, only = v;
      if (present == 1)
        result.single_vendor_domains.push_back({std::string(net.strings.get(operator_ids[o])),
                                                static_cast<Domain>(d),
                                                static_cast<std::uint32_t>(only), row[only]});
    }
  return result;
}

}  // namespace ringfence
