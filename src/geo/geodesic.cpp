#include <GeographicLib/AzimuthalEquidistant.hpp>
#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/GeodesicLine.hpp>
#include <algorithm>
#include <cmath>

#include "ringfence/geo.hpp"

namespace ringfence::geo {

namespace {

const GeographicLib::Geodesic& wgs84() {
  return GeographicLib::Geodesic::WGS84();
}

// Distance from p to the geodesic segment a-b. The closest point is first found in
// an azimuthal equidistant projection centred on p (distances from p are exact there
// and a short geodesic is nearly straight), then refined by one parabolic step along
// the geodesic, measuring exactly. The distance is flat at its minimum, so a residual
// error of e metres along the edge changes it by about e^2 / (2 d): well under a
// millimetre for edges up to tens of kilometres.
double distance_to_geodesic_segment(LonLat p, LonLat a, LonLat b) {
  const GeographicLib::AzimuthalEquidistant projection(wgs84());
  double xa = 0, ya = 0, xb = 0, yb = 0, azi = 0, rk = 0;
  projection.Forward(p.lat, p.lon, a.lat, a.lon, xa, ya, azi, rk);
  projection.Forward(p.lat, p.lon, b.lat, b.lon, xb, yb, azi, rk);
  const double d_a = std::hypot(xa, ya), d_b = std::hypot(xb, yb);
  const double dx = xb - xa, dy = yb - ya, len2 = dx * dx + dy * dy;
  const double t = len2 > 0 ? std::clamp(-(xa * dx + ya * dy) / len2, 0.0, 1.0) : 0.0;
  if (t <= 0 || t >= 1) return std::min(d_a, d_b);
  double s12 = 0, azi1 = 0, azi2 = 0;
  wgs84().Inverse(a.lat, a.lon, b.lat, b.lon, s12, azi1, azi2);
  const GeographicLib::GeodesicLine line = wgs84().Line(a.lat, a.lon, azi1);
  auto at = [&](double s) {
    double lat = 0, lon = 0;
    line.Position(std::clamp(s, 0.0, s12), lat, lon);
    return distance_m(p, {lon, lat});
  };
  const double s0 = t * s12, h = std::max(0.5, 0.002 * s12);
  const double f0 = at(s0), fm = at(s0 - h), fp = at(s0 + h);
  double best = std::min({d_a, d_b, f0, fm, fp});
  const double curvature = fm - 2 * f0 + fp;
  if (curvature > 0) best = std::min(best, at(s0 + h * (fm - fp) / (2 * curvature)));
  return best;
}

bool inside_ring(LonLat p, const Ring& ring) {
  bool inside = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const LonLat& a = ring[i];
    const LonLat& b = ring[j];
    if ((a.lat > p.lat) != (b.lat > p.lat) &&
        p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon)
      inside = !inside;
  }
  return inside;
}

// Planar point in a local frame (metres east, north) around an origin.
struct Xy {
  double x = 0, y = 0;
};

double segment_distance(Xy p, Xy a, Xy b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

bool segments_cross(Xy a, Xy b, Xy c, Xy d) {
  auto orient = [](Xy p, Xy q, Xy r) {
    return (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
  };
  const double o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a),
               o4 = orient(c, d, b);
  return ((o1 > 0) != (o2 > 0)) && ((o3 > 0) != (o4 > 0));
}

double segments_distance(Xy a, Xy b, Xy c, Xy d) {
  if (segments_cross(a, b, c, d)) return 0;
  return std::min({segment_distance(a, c, d), segment_distance(b, c, d), segment_distance(c, a, b),
                   segment_distance(d, a, b)});
}

bool inside_planar(Xy p, const std::vector<Xy>& ring) {
  bool inside = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const Xy& a = ring[i];
    const Xy& b = ring[j];
    if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x)
      inside = !inside;
  }
  return inside;
}

}  // namespace

double distance_m(LonLat a, LonLat b) {
  double s12 = 0;
  wgs84().Inverse(a.lat, a.lon, b.lat, b.lon, s12);
  return s12;
}

bool inside_polygon(LonLat p, const Polygon& polygon) {
  if (polygon.empty() || !inside_ring(p, polygon[0])) return false;
  for (std::size_t h = 1; h < polygon.size(); ++h)
    if (inside_ring(p, polygon[h])) return false;
  return true;
}

