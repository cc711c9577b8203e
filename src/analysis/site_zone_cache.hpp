// nearest_zone_per_site's answers kept across evaluations of one network, for a
// program that evaluates the same network again and again (`ringfence serve`, where
// an edited policy is evaluated at each edit). Keyed by the selected zones and the
// radius: editing a zone rule's vendors, filters or dates, or a rule beside it, then
// costs no geodesic distance; a new zone set or radius is measured once.
//
// At most one cache is active in a process; nearest_zone_per_site consults it only
// for the network it was made for. Thread-safe: rules evaluated in parallel may ask
// at once; one asking for a zone set and radius that another is measuring waits for
// those answers (lending its thread meanwhile), then measures only what is still
// missing, so no site is measured twice.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <vector>

#include "analysis/masks.hpp"
#include "analysis/thread_budget.hpp"
#include "ringfence/geo.hpp"

namespace ringfence::analysis {

using SiteHits = std::vector<std::optional<geo::ZoneHit>>;

class SiteZoneCache {
 public:
  static constexpr std::size_t kMaxEntries = 8;  // zone sets and radii kept, newest first

  // Made for `net`, and active from construction to destruction.
  explicit SiteZoneCache(const Network& net);
  ~SiteZoneCache();
  SiteZoneCache(const SiteZoneCache&) = delete;
  SiteZoneCache& operator=(const SiteZoneCache&) = delete;

  // The active cache when it was made for `net`, else nullptr.
  static SiteZoneCache* active_for(const Network& net);

  // The answers for the sites in `needed`: those known are copied; the others are
  // measured by `measure(missing, hits)`, which fills hits[s] for each s in missing,
  // and kept.
  SiteHits nearest(const Mask& zones, double radius_m, const Mask& needed, ThreadBudget& threads,
                   const std::function<void(const Mask& missing, SiteHits& hits)>& measure);

  std::size_t sites_measured() const;  // sites measured through this cache, in all

 private:
  struct Entry {
    Mask zones;
    double radius_m = 0;
    Mask known;  // per site
    SiteHits hits;
    bool measuring = false;  // a thread is measuring sites for it
  };
  std::list<Entry>::iterator find(const Mask& zones, double radius_m);
  const Network& net_;
  mutable std::mutex mutex_;
  std::condition_variable measured_some_;
  std::list<Entry> entries_;
  std::size_t measured_ = 0;
};

}  // namespace ringfence::analysis
