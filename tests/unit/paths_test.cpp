// Data paths and blast radius on a crafted bundle with exact figures: a diamond, a
// cycle, an element with no path (and a cycle with no exit), two vendors on one path,
// a zone-filtered origin; the condensation and label propagation below them.
#include "analysis/paths.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "paths_fixture.hpp"
#include "ringfence/bundle.hpp"
#include "ringfence/paths.hpp"
#include "test_support.hpp"

namespace ringfence {
namespace {

using testing::kPathsBundle;

class PathsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    testing::write_bundle(*dir_, kPathsBundle);
    bundle_ = new LoadedBundle(load_bundle(dir_->str()));
  }
  static void TearDownTestSuite() {
    delete bundle_;
    delete dir_;
  }
  static const Network& net() { return bundle_->network; }
  static std::uint32_t row(const char* id) { return net().elements.id.find(id); }
  static std::uint32_t vendor(const char* name) { return net().vendors.resolve(name); }

  // "Vendor:domain" pairs crossed by each origin with a path.
  static std::map<std::string, std::vector<std::string>> crossed(const PathsResult& r) {
    std::map<std::string, std::vector<std::string>> out;
    for (std::size_t i = 0; i < r.with_path.size(); ++i) {
      auto& list = out[std::string(net().elements.id.get(r.with_path[i]))];
      for (std::uint32_t k = r.crossed_offsets[i]; k < r.crossed_offsets[i + 1]; ++k)
        list.push_back(net().vendors.get(r.crossed[k].first).name + ":" +
                       std::string(kDomainNames[static_cast<int>(r.crossed[k].second)]));
      std::sort(list.begin(), list.end());
    }
    return out;
  }
  static const PathsVendor* find(const PathsGroup& g, const char* name) {
    for (const auto& v : g.vendors)
      if (net().vendors.get(v.vendor).name == name) return &v;
    return nullptr;
  }

  static testing::TempDir* dir_;
  static LoadedBundle* bundle_;
};
testing::TempDir* PathsTest::dir_ = nullptr;
LoadedBundle* PathsTest::bundle_ = nullptr;

constexpr auto kRan = static_cast<std::size_t>(Domain::kRan);
constexpr auto kTransport = static_cast<std::size_t>(Domain::kTransport);
constexpr auto kCore = static_cast<std::size_t>(Domain::kCore);

TEST_F(PathsTest, CondensationMakesEachCycleOneComponentInReverseTopologicalOrder) {
  const analysis::ElementMask all(net().elements.size(), 1);
  const analysis::Condensation c = analysis::condense(net().links, all);
  // 15 elements, two 2-cycles: 13 components.
  EXPECT_EQ(c.size(), 13u);
  EXPECT_EQ(c.component[row("T3")], c.component[row("T4")]);
  EXPECT_EQ(c.component[row("T9")], c.component[row("T10")]);
  EXPECT_NE(c.component[row("T3")], c.component[row("T9")]);
  // Every link leaving a component leads to a smaller number.
  const Links& l = net().links;
  for (std::size_t k = 0; k < l.size(); ++k) {
    const auto a = c.component[l.from[k]], b = c.component[l.to[k]];
    if (a != b) {
      EXPECT_GT(a, b) << l.from[k] << "->" << l.to[k];
    }
  }
}

TEST_F(PathsTest, ReachabilityStopsAtBlockedElements) {
  analysis::ElementMask core(net().elements.size(), 0);
  core[row("C1")] = core[row("C2")] = 1;
  const auto on_path = analysis::reaches_any(net().links, core);
  std::vector<std::string> without;
  for (std::uint32_t e = 0; e < on_path.size(); ++e)
    if (!on_path[e]) without.emplace_back(net().elements.id.get(e));
  EXPECT_EQ(without, (std::vector<std::string>{"R4", "T9", "T10"}));
  analysis::ElementMask blocked(net().elements.size(), 0);
  blocked[row("T1")] = blocked[row("T5")] = 1;
  const auto after = analysis::reaches_any(net().links, core, blocked);
  EXPECT_TRUE(after[row("R1")]);  // the other arm of the diamond
  EXPECT_FALSE(after[row("R3")]);
  EXPECT_FALSE(after[row("T5")]);
}

