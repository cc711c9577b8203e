#include "analysis/grouping.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <tuple>

namespace ringfence::analysis {

namespace {
// A grouping key as a small integer: a strings id, or the domain.
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
double zero_if_missing(double v) {
  return std::isnan(v) ? 0.0 : v;
}
}  // namespace

Grouping group_elements(const Network& net, const std::vector<GroupKey>& by,
                        const std::vector<std::uint8_t>& mask) {
  const std::size_t n = net.elements.size();
  Grouping g;
  g.group_of.assign(n, kNoGroup);
  std::map<std::array<std::uint32_t, 4>, std::uint32_t> index;
  std::vector<std::uint32_t> representative;
  for (std::uint32_t e = 0; e < n; ++e) {
    if (!mask.empty() && !mask[e]) continue;
    std::array<std::uint32_t, 4> k{};
    for (std::size_t i = 0; i < by.size() && i < k.size(); ++i) k[i] = key_code(net, e, by[i]);
    auto [it, fresh] = index.emplace(k, static_cast<std::uint32_t>(representative.size()));
    if (fresh) representative.push_back(e);
    g.group_of[e] = it->second;
  }
  g.keys.resize(representative.size());
  for (std::size_t i = 0; i < representative.size(); ++i)
    for (GroupKey k : by) g.keys[i].emplace_back(group_value(net, representative[i], k));
  return g;
}

std::vector<std::uint32_t> members_of_group(const Network& net, const std::vector<GroupKey>& by,
                                            const std::vector<std::uint8_t>& mask,
                                            const std::vector<std::string>& key) {
  const Grouping g = group_elements(net, by, mask);
  std::uint32_t wanted = kNoGroup;
  for (std::uint32_t i = 0; i < g.keys.size(); ++i)
    if (g.keys[i] == key) wanted = i;
  std::vector<std::uint32_t> out;
  if (wanted == kNoGroup) return out;
  for (std::uint32_t e = 0; e < g.group_of.size(); ++e)
    if (g.group_of[e] == wanted) out.push_back(e);
  return out;
}

GroupAmounts measure_groups(const Network& net, const Grouping& grouping, Measure measure,
                            const std::vector<std::uint32_t>& class_of_vendor) {
  const Elements& el = net.elements;
  const std::size_t groups = grouping.keys.size();
  GroupAmounts out;
  out.total.assign(groups, 0);
  out.by_class.resize(groups);
  if (measure == Measure::kElements || measure == Measure::kTraffic) {
    for (std::uint32_t e = 0; e < el.size(); ++e) {
      const std::uint32_t g = grouping.group_of[e];
      if (g == kNoGroup) continue;
      const double w = measure == Measure::kElements ? 1.0 : zero_if_missing(el.traffic[e]);
      out.total[g] += w;
      out.by_class[g][class_of_vendor[el.vendor[e]]] += w;
    }
    return out;
  }
  // Distinct (group, site, class): a site counts once per group and once per class.
  std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>> triples;
  for (std::uint32_t e = 0; e < el.size(); ++e)
    if (grouping.group_of[e] != kNoGroup)
      triples.emplace_back(grouping.group_of[e], el.site[e], class_of_vendor[el.vendor[e]]);
  std::sort(triples.begin(), triples.end());
  triples.erase(std::unique(triples.begin(), triples.end()), triples.end());
  for (std::size_t i = 0; i < triples.size(); ++i) {
    const auto [g, site, cls] = triples[i];
    const double w = measure == Measure::kSites ? 1.0 : zero_if_missing(net.sites.population[site]);
    if (i == 0 || std::get<0>(triples[i - 1]) != g || std::get<1>(triples[i - 1]) != site)
      out.total[g] += w;
    out.by_class[g][cls] += w;
  }
  return out;
}

std::vector<std::uint32_t> identity_classes(const Network& net) {
  std::vector<std::uint32_t> ids(net.vendors.size());
  std::iota(ids.begin(), ids.end(), 0u);
  return ids;
}

}  // namespace ringfence::analysis
