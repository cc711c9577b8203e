#include "generate/land_mask.hpp"

#include <algorithm>
#include <cmath>

#include "io/readers.hpp"
#include "io/text_checks.hpp"

namespace ringfence::gen {

LandMask LandMask::load(const std::string& path) {
  Network net;
  Diagnostics diag;
  io::read_zones(io::read_whole_file(path, path), path, net, diag);
  if (diag.has_errors()) throw InputError(std::move(diag));
  std::vector<Edge> edges;
  for (const Zone& zone : net.zones)
    for (const Polygon& polygon : zone.polygons)
      for (const Ring& ring : polygon)
        for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
          const LonLat a = ring[i], b = ring[i + 1];
          if (a.lat == b.lat) continue;  // a horizontal edge crosses no parallel
          edges.push_back(a.lat < b.lat ? Edge{a.lat, a.lon, b.lat, b.lon}
                                        : Edge{b.lat, b.lon, a.lat, a.lon});
        }
  LandMask mask;
  if (edges.empty()) return mask;
  double lo = edges[0].lat0, hi = edges[0].lat1;
  for (const Edge& e : edges) {
    lo = std::min(lo, e.lat0);
    hi = std::max(hi, e.lat1);
  }
  // About four edges per band on average; long edges are listed in every band they span.
  const std::size_t bands = std::clamp<std::size_t>(edges.size() / 4, 1, 1 << 16);
  mask.min_lat_ = lo;
  mask.band_height_ = (hi - lo) / static_cast<double>(bands);
  auto band_of = [&](double lat) {
    const double b = std::floor((lat - lo) / mask.band_height_);
    return static_cast<std::size_t>(std::clamp(b, 0.0, static_cast<double>(bands - 1)));
  };
  std::vector<std::uint32_t> counts(bands + 1, 0);
  for (const Edge& e : edges)
    for (std::size_t b = band_of(e.lat0); b <= band_of(e.lat1); ++b) ++counts[b + 1];
  for (std::size_t b = 0; b < bands; ++b) counts[b + 1] += counts[b];
  mask.band_offsets_ = counts;
  mask.bands_.resize(counts.back());
  for (const Edge& e : edges)
    for (std::size_t b = band_of(e.lat0); b <= band_of(e.lat1); ++b) mask.bands_[counts[b]++] = e;
  return mask;
}

std::optional<std::pair<double, double>> LandMask::land_near(double lat, double lon) const {
  auto round5 = [](double x) { return std::round(x * 1e5) / 1e5; };
  if (contains(round5(lat), round5(lon))) return std::pair{round5(lat), round5(lon)};
  constexpr double kMetresPerDegree = 111320.0, kPi = 3.14159265358979323846;
  const double c = std::max(std::cos(lat * kPi / 180), 0.01);
  for (double r = 100; r <= 100000; r *= 1.25)
    for (int k = 0; k < 32; ++k) {
      const double bearing = 2 * kPi * k / 32;
      const double y = round5(lat + r * std::cos(bearing) / kMetresPerDegree);
      const double x = round5(lon + r * std::sin(bearing) / (kMetresPerDegree * c));
      if (contains(y, x)) return std::pair{y, x};
    }
  return std::nullopt;
}

bool LandMask::contains(double lat, double lon) const {
  if (bands_.empty()) return true;
  const double b = std::floor((lat - min_lat_) / band_height_);
  const std::size_t n = band_offsets_.size() - 1;
  if (b < 0 || b >= static_cast<double>(n)) return false;
  const auto band = static_cast<std::size_t>(b);
  // Even-odd rule over every ring: holes (lakes) and islands come out right.
  bool inside = false;
  for (std::uint32_t i = band_offsets_[band]; i < band_offsets_[band + 1]; ++i) {
    const Edge& e = bands_[i];
    if (lat < e.lat0 || lat >= e.lat1) continue;
    const double x = e.lon0 + (lat - e.lat0) * (e.lon1 - e.lon0) / (e.lat1 - e.lat0);
    if (x > lon) inside = !inside;
  }
  return inside;
}

}  // namespace ringfence::gen
