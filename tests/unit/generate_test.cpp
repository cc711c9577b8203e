// The synthetic network generator: determinism, validity, structure, and the
// distributions the country profiles promise.
#include "ringfence/generate.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "ringfence/bundle.hpp"
#include "ringfence/diagnostics.hpp"
#include "test_support.hpp"

namespace ringfence {
namespace {

namespace fs = std::filesystem;
using testing::slurp;
using testing::TempDir;

const std::string kData = std::string(RINGFENCE_SOURCE_DIR) + "/data";
const char* const kBundleFiles[] = {"sites.csv",  "elements.csv",  "links.csv",
                                    "models.csv", "zones.geojson", "generator.json"};

GenerateSummary generate(const fs::path& out, std::string country, std::size_t sites,
                         std::uint64_t seed = 1) {
  GenerateOptions o;
  o.country = std::move(country);
  o.sites = sites;
  o.seed = seed;
  o.out = out.string();
  o.data_dir = kData;
  return generate_network(o);
}

bool is_radio(SiteKind k) {
  return k == SiteKind::kMacro || k == SiteKind::kSmall || k == SiteKind::kIndoor;
}

// One Korean network of 3,000 radio sites, generated once for the tests that read it.
class KoreaNetwork : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    summary_ = new GenerateSummary(generate(dir_->path() / "kr", "KR", 3000, 42));
    bundle_ = new LoadedBundle(load_bundle((dir_->path() / "kr").string()));
    profile_ = new Profile(load_country_profile(kData, "KR"));
  }
  static void TearDownTestSuite() {
    delete profile_;
    delete bundle_;
    delete summary_;
    delete dir_;
  }
  static const Network& net() { return bundle_->network; }

  // RAN elements of an operator, by technology, in or out of some regions.
  struct Count {
    std::size_t vendor = 0, total = 0;
    double share() const { return total ? static_cast<double>(vendor) / total : 0; }
  };
  static Count ran_share(std::string_view op, std::string_view tech,
                         const std::set<std::string>& regions, bool inside,
                         std::string_view vendor) {
    Count c;
    const Network& n = net();
    for (std::uint32_t e = 0; e < n.elements.size(); ++e) {
      if (n.elements.domain[e] != Domain::kRan) continue;
      const std::uint32_t s = n.elements.site[e];
      if (n.site_operator(s) != op || n.strings.get(n.elements.technology[e]) != tech) continue;
      const bool in = regions.count(std::string(n.strings.get(n.sites.region[s]))) > 0;
      if (in != inside) continue;
      ++c.total;
      if (n.vendor_name(e) == vendor) ++c.vendor;
    }
    return c;
  }

  static TempDir* dir_;
  static GenerateSummary* summary_;
  static LoadedBundle* bundle_;
  static Profile* profile_;
};

TempDir* KoreaNetwork::dir_ = nullptr;
GenerateSummary* KoreaNetwork::summary_ = nullptr;
LoadedBundle* KoreaNetwork::bundle_ = nullptr;
Profile* KoreaNetwork::profile_ = nullptr;

TEST(Generate, SameArgumentsGiveIdenticalBytesAndOtherSeedsDiffer) {
  TempDir tmp;
  generate(tmp.path() / "a", "KR", 800, 5);
  generate(tmp.path() / "b", "KR", 800, 5);
  generate(tmp.path() / "c", "KR", 800, 6);
  for (const char* file : kBundleFiles) {
    const std::string a = slurp(tmp.path() / "a" / file);
    EXPECT_FALSE(a.empty()) << file;
    EXPECT_EQ(a, slurp(tmp.path() / "b" / file)) << file;
  }
  EXPECT_NE(slurp(tmp.path() / "a" / "sites.csv"), slurp(tmp.path() / "c" / "sites.csv"));
  EXPECT_NE(slurp(tmp.path() / "a" / "elements.csv"), slurp(tmp.path() / "c" / "elements.csv"));
}

