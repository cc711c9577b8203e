// Vendor exposure: exact amounts, shares, HHI and single-vendor domains, on a
// crafted bundle computed by hand and on examples/korea-small.
#include "ringfence/exposure.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "ringfence/bundle.hpp"
#include "test_support.hpp"

namespace ringfence::testing {
namespace {

struct V {
  std::string vendor;
  double amount;
  double share;
};

using Key = std::vector<std::string>;

void expect_group(const Network& net, const ExposureGroup& g, const Key& key, double total,
                  double hhi, const std::vector<V>& vendors) {
  std::string label;
  for (const auto& k : key) label += k + "/";
  SCOPED_TRACE("group " + label);
  EXPECT_EQ(g.key, key);
  EXPECT_DOUBLE_EQ(g.total, total);
  EXPECT_NEAR(g.hhi, hhi, 1e-9);
  ASSERT_EQ(g.vendors.size(), vendors.size());
  for (std::size_t i = 0; i < vendors.size(); ++i) {
    EXPECT_EQ(net.vendors.get(g.vendors[i].vendor).name, vendors[i].vendor) << i;
    EXPECT_DOUBLE_EQ(g.vendors[i].amount, vendors[i].amount) << vendors[i].vendor;
    EXPECT_DOUBLE_EQ(g.vendors[i].share, vendors[i].share) << vendors[i].vendor;
  }
}

TEST(ExposureNames, ParseAndPrint) {
  EXPECT_EQ(parse_group_key("operator"), GroupKey::kOperator);
  EXPECT_EQ(parse_group_key("region"), GroupKey::kRegion);
  EXPECT_EQ(parse_group_key("domain"), GroupKey::kDomain);
  EXPECT_EQ(parse_group_key("technology"), GroupKey::kTechnology);
  EXPECT_EQ(parse_group_key("vendor"), std::nullopt);
  EXPECT_EQ(parse_group_key("Operator"), std::nullopt);
  EXPECT_EQ(group_key_name(GroupKey::kTechnology), "technology");
  EXPECT_EQ(parse_measure("elements"), Measure::kElements);
  EXPECT_EQ(parse_measure("sites"), Measure::kSites);
  EXPECT_EQ(parse_measure("traffic"), Measure::kTraffic);
  EXPECT_EQ(parse_measure("population"), Measure::kPopulation);
  EXPECT_EQ(parse_measure("cost"), std::nullopt);
  EXPECT_EQ(measure_name(Measure::kPopulation), "population");
}

// Two operators, five sites, ten elements. Vendor spellings vary (aliases), the
// technology case varies, A3 has no population and several elements no traffic.
class CraftedExposure : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    TempDir dir;
    write_bundle(dir, {{"sites.csv",
                        "site_id,operator,lat,lon,kind,region,population\n"
                        "A1,Alpha,10,10,macro,North,1000\n"
                        "A2,Alpha,10,11,macro,South,3000\n"
                        "A3,Alpha,10,12,core_dc,North,\n"
                        "B1,Beta,11,10,macro,North,2000\n"
                        "B2,Beta,11,11,small,South,500\n"},
                       {"elements.csv",
                        "element_id,site_id,vendor,domain,technology,traffic\n"
                        "a1,A1,Huawei,ran,LTE,10\n"
                        "a2,A1,Nokia,ran,nr,30\n"
                        "a3,A2,Huawei Technologies,ran,NR,20\n"
                        "a4,A2,HW,ran,lte,\n"
                        "a5,A3,Ericsson,core,,\n"
                        "a6,A3,Ericsson AB,core,,\n"
                        "b1,B1,Samsung,ran,nr,40\n"
                        "b2,B1,Samsung Electronics,ran,lte,10\n"
                        "b3,B2,Ericsson,ran,nr,50\n"
                        "b4,B2,NSN,transport,fibre,\n"}});
    bundle_ = std::make_unique<LoadedBundle>(load_bundle(dir.str()));
  }
  static void TearDownTestSuite() { bundle_.reset(); }
  static const Network& net() { return bundle_->network; }
  static ExposureResult run(std::vector<GroupKey> by, Measure m) {
    return compute_exposure(net(), by, m);
  }
  static std::unique_ptr<LoadedBundle> bundle_;
};
std::unique_ptr<LoadedBundle> CraftedExposure::bundle_;

