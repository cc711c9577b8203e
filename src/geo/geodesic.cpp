#include <GeographicLib/AzimuthalEquidistant.hpp>
#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/GeodesicLine.hpp>
#include <GeographicLib/Gnomonic.hpp>
#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include "ringfence/geo.hpp"

namespace ringfence::geo {

namespace {

const GeographicLib::Geodesic& wgs84() {
  return GeographicLib::Geodesic::WGS84();
}

// Distance from p to the geodesic segment a-b. The closest point is found in an
// azimuthal equidistant projection centred on p (distances from p are exact there and
// a short geodesic is nearly straight), then measured exactly at that point of the
// geodesic. The distance is flat at its minimum, so the residual error of the point
// along the edge changes it by its square over twice the distance: against a brute-
// force minimum on the ellipsoid, under a micrometre within 5 km of edges up to 100 km
// long, and under 0.1 mm per km of distance beyond (a 300 km edge 250 km away: 17 mm;
// tests/unit/geodesy_reference_test.cpp).
// `projected` caches the last vertices' projections: neighbouring edges share one.
struct ProjectedVertex {
  LonLat at{NAN, NAN};
  double x = 0, y = 0;
};

double distance_to_geodesic_segment(LonLat p, LonLat a, LonLat b,
                                    std::array<ProjectedVertex, 2>& projected) {
  const GeographicLib::AzimuthalEquidistant projection(wgs84());
  auto project = [&](LonLat q) -> const ProjectedVertex& {
    for (const auto& v : projected)
      if (v.at.lon == q.lon && v.at.lat == q.lat) return v;
    ProjectedVertex& slot =
        projected[0].at.lon == a.lon && projected[0].at.lat == a.lat ? projected[1] : projected[0];
    double azi = 0, rk = 0;
    slot.at = q;
    projection.Forward(p.lat, p.lon, q.lat, q.lon, slot.x, slot.y, azi, rk);
    return slot;
  };
  const ProjectedVertex& pa = project(a);
  const double xa = pa.x, ya = pa.y;
  const ProjectedVertex& pb = project(b);
  const double xb = pb.x, yb = pb.y;
  const double dx = xb - xa, dy = yb - ya, len2 = dx * dx + dy * dy;
  const double t = len2 > 0 ? std::clamp(-(xa * dx + ya * dy) / len2, 0.0, 1.0) : 0.0;
  if (t <= 0 || t >= 1) return std::min(std::hypot(xa, ya), std::hypot(xb, yb));
  double s12 = 0, azi1 = 0, azi2 = 0;
  wgs84().Inverse(a.lat, a.lon, b.lat, b.lon, s12, azi1, azi2);
  double lat = 0, lon = 0, azi = 0;
  wgs84().Direct(a.lat, a.lon, azi1, t * s12, lat, lon, azi);
  return std::min({std::hypot(xa, ya), std::hypot(xb, yb), distance_m(p, {lon, lat})});
}

// Ray casting with edges drawn as straight lines in longitude/latitude.
bool inside_ring_lonlat(LonLat p, const Ring& ring) {
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

// Ray casting with geodesic edges: in a gnomonic projection centred on p, geodesics
// are straight lines (exactly on a sphere, to well under a millimetre on the ellipsoid
// for edges of hundreds of kilometres), so the planar test at the origin decides.
// nullopt when a vertex lies too far from p for the projection (over 90 degrees).
std::optional<bool> inside_ring_gnomonic(LonLat p, const Ring& ring) {
  const GeographicLib::Gnomonic projection(wgs84());
  std::vector<double> xs(ring.size()), ys(ring.size());
  for (std::size_t i = 0; i < ring.size(); ++i) {
    double azi = 0, rk = 0;
    projection.Forward(p.lat, p.lon, ring[i].lat, ring[i].lon, xs[i], ys[i], azi, rk);
    if (std::isnan(xs[i]) || std::isnan(ys[i])) return std::nullopt;
  }
  bool inside = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    if ((ys[i] > 0) != (ys[j] > 0) && 0 < (xs[j] - xs[i]) * (0 - ys[i]) / (ys[j] - ys[i]) + xs[i])
      inside = !inside;
  }
  return inside;
}

// Whether p lies so close to an edge, drawn straight in longitude/latitude, that the
// geodesic edge may pass on its other side. A geodesic of length L departs from the
// straight longitude/latitude line by about L^2 / (8 R) * |tan(latitude)| (its bulge
// towards the pole); the margin below is three times that plus 1 m. Edges over 5
// degrees long, or reaching beyond 80 degrees of latitude, always count as near.
bool near_an_edge(LonLat p, const Ring& ring) {
  constexpr double kEarthRadius_m = 6371008.8;
  const double m_lat = 111132.954, m_lon = 111319.49 * std::cos(p.lat * M_PI / 180);
  // An edge near p spans at most 5 degrees (longer ones are always decided exactly), so
  // its latitudes lie within 5 degrees of p's: one tangent bounds every bulge.
  const double tan_bound = std::tan(std::min(85.0, std::fabs(p.lat) + 5) * M_PI / 180) + 0.1;
  const double k = 3 * tan_bound / (8 * kEarthRadius_m);
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
    const LonLat& a = ring[i];
    const LonLat& b = ring[i + 1];
    if (std::fabs(a.lat) > 80 || std::fabs(a.lon - b.lon) > 5 || std::fabs(a.lat - b.lat) > 5)
      return true;
    const double ax = (a.lon - p.lon) * m_lon, ay = (a.lat - p.lat) * m_lat;
    const double bx = (b.lon - p.lon) * m_lon, by = (b.lat - p.lat) * m_lat;
    const double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    const double t = len2 > 0 ? std::clamp(-(ax * dx + ay * dy) / len2, 0.0, 1.0) : 0.0;
    const double ex = ax + t * dx, ey = ay + t * dy;
    const double bulge = len2 * k + 1;
    if (ex * ex + ey * ey <= bulge * bulge) return true;
  }
  return false;
}

bool inside_ring(LonLat p, const Ring& ring) {
  if (near_an_edge(p, ring))
    if (const auto exact = inside_ring_gnomonic(p, ring)) return *exact;
  return inside_ring_lonlat(p, ring);
}

// Planar point in a local frame (metres east, north) around an origin.
struct Xy {
  double x = 0, y = 0;
};

// The squared distance from p to the segment a-b.
double segment_distance2(Xy p, Xy a, Xy b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  const double ex = p.x - (a.x + t * dx), ey = p.y - (a.y + t * dy);
  return ex * ex + ey * ey;
}

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

// A radio sector in an azimuthal equidistant projection centred on its site: the apex
// at the origin, two radial edges and the arc of radius range_m between them. The
// projection is exact for distances and bearings from the site, so the arc is the true
// geodesic circle; distances measured from the arc along a bearing are exact.
class SectorXy {
 public:
  SectorXy(double azimuth, double beamwidth, double range_m)
      : azimuth_(azimuth), half_(std::min(beamwidth, 360.0) / 2), range_(range_m) {
    auto corner = [&](double bearing) {
      const double a = bearing * M_PI / 180;
      return Xy{range_ * std::sin(a), range_ * std::cos(a)};
    };
    left_ = corner(azimuth_ - half_);
    right_ = corner(azimuth_ + half_);
  }
  bool full_circle() const { return half_ >= 180; }
  bool in_beam(Xy q) const {
    if (full_circle()) return true;
    const double bearing = std::atan2(q.x, q.y) * 180 / M_PI;
    const double diff = std::fmod(bearing - azimuth_ + 540.0, 360.0) - 180.0;
    return std::fabs(diff) <= half_;
  }
  // Distance from q to the sector (0 inside).
  double to_point(Xy q) const {
    const double r = std::hypot(q.x, q.y);
    if (in_beam(q)) return std::max(0.0, r - range_);
    // Outside the beam the nearest point is on a radial edge (an arc point is never
    // nearer than the arc's end on q's side).
    return std::min(segment_distance(q, {0, 0}, left_), segment_distance(q, {0, 0}, right_));
  }
  // Distance from the segment a-b to the sector's boundary (0 when they touch).
  double boundary_to_segment(Xy a, Xy b) const {
    double best = arc_to_segment(a, b);
    if (!full_circle())
      best = std::min(
          {best, segments_distance(a, b, {0, 0}, left_), segments_distance(a, b, {0, 0}, right_)});
    return best;
  }
  // Points of the sector to test for lying inside a polygon: the apex and the arc's ends.
  std::vector<Xy> corners() const {
    if (full_circle()) return {Xy{0, range_}};
    return {Xy{0, 0}, left_, right_};
  }

