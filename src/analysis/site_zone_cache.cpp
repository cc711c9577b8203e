#include "analysis/site_zone_cache.hpp"

#include <atomic>

namespace ringfence::analysis {

namespace {
std::atomic<SiteZoneCache*> g_active{nullptr};
}  // namespace

SiteZoneCache::SiteZoneCache(const Network& net) : net_(net) {
  g_active = this;
}

SiteZoneCache::~SiteZoneCache() {
  SiteZoneCache* self = this;
  g_active.compare_exchange_strong(self, nullptr);
}

SiteZoneCache* SiteZoneCache::active_for(const Network& net) {
  SiteZoneCache* cache = g_active;
  return cache && &cache->net_ == &net ? cache : nullptr;
}

std::size_t SiteZoneCache::sites_measured() const {
  std::lock_guard lock(mutex_);
  return measured_;
}

SiteHits SiteZoneCache::nearest(
    const Mask& zones, double radius_m, const Mask& needed,
    const std::function<void(const Mask& missing, SiteHits& hits)>& measure) {
  const std::size_t n = needed.size();
  SiteHits out(n);
  Mask missing(n, 0);
  std::size_t missing_count = 0;
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.begin();
    while (it != entries_.end() && !(it->zones == zones && it->radius_m == radius_m)) ++it;
    if (it != entries_.end()) entries_.splice(entries_.begin(), entries_, it);
    const Entry* entry = it == entries_.end() ? nullptr : &entries_.front();
    for (std::size_t s = 0; s < n; ++s) {
      if (!needed[s]) continue;
      if (entry && entry->known[s]) {
        out[s] = entry->hits[s];
      } else {
        missing[s] = 1;
        ++missing_count;
      }
    }
  }
  if (missing_count == 0) return out;

  SiteHits measured(n);
  measure(missing, measured);
  for (std::size_t s = 0; s < n; ++s)
    if (missing[s]) out[s] = measured[s];

  std::lock_guard lock(mutex_);
  measured_ += missing_count;
  auto it = entries_.begin();
  while (it != entries_.end() && !(it->zones == zones && it->radius_m == radius_m)) ++it;
  if (it == entries_.end()) {
    entries_.push_front(Entry{zones, radius_m, Mask(n, 0), SiteHits(n)});
    if (entries_.size() > kMaxEntries) entries_.pop_back();
  } else {
    entries_.splice(entries_.begin(), entries_, it);
  }
  Entry& entry = entries_.front();
  for (std::size_t s = 0; s < n; ++s)
    if (missing[s] && !entry.known[s]) {
      entry.known[s] = 1;
      entry.hits[s] = measured[s];
    }
  return out;
}

}  // namespace ringfence::analysis