TEST_F(CraftedExposure, ElementsByOperator) {
  const auto r = run({GroupKey::kOperator}, Measure::kElements);
  EXPECT_EQ(r.by, std::vector<GroupKey>{GroupKey::kOperator});
  EXPECT_EQ(r.measure, Measure::kElements);
  ASSERT_EQ(r.groups.size(), 2u);
  // Alpha: Huawei 3, Ericsson 2, Nokia 1 of 6 -> HHI 10000 (9 + 4 + 1) / 36.
  expect_group(net(), r.groups[0], {"Alpha"}, 6, 10000.0 * 14 / 36,
               {{"Huawei", 3, 0.5}, {"Ericsson", 2, 2.0 / 6}, {"Nokia", 1, 1.0 / 6}});
  // Beta: Samsung 2, Ericsson 1, Nokia 1 of 4 (ties by name).
  expect_group(net(), r.groups[1], {"Beta"}, 4, 3750,
               {{"Samsung", 2, 0.5}, {"Ericsson", 1, 0.25}, {"Nokia", 1, 0.25}});
}

TEST_F(CraftedExposure, SitesByOperatorCountASiteOncePerVendor) {
  const auto r = run({GroupKey::kOperator}, Measure::kSites);
  ASSERT_EQ(r.groups.size(), 2u);
  // Alpha: A1 {Huawei, Nokia}, A2 {Huawei}, A3 {Ericsson}: 3 sites; the HHI uses
  // the amounts normalised by their sum (4): 10000 (1/4 + 1/16 + 1/16).
  expect_group(net(), r.groups[0], {"Alpha"}, 3, 3750,
               {{"Huawei", 2, 2.0 / 3}, {"Ericsson", 1, 1.0 / 3}, {"Nokia", 1, 1.0 / 3}});
  // Beta: B1 {Samsung}, B2 {Ericsson, Nokia}: 2 sites, amounts sum to 3.
  expect_group(net(), r.groups[1], {"Beta"}, 2, 10000.0 / 3,
               {{"Ericsson", 1, 0.5}, {"Nokia", 1, 0.5}, {"Samsung", 1, 0.5}});
}

TEST_F(CraftedExposure, PopulationByOperatorTreatsMissingAsZero) {
  const auto r = run({GroupKey::kOperator}, Measure::kPopulation);
  ASSERT_EQ(r.groups.size(), 2u);
  // Alpha: A1 1000 {Huawei, Nokia}, A2 3000 {Huawei}, A3 none {Ericsson}: total 4000;
  // amounts 4000, 1000, 0 normalised by 5000 -> 10000 (0.64 + 0.04).
  expect_group(net(), r.groups[0], {"Alpha"}, 4000, 6800,
               {{"Huawei", 4000, 1.0}, {"Nokia", 1000, 0.25}, {"Ericsson", 0, 0}});
  // Beta: B1 2000 {Samsung}, B2 500 {Ericsson, Nokia}: total 2500, amounts sum 3000.
  expect_group(net(), r.groups[1], {"Beta"}, 2500, 10000.0 * (16 + 1 + 1) / 36,
               {{"Samsung", 2000, 0.8}, {"Ericsson", 500, 0.2}, {"Nokia", 500, 0.2}});
}

TEST_F(CraftedExposure, TrafficByOperatorTreatsMissingAsZero) {
  const auto r = run({GroupKey::kOperator}, Measure::kTraffic);
  ASSERT_EQ(r.groups.size(), 2u);
  expect_group(net(), r.groups[0], {"Alpha"}, 60, 5000,
               {{"Huawei", 30, 0.5}, {"Nokia", 30, 0.5}, {"Ericsson", 0, 0}});
  expect_group(net(), r.groups[1], {"Beta"}, 100, 5000,
               {{"Ericsson", 50, 0.5}, {"Samsung", 50, 0.5}, {"Nokia", 0, 0}});
}

