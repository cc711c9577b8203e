// path_exclusion: each element in `from` (optionally only those whose site is within
// from_radius_m of a from_zones zone) from which the links, followed transitively,
// reach an element of `vendors` in `through`. The finding carries one shortest path
// (fewest links; ties broken by link order in links.csv).
//
// One breadth-first search backwards from all offending elements at once gives every
// element its distance to the nearest one: O(elements + links) for the whole rule,
// whatever the number of `from` elements, and safe with cycles.
#include <deque>

#include "policy/scope.hpp"
#include "policy/site_zones.hpp"
#include "ringfence/geo.hpp"

namespace ringfence::policy {

void evaluate_path_exclusion(const RuleContext& ctx, std::vector<Finding>& out) {
  const Network& net = ctx.net;
  const Links& links = net.links;
  const std::size_t n = net.elements.size();
  if (links.size() == 0) return;
  const Mask vendors = vendor_table(net, ctx.rule.vendors);
  const Mask target = element_mask(net, ctx.rule.through, &vendors);
  Mask from = element_mask(net, ctx.rule.from);
  if (ctx.rule.has_from_zones) {
    const Mask zones = zone_mask(net, ctx.rule.from_zones);
    const geo::ZoneIndex index(net.zones, zones);
    Mask site_needed(net.sites.size(), 0);
    for (std::uint32_t e = 0; e < n; ++e)
      if (from[e]) site_needed[net.elements.site[e]] = 1;
    const auto near = index.empty() ? std::vector<std::optional<geo::ZoneHit>>(net.sites.size())
                                    : nearest_zone_per_site(net, index, ctx.rule.from_radius_m,
                                                            site_needed, &zones);
    for (std::uint32_t e = 0; e < n; ++e)
      from[e] = from[e] && near[net.elements.site[e]].has_value();
  }
  constexpr std::uint32_t kUnreached = UINT32_MAX;
  std::vector<std::uint32_t> dist(n, kUnreached), next(n, kNoRow);
  std::deque<std::uint32_t> queue;
  for (std::uint32_t e = 0; e < n; ++e)
    if (target[e]) {
      dist[e] = 0;
      queue.push_back(e);
    }
  while (!queue.empty()) {
    const std::uint32_t u = queue.front();
    queue.pop_front();
    for (std::uint32_t k = links.in_offsets[u]; k < links.in_offsets[u + 1]; ++k) {
      const std::uint32_t w = links.in_sources[k];
      if (dist[w] != kUnreached) continue;
      dist[w] = dist[u] + 1;
      next[w] = u;
      queue.push_back(w);
    }
  }
  for (std::uint32_t e = 0; e < n; ++e) {
    if (!from[e]) continue;
    // At least one link: the best successor of e, not e itself.
    std::uint32_t best = kNoRow;
    for (std::uint32_t k = links.out_offsets[e]; k < links.out_offsets[e + 1]; ++k) {
      const std::uint32_t s = links.out_targets[k];
      if (dist[s] != kUnreached && (best == kNoRow || dist[s] < dist[best])) best = s;
    }
    if (best == kNoRow) continue;
    Finding f = element_finding(ctx, e);
    f.path.push_back(e);
    for (std::uint32_t v = best; v != kNoRow; v = dist[v] == 0 ? kNoRow : next[v])
      f.path.push_back(v);
    out.push_back(std::move(f));
  }
}

}  // namespace ringfence::policy
