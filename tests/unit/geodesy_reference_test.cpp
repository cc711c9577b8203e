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

#include <algorithm>
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

TEST(GeodesyReference, PointDistanceIsKarneysGeodesic) {
  EXPECT_NEAR(geo::distance_m({126.9780, 37.5665}, {127.0286, 37.2636}), 33914.6045, 1e-3);
}

}  // namespace
}  // namespace ringfence
