#include "analysis/path_scope.hpp"

#include <algorithm>

#include "ringfence/geo.hpp"

namespace ringfence::analysis {

ElementMask domain_elements(const Network& net, Domain domain) {
  ElementMask mask(net.elements.size(), 0);
  for (std::size_t e = 0; e < mask.size(); ++e) mask[e] = net.elements.domain[e] == domain;
  return mask;
}

std::vector<std::uint8_t> sites_near_zones(const Network& net,
                                           const std::vector<std::uint8_t>& zones, double radius_m,
                                           const std::vector<std::uint8_t>& needed) {
  std::vector<std::uint8_t> near(net.sites.size(), 0);
  const geo::ZoneIndex index(net.zones, zones);
  if (index.empty()) return near;
  for (std::uint32_t s = 0; s < near.size(); ++s)
    if (needed[s])
      near[s] = index.nearest_within({net.sites.lon[s], net.sites.lat[s]}, radius_m).has_value();
  return near;
}

}  // namespace ringfence::analysis
