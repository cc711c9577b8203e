// The area within a distance of a zone, for drawing on the report's map.
#pragma once
#include <vector>

#include "ringfence/network.hpp"

namespace ringfence::report {

// Polygons (outer ring, then holes; rings closed) covering every point within
// radius_m of the zone. Computed in an azimuthal equidistant projection centred on
// the zone, so distances from the centre are exact and distances elsewhere close
// enough to draw (under 0.1 % for zones a few tens of kilometres across). Empty for
// radius_m <= 0.
std::vector<Polygon> zone_buffer(const Zone& zone, double radius_m);

}  // namespace ringfence::report
