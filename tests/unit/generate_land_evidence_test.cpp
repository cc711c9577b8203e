// The generator's land mask (no site in the sea, in any country) and the model
// evidence it writes to models.csv (the German require rules find some, not all).
#include <gtest/gtest.h>

#include <boost/geometry.hpp>
#include <filesystem>
#include <map>
#include <string>

#include "generate/land_mask.hpp"
#include "io/readers.hpp"
#include "io/text_checks.hpp"
#include "ringfence/bundle.hpp"
#include "ringfence/check.hpp"
#include "ringfence/generate.hpp"
#include "ringfence/policy.hpp"
#include "test_support.hpp"

namespace ringfence {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

const std::string kLandData = std::string(RINGFENCE_SOURCE_DIR) + "/data";

std::string land_file(const std::string& country) {
  return kLandData + "/land/" + country + ".geojson";
}

GenerateSummary generate_land(const fs::path& out, const std::string& country, std::size_t sites,
                              std::uint64_t seed = 1) {
  GenerateOptions o;
  o.country = country;
  o.sites = sites;
  o.seed = seed;
  o.out = out.string();
  o.data_dir = kLandData;
  return generate_network(o);
}

TEST(LandMask, KnownPlacesOnLandAndAtSea) {
  struct Probe {
    const char* country;
    double lat, lon;
    bool land;
  };
  const Probe probes[] = {
      {"KR", 37.5665, 126.9780, true},  {"KR", 33.3617, 126.5292, true},  // Seoul, Jeju
      {"KR", 36.0, 125.0, false},       {"KR", 35.0, 130.0, false},      // Yellow Sea, Korea Strait
      {"GB", 51.5074, -0.1278, true},   {"GB", 57.1497, -2.0943, true},  // London, Aberdeen
      {"GB", 54.0, 3.0, false},         {"GB", 53.8, -5.0, false},       // North Sea, Irish Sea
      {"DE", 52.5200, 13.4050, true},   {"DE", 54.6, 7.0, false},        // Berlin, North Sea
      {"AU", -35.2809, 149.1300, true}, {"AU", -36.0, 155.0, false},     // Canberra, Tasman Sea
      {"CA", 45.4215, -75.6972, true},  {"CA", 60.0, -85.0, false},      // Ottawa, Hudson Bay
  };
  std::map<std::string, gen::LandMask> masks;
  for (const Probe& p : probes) {
    if (!masks.count(p.country)) masks[p.country] = gen::LandMask::load(land_file(p.country));
    EXPECT_EQ(masks[p.country].contains(p.lat, p.lon), p.land)
        << p.country << " " << p.lat << "," << p.lon;
  }
}

// The banded even-odd test agrees with Boost.Geometry's within() on a grid of points
// over each country's bounding box.
TEST(LandMask, AgreesWithBoostGeometry) {
  namespace bg = boost::geometry;
  using Point = bg::model::d2::point_xy<double>;
  using BgPolygon = bg::model::polygon<Point>;
  for (const std::string country : {"KR", "GB", "DE"}) {
    Network net;
    Diagnostics diag;
    io::read_zones(io::read_whole_file(land_file(country), country), country, net, diag);
    ASSERT_FALSE(diag.has_errors());
    std::vector<BgPolygon> polygons;
    bg::model::box<Point> box;
    bg::assign_inverse(box);
    for (const Zone& z : net.zones)
      for (const Polygon& p : z.polygons) {
        BgPolygon poly;
        for (std::size_t r = 0; r < p.size(); ++r) {
          auto& ring = r == 0 ? poly.outer() : poly.inners().emplace_back();
          for (const LonLat& q : p[r]) {
            ring.push_back(Point(q.lon, q.lat));
            bg::expand(box, Point(q.lon, q.lat));
          }
        }
        bg::correct(poly);
        polygons.push_back(std::move(poly));
      }
    const gen::LandMask mask = gen::LandMask::load(land_file(country));
    std::size_t inside = 0, n = 0;
    for (int i = 0; i < 60; ++i)
      for (int j = 0; j < 60; ++j, ++n) {
        const double lon =
            box.min_corner().x() + (i + 0.37) / 60 * (box.max_corner().x() - box.min_corner().x());
        const double lat =
            box.min_corner().y() + (j + 0.61) / 60 * (box.max_corner().y() - box.min_corner().y());
        bool expected = false;
        for (const auto& poly : polygons) expected = expected || bg::within(Point(lon, lat), poly);
        EXPECT_EQ(mask.contains(lat, lon), expected) << country << " " << lat << "," << lon;
        inside += expected;
      }
    EXPECT_GT(inside, n / 10) << country;
    EXPECT_LT(inside, n) << country;
  }
}

// Every site of every country's generated network (coverage sites, coastal cities,
// aggregation and core sites) is on land.
TEST(GenerateLand, NoSiteInTheSea) {
  TempDir tmp;
  for (const std::string country : {"KR", "GB", "DE", "AU", "CA"}) {
    const fs::path out = tmp.path() / country;
    generate_land(out, country, 3000);
    const LoadedBundle b = load_bundle(out.string());
    const gen::LandMask mask = gen::LandMask::load(land_file(country));
    const Sites& s = b.network.sites;
    ASSERT_GT(s.size(), 3000u);
    std::size_t at_sea = 0;
    for (std::uint32_t i = 0; i < s.size(); ++i)
      if (!mask.contains(s.lat[i], s.lon[i])) {
        ++at_sea;
        ADD_FAILURE() << country << " " << s.id.get(i) << " at " << s.lat[i] << "," << s.lon[i];
        if (at_sea > 5) break;
      }
    EXPECT_EQ(at_sea, 0u) << country;
  }
}

// models.csv: one row per model in the bundle with evidence from
// data/profiles/evidence.toml; the German IT Security Act rules find some core
// elements, not all.
TEST(GenerateEvidence, GermanRequireRulesFindSomeModelsNotAll) {
  TempDir tmp;
  const fs::path out = tmp.path() / "de";
  generate_land(out, "DE", 2000, 7);
  const LoadedBundle b = load_bundle(out.string());
  const Network& net = b.network;
  std::size_t certified = 0, declared = 0;
  for (const auto& [key, evidence] : net.models) {
    certified +=
        evidence.attributes.count("certified") && evidence.attributes.at("certified") == "true";
    declared += evidence.attributes.at("no_spy_declaration") == "true";
  }
  EXPECT_EQ(net.models.size(), 27u);
  EXPECT_EQ(certified, 19u);
  EXPECT_EQ(declared, 18u);
  std::size_t core = 0;
  for (std::uint32_t e = 0; e < net.elements.size(); ++e)
    core += net.elements.domain[e] == Domain::kCore;
  const CheckResult r = evaluate(net, {load_policy("de-2021")}, *parse_iso_date("2024-01-01"), 1);
  std::map<std::string, std::size_t> by_rule;
  for (const auto& rule : r.rules) by_rule[rule.rule_id] = rule.findings;
  EXPECT_EQ(core, 56u);
  EXPECT_EQ(by_rule["de-2021/certified-components"], 11u);
  EXPECT_EQ(by_rule["de-2021/no-spy-declaration"], 5u);
}

}  // namespace
}  // namespace ringfence
