// The nearest zone of each site, measured once per site and in parallel: shared by
// zone_exclusion (site footprint), path_exclusion (from_zones) and zone-filtered
// analyses.
#pragma once
#include <optional>
#include <vector>

#include "analysis/masks.hpp"
#include "analysis/thread_budget.hpp"
#include "ringfence/geo.hpp"

namespace ringfence::analysis {

// For each site s with needed[s], the nearest zone of `index` within radius_m.
std::vector<std::optional<geo::ZoneHit>> nearest_zone_per_site(const Network& net,
                                                               const geo::ZoneIndex& index,
                                                               double radius_m, const Mask& needed,
                                                               ThreadBudget& threads);

}  // namespace ringfence::analysis
