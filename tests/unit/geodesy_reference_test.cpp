// Distances checked against PostGIS geography on the WGS84 spheroid
// (ST_Distance(a, b, true), PostGIS 3.3.2): the reference values below were printed by
// bench/peers/geodesy_reference.sh from bench/peers/geodesy_reference.sql, where the
// zones and sectors are spelled out. Sectors are drawn there with one arc point every
// 0.01 degree. The project's promise is 0.1 % or 2 m of PostGIS.
//
// PostGIS draws a polygon edge as a great circle on a sphere, ringfence as a geodesic
// on the ellipsoid; over an 88 km edge the two lie about half a metre apart. So sites
// are also checked, to a centimetre, against ellipsoidal brute force
// (bench/peers/geodesy_reference_geod.py: GeographicLib's geodesics through PROJ,
// each edge sampled every few millimetres near its nearest point).
#include <gtest/gtest.h>

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/GeodesicLine.hpp>
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "ringfence/geo.hpp"

namespace ringfence {
namespace {

constexpr double kTolerance_m = 0.05;  // sectors against PostGIS
constexpr double kGeodesicTolerance_m = 0.01;

// The promise: within 0.1 % or 2 m of PostGIS geography.
double promised(double postgis_m) {
  return std::max(2.0, 0.001 * postgis_m);
}

Zone point_zone(double lon, double lat) {
  Zone z;
  z.is_point = true;
  z.point = {lon, lat};
  return z;
}

Zone box_zone(double lon0, double lat0, double lon1, double lat1) {
  Zone z;
  z.polygons.push_back(
      {Ring{{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}, {lon0, lat0}}});
  return z;
}

const Zone kPoint = point_zone(127.0286, 37.2636);
const Zone kLongEdges = box_zone(126, 37.5, 127, 37.8);
const Zone kFlatNorth = box_zone(126.95, 37.0658, 127.05, 37.1);
const Zone kEastPoint = point_zone(127.0513, 36.9612);
const Zone kSquareNe = box_zone(127.04, 37.04, 127.08, 37.08);

struct SiteCase {
  const Zone* zone;
  double lon, lat, postgis_m, geodesic_m;
};

TEST(GeodesyReference, SiteToZoneDistancesMatchPostgisGeography) {
  const std::vector<SiteCase> cases = {
      {&kPoint, 126.9780, 37.5665, 33914.6045, 33914.6045},
      {&kLongEdges, 125.9, 37.81, 8876.1218, 8876.1218},    // beyond a corner
      {&kLongEdges, 127.034, 37.65, 3000.4407, 3000.4407},  // east of a meridian edge
      {&kLongEdges, 126.5, 37.499, 227.9319, 228.4279},     // south of a 88 km east-west edge
      // North of latitude 37.5 (inside, were the edge straight in longitude and
      // latitude) yet south of the geodesic edge, which bulges 112 m towards the pole.
      {&kLongEdges, 126.5, 37.50045, 67.0007, 67.4968},
  };
  for (const auto& c : cases) {
    const LonLat p{c.lon, c.lat};
    const double d = geo::distance_to_zone_m(p, *c.zone);
    EXPECT_NEAR(d, c.geodesic_m, kGeodesicTolerance_m) << c.lon << ' ' << c.lat;
    EXPECT_NEAR(d, c.postgis_m, promised(c.postgis_m)) << c.lon << ' ' << c.lat;
    EXPECT_NEAR(geo::distance_to_zone_m(p, *c.zone, c.postgis_m + 1), c.geodesic_m,
                kGeodesicTolerance_m);
  }
}

TEST(GeodesyReference, InsideFollowsGeodesicEdges) {
  // South of latitude 37.8 in PostGIS's (and ringfence's) geodesic polygon: inside.
  EXPECT_TRUE(geo::inside_polygon({126.5, 37.8005}, kLongEdges.polygons[0]));
  EXPECT_EQ(geo::distance_to_zone_m({126.5, 37.8005}, kLongEdges), 0.0);
  EXPECT_FALSE(geo::inside_polygon({126.5, 37.50045}, kLongEdges.polygons[0]));
  // Far from every edge the answer is the plain one.
  EXPECT_TRUE(geo::inside_polygon({126.5, 37.65}, kLongEdges.polygons[0]));
  EXPECT_FALSE(geo::inside_polygon({127.5, 37.65}, kLongEdges.polygons[0]));
}

struct SectorCase {
  const Zone* zone;
  double azimuth, beamwidth, range_m, postgis_m;
};

TEST(GeodesyReference, SectorToZoneDistancesMatchPostgisGeography) {
  const LonLat site{127.0, 37.0};
  const std::vector<SectorCase> cases = {
      // The arc faces a flat edge: a 5-degree chord would put it 6.66 m further.
      {&kFlatNorth, 0, 65, 7000, 303.5339},   {&kFlatNorth, 20, 120, 7000, 303.5339},
      {&kEastPoint, 90, 60, 3000, 3427.7265},  // a point zone beside the beam
      {&kSquareNe, 0, 30, 4000, 2588.2686},    // the nearest point on a radial edge
      {&kSquareNe, 45, 10, 5000, 700.3293},    // the arc faces a corner
  };
  for (const auto& c : cases)
    EXPECT_NEAR(geo::sector_distance_to_zone_m(site, c.azimuth, c.beamwidth, c.range_m, *c.zone),
                c.postgis_m, kTolerance_m)
        << c.azimuth << ' ' << c.beamwidth << ' ' << c.range_m;
}

// The nearest point of an edge is found once in a projection and measured there,
// without further search; an edge nearest at a vertex is measured at the vertex.
// Against a golden-section search for the minimum along each ellipsoidal geodesic
// edge, on triangles whose nearest edge is 1 to 300 km long, 100 m to 20 km away, from
// points facing the edge and points beyond one of its ends, anywhere between
// latitudes -70 and 70.
TEST(GeodesyReference, EdgeDistanceMatchesABruteForceMinimumOnTheEllipsoid) {
  const GeographicLib::Geodesic& g = GeographicLib::Geodesic::WGS84();
  auto brute_force = [&](LonLat p, LonLat a, LonLat b) {
    double s12 = 0, azi1 = 0, azi2 = 0;
    g.Inverse(a.lat, a.lon, b.lat, b.lon, s12, azi1, azi2);
    const GeographicLib::GeodesicLine line = g.Line(a.lat, a.lon, azi1);
    auto at = [&](double s) {
      double lat = 0, lon = 0;
      line.Position(s, lat, lon);
      return geo::distance_m(p, {lon, lat});
    };
    double lo = 0, hi = s12;
    for (int i = 0; i < 120; ++i) {
      const double m1 = lo + (hi - lo) / 3, m2 = hi - (hi - lo) / 3;
      if (at(m1) < at(m2))
        hi = m2;
      else
        lo = m1;
    }
    return at((lo + hi) / 2);
  };
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(0, 1);
  int cases = 0, at_a_vertex = 0;
  for (const double edge_m : {1e3, 2e4, 1e5, 3e5})
    for (const double away_m : {100.0, 5e3, 2e4})
      for (int k = 0; k < 20; ++k) {
        const LonLat p{360 * unit(rng) - 180, 140 * unit(rng) - 70};
        double foot_lat = 0, foot_lon = 0, heading = 0, ignored = 0;
        g.Direct(p.lat, p.lon, 360 * unit(rng), away_m, foot_lat, foot_lon, heading);
        // The foot inside the edge, or up to 1.5 edge lengths beyond either end.
        const double shift = (unit(rng) - 0.5) * (k % 2 ? 0.8 : 4) * edge_m;
        LonLat a, b, c;
        g.Direct(foot_lat, foot_lon, heading + 90, -(edge_m / 2 + shift), a.lat, a.lon, ignored);
        g.Direct(foot_lat, foot_lon, heading + 90, edge_m / 2 - shift, b.lat, b.lon, ignored);
        g.Direct(foot_lat, foot_lon, heading, edge_m, c.lat, c.lon, ignored);  // beyond the edge
        Zone zone;
        zone.polygons.push_back({Ring{a, b, c, a}});
        const double expected =
            std::min({brute_force(p, a, b), brute_force(p, b, c), brute_force(p, c, a)});
        if (std::fabs(shift) > edge_m / 2) ++at_a_vertex;
        // A micrometre at the ranges of zone rules; beyond, 0.1 mm per km (a 300 km
        // edge 250 km away: 17 mm).
        const double tolerance = edge_m <= 1e5 && expected <= 5e3 ? 1e-6 : 5e-5 + 1e-7 * expected;
        EXPECT_NEAR(geo::distance_to_zone_m(p, zone), expected, tolerance)
            << edge_m << " m edge, " << away_m << " m away, at " << p.lon << ' ' << p.lat;
        ++cases;
      }
  EXPECT_EQ(cases, 240);
  EXPECT_GT(at_a_vertex, 60);
}

TEST(GeodesyReference, PointDistanceIsKarneysGeodesic) {
  EXPECT_NEAR(geo::distance_m({126.9780, 37.5665}, {127.0286, 37.2636}), 33914.6045, 1e-3);
}

}  // namespace
}  // namespace ringfence