TEST(Generate, ScaleAndSitesAgree) {
  const Profile kr = load_country_profile(kData, "kr");
  GenerateOptions o;
  o.scale = 0.01;
  EXPECT_EQ(radio_site_count(kr, o),
            static_cast<std::size_t>(std::llround(0.01 * kr.sites_at_scale_1)));
  o.scale = 1;
  EXPECT_EQ(radio_site_count(kr, o), kr.sites_at_scale_1);
  o.sites = 123;
  EXPECT_EQ(radio_site_count(kr, o), 123u);
  o.sites = 0;
  EXPECT_THROW(radio_site_count(kr, o), std::invalid_argument);
  o.sites.reset();
  for (double bad : {0.0, -1.0, std::nan("")}) {
    o.scale = bad;
    EXPECT_THROW(radio_site_count(kr, o), std::invalid_argument) << bad;
  }
}

TEST(Generate, KoreaAtScaleOneIsANationalNetwork) {
  // Checked on the profile, not generated: 1.2 million elements take a second and
  // belong in bench/, not in a unit test.
  const Profile kr = load_country_profile(kData, "KR");
  EXPECT_GE(kr.sites_at_scale_1, 200000u);
  EXPECT_LE(kr.sites_at_scale_1, 500000u);
}

TEST(Generate, UnknownCountryIsRefusedAndWritesNothing) {
  TempDir tmp;
  GenerateOptions o;
  o.country = "XX";
  o.sites = 10;
  o.out = (tmp.path() / "net").string();
  o.data_dir = kData;
  try {
    generate_network(o);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("unknown country 'XX'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("AU, CA, DE, GB, KR"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(fs::is_empty(tmp.path()));
}

TEST(Generate, RefusesANonEmptyDirectoryUnlessForced) {
  TempDir tmp;
  const fs::path out = tmp.path() / "net";
  fs::create_directories(out);
  generate(out, "KR", 50);  // an existing empty directory is fine
  EXPECT_THROW(generate(out, "KR", 50), std::invalid_argument);
  GenerateOptions o;
  o.country = "KR";
  o.sites = 60;
  o.out = out.string();
  o.data_dir = kData;
  o.force = true;
  EXPECT_EQ(generate_network(o).radio_sites, 60u);
  // Nothing is left beside it: no temporary or replaced directories.
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(tmp.path()))
    names.push_back(entry.path().filename().string());
  EXPECT_EQ(names, std::vector<std::string>{"net"});
}

TEST(Generate, EveryCountryLoadsWithoutErrorsOrWarnings) {
  TempDir tmp;
  for (const std::string country : {"KR", "GB", "DE", "AU", "CA"}) {
    const fs::path out = tmp.path() / country;
    const GenerateSummary s = generate(out, country, 400);
    EXPECT_EQ(s.radio_sites, 400u) << country;
    const LoadedBundle b = load_bundle(out.string());
    EXPECT_TRUE(b.warnings.warnings().empty())
        << country << ": " << b.warnings.warnings().front().to_string();
    EXPECT_EQ(b.network.sites.size(), s.sites) << country;
    EXPECT_EQ(b.network.elements.size(), s.elements) << country;
    EXPECT_EQ(b.network.links.size(), s.links) << country;
    EXPECT_EQ(b.network.zones.size(), s.zones) << country;
    EXPECT_GE(s.zones, 5u) << country;
    const Profile p = load_country_profile(kData, country);
    std::set<std::string> operators;
    for (std::uint32_t i = 0; i < b.network.sites.size(); ++i)
      operators.insert(std::string(b.network.site_operator(i)));
    EXPECT_EQ(operators.size(), p.operators.size()) << country;
  }
}

TEST(Generate, NoCountryHasHuaweiInNrWhereItsProfileHasNone) {
  // Australia (2018) and Canada (2022) exclude Huawei from 5G: their profiles give
  // Huawei no NR share, and the generated networks follow.
  TempDir tmp;
  for (const std::string country : {"AU", "CA"}) {
    const fs::path out = tmp.path() / country;
    generate(out, country, 600);
    const Network net = load_bundle(out.string()).network;
    std::size_t huawei_nr = 0, huawei_lte = 0;
    for (std::uint32_t e = 0; e < net.elements.size(); ++e) {
      if (net.vendor_name(e) != "Huawei" || net.elements.domain[e] != Domain::kRan) continue;
      (net.strings.get(net.elements.technology[e]) == "nr" ? huawei_nr : huawei_lte)++;
    }
    EXPECT_EQ(huawei_nr, 0u) << country;
    EXPECT_GT(huawei_lte, 0u) << country;
  }
}

TEST_F(KoreaNetwork, SummaryMatchesTheFilesAndTheProfile) {
  EXPECT_EQ(summary_->country, "KR");
  EXPECT_EQ(summary_->seed, 42u);
  EXPECT_EQ(summary_->radio_sites, 3000u);
  EXPECT_TRUE(bundle_->warnings.warnings().empty());
  std::size_t radio = 0;
  for (SiteKind k : net().sites.kind) radio += is_radio(k);
  EXPECT_EQ(radio, 3000u);
  // Core data centres: one per profile entry.
  std::map<std::string, std::size_t> cores;
  for (std::uint32_t s = 0; s < net().sites.size(); ++s)
    if (net().sites.kind[s] == SiteKind::kCoreDc) ++cores[std::string(net().site_operator(s))];
  for (const auto& op : profile_->operators)
    EXPECT_EQ(cores[op.name], op.core_places.size()) << op.name;
}

TEST_F(KoreaNetwork, HuaweiShareOfLgUplusRanInTheSeoulAreaFollowsTheProfile) {
  const ProfileOperator* lgu = profile_->find_operator("LG U+");
  ASSERT_NE(lgu, nullptr);
  ASSERT_EQ(lgu->areas.size(), 1u);
  const ProfileArea& seoul = lgu->areas[0];
  const std::set<std::string> regions(seoul.regions.begin(), seoul.regions.end());
  EXPECT_EQ(regions, (std::set<std::string>{"Seoul", "Incheon", "Gyeonggi"}));
  for (const auto& [tech, mix, fallback] :
       {std::tuple{"lte", &seoul.lte, &lgu->ran_lte}, std::tuple{"nr", &seoul.nr, &lgu->ran_nr}}) {
    const double expected = share_of(*mix, "Huawei");
    EXPECT_GT(expected, 0.3) << tech;
    const Count in = ran_share("LG U+", tech, regions, true, "Huawei");
    ASSERT_GT(in.total, 200u) << tech;
    EXPECT_NEAR(in.share(), expected, 0.05) << tech << ": " << in.vendor << " of " << in.total;
    // Outside the area the operator's default mix holds (no Huawei in Korea's profile).
    const Count out = ran_share("LG U+", tech, regions, false, "Huawei");
    ASSERT_GT(out.total, 200u) << tech;
    EXPECT_NEAR(out.share(), share_of(*fallback, "Huawei"), 0.05) << tech;
  }
}

TEST_F(KoreaNetwork, OnlyLgUplusHasHuaweiAndOtherVendorsFollowTheMix) {
  const Network& n = net();
  std::map<std::string, std::size_t> huawei;
  for (std::uint32_t e = 0; e < n.elements.size(); ++e)
    if (n.vendor_name(e) == "Huawei") ++huawei[std::string(n.site_operator(n.elements.site[e]))];
  EXPECT_EQ(huawei.count("SK Telecom"), 0u);
  EXPECT_EQ(huawei.count("KT"), 0u);
  EXPECT_GT(huawei["LG U+"], 0u);
  // SK Telecom's LTE vendors, everywhere (it has no area overrides).
  const ProfileOperator* skt = profile_->find_operator("SK Telecom");
  ASSERT_NE(skt, nullptr);
  for (const auto& v : skt->ran_lte) {
    const Count c = ran_share("SK Telecom", "lte", {}, false, v.vendor);
    EXPECT_NEAR(c.share(), v.share, 0.05) << v.vendor;
  }
}

TEST_F(KoreaNetwork, SitesPerRegionFollowPopulation) {
  // Population per region from the place data the generator read.
  std::map<std::string, double> people;
  std::istringstream places(slurp(kData + "/places/KR.csv"));
  std::string line;
  std::getline(places, line);  // header
  while (std::getline(places, line)) {
    // name,lat,lon,population,region: Korean names and regions hold no commas.
    std::vector<std::string> f;
    std::stringstream row(line);
    for (std::string field; std::getline(row, field, ',');) f.push_back(field);
    ASSERT_EQ(f.size(), 5u) << line;
    people[f[4]] += std::stod(f[3]);
  }
  std::map<std::string, double> sites;
  double radio = 0, total_people = 0;
  for (std::uint32_t s = 0; s < net().sites.size(); ++s) {
    if (!is_radio(net().sites.kind[s])) continue;
    sites[std::string(net().strings.get(net().sites.region[s]))] += 1;
    radio += 1;
  }
  for (const auto& [region, p] : people) total_people += p;
  // Seoul and Gyeonggi are the most populous regions and hold the most sites.
  std::vector<std::pair<double, std::string>> ranked;
  for (const auto& [region, n] : sites) ranked.push_back({n, region});
  std::sort(ranked.rbegin(), ranked.rend());
  ASSERT_GE(ranked.size(), 10u);
  EXPECT_EQ((std::set<std::string>{ranked[0].second, ranked[1].second}),
            (std::set<std::string>{"Seoul", "Gyeonggi"}));
  const double capital = (sites["Seoul"] + sites["Gyeonggi"] + sites["Incheon"]) / radio;
  EXPECT_GT(capital, 0.35);
  EXPECT_LT(capital, 0.6);
  // Pearson correlation of site share and population share over regions.
  double mx = 0, my = 0;
  const double k = static_cast<double>(people.size());
  for (const auto& [region, p] : people) {
    mx += p / total_people / k;
    my += sites[region] / radio / k;
  }
  double sxy = 0, sxx = 0, syy = 0;
  for (const auto& [region, p] : people) {
    const double x = p / total_people - mx, y = sites[region] / radio - my;
    sxy += x * y;
    sxx += x * x;
    syy += y * y;
  }
  EXPECT_GT(sxy / std::sqrt(sxx * syy), 0.9);
}

TEST_F(KoreaNetwork, OperatorsGetTheirSiteShares) {
  std::map<std::string, double> radio;
  double total = 0;
  for (std::uint32_t s = 0; s < net().sites.size(); ++s)
    if (is_radio(net().sites.kind[s])) {
      radio[std::string(net().site_operator(s))] += 1;
      total += 1;
    }
  double shares_sum = 0;
  for (const auto& op : profile_->operators) shares_sum += op.site_share;
  EXPECT_NEAR(shares_sum, 1.0, 1e-9);
  for (const auto& op : profile_->operators)
    EXPECT_NEAR(radio[op.name] / total, op.site_share, 1.0 / total) << op.name;
}

TEST_F(KoreaNetwork, LinksGoFromRadioToTransportToCore) {
  const Network& n = net();
  const auto& el = n.elements;
  std::vector<std::size_t> out_links(el.size(), 0);
  for (std::size_t l = 0; l < n.links.size(); ++l) {
    const std::uint32_t from = n.links.from[l], to = n.links.to[l];
    ++out_links[from];
    // Links stay within an operator.
    EXPECT_EQ(n.site_operator(el.site[from]), n.site_operator(el.site[to]));
    switch (el.domain[from]) {
      case Domain::kRan:
        ASSERT_EQ(el.domain[to], Domain::kTransport);
        EXPECT_EQ(n.sites.kind[el.site[to]], SiteKind::kAggregation);
        break;
      case Domain::kTransport:
        ASSERT_EQ(el.domain[to], Domain::kCore);
        break;
      case Domain::kCore:
        ASSERT_EQ(el.domain[to], Domain::kCore);
        EXPECT_EQ(el.site[from], el.site[to]);  // inside one data centre
        break;
      default:
        ADD_FAILURE() << "link from a " << kDomainNames[static_cast<int>(el.domain[from])]
                      << " element";
    }
  }
  // Every radio element has exactly one uplink; every router reaches the core.
  for (std::uint32_t e = 0; e < el.size(); ++e) {
    if (el.domain[e] == Domain::kRan) {
      EXPECT_EQ(out_links[e], 1u) << el.id.get(e);
    }
    if (el.domain[e] == Domain::kTransport) {
      EXPECT_EQ(out_links[e], 4u) << el.id.get(e);
    }
  }
}

TEST_F(KoreaNetwork, ElementsHaveRealisticAttributes) {
  const Network& n = net();
  const auto& el = n.elements;
  const ProfileOperator* lgu = profile_->find_operator("LG U+");
  ASSERT_NE(lgu, nullptr);
  const Days huawei_lte_first = days_from_civil(2013, 1, 1);
  const Days huawei_lte_last = days_from_civil(2016, 12, 31);
  std::size_t sectors = 0;
  for (std::uint32_t e = 0; e < el.size(); ++e) {
    // Every element's site exists (the loader resolves it) and has a date and a cost.
    ASSERT_LT(el.site[e], n.sites.size());
    EXPECT_NE(el.installed[e], kNoDate);
    EXPECT_GT(el.replace_cost[e], 0);
    EXPECT_NE(el.model[e], 0u);
    if (el.domain[e] != Domain::kRan) continue;
    const SiteKind kind = n.sites.kind[el.site[e]];
    EXPECT_TRUE(is_radio(kind));
    EXPECT_GT(el.range_m[e], 0);
    EXPECT_GE(el.traffic[e], 0);
    if (kind == SiteKind::kMacro) {
      ++sectors;
      EXPECT_GE(el.azimuth[e], 0);
      EXPECT_LT(el.azimuth[e], 360);
      EXPECT_EQ(el.beamwidth[e], 65);
    } else {
      EXPECT_TRUE(std::isnan(el.azimuth[e]));
    }
    const std::string_view tech = n.strings.get(el.technology[e]);
    EXPECT_TRUE(tech == "lte" || tech == "nr") << tech;
    if (n.vendor_name(e) == "Huawei" && tech == "lte") {
      EXPECT_GE(el.installed[e], huawei_lte_first);
      EXPECT_LE(el.installed[e], huawei_lte_last);
    }
  }
  EXPECT_GT(sectors, 0u);
  // People served: every radio site has some, and together they are the operators'
  // subscriber shares of the population in the place data.
  double served = 0;
  for (std::uint32_t s = 0; s < n.sites.size(); ++s) {
    if (!is_radio(n.sites.kind[s])) {
      EXPECT_TRUE(std::isnan(n.sites.population[s]));
      continue;
    }
    EXPECT_GE(n.sites.population[s], 0);
    served += n.sites.population[s];
  }
  EXPECT_GT(served, 30e6);  // the places hold 42.5 million people
  EXPECT_LT(served, 50e6);
}

TEST(Profile, BadValuesAreReportedWithTheirLine) {
  TempDir tmp;
  std::string text = slurp(kData + "/profiles/kr.toml");
  const std::string good = "transport = { Cisco = 0.50, Juniper = 0.25, Nokia = 0.25 }";
  const auto at = text.find(good);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, good.size(), "transport = { Cisco = 0.50, Juniper = 0.25 }");
  tmp.write("kr.toml", text);
  try {
    load_profile((tmp.path() / "kr.toml").string());
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().errors().size(), 1u);
    const Diagnostic& d = e.diagnostics().errors()[0];
    EXPECT_GT(d.line, 100u);
    EXPECT_NE(d.message.find("add up to 0.75"), std::string::npos) << d.message;
  }
}

TEST(Profile, UnknownKeysAndVendorsAreErrors) {
  TempDir tmp;
  const std::string base = slurp(kData + "/profiles/kr.toml");
  std::string typo = base;
  typo.replace(typo.find("coverage_share"), 14, "coverage_shares");
  tmp.write("typo.toml", typo);
  EXPECT_THROW(load_profile((tmp.path() / "typo.toml").string()), InputError);
  std::string vendor = base;
  vendor.replace(vendor.find("Cisco = 0.50"), 5, "Cisko");
  tmp.write("vendor.toml", vendor);
  EXPECT_THROW(load_profile((tmp.path() / "vendor.toml").string()), InputError);
}

TEST(Profile, EveryShippedProfileLoads) {
  const auto countries = generator_countries(kData);
  EXPECT_EQ(countries, (std::vector<std::string>{"AU", "CA", "DE", "GB", "KR"}));
  for (const auto& c : countries) {
    const Profile p = load_country_profile(kData, c);
    EXPECT_EQ(p.code, c);
    double sites = 0;
    for (const auto& op : p.operators) sites += op.site_share;
    EXPECT_NEAR(sites, 1.0, 1e-9) << c;
  }
}

}  // namespace
}  // namespace ringfence
