#include "analysis/reachability.hpp"

namespace ringfence::analysis {

DistanceToTargets distance_to_targets(const Links& links, const Mask& target, const Mask* blocked) {
  const std::size_t n = target.size();
  DistanceToTargets d{std::vector<std::uint32_t>(n, kUnreached),
                      std::vector<std::uint32_t>(n, kNoHop)};
  auto is_blocked = [&](std::uint32_t e) { return blocked && !blocked->empty() && (*blocked)[e]; };
  std::vector<std::uint32_t> queue;  // first in, first out: read from `head`
  for (std::uint32_t e = 0; e < n; ++e)
    if (target[e] && !is_blocked(e)) {
      d.links[e] = 0;
      queue.push_back(e);
    }
  if (links.size() == 0) return d;
  for (std::size_t head = 0; head < queue.size(); ++head) {
    const std::uint32_t u = queue[head];
    for (std::uint32_t k = links.in_offsets[u]; k < links.in_offsets[u + 1]; ++k) {
      const std::uint32_t w = links.in_sources[k];
      if (d.links[w] != kUnreached || is_blocked(w)) continue;
      d.links[w] = d.links[u] + 1;
      d.next[w] = u;
      queue.push_back(w);
    }
  }
  return d;
}

std::vector<std::uint32_t> path_to_target(const Network& net, const DistanceToTargets& d,
                                          std::uint32_t from) {
  const Links& links = net.links;
  // At least one link: the best successor of `from`, not `from` itself.
  std::uint32_t best = kNoHop;
  for (std::uint32_t k = links.out_offsets[from]; k < links.out_offsets[from + 1]; ++k) {
    const std::uint32_t s = links.out_targets[k];
    if (d.links[s] != kUnreached && (best == kNoHop || d.links[s] < d.links[best])) best = s;
  }
  std::vector<std::uint32_t> path;
  if (best == kNoHop) return path;
  path.push_back(from);
  for (std::uint32_t v = best; v != kNoHop; v = d.links[v] == 0 ? kNoHop : d.next[v])
    path.push_back(v);
  return path;
}

}  // namespace ringfence::analysis
