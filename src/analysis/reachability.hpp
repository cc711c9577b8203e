// Following links: from every element, the fewest links to the nearest element of a
// target set, with one next hop on such a path. One breadth-first search backwards
// from all targets at once: O(elements + links), whatever the number of starting
// elements, and safe with cycles. Shared by the path_exclusion rule and path analyses.
#pragma once
#include <cstdint>
#include <vector>

#include "analysis/masks.hpp"
#include "ringfence/network.hpp"

namespace ringfence::analysis {

inline constexpr std::uint32_t kUnreached = UINT32_MAX;
inline constexpr std::uint32_t kNoHop = UINT32_MAX;

struct DistanceToTargets {
  std::vector<std::uint32_t> links;  // per element: links to the nearest target; kUnreached
  std::vector<std::uint32_t> next;   // per element: the next hop on such a path; kNoHop at a target
};

// Ties between equally near successors go to the first in links.csv order. Elements
// with blocked[e] (when given) are neither targets nor crossed: a failed element.
DistanceToTargets distance_to_targets(const Links& links, const Mask& target,
                                      const Mask* blocked = nullptr);
inline DistanceToTargets distance_to_targets(const Network& net, const Mask& target) {
  return distance_to_targets(net.links, target);
}

// The shortest path of at least one link from `from` to a target: `from`, then each
// hop, ending at the target. Empty when no target is reachable over a link.
std::vector<std::uint32_t> path_to_target(const Network& net, const DistanceToTargets& d,
                                          std::uint32_t from);

}  // namespace ringfence::analysis