TEST_F(CraftedExposure, TrafficByDomainWithAZeroTotalGroup) {
  const auto r = run({GroupKey::kDomain}, Measure::kTraffic);
  ASSERT_EQ(r.groups.size(), 3u);
  expect_group(net(), r.groups[0], {"core"}, 0, 0, {{"Ericsson", 0, 0}});
  expect_group(net(), r.groups[1], {"ran"}, 160, 10000.0 * (25 + 25 + 9 + 9) / 256,
               {{"Ericsson", 50, 50.0 / 160},
                {"Samsung", 50, 50.0 / 160},
                {"Huawei", 30, 30.0 / 160},
                {"Nokia", 30, 30.0 / 160}});
  expect_group(net(), r.groups[2], {"transport"}, 0, 0, {{"Nokia", 0, 0}});
}

TEST_F(CraftedExposure, ElementsByOperatorAndDomain) {
  const auto r = run({GroupKey::kOperator, GroupKey::kDomain}, Measure::kElements);
  ASSERT_EQ(r.groups.size(), 4u);
  expect_group(net(), r.groups[0], {"Alpha", "core"}, 2, 10000, {{"Ericsson", 2, 1.0}});
  expect_group(net(), r.groups[1], {"Alpha", "ran"}, 4, 6250,
               {{"Huawei", 3, 0.75}, {"Nokia", 1, 0.25}});
  expect_group(net(), r.groups[2], {"Beta", "ran"}, 3, 10000.0 * 5 / 9,
               {{"Samsung", 2, 2.0 / 3}, {"Ericsson", 1, 1.0 / 3}});
  expect_group(net(), r.groups[3], {"Beta", "transport"}, 1, 10000, {{"Nokia", 1, 1.0}});
}

TEST_F(CraftedExposure, SitesByOperatorAndDomain) {
  const auto r = run({GroupKey::kOperator, GroupKey::kDomain}, Measure::kSites);
  ASSERT_EQ(r.groups.size(), 4u);
  expect_group(net(), r.groups[0], {"Alpha", "core"}, 1, 10000, {{"Ericsson", 1, 1.0}});
  // A1 {Huawei, Nokia} and A2 {Huawei}: Huawei is on every RAN site of Alpha.
  expect_group(net(), r.groups[1], {"Alpha", "ran"}, 2, 10000.0 * 5 / 9,
               {{"Huawei", 2, 1.0}, {"Nokia", 1, 0.5}});
  expect_group(net(), r.groups[2], {"Beta", "ran"}, 2, 5000,
               {{"Ericsson", 1, 0.5}, {"Samsung", 1, 0.5}});
}

TEST_F(CraftedExposure, ByRegion) {
  const auto r = run({GroupKey::kRegion}, Measure::kElements);
  ASSERT_EQ(r.groups.size(), 2u);
  expect_group(net(), r.groups[0], {"North"}, 6, 10000.0 * 10 / 36,
               {{"Ericsson", 2, 2.0 / 6},
                {"Samsung", 2, 2.0 / 6},
                {"Huawei", 1, 1.0 / 6},
                {"Nokia", 1, 1.0 / 6}});
  expect_group(net(), r.groups[1], {"South"}, 4, 3750,
               {{"Huawei", 2, 0.5}, {"Ericsson", 1, 0.25}, {"Nokia", 1, 0.25}});
}

TEST_F(CraftedExposure, ByOperatorAndTechnologyMergesCaseAndKeepsEmpty) {
  const auto r = run({GroupKey::kOperator, GroupKey::kTechnology}, Measure::kElements);
  ASSERT_EQ(r.groups.size(), 6u);
  expect_group(net(), r.groups[0], {"Alpha", ""}, 2, 10000, {{"Ericsson", 2, 1.0}});
  expect_group(net(), r.groups[1], {"Alpha", "lte"}, 2, 10000, {{"Huawei", 2, 1.0}});
  expect_group(net(), r.groups[2], {"Alpha", "nr"}, 2, 5000,
               {{"Huawei", 1, 0.5}, {"Nokia", 1, 0.5}});
  expect_group(net(), r.groups[3], {"Beta", "fibre"}, 1, 10000, {{"Nokia", 1, 1.0}});
  expect_group(net(), r.groups[4], {"Beta", "lte"}, 1, 10000, {{"Samsung", 1, 1.0}});
  expect_group(net(), r.groups[5], {"Beta", "nr"}, 2, 5000,
               {{"Ericsson", 1, 0.5}, {"Samsung", 1, 0.5}});
}