TEST_F(PathsTest, EachOriginCrossesTheVendorsOfEveryElementOnItsPaths) {
  const PathsResult r = compute_paths(net(), {});
  EXPECT_EQ(r.origins, 5u);
  ASSERT_EQ(r.no_path.size(), 1u);
  EXPECT_EQ(net().elements.id.get(r.no_path[0]), "R4");
  using V = std::vector<std::string>;
  const auto c = crossed(r);
  EXPECT_EQ(c.at("R1"), (V{"Cisco:transport", "Huawei:transport", "Samsung:core", "Samsung:ran"}));
  EXPECT_EQ(c.at("R2"), (V{"Nokia:ran", "Nokia:transport", "Samsung:core", "ZTE:transport"}));
  EXPECT_EQ(c.at("R3"), (V{"Huawei:transport", "Samsung:core", "Samsung:ran", "ZTE:transport"}));
  EXPECT_EQ(c.at("R5"), (V{"Ericsson:core", "Ericsson:ran"}));
  EXPECT_EQ(c.size(), 4u);
}

TEST_F(PathsTest, TrafficSharesPerOperatorSplitByDomain) {
  const PathsResult r = compute_paths(net(), {});
  ASSERT_EQ(r.groups.size(), 2u);
  const PathsGroup& a = r.groups[0];
  EXPECT_EQ(a.key, std::vector<std::string>{"A"});
  EXPECT_DOUBLE_EQ(a.total, 100);  // R1..R4
  EXPECT_DOUBLE_EQ(a.no_path, 40);
  // Largest first, then by name: Samsung 60, ZTE 50, Huawei 40, Nokia 20, Cisco 10.
  std::vector<std::string> order;
  for (const auto& v : a.vendors) order.push_back(net().vendors.get(v.vendor).name);
  EXPECT_EQ(order, (std::vector<std::string>{"Samsung", "ZTE", "Huawei", "Nokia", "Cisco"}));
  const PathsVendor* samsung = find(a, "Samsung");
  EXPECT_DOUBLE_EQ(samsung->amount, 60);
  EXPECT_DOUBLE_EQ(samsung->share, 0.6);
  EXPECT_DOUBLE_EQ(samsung->by_domain[kRan], 40);
  EXPECT_DOUBLE_EQ(samsung->by_domain[kCore], 60);
  const PathsVendor* huawei = find(a, "Huawei");
  EXPECT_DOUBLE_EQ(huawei->amount, 40);  // R4's own traffic has no path: not counted
  EXPECT_DOUBLE_EQ(huawei->by_domain[kTransport], 40);
  EXPECT_DOUBLE_EQ(huawei->by_domain[kRan], 0);
  const PathsVendor* nokia = find(a, "Nokia");
  EXPECT_DOUBLE_EQ(nokia->by_domain[kRan], 20);
  EXPECT_DOUBLE_EQ(nokia->by_domain[kTransport], 20);
  EXPECT_DOUBLE_EQ(find(a, "ZTE")->amount, 50);
  const PathsGroup& b = r.groups[1];
  EXPECT_DOUBLE_EQ(b.total, 50);
  ASSERT_EQ(b.vendors.size(), 1u);
  EXPECT_DOUBLE_EQ(b.vendors[0].share, 1.0);
}

TEST_F(PathsTest, PopulationCountsEachSiteOncePerGroupAndVendor) {
  PathsOptions o;
  o.by = {GroupKey::kOperator, GroupKey::kRegion};
  o.measure = Measure::kPopulation;
  o.vendors = {vendor("Huawei"), vendor("Juniper")};
  const PathsResult r = compute_paths(net(), o);
  ASSERT_EQ(r.groups.size(), 3u);  // A/North, A/South, B/East
  const PathsGroup& north = r.groups[0];
  EXPECT_EQ(north.key, (std::vector<std::string>{"A", "North"}));
  EXPECT_DOUBLE_EQ(north.total, 3000);  // S1 + S2 (SC has no RAN element)
  EXPECT_DOUBLE_EQ(find(north, "Huawei")->amount, 1000);
  const PathsVendor* juniper = find(north, "Juniper");  // asked for, crosses nothing
  ASSERT_NE(juniper, nullptr);
  EXPECT_DOUBLE_EQ(juniper->amount, 0);
  const PathsGroup& south = r.groups[1];
  EXPECT_DOUBLE_EQ(south.total, 800);
  EXPECT_DOUBLE_EQ(south.no_path, 300);
  EXPECT_DOUBLE_EQ(find(south, "Huawei")->amount, 500);
  EXPECT_DOUBLE_EQ(find(south, "Huawei")->share, 500.0 / 800.0);
}

TEST_F(PathsTest, ZoneFilteredOriginKeepsOnlyTrafficNearTheZones) {
  PathsOptions o;
  o.by = {};
  o.measure = Measure::kElements;
  o.zone_origin = true;
  o.zone_filter.any_of["category"] = {"Military"};
  o.radius_m = 1000;
  const PathsResult r = compute_paths(net(), o);
  EXPECT_EQ(r.origins, 1u);
  ASSERT_EQ(r.groups.size(), 1u);
  EXPECT_DOUBLE_EQ(r.groups[0].total, 1);
  std::vector<std::string> order;
  for (const auto& v : r.groups[0].vendors) order.push_back(net().vendors.get(v.vendor).name);
  EXPECT_EQ(order, (std::vector<std::string>{"Nokia", "Samsung", "ZTE"}));
  o.radius_m = 500;  // the zone is about 556 m away
  EXPECT_EQ(compute_paths(net(), o).origins, 0u);
}

