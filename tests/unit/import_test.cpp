// The pieces of `import cells`: network operators from the provider list, site grouping,
// vendor rules.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "import/providers.hpp"
#include "import/site_grouping.hpp"
#include "import/vendor_rules.hpp"
#include "ringfence/diagnostics.hpp"
#include "test_support.hpp"

namespace ringfence::import {
namespace {

const char* kXml = R"(<?xml version="1.0" encoding="utf-8"?>
<serviceproviders format="2.0">
<country code="gb">
  <provider><name>O2</name><gsm><network-id mcc="234" mnc="10"/><network-id mcc="234" mnc="11"/></gsm></provider>
  <provider><name>giffgaff</name><gsm><network-id mcc="234" mnc="10"/></gsm></provider>
  <provider><name>Superdrug</name><gsm><network-id mcc="234" mnc="20"/></gsm></provider>
  <provider><name>3</name><gsm><network-id mcc="234" mnc="20"/></gsm></provider>
  <provider><name>EE</name><gsm><network-id mcc="234" mnc="30"/><network-id mcc="235" mnc="01"/></gsm></provider>
</country>
<country code="de">
  <provider><name>AldiTalk</name><gsm><network-id mcc="262" mnc="03"/></gsm></provider>
  <provider primary="true"><name>E-Plus</name><gsm><network-id mcc="262" mnc="03"/></gsm></provider>
</country>
</serviceproviders>
)";

TEST(ImportProviders, NetworkNotBrand) {
  testing::TempDir tmp;
  tmp.write("sp.xml", kXml);
  tmp.write("networks.toml", "[networks]\n\"234-20\" = \"Three UK\"\n\"999-1\" = \"Only here\"\n");
  const ProviderTable t =
      load_providers((tmp.path() / "sp.xml").string(), (tmp.path() / "networks.toml").string());
  EXPECT_EQ(t.network.at(network_key(234, 10)), "O2");        // lists most codes of 234
  EXPECT_EQ(t.network.at(network_key(234, 11)), "O2");        // only provider
  EXPECT_EQ(t.network.at(network_key(234, 20)), "Three UK");  // the table
  EXPECT_EQ(t.network.at(network_key(262, 3)), "E-Plus");     // primary="true"
  EXPECT_EQ(t.network.at(network_key(999, 1)), "Only here");
  EXPECT_EQ(t.network.count(network_key(234, 99)), 0u);
  EXPECT_EQ(t.guessed.size(), 1u);
  EXPECT_EQ(t.guessed.at(network_key(234, 10)),
            "234-10 is listed by O2, giffgaff; taken as O2 (name its network in "
            "data/import/networks.toml)");
  EXPECT_EQ(t.country_mccs.at("gb"), (std::vector<std::uint32_t>{234, 235}));
  EXPECT_EQ(t.country_mccs.at("de"), (std::vector<std::uint32_t>{262}));
}

TEST(ImportProviders, MalformedXmlIsLocated) {
  testing::TempDir tmp;
  tmp.write("sp.xml", "<serviceproviders>\n<country code=\"gb\">\n<provider>\n</country>\n");
  try {
    load_providers((tmp.path() / "sp.xml").string(), "");
    FAIL() << "accepted malformed XML";
  } catch (const InputError& e) {
    const auto& d = e.diagnostics().errors().at(0);
    EXPECT_EQ(d.line, 4u);
    EXPECT_EQ(d.column, 3u);
    EXPECT_NE(d.message.find("mismatched tag"), std::string::npos) << d.message;
  }
}

TEST(ImportSites, CellsWithinDistanceOfTheFirstShareASite) {
  // Operator 0: three cells 30 m apart in a line (a, b within 50 m of a; c 60 m from a
  // but 30 m from b: a new site, no chaining), and one cell far away. Operator 1: a cell
  // at the same place as a, which is another operator's site.
  const double m = 1.0 / 111320.0;  // one metre of latitude in degrees
  const std::vector<double> lat = {50.0, 50.0 + 30 * m, 50.0 + 60 * m, 51.0, 50.0};
  const std::vector<double> lon = {10.0, 10.0, 10.0, 10.0, 10.0};
  const std::vector<std::uint32_t> op = {0, 0, 0, 0, 1};
  const std::vector<std::uint64_t> tie = {0, 1, 2, 3, 4};
  const SiteGroups g = group_sites(lat, lon, op, tie, 50);
  ASSERT_EQ(g.size(), 4u);
  EXPECT_EQ(g.first, (std::vector<std::uint32_t>{0, 2, 3, 4, 5}));
  EXPECT_EQ(g.order, (std::vector<std::uint32_t>{0, 1, 2, 3, 4}));
  EXPECT_NEAR(g.lat[0], 50.0 + 15 * m, 1e-12);
  EXPECT_EQ(g.op, (std::vector<std::uint32_t>{0, 0, 0, 1}));
  // With 100 m, a, b and c are one site.
  EXPECT_EQ(group_sites(lat, lon, op, tie, 100).size(), 3u);
}

TEST(ImportVendorRules, FirstMatchAndDeterministicShares) {
  testing::TempDir tmp;
  tmp.write("r.toml",
            "[assignment]\nseed = 7\n"
            "[[rule]]\nid = \"a\"\noperator = \"LG U+\"\nregion = [\"Seoul\"]\n"
            "technology = \"lte\"\ninstalled_from = 2013-10-01\nvendors = { Huawei = 1.0 }\n"
            "[[rule]]\nid = \"b\"\nvendors = { Nokia = 0.5, Ericsson = 0.5 }\n");
  const VendorRules r = load_vendor_rules((tmp.path() / "r.toml").string());
  const Days after = *parse_iso_date("2014-01-01"), before = *parse_iso_date("2012-01-01");
  EXPECT_EQ(match_rule(r, "lg u+", "Seoul", "lte", after), 0);
  EXPECT_EQ(match_rule(r, "LG U+", "Seoul", "lte", before), 1);
  EXPECT_EQ(match_rule(r, "LG U+", "Seoul", "lte", kNoDate), 1);
  EXPECT_EQ(match_rule(r, "LG U+", "Busan", "lte", after), 1);
  EXPECT_EQ(r.rules[1].vendors, (std::vector<std::string>{"Ericsson", "Nokia"}));
  // Over many sites the shares come out near 50/50, and the same site always gets the
  // same vendor.
  int nokia = 0;
  for (std::uint64_t site = 1; site <= 10000; ++site) {
    const auto v = pick_vendor(r, r.rules[1], site, 2);
    EXPECT_EQ(v, pick_vendor(r, r.rules[1], site, 2));
    nokia += v == 1;
  }
  EXPECT_NEAR(nokia, 5000, 200);
}

}  // namespace
}  // namespace ringfence::import