TEST_F(CraftedExposure, WholeNetwork) {
  const auto elements = run({}, Measure::kElements);
  ASSERT_EQ(elements.groups.size(), 1u);
  expect_group(net(), elements.groups[0], {}, 10, 2600,
               {{"Ericsson", 3, 0.3}, {"Huawei", 3, 0.3}, {"Nokia", 2, 0.2}, {"Samsung", 2, 0.2}});
  const auto sites = run({}, Measure::kSites);
  ASSERT_EQ(sites.groups.size(), 1u);
  // 5 sites; vendor-site pairs sum to 7.
  expect_group(net(), sites.groups[0], {}, 5, 10000.0 * (4 + 4 + 4 + 1) / 49,
               {{"Ericsson", 2, 0.4}, {"Huawei", 2, 0.4}, {"Nokia", 2, 0.4}, {"Samsung", 1, 0.2}});
  const auto population = run({}, Measure::kPopulation);
  ASSERT_EQ(population.groups.size(), 1u);
  expect_group(net(), population.groups[0], {}, 6500, 10000.0 * (16 + 4 + 2.25 + 0.25) / 64,
               {{"Huawei", 4000, 4000.0 / 6500},
                {"Samsung", 2000, 2000.0 / 6500},
                {"Nokia", 1500, 1500.0 / 6500},
                {"Ericsson", 500, 500.0 / 6500}});
}

TEST_F(CraftedExposure, SingleVendorDomains) {
  const auto r = run({GroupKey::kOperator}, Measure::kElements);
  ASSERT_EQ(r.single_vendor_domains.size(), 2u);
  const auto& a = r.single_vendor_domains[0];
  EXPECT_EQ(a.operator_name, "Alpha");
  EXPECT_EQ(a.domain, Domain::kCore);
  EXPECT_EQ(net().vendors.get(a.vendor).name, "Ericsson");
  EXPECT_EQ(a.elements, 2u);
  const auto& b = r.single_vendor_domains[1];
  EXPECT_EQ(b.operator_name, "Beta");
  EXPECT_EQ(b.domain, Domain::kTransport);
  EXPECT_EQ(net().vendors.get(b.vendor).name, "Nokia");
  EXPECT_EQ(b.elements, 1u);
  // The list does not depend on the grouping or the measure.
  const auto other = run({GroupKey::kRegion, GroupKey::kTechnology}, Measure::kPopulation);
  ASSERT_EQ(other.single_vendor_domains.size(), 2u);
  EXPECT_EQ(other.single_vendor_domains[1].operator_name, "Beta");
}

TEST_F(CraftedExposure, GroupValue) {
  // Element a3: site A2 (Alpha, South), ran, "NR" stored lower-cased.
  const std::uint32_t a3 = net().elements.id.find("a3");
  EXPECT_EQ(group_value(net(), a3, GroupKey::kOperator), "Alpha");
  EXPECT_EQ(group_value(net(), a3, GroupKey::kRegion), "South");
  EXPECT_EQ(group_value(net(), a3, GroupKey::kDomain), "ran");
  EXPECT_EQ(group_value(net(), a3, GroupKey::kTechnology), "nr");
  const std::uint32_t a5 = net().elements.id.find("a5");
  EXPECT_EQ(group_value(net(), a5, GroupKey::kTechnology), "");
  EXPECT_EQ(group_value(net(), a5, GroupKey::kDomain), "core");
}

TEST(Exposure, EmptyNetworkHasNoGroups) {
  TempDir dir;
  write_bundle(dir, {{"sites.csv", "site_id,operator,lat,lon\n"},
                     {"elements.csv", "element_id,site_id,vendor,domain\n"}});
  const LoadedBundle b = load_bundle(dir.str());
  const auto r = compute_exposure(b.network, {GroupKey::kOperator}, Measure::kSites);
  EXPECT_TRUE(r.groups.empty());
  EXPECT_TRUE(r.single_vendor_domains.empty());
}

// ---------------------------------------------------------------- korea-small
//
// Expected values computed independently from the CSV files (vendor spellings
// mapped through data/vendors.csv and the bundle's vendors.csv), as exact
// fractions; HHI = 10000 * sum(amount^2) / (sum amount)^2.

