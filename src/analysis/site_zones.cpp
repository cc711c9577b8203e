#include "analysis/site_zones.hpp"

#include <algorithm>
#include <atomic>

#include "analysis/site_zone_cache.hpp"

namespace ringfence::analysis {

std::vector<std::optional<geo::ZoneHit>> nearest_zone_per_site(const Network& net,
                                                               const geo::ZoneIndex& index,
                                                               double radius_m, const Mask& needed,
                                                               ThreadBudget& threads,
                                                               const Mask* zones) {
  if (SiteZoneCache* cache = zones ? SiteZoneCache::active_for(net) : nullptr)
    return cache->nearest(*zones, radius_m, needed, threads,
                          [&](const Mask& missing, SiteHits& hits) {
                            hits = nearest_zone_per_site(net, index, radius_m, missing, threads);
                          });
  std::vector<std::optional<geo::ZoneHit>> hits(net.sites.size());
  std::vector<std::uint32_t> sites;
  for (std::uint32_t s = 0; s < needed.size(); ++s)
    if (needed[s]) sites.push_back(s);
  // Chunks handed out from a counter: sites near many zones cost more than others.
  constexpr std::size_t kChunk = 1024;
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t begin = next.fetch_add(kChunk); begin < sites.size();
         begin = next.fetch_add(kChunk)) {
      const std::size_t end = std::min(sites.size(), begin + kChunk);
      for (std::size_t i = begin; i < end; ++i) {
        const std::uint32_t s = sites[i];
        hits[s] = index.nearest_within({net.sites.lon[s], net.sites.lat[s]}, radius_m);
      }
    }
  };
  threads.run(sites.size() < 4 * kChunk ? 1u : threads.limit(), work);
  return hits;
}

}  // namespace ringfence::analysis
