// Masks shared by the data-path analyses: elements of a domain and the sites within a
// radius of selected zones.
#pragma once
#include <cstdint>
#include <vector>

#include "analysis/paths.hpp"
#include "ringfence/network.hpp"

namespace ringfence::analysis {

ElementMask domain_elements(const Network& net, Domain domain);
// Per site: 1 if needed[site] and the site lies within radius_m of a selected zone.
std::vector<std::uint8_t> sites_near_zones(const Network& net,
                                           const std::vector<std::uint8_t>& zones, double radius_m,
                                           const std::vector<std::uint8_t>& needed);
// An element's traffic, 0 when not given.
inline double traffic_of(const Network& net, std::uint32_t e) {
  const double t = net.elements.traffic[e];
  return t == t ? t : 0;
}
inline double population_of(const Network& net, std::uint32_t site) {
  const double p = net.sites.population[site];
  return p == p ? p : 0;
}

}  // namespace ringfence::analysis