class KoreaSmallExposure : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    bundle_ = std::make_unique<LoadedBundle>(
        load_bundle(std::string(RINGFENCE_SOURCE_DIR) + "/examples/korea-small"));
  }
  static void TearDownTestSuite() { bundle_.reset(); }
  static const Network& net() { return bundle_->network; }
  static ExposureResult run(std::vector<GroupKey> by, Measure m) {
    return compute_exposure(net(), by, m);
  }
  static std::unique_ptr<LoadedBundle> bundle_;
};
std::unique_ptr<LoadedBundle> KoreaSmallExposure::bundle_;

TEST_F(KoreaSmallExposure, Sizes) {
  EXPECT_EQ(net().sites.size(), 61u);
  EXPECT_EQ(net().elements.size(), 321u);
}

TEST_F(KoreaSmallExposure, ElementsByOperator) {
  const auto r = run({GroupKey::kOperator}, Measure::kElements);
  ASSERT_EQ(r.groups.size(), 3u);
  expect_group(net(), r.groups[0], {"KT"}, 100, 3722,
               {{"Samsung", 52, 0.52},
                {"Nokia", 23, 0.23},
                {"Ericsson", 22, 0.22},
                {"Juniper", 2, 0.02},
                {"Cisco", 1, 0.01}});
  expect_group(net(), r.groups[1], {"LG U+"}, 84, 1652500.0 / 441,
               {{"Huawei", 47, 47.0 / 84},
                {"Samsung", 15, 15.0 / 84},
                {"Nokia", 13, 13.0 / 84},
                {"Ericsson", 6, 6.0 / 84},
                {"Juniper", 2, 2.0 / 84},
                {"SOLiD Inc", 1, 1.0 / 84}});
  expect_group(net(), r.groups[2], {"SK Telecom"}, 137, 66110000.0 / 18769,
               {{"Samsung", 65, 65.0 / 137},
                {"Nokia", 35, 35.0 / 137},
                {"Ericsson", 34, 34.0 / 137},
                {"Cisco", 2, 2.0 / 137},
                {"Juniper", 1, 1.0 / 137}});
  EXPECT_TRUE(r.single_vendor_domains.empty());
}

TEST_F(KoreaSmallExposure, SitesByOperator) {
  const auto r = run({GroupKey::kOperator}, Measure::kSites);
  ASSERT_EQ(r.groups.size(), 3u);
  expect_group(net(), r.groups[0], {"KT"}, 19, 28400.0 / 9,
               {{"Samsung", 13, 13.0 / 19},
                {"Nokia", 8, 8.0 / 19},
                {"Ericsson", 7, 7.0 / 19},
                {"Cisco", 1, 1.0 / 19},
                {"Juniper", 1, 1.0 / 19}});
  expect_group(net(), r.groups[1], {"LG U+"}, 16, 1210000.0 / 361,
               {{"Huawei", 10, 10.0 / 16},
                {"Nokia", 3, 3.0 / 16},
                {"Samsung", 3, 3.0 / 16},
                {"Ericsson", 1, 1.0 / 16},
                {"Juniper", 1, 1.0 / 16},
                {"SOLiD Inc", 1, 1.0 / 16}});
  expect_group(net(), r.groups[2], {"SK Telecom"}, 26, 200000.0 / 63,
               {{"Samsung", 17, 17.0 / 26},
                {"Nokia", 13, 13.0 / 26},
                {"Ericsson", 10, 10.0 / 26},
                {"Cisco", 1, 1.0 / 26},
                {"Juniper", 1, 1.0 / 26}});
}

TEST_F(KoreaSmallExposure, PopulationByOperator) {
  const auto r = run({GroupKey::kOperator}, Measure::kPopulation);
  ASSERT_EQ(r.groups.size(), 3u);
  expect_group(net(), r.groups[0], {"KT"}, 391000, 1363790000.0 / 356409,
               {{"Samsung", 305000, 305000.0 / 391000},
                {"Ericsson", 165000, 165000.0 / 391000},
                {"Nokia", 127000, 127000.0 / 391000},
                {"Cisco", 0, 0},
                {"Juniper", 0, 0}});
  expect_group(net(), r.groups[1], {"LG U+"}, 302000, 477310000.0 / 104329,
               {{"Huawei", 209000, 209000.0 / 302000},
                {"Samsung", 45000, 45000.0 / 302000},
                {"Nokia", 33000, 33000.0 / 302000},
                {"Ericsson", 30000, 30000.0 / 302000},
                {"SOLiD Inc", 6000, 6000.0 / 302000},
                {"Juniper", 0, 0}});
  expect_group(net(), r.groups[2], {"SK Telecom"}, 652000, 936905000.0 / 269361,
               {{"Samsung", 447000, 447000.0 / 652000},
                {"Nokia", 308000, 308000.0 / 652000},
                {"Ericsson", 283000, 283000.0 / 652000},
                {"Cisco", 0, 0},
                {"Juniper", 0, 0}});
}