 private:
  double to_arc(Xy q) const {
    if (in_beam(q)) return std::fabs(std::hypot(q.x, q.y) - range_);
    if (full_circle()) return INFINITY;
    return std::min(std::hypot(q.x - left_.x, q.y - left_.y),
                    std::hypot(q.x - right_.x, q.y - right_.y));
  }
  // Distance between the segment a-b and the arc. The minimum lies at an end of either,
  // at the foot of the perpendicular from the centre to the segment (where the distance
  // to the circle is least along a segment outside it), or where the segment crosses
  // the circle.
  double arc_to_segment(Xy a, Xy b) const {
    double best = std::min(to_arc(a), to_arc(b));
    if (!full_circle())
      best = std::min({best, segment_distance(left_, a, b), segment_distance(right_, a, b)});
    const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    if (len2 <= 0) return best;
    const double t_foot = -(a.x * dx + a.y * dy) / len2;
    if (t_foot > 0 && t_foot < 1)
      best = std::min(best, to_arc({a.x + t_foot * dx, a.y + t_foot * dy}));
    // |a + t (b - a)| = range: t^2 len2 + 2 t (a.d) + |a|^2 - range^2 = 0.
    const double half_b = a.x * dx + a.y * dy;
    const double c = a.x * a.x + a.y * a.y - range_ * range_;
    const double disc = half_b * half_b - len2 * c;
    if (disc >= 0) {
      for (const double sign : {-1.0, 1.0}) {
        const double t = (-half_b + sign * std::sqrt(disc)) / len2;
        if (t >= 0 && t <= 1 && in_beam({a.x + t * dx, a.y + t * dy})) return 0;
      }
    }
    return best;
  }

