#include "analysis/site_zone_cache.hpp"

#include <atomic>
#include <iterator>

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

std::list<SiteZoneCache::Entry>::iterator SiteZoneCache::find(const Mask& zones, double radius_m) {
  auto it = entries_.begin();
  while (it != entries_.end() && !(it->zones == zones && it->radius_m == radius_m)) ++it;
  return it;
}

SiteHits SiteZoneCache::nearest(
    const Mask& zones, double radius_m, const Mask& needed, ThreadBudget& threads,
    const std::function<void(const Mask& missing, SiteHits& hits)>& measure) {
  const std::size_t n = needed.size();
  std::unique_lock lock(mutex_);
  // Another thread measuring this zone set and radius: its answers are awaited, not
  // measured again (the thread lent meanwhile may help measure them).
  while (find(zones, radius_m) != entries_.end() && find(zones, radius_m)->measuring) {
    lock.unlock();
    threads.lend_while([&] {
      std::unique_lock wait_lock(mutex_);
      measured_some_.wait(wait_lock, [&] {
        const auto it = find(zones, radius_m);
        return it == entries_.end() || !it->measuring;
      });
    });
    lock.lock();
  }
  auto it = find(zones, radius_m);
  if (it == entries_.end()) {
    entries_.push_front(Entry{zones, radius_m, Mask(n, 0), SiteHits(n)});
    if (entries_.size() > kMaxEntries) {  // the oldest not being measured goes
      for (auto old = std::prev(entries_.end()); old != entries_.begin(); --old)
        if (!old->measuring) {
          entries_.erase(old);
          break;
        }
    }
  } else {
    entries_.splice(entries_.begin(), entries_, it);
  }
  Entry& entry = entries_.front();  // list nodes stay put while others come and go
  SiteHits out(n);
  Mask missing(n, 0);
  std::size_t missing_count = 0;
  for (std::size_t s = 0; s < n; ++s) {
    if (!needed[s]) continue;
    if (entry.known[s]) {
      out[s] = entry.hits[s];
    } else {
      missing[s] = 1;
      ++missing_count;
    }
  }
  if (missing_count == 0) return out;

  entry.measuring = true;
  lock.unlock();
  SiteHits measured(n);
  try {
    measure(missing, measured);
  } catch (...) {
    lock.lock();
    entry.measuring = false;
    measured_some_.notify_all();
    throw;
  }
  lock.lock();
  measured_ += missing_count;
  for (std::size_t s = 0; s < n; ++s)
    if (missing[s]) {
      out[s] = measured[s];
      entry.known[s] = 1;
      entry.hits[s] = measured[s];
    }
  entry.measuring = false;
  measured_some_.notify_all();
  return out;
}

}  // namespace ringfence::analysis