TEST_F(KoreaSmallExposure, TrafficByOperator) {
  const auto r = run({GroupKey::kOperator}, Measure::kTraffic);
  ASSERT_EQ(r.groups.size(), 3u);
  expect_group(net(), r.groups[0], {"KT"}, 1224, 220808125.0 / 46818,
               {{"Samsung", 772, 772.0 / 1224},
                {"Ericsson", 291, 291.0 / 1224},
                {"Nokia", 161, 161.0 / 1224},
                {"Cisco", 0, 0},
                {"Juniper", 0, 0}});
  expect_group(net(), r.groups[1], {"LG U+"}, 955, 964400.0 / 191,
               {{"Huawei", 656, 656.0 / 955},
                {"Samsung", 126, 126.0 / 955},
                {"Ericsson", 100, 100.0 / 955},
                {"Nokia", 65, 65.0 / 955},
                {"SOLiD Inc", 8, 8.0 / 955},
                {"Juniper", 0, 0}});
  expect_group(net(), r.groups[2], {"SK Telecom"}, 2085, 663978800.0 / 173889,
               {{"Samsung", 1069, 1069.0 / 2085},
                {"Ericsson", 531, 531.0 / 2085},
                {"Nokia", 485, 485.0 / 2085},
                {"Cisco", 0, 0},
                {"Juniper", 0, 0}});
}

TEST_F(KoreaSmallExposure, ElementsByOperatorAndDomain) {
  const auto r = run({GroupKey::kOperator, GroupKey::kDomain}, Measure::kElements);
  ASSERT_EQ(r.groups.size(), 12u);
  const std::vector<Key> keys = {
      {"KT", "core"},        {"KT", "oss"},          {"KT", "ran"},
      {"KT", "transport"},   {"LG U+", "core"},      {"LG U+", "oss"},
      {"LG U+", "ran"},      {"LG U+", "transport"}, {"SK Telecom", "core"},
      {"SK Telecom", "oss"}, {"SK Telecom", "ran"},  {"SK Telecom", "transport"}};
  for (std::size_t i = 0; i < keys.size(); ++i) EXPECT_EQ(r.groups[i].key, keys[i]);
  expect_group(net(), r.groups[2], {"KT", "ran"}, 85, 1152400.0 / 289,
               {{"Samsung", 46, 46.0 / 85}, {"Ericsson", 21, 21.0 / 85}, {"Nokia", 18, 18.0 / 85}});
  expect_group(net(), r.groups[4], {"LG U+", "core"}, 9, 350000.0 / 81,
               {{"Samsung", 5, 5.0 / 9}, {"Nokia", 3, 3.0 / 9}, {"Huawei", 1, 1.0 / 9}});
  expect_group(net(), r.groups[5], {"LG U+", "oss"}, 3, 10000.0 / 3,
               {{"Huawei", 1, 1.0 / 3}, {"Nokia", 1, 1.0 / 3}, {"Samsung", 1, 1.0 / 3}});
  expect_group(net(), r.groups[6], {"LG U+", "ran"}, 69, 21350000.0 / 4761,
               {{"Huawei", 44, 44.0 / 69},
                {"Nokia", 9, 9.0 / 69},
                {"Samsung", 9, 9.0 / 69},
                {"Ericsson", 6, 6.0 / 69},
                {"SOLiD Inc", 1, 1.0 / 69}});
  expect_group(net(), r.groups[7], {"LG U+", "transport"}, 3, 50000.0 / 9,
               {{"Juniper", 2, 2.0 / 3}, {"Huawei", 1, 1.0 / 3}});
  expect_group(net(), r.groups[8], {"SK Telecom", "core"}, 14, 185000.0 / 49,
               {{"Samsung", 7, 0.5}, {"Ericsson", 4, 4.0 / 14}, {"Nokia", 3, 3.0 / 14}});
  expect_group(net(), r.groups[10], {"SK Telecom", "ran"}, 116, 3118750.0 / 841,
               {{"Samsung", 57, 57.0 / 116}, {"Nokia", 30, 30.0 / 116}, {"Ericsson", 29, 0.25}});
  expect_group(net(), r.groups[11], {"SK Telecom", "transport"}, 4, 3750,
               {{"Cisco", 2, 0.5}, {"Juniper", 1, 0.25}, {"Nokia", 1, 0.25}});
}

