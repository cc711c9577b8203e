#include "ringfence/exposure.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <tuple>

namespace ringfence {

namespace {
constexpr std::array<std::string_view, 4> kGroupKeyNames = {"operator", "region", "domain",
                                                            "technology"};
constexpr std::array<std::string_view, 4> kMeasureNames = {"elements", "sites", "traffic",
                                                           "population"};
using Key = std::array<std::uint32_t, 4>;

// A grouping key as a small integer, cheap to compare: strings ids or the domain.
std::uint32_t key_code(const Network& net, std::uint32_t e, GroupKey key) {
  switch (key) {
    case GroupKey::kOperator:
      return net.sites.operator_id[net.elements.site[e]];
    case GroupKey::kRegion:
      return net.sites.region[net.elements.site[e]];
    case GroupKey::kDomain:
      return static_cast<std::uint32_t>(net.elements.domain[e]);
    case GroupKey::kTechnology:
      return net.elements.technology[e];
  }
  return 0;
}

double value_or_zero(double v) { return std::isnan(v) ? 0.0 : v; }
}  // namespace

std::optional<GroupKey> parse_group_key(std::string_view name) {
  for (std::size_t i = 0; i < kGroupKeyNames.size(); ++i)
    if (kGroupKeyNames[i] == name) return static_cast<GroupKey>(i);
  return std::nullopt;
}
std::string_view group_key_name(GroupKey key) { return kGroupKeyNames[static_cast<int>(key)]; }
std::optional<Measure> parse_measure(std::string_view name) {
  for (std::size_t i = 0; i < kMeasureNames.size(); ++i)
    if (kMeasureNames[i] == name) return static_cast<Measure>(i);
  return std::nullopt;
}
std::string_view measure_name(Measure m) { return kMeasureNames[static_cast<int>(m)]; }

std::string_view group_value(const Network& net, std::uint32_t e, GroupKey key) {
  if (key == GroupKey::kDomain) return kDomainNames[static_cast<int>(net.elements.domain[e])];
  return net.strings.get(key_code(net, e, key));
}

ExposureResult compute_exposure(const Network& net, const std::vector<GroupKey>& by,
                                Measure measure) {
  ExposureResult result;
  result.by = by;
  result.measure = measure;
  const Elements& el = net.elements;
  const std::size_t n = el.size();

  // Group every element: a dense group index per element.
  std::map<Key, std::uint32_t> group_of_key;
  std::vector<std::uint32_t> group(n);
  std::vector<std::uint32_t> representative;  // one element per group, for its key text
  for (std::uint32_t e = 0; e < n; ++e) {
    Key k{};
    for (std::size_t i = 0; i < by.size(); ++i) k[i] = key_code(net, e, by[i]);
    auto [it, fresh] = group_of_key.emplace(k, static_cast<std::uint32_t>(representative.size()));
    if (fresh) representative.push_back(e);
    group[e] = it->second;
  }
  const std::size_t groups = representative.size();
  std::vector<double> totals(groups, 0);
  std::vector<std::map<std::uint32_t, double>> amounts(groups);

  if (measure == Measure::kElements || measure == Measure::kTraffic) {
    for (std::uint32_t e = 0; e < n; ++e) {
      const double w = measure == Measure::kElements ? 1.0 : value_or_zero(el.traffic[e]);
      totals[group[e]] += w;
      amounts[group[e]][el.vendor[e]] += w;
    }
  } else {
    // A site counts once per group, and once for each vendor present there.
    std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> triples(n);
    for (std::uint32_t e = 0; e < n; ++e) triples[e] = {group[e], el.site[e], el.vendor[e]};
    std::sort(triples.begin(), triples.end());
    triples.erase(std::unique(triples.begin(), triples.end()), triples.end());
    for (std::size_t i = 0; i < triples.size(); ++i) {
      const auto [g, site, vendor] = triples[i];
      const double w = measure == Measure::kSites ? 1.0 : value_or_zero(net.sites.population[site]);
      const bool new_site =
          i == 0 || std::get<0>(triples[i - 1]) != g || std::get<1>(triples[i - 1]) != site;
      if (new_site) totals[g] += w;
      amounts[g][vendor] += w;
    }
  }

  for (std::size_t g = 0; g < groups; ++g) {
    ExposureGroup out;
    for (GroupKey k : by) out.key.emplace_back(group_value(net, representative[g], k));
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

  // Operator × domain pairs served by one vendor alone.
  std::map<std::pair<std::string_view, Domain>, std::map<std::uint32_t, std::size_t>> per_domain;
  for (std::uint32_t e = 0; e < n; ++e)
    ++per_domain[{net.site_operator(el.site[e]), el.domain[e]}][el.vendor[e]];
  for (const auto& [key, vendors] : per_domain)
    if (vendors.size() == 1)
      result.single_vendor_domains.push_back({std::string(key.first), key.second,
                                              vendors.begin()->first, vendors.begin()->second});
  return result;
}

}  // namespace ringfence
