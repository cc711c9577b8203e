#include "report/zone_buffer.hpp"

// GCC 12 warns about a point that Boost.Geometry's round join assigns in every branch
// (a false positive, reported where the buffer code is inlined into this file).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <GeographicLib/AzimuthalEquidistant.hpp>
#include <GeographicLib/Geodesic.hpp>
// The buffer algorithm needs Boost.Geometry's default strategies, hence the umbrella
// header; Boost 1.74's Boost.Math constants in it include a deprecated Boost header
// (see geo.hpp).
#ifndef BOOST_ALLOW_DEPRECATED_HEADERS
#define BOOST_ALLOW_DEPRECATED_HEADERS
#endif
#include <boost/geometry.hpp>
#include <cmath>

namespace ringfence::report {

namespace {

namespace bg = boost::geometry;
using XY = bg::model::d2::point_xy<double>;
using PolygonXY = bg::model::polygon<XY>;
using MultiXY = bg::model::multi_polygon<PolygonXY>;

// Points per full circle of a rounded join or a point zone's circle.
constexpr int kCirclePoints = 72;

LonLat centre_of(const Zone& zone) {
  if (zone.is_point) return zone.point;
  double min_lon = 180, max_lon = -180, min_lat = 90, max_lat = -90;
  for (const auto& polygon : zone.polygons)
    for (const auto& p : polygon.front()) {
      min_lon = std::min(min_lon, p.lon);
      max_lon = std::max(max_lon, p.lon);
      min_lat = std::min(min_lat, p.lat);
      max_lat = std::max(max_lat, p.lat);
    }
  return {(min_lon + max_lon) / 2, (min_lat + max_lat) / 2};
}

}  // namespace

std::vector<Polygon> zone_buffer(const Zone& zone, double radius_m) {
  std::vector<Polygon> out;
  if (!(radius_m > 0)) return out;
  const GeographicLib::AzimuthalEquidistant projection(GeographicLib::Geodesic::WGS84());
  const LonLat centre = centre_of(zone);
  auto forward = [&](LonLat p) {
    double x = 0, y = 0;
    projection.Forward(centre.lat, centre.lon, p.lat, p.lon, x, y);
    return XY(x, y);
  };
  auto reverse = [&](const XY& p) {
    double lat = 0, lon = 0;
    projection.Reverse(centre.lat, centre.lon, p.x(), p.y(), lat, lon);
    return LonLat{lon, lat};
  };

  const bg::strategy::buffer::distance_symmetric<double> distance(radius_m);
  const bg::strategy::buffer::side_straight side;
  const bg::strategy::buffer::join_round join(kCirclePoints);
  const bg::strategy::buffer::end_round end(kCirclePoints);
  const bg::strategy::buffer::point_circle circle(kCirclePoints);
  MultiXY buffered;
  if (zone.is_point) {
    bg::buffer(forward(zone.point), buffered, distance, side, join, end, circle);
  } else {
    MultiXY shapes;
    for (const auto& polygon : zone.polygons) {
      PolygonXY poly;
      for (std::size_t r = 0; r < polygon.size(); ++r) {
        auto& ring = r == 0 ? poly.outer() : poly.inners().emplace_back();
        for (const auto& p : polygon[r]) ring.push_back(forward(p));
      }
      bg::correct(poly);
      shapes.push_back(std::move(poly));
    }
    bg::buffer(shapes, buffered, distance, side, join, end, circle);
  }
  for (const auto& poly : buffered) {
    Polygon& polygon = out.emplace_back();
    auto add_ring = [&](const auto& ring) {
      Ring& r = polygon.emplace_back();
      for (const auto& p : ring) r.push_back(reverse(p));
    };
    add_ring(poly.outer());
    for (const auto& inner : poly.inners()) add_ring(inner);
  }
  return out;
}

}  // namespace ringfence::report