TEST_F(KoreaSmallExposure, ElementsByOperatorAndTechnology) {
  const auto r = run({GroupKey::kOperator, GroupKey::kTechnology}, Measure::kElements);
  ASSERT_EQ(r.groups.size(), 12u);
  // Elements without a technology (the OSS) form their own group, listed first.
  expect_group(net(), r.groups[0], {"KT", ""}, 3, 10000.0 / 3,
               {{"Ericsson", 1, 1.0 / 3}, {"Nokia", 1, 1.0 / 3}, {"Samsung", 1, 1.0 / 3}});
  expect_group(net(), r.groups[3], {"KT", "nr"}, 45, 443600.0 / 81,
               {{"Samsung", 31, 31.0 / 45}, {"Ericsson", 12, 12.0 / 45}, {"Nokia", 2, 2.0 / 45}});
  expect_group(net(), r.groups[6], {"LG U+", "lte"}, 39, 5830000.0 / 1521,
               {{"Huawei", 22, 22.0 / 39},
                {"Nokia", 8, 8.0 / 39},
                {"Samsung", 5, 5.0 / 39},
                {"Ericsson", 3, 3.0 / 39},
                {"SOLiD Inc", 1, 1.0 / 39}});
  expect_group(net(), r.groups[7], {"LG U+", "nr"}, 39, 6350000.0 / 1521,
               {{"Huawei", 23, 23.0 / 39},
                {"Samsung", 9, 9.0 / 39},
                {"Nokia", 4, 4.0 / 39},
                {"Ericsson", 3, 3.0 / 39}});
  expect_group(net(), r.groups[11], {"SK Telecom", "nr"}, 64, 543125.0 / 128,
               {{"Samsung", 36, 36.0 / 64}, {"Ericsson", 19, 19.0 / 64}, {"Nokia", 9, 9.0 / 64}});
}

TEST_F(KoreaSmallExposure, ByRegion) {
  const auto r = run({GroupKey::kRegion}, Measure::kElements);
  ASSERT_EQ(r.groups.size(), 10u);
  expect_group(net(), r.groups[0], {"Busan"}, 24, 3750,
               {{"Ericsson", 12, 0.5}, {"Nokia", 6, 0.25}, {"Samsung", 6, 0.25}});
  expect_group(net(), r.groups[6], {"North Jeolla"}, 9, 10000, {{"Nokia", 9, 1.0}});
  expect_group(net(), r.groups[8], {"Seoul"}, 122, 11915000.0 / 3721,
               {{"Samsung", 60, 60.0 / 122},
                {"Ericsson", 23, 23.0 / 122},
                {"Huawei", 22, 22.0 / 122},
                {"Nokia", 12, 12.0 / 122},
                {"Cisco", 2, 2.0 / 122},
                {"Juniper", 2, 2.0 / 122},
                {"SOLiD Inc", 1, 1.0 / 122}});
  expect_group(net(), r.groups[9], {"South Gyeongsang"}, 3, 10000, {{"Nokia", 3, 1.0}});
}

TEST_F(KoreaSmallExposure, WholeNetwork) {
  const auto r = run({}, Measure::kElements);
  ASSERT_EQ(r.groups.size(), 1u);
  expect_group(net(), r.groups[0], {}, 321, 285530000.0 / 103041,
               {{"Samsung", 132, 132.0 / 321},
                {"Nokia", 71, 71.0 / 321},
                {"Ericsson", 62, 62.0 / 321},
                {"Huawei", 47, 47.0 / 321},
                {"Juniper", 5, 5.0 / 321},
                {"Cisco", 3, 3.0 / 321},
                {"SOLiD Inc", 1, 1.0 / 321}});
}

}  // namespace
}  // namespace ringfence::testing
