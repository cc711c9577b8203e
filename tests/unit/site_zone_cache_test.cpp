// The site-zone cache of `serve`: answers kept across evaluations equal those measured
// afresh, and a second evaluation of the same zone set and radius measures nothing.
#include "analysis/site_zone_cache.hpp"

#include <gtest/gtest.h>

#include <string>

#include "ringfence/bundle.hpp"
#include "ringfence/check.hpp"
#include "ringfence/check_output.hpp"

namespace ringfence {
namespace {

const std::string kKorea = std::string(RINGFENCE_SOURCE_DIR) + "/examples/korea-small";

std::string check_json(const LoadedBundle& b, const std::string& policy_text) {
  const CheckResult r =
      evaluate(b.network, {parse_policy(policy_text, "p.toml")}, *parse_iso_date("2024-01-01"), 2);
  return render_check_json(b.network, r, {"korea", b.files});
}

std::string zone_policy(const std::string& vendors, int radius_m) {
  return "[policy]\nid = \"p\"\n[[rule]]\nid = \"bases\"\nkind = \"zone_exclusion\"\nvendors = " +
         vendors +
         "\nzones = { category = [\"military\"] }\nradius_m = " + std::to_string(radius_m) +
         "\n[[rule]]\nid = \"paths\"\nkind = \"path_exclusion\"\nvendors = [\"Huawei\"]\nfrom = "
         "{ domain = \"ran\" }\nfrom_zones = { category = [\"military\"] }\nfrom_radius_m = " +
         std::to_string(radius_m) + "\nthrough = { domain = [\"transport\", \"core\"] }\n";
}

TEST(SiteZoneCache, AnswersAsMeasuredAfreshAndMeasuresEachSiteOnce) {
  const LoadedBundle b = load_bundle(kKorea);
  const std::string huawei = zone_policy("[\"Huawei\"]", 5000);
  const std::string both = zone_policy("[\"Huawei\", \"ZTE\", \"Nokia\"]", 5000);
  const std::string wider = zone_policy("[\"Huawei\"]", 8000);
  const std::string fresh_huawei = check_json(b, huawei), fresh_both = check_json(b, both),
                    fresh_wider = check_json(b, wider);
  ASSERT_NE(fresh_huawei, fresh_both);
  ASSERT_NE(fresh_huawei, fresh_wider);

  analysis::SiteZoneCache cache(b.network);
  ASSERT_EQ(analysis::SiteZoneCache::active_for(b.network), &cache);
  EXPECT_EQ(check_json(b, huawei), fresh_huawei);
  const std::size_t measured = cache.sites_measured();
  EXPECT_GT(measured, 0u);
  EXPECT_LE(measured, b.network.sites.size());
  EXPECT_EQ(check_json(b, huawei), fresh_huawei);
  EXPECT_EQ(cache.sites_measured(), measured);  // all known
  // More vendors: only the sites not measured yet are.
  EXPECT_EQ(check_json(b, both), fresh_both);
  EXPECT_LE(cache.sites_measured(), b.network.sites.size());
  const std::size_t after_both = cache.sites_measured();
  // Another radius is another entry, measured afresh.
  EXPECT_EQ(check_json(b, wider), fresh_wider);
  EXPECT_GT(cache.sites_measured(), after_both);
  EXPECT_EQ(check_json(b, both), fresh_both);
}

TEST(SiteZoneCache, OnlyForItsNetwork) {
  const LoadedBundle a = load_bundle(kKorea), b = load_bundle(kKorea);
  analysis::SiteZoneCache cache(a.network);
  EXPECT_EQ(analysis::SiteZoneCache::active_for(b.network), nullptr);
  check_json(b, zone_policy("[\"Huawei\"]", 5000));
  EXPECT_EQ(cache.sites_measured(), 0u);
}

}  // namespace
}  // namespace ringfence
