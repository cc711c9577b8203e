// The land of a country (data/land/<CC>.geojson, Natural Earth outlines) as a fast
// point-in-polygon test, so generated sites never fall in the sea.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ringfence::gen {

// Invariant: every edge of every ring is listed in each latitude band it spans, so
// the even-odd test for a point only looks at the edges of its own band.
class LandMask {
 public:
  LandMask() = default;
  // Reads a GeoJSON FeatureCollection of Polygon/MultiPolygon features (with the
  // checks of zones.geojson); throws InputError naming the file.
  static LandMask load(const std::string& path);

  bool empty() const { return bands_.empty(); }
  // True when (lat, lon) is inside the land (an empty mask contains everything).
  bool contains(double lat, double lon) const;
  // The nearest point found on land around (lat, lon) — the point itself when on land,
  // else the first on land of 32 bearings on circles growing from 100 m to 100 km —
  // rounded to 5 decimals; nullopt when there is none.
  std::optional<std::pair<double, double>> land_near(double lat, double lon) const;

 private:
  struct Edge {
    double lat0, lon0, lat1, lon1;  // lat0 < lat1
  };
  double min_lat_ = 0, band_height_ = 1;
  std::vector<std::uint32_t> band_offsets_;  // CSR: edges of band b
  std::vector<Edge> bands_;
};

}  // namespace ringfence::gen
