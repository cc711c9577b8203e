#include "analysis/grouping.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <tuple>
#include <unordered_map>

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
  // Group ids in order of first appearance. Rows of a site follow each other, so the
  // previous row's key is tried before the hash table.
  using Key = std::array<std::uint32_t, 4>;
  struct KeyHash {
    std::size_t operator()(const Key& k) const {
      std::uint64_t h = 0x9e3779b97f4a7c15ull;
      for (const std::uint32_t v : k) h = (h ^ v) * 0xff51afd7ed558ccdull;
      return static_cast<std::size_t>(h ^ (h >> 32));
    }
  };
  std::unordered_map<Key, std::uint32_t, KeyHash> index;
  std::vector<std::uint32_t> representative;
  Key last{};
  std::uint32_t last_group = kNoGroup;
  for (std::uint32_t e = 0; e < n; ++e) {
    if (!mask.empty() && !mask[e]) continue;
    Key k{};
    for (std::size_t i = 0; i < by.size() && i < k.size(); ++i) k[i] = key_code(net, e, by[i]);
    if (last_group == kNoGroup || k != last) {
      auto [it, fresh] = index.emplace(k, static_cast<std::uint32_t>(representative.size()));
      if (fresh) representative.push_back(e);
      last = k;
      last_group = it->second;
    }
    g.group_of[e] = last_group;
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
  // The in-scope elements are bucketed by site (a counting sort, O(n)); a site holds
  // few elements, so its distinct pairs are found by a linear scan.
  const std::size_t sites = net.sites.size();
  std::vector<std::uint32_t> start(sites + 1, 0);
  for (std::uint32_t e = 0; e < el.size(); ++e)
    if (grouping.group_of[e] != kNoGroup) ++start[el.site[e] + 1];
  for (std::size_t s = 0; s < sites; ++s) start[s + 1] += start[s];
  std::vector<std::uint32_t> by_site(start[sites]);
  {
    std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
    for (std::uint32_t e = 0; e < el.size(); ++e)
      if (grouping.group_of[e] != kNoGroup) by_site[next[el.site[e]]++] = e;
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> seen;  // (group, class) at one site
  for (std::uint32_t site = 0; site < sites; ++site) {
    if (start[site] == start[site + 1]) continue;
    const double w = measure == Measure::kSites ? 1.0 : zero_if_missing(net.sites.population[site]);
    seen.clear();
    for (std::uint32_t i = start[site]; i < start[site + 1]; ++i) {
      const std::uint32_t e = by_site[i];
      const std::pair<std::uint32_t, std::uint32_t> pair{grouping.group_of[e],
                                                         class_of_vendor[el.vendor[e]]};
      if (std::find(seen.begin(), seen.end(), pair) != seen.end()) continue;
      const bool group_seen = std::any_of(seen.begin(), seen.end(),
                                          [&](const auto& p) { return p.first == pair.first; });
      if (!group_seen) out.total[pair.first] += w;
      out.by_class[pair.first][pair.second] += w;
      seen.push_back(pair);
    }
  }
  return out;
}

std::vector<std::uint32_t> identity_classes(const Network& net) {
  std::vector<std::uint32_t> ids(net.vendors.size());
  std::iota(ids.begin(), ids.end(), 0u);
  return ids;
}

}  // namespace ringfence::analysis