double distance_to_zone_m(LonLat p, const Zone& zone, double limit_m) {
  if (zone.is_point) return distance_m(p, zone.point);
  for (const auto& polygon : zone.polygons)
    if (inside_polygon(p, polygon)) return 0;
  // Rank edges by a cheap local planar distance, then measure the nearest exactly.
  const double m_lat = 111132.954, m_lon = 111319.49 * std::cos(p.lat * M_PI / 180);
  auto local = [&](LonLat q) {
    double dlon = q.lon - p.lon;
    if (dlon > 180) dlon -= 360;
    if (dlon < -180) dlon += 360;
    return Xy{dlon * m_lon, (q.lat - p.lat) * m_lat};
  };
  struct Edge {
    double approx;
    LonLat a, b;
  };
  std::vector<Edge> edges;
  double best_approx = INFINITY;
  for (const auto& polygon : zone.polygons)
    for (const auto& ring : polygon)
      for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        const double d = segment_distance({0, 0}, local(ring[i]), local(ring[i + 1]));
        best_approx = std::min(best_approx, d);
        edges.push_back({d, ring[i], ring[i + 1]});
      }
  // The local planar distance is within a fraction of a percent of the geodesic one
  // at these ranges: far zones need no exact measure, and only edges near the
  // nearest can hold the minimum.
  if (best_approx > limit_m * 1.01 + 5) return best_approx;
  double best = INFINITY;
  for (const auto& e : edges)
    if (e.approx <= best_approx * 1.01 + 5)
      best = std::min(best, distance_to_geodesic_segment(p, e.a, e.b));
  return best;
}

double sector_distance_to_zone_m(LonLat site, double azimuth, double beamwidth, double range_m,
                                 const Zone& zone) {
  const GeographicLib::AzimuthalEquidistant projection(wgs84());
  auto project = [&](LonLat q) {
    double x = 0, y = 0, azi = 0, rk = 0;
    projection.Forward(site.lat, site.lon, q.lat, q.lon, x, y, azi, rk);
    return Xy{x, y};
  };
  // The sector as a planar polygon: apex, then its arc in steps of at most 5 degrees.
  std::vector<Xy> wedge;
  const double half = std::min(beamwidth, 360.0) / 2;
  const int steps = std::max(2, static_cast<int>(std::ceil(beamwidth / 5)));
  if (beamwidth < 360) wedge.push_back({0, 0});
  for (int i = 0; i <= steps; ++i) {
    const double a = (azimuth - half + beamwidth * i / steps) * M_PI / 180;
    wedge.push_back({range_m * std::sin(a), range_m * std::cos(a)});
  }
  auto in_wedge_angle = [&](Xy q) {
    double bearing = std::atan2(q.x, q.y) * 180 / M_PI;
    double diff = std::fmod(bearing - azimuth + 540.0, 360.0) - 180.0;
    return std::fabs(diff) <= half;
  };
  auto point_to_wedge = [&](Xy q) {
    const double r = std::hypot(q.x, q.y);
    if (in_wedge_angle(q)) return std::max(0.0, r - range_m);
    double best = INFINITY;
    for (std::size_t i = 0; i < wedge.size(); ++i)
      best = std::min(best, segment_distance(q, wedge[i], wedge[(i + 1) % wedge.size()]));
    return best;
  };
  if (zone.is_point) {
    const Xy q = project(zone.point);
    // Along a bearing inside the beam the projection is exact: use the geodesic.
    if (in_wedge_angle(q)) return std::max(0.0, distance_m(site, zone.point) - range_m);
    return point_to_wedge(q);
  }
  double best = INFINITY;
  for (const auto& polygon : zone.polygons) {
    if (inside_polygon(site, polygon)) return 0;
    std::vector<std::vector<Xy>> rings(polygon.size());
    for (std::size_t r = 0; r < polygon.size(); ++r)
      for (const auto& q : polygon[r]) rings[r].push_back(project(q));
    // Overlap: a polygon vertex in the sector, or a sector corner inside the polygon
    // (in the outer ring and in none of its holes).
    for (const auto& w : wedge) {
      bool inside = inside_planar(w, rings[0]);
      for (std::size_t h = 1; inside && h < rings.size(); ++h) inside = !inside_planar(w, rings[h]);
      if (inside) return 0;
    }
    for (const auto& ring : rings) {
      for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        best = std::min(best, point_to_wedge(ring[i]));
        for (std::size_t k = 0; k < wedge.size(); ++k)
          best = std::min(best, segments_distance(ring[i], ring[i + 1], wedge[k],
                                                  wedge[(k + 1) % wedge.size()]));
        if (best == 0) return 0;
      }
    }
  }
  return best;
}

}  // namespace ringfence::geo
