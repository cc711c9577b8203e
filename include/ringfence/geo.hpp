// Geodesy on the WGS84 ellipsoid (GeographicLib, Karney's algorithms) and a spatial
// index of zones, for zone rules.
//
// Accuracy: point-to-point distances are exact (to nanometres). Polygon edges are
// geodesics; the distance from a point to a polygon is the distance to the nearest
// edge (to well under a millimetre: see distance_to_geodesic_segment), 0 inside.
// Inside-ness follows geodesic edges too: a point near an edge is decided in a
// gnomonic projection centred on it, where geodesics are straight. Sector footprints
// are computed in an azimuthal equidistant projection centred on the site, with the
// true arc (exact along bearings from the site; within 0.01 % elsewhere at ranges
// under 50 km). tests/unit/geodesy_reference_test.cpp holds reference values computed
// with PostGIS geography (spheroid) and the bound they are met to.
#pragma once
// The R-tree pulls in Boost.Math's constants, which in Boost 1.74 include a header
// Boost itself deprecated (boost/detail/no_exceptions_support.hpp); nothing here uses
// it, so its note is silenced. Defined before any Boost header of the file.
#ifndef BOOST_ALLOW_DEPRECATED_HEADERS
#define BOOST_ALLOW_DEPRECATED_HEADERS
#endif
#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/point.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "ringfence/network.hpp"

namespace ringfence::geo {

// "Within radius_m" is d <= radius_m + kWithinTolerance_m: a site placed exactly at the
// radius (e.g. by a geodesic Direct computation) must count, although its coordinates,
// rounded to doubles, put it a nanometre or so further away.
inline constexpr double kWithinTolerance_m = 1e-6;

double distance_m(LonLat a, LonLat b);
bool inside_polygon(LonLat p, const Polygon& polygon);
// Geodesic distance from p to the zone: 0 inside a polygon (holes excluded).
// Exact when the distance is at most limit_m; beyond it, some value above limit_m
// (far zones are not measured exactly).
double distance_to_zone_m(LonLat p, const Zone& zone,
                          double limit_m = std::numeric_limits<double>::infinity());
// Distance from a radio sector (azimuth ± beamwidth/2 out to range_m, degrees
// clockwise from north) to the zone; 0 when they overlap.
double sector_distance_to_zone_m(LonLat site, double azimuth, double beamwidth, double range_m,
                                 const Zone& zone);

struct ZoneHit {
  std::uint32_t zone = 0;
  double distance_m = 0;
};

// An R-tree over the bounding boxes of the selected zones. Queries cost
// O(log zones + candidates), not O(zones).
class ZoneIndex {
 public:
  ZoneIndex(const std::vector<Zone>& zones, const std::vector<std::uint8_t>& selected);
  // Selected zones whose bounding box may lie within reach_m of p.
  void candidates(LonLat p, double reach_m, std::vector<std::uint32_t>& out) const;
  // The nearest selected zone within radius_m of p (ties: smaller zone_id).
  std::optional<ZoneHit> nearest_within(LonLat p, double radius_m) const;
  bool empty() const { return tree_.empty(); }

 private:
  using Point = boost::geometry::model::point<double, 2, boost::geometry::cs::cartesian>;
  using Box = boost::geometry::model::box<Point>;
  const std::vector<Zone>& zones_;
  boost::geometry::index::rtree<std::pair<Box, std::uint32_t>, boost::geometry::index::rstar<16>>
      tree_;
};

}  // namespace ringfence::geo