  double azimuth_, half_, range_;
  Xy left_, right_;
};

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
  // Squared distances rank the edges (a square root per edge, through hypot, was a
  // tenth of question 1's time).
  struct Edge {
    double approx2;
    LonLat a, b;
    Xy local_a, local_b;
  };
  thread_local std::vector<Edge> edges;
  edges.clear();
  double best_approx2 = INFINITY;
  for (const auto& polygon : zone.polygons)
    for (const auto& ring : polygon)
      for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        const Xy a = local(ring[i]), b = local(ring[i + 1]);
        const double d2 = segment_distance2({0, 0}, a, b);
        best_approx2 = std::min(best_approx2, d2);
        edges.push_back({d2, ring[i], ring[i + 1], a, b});
      }
  // The local planar distance is within a fraction of a percent of the geodesic one
  // at these ranges: far zones need no exact measure, and only edges near the
  // nearest can hold the minimum.
  const double best_approx = std::sqrt(best_approx2);
  if (best_approx > limit_m * 1.01 + 5) return best_approx;
  const double reach = best_approx * 1.01 + 5;
  // Within 50 km and 70 degrees of latitude the local frame turns directions by under
  // 1.5 degrees. There, an edge whose angle at one end, between the edge and the
  // direction to p, is clearly obtuse (over 95.7 degrees: cosine under -0.1) is
  // nearest p at that end, and only that vertex is measured (one geodesic, where
  // measuring the edge takes three).
  const bool frame_faithful = reach <= 50000 && std::fabs(p.lat) <= 70;
  constexpr double kObtuse = -0.1;
  thread_local std::vector<LonLat> vertices;
  vertices.clear();
  double best = INFINITY;
  std::array<ProjectedVertex, 2> projected;
  for (const auto& e : edges) {
    if (e.approx2 > reach * reach) continue;
    if (frame_faithful) {
      const Xy a = e.local_a, b = e.local_b, ab{b.x - a.x, b.y - a.y};
      const double len = std::hypot(ab.x, ab.y);
      // cos(angle at a) = (p - a).(b - a) / (|p - a| |b - a|), p at the origin.
      if (-(a.x * ab.x + a.y * ab.y) < kObtuse * std::hypot(a.x, a.y) * len) {
        vertices.push_back(e.a);
        continue;
      }
      if (b.x * ab.x + b.y * ab.y < kObtuse * std::hypot(b.x, b.y) * len) {
        vertices.push_back(e.b);
        continue;
      }
    }
    best = std::min(best, distance_to_geodesic_segment(p, e.a, e.b, projected));
  }
  // Two edges meet at each vertex: each measured once.
  std::sort(vertices.begin(), vertices.end(),
            [](LonLat x, LonLat y) { return x.lon < y.lon || (x.lon == y.lon && x.lat < y.lat); });
  for (std::size_t i = 0; i < vertices.size(); ++i)
    if (i == 0 || vertices[i].lon != vertices[i - 1].lon || vertices[i].lat != vertices[i - 1].lat)
      best = std::min(best, distance_m(p, vertices[i]));
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
  const SectorXy sector(azimuth, beamwidth, range_m);
  if (zone.is_point) {
    const Xy q = project(zone.point);
    // Along a bearing inside the beam the distance is the geodesic one less the range.
    if (sector.in_beam(q)) return std::max(0.0, distance_m(site, zone.point) - range_m);
    return sector.to_point(q);
  }
  double best = INFINITY;
  for (const auto& polygon : zone.polygons) {
    if (inside_polygon(site, polygon)) return 0;
    std::vector<std::vector<Xy>> rings(polygon.size());
    for (std::size_t r = 0; r < polygon.size(); ++r)
      for (const auto& q : polygon[r]) rings[r].push_back(project(q));
    // Overlap: a sector corner inside the polygon (in the outer ring and in none of its
    // holes), a polygon vertex inside the sector, or an edge crossing its boundary.
    for (const auto& w : sector.corners()) {
      bool inside = inside_planar(w, rings[0]);
      for (std::size_t h = 1; inside && h < rings.size(); ++h) inside = !inside_planar(w, rings[h]);
      if (inside) return 0;
    }
    for (const auto& ring : rings) {
      for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        best = std::min(
            {best, sector.to_point(ring[i]), sector.boundary_to_segment(ring[i], ring[i + 1])});
        if (best == 0) return 0;
      }
    }
  }
  return best;
}

}  // namespace ringfence::geo