TEST_F(PathsTest, VendorBlastRadiusObservesAndCutsOff) {
  BlastRadiusOptions o;
  o.target = "HUAWEI TECHNOLOGIES CO., LTD.";
  const BlastRadiusResult r = compute_blast_radius(net(), o);
  EXPECT_EQ(r.targets.size(), 3u);  // R4, T1, T5
  const BlastGroup& n = r.network;
  EXPECT_DOUBLE_EQ(n.total.elements, 4);  // R1, R2, R3, R5
  EXPECT_DOUBLE_EQ(n.total.traffic, 110);
  EXPECT_DOUBLE_EQ(n.total.population, 4200);
  EXPECT_DOUBLE_EQ(n.observed.elements, 2);  // R1 and R3
  EXPECT_DOUBLE_EQ(n.observed.traffic, 40);
  EXPECT_DOUBLE_EQ(n.observed.population, 1500);
  EXPECT_DOUBLE_EQ(n.observed_in[kTransport].traffic, 40);
  EXPECT_DOUBLE_EQ(n.observed_in[kRan].traffic, 0);
  // R1 keeps the Cisco arm of the diamond; R3 has no other way.
  EXPECT_DOUBLE_EQ(n.cut_off.elements, 1);
  EXPECT_DOUBLE_EQ(n.cut_off.traffic, 30);
  EXPECT_DOUBLE_EQ(n.cut_off.population, 500);
  ASSERT_EQ(r.cut_off_elements.size(), 1u);
  EXPECT_EQ(r.cut_off_elements[0], row("R3"));
  ASSERT_EQ(r.operators.size(), 2u);
  EXPECT_DOUBLE_EQ(r.operators[1].observed.traffic, 0);  // B
  ASSERT_EQ(r.regions.size(), 3u);
  EXPECT_EQ(r.regions[1].region, "South");
  EXPECT_DOUBLE_EQ(r.regions[1].observed.traffic, 30);
  // R1's 10 split over the diamond's two arms; all of R3's 30 through T5.
  ASSERT_EQ(r.top.size(), 2u);
  EXPECT_EQ(r.top[0].element, row("T5"));
  EXPECT_DOUBLE_EQ(r.top[0].carried, 30);
  EXPECT_EQ(r.top[1].element, row("T1"));
  EXPECT_DOUBLE_EQ(r.top[1].carried, 5);
  EXPECT_TRUE(r.zones.empty());   // S2 is not observed
  ASSERT_EQ(r.sites.size(), 2u);  // S1 observed, S3 observed and cut off
  EXPECT_FALSE(r.sites[0].cut_off);
  EXPECT_TRUE(r.sites[1].cut_off);
}

TEST_F(PathsTest, ElementInACycleAndSiteBlastRadius) {
  BlastRadiusOptions o;
  o.kind = BlastTargetKind::kElement;
  o.target = "T4";
  o.zone_radius_m = 1000;
  const BlastRadiusResult r = compute_blast_radius(net(), o);
  EXPECT_DOUBLE_EQ(r.network.observed.traffic, 20);  // R2 through the cycle
  EXPECT_DOUBLE_EQ(r.network.cut_off.traffic, 20);
  ASSERT_EQ(r.zones.size(), 1u);
  EXPECT_DOUBLE_EQ(r.zones[0].observed.population, 2000);
  ASSERT_EQ(r.top.size(), 1u);
  EXPECT_DOUBLE_EQ(r.top[0].carried, 20);  // the cycle forwards R2's traffic once

  o.kind = BlastTargetKind::kSite;
  o.target = "S1";
  const BlastRadiusResult s = compute_blast_radius(net(), o);
  EXPECT_EQ(s.targets.size(), 2u);  // R1, T1
  EXPECT_DOUBLE_EQ(s.network.observed.traffic, 10);
  EXPECT_DOUBLE_EQ(s.network.observed_in[kRan].traffic, 10);
  EXPECT_DOUBLE_EQ(s.network.observed_in[kTransport].traffic, 10);
  EXPECT_DOUBLE_EQ(s.network.cut_off.traffic, 10);  // R1 itself fails

  o.kind = BlastTargetKind::kVendor;
  o.target = "Nobody";
  EXPECT_THROW(compute_blast_radius(net(), o), std::invalid_argument);
}

}  // namespace
}  // namespace ringfence
