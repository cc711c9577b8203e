#include <algorithm>
#include <cmath>
#include <iterator>

#include "ringfence/geo.hpp"

namespace ringfence::geo {

namespace bgi = boost::geometry::index;

ZoneIndex::ZoneIndex(const std::vector<Zone>& zones, const std::vector<std::uint8_t>& selected)
    : zones_(zones) {
  std::vector<std::pair<Box, std::uint32_t>> boxes;
  for (std::uint32_t z = 0; z < zones.size(); ++z) {
    if (!selected[z]) continue;
    const Zone& zone = zones[z];
    double min_lon = 180, max_lon = -180, min_lat = 90, max_lat = -90;
    auto extend = [&](LonLat p) {
      min_lon = std::min(min_lon, p.lon);
      max_lon = std::max(max_lon, p.lon);
      min_lat = std::min(min_lat, p.lat);
      max_lat = std::max(max_lat, p.lat);
    };
    if (zone.is_point) extend(zone.point);
    for (const auto& polygon : zone.polygons)
      for (const auto& p : polygon[0]) extend(p);
    boxes.emplace_back(Box(Point(min_lon, min_lat), Point(max_lon, max_lat)), z);
  }
  tree_ = decltype(tree_)(boxes.begin(), boxes.end());  // bulk load (packing)
}

void ZoneIndex::candidates(LonLat p, double reach_m, std::vector<std::uint32_t>& out) const {
  out.clear();
  // A degree of latitude is at least 110,574 m; of longitude, 111,320 m * cos(lat)
  // at the widest latitude the reach can touch. Widen by 1 % for safety.
  const double dlat = reach_m / 110574.0 * 1.01 + 1e-9;
  const double max_abs_lat = std::min(90.0, std::fabs(p.lat) + dlat);
  const double cos_lat = std::cos(max_abs_lat * M_PI / 180);
  const double dlon = cos_lat < 1e-6 ? 360 : reach_m / (111320.0 * cos_lat) * 1.01 + 1e-9;
  auto query = [&](double lon_lo, double lon_hi) {
    Box box(Point(lon_lo, p.lat - dlat), Point(lon_hi, p.lat + dlat));
    thread_local std::vector<std::pair<Box, std::uint32_t>> hits;
    hits.clear();
    tree_.query(bgi::intersects(box), std::back_inserter(hits));
    for (const auto& hit : hits) out.push_back(hit.second);
  };
  if (dlon >= 180) {
    query(-180, 180);
  } else {
    query(std::max(-180.0, p.lon - dlon), std::min(180.0, p.lon + dlon));
    // Reach across the antimeridian.
    if (p.lon - dlon < -180) query(p.lon - dlon + 360, 180);
    if (p.lon + dlon > 180) query(-180, p.lon + dlon - 360);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
}

std::optional<ZoneHit> ZoneIndex::nearest_within(LonLat p, double radius_m) const {
  thread_local std::vector<std::uint32_t> cands;
  candidates(p, radius_m, cands);
  std::optional<ZoneHit> best;
  for (std::uint32_t z : cands) {
    // Once a zone is found, farther ones need no exact measure (distance_to_zone_m
    // returns a value above its limit for them, never one equal to the best).
    const double limit = best ? std::min(radius_m, best->distance_m) : radius_m;
    const double d = distance_to_zone_m(p, zones_[z], limit);
    if (d > radius_m + kWithinTolerance_m) continue;
    if (!best || d < best->distance_m ||
        (d == best->distance_m && zones_[z].id < zones_[best->zone].id))
      best = ZoneHit{z, d};
  }
  return best;
}

}  // namespace ringfence::geo
