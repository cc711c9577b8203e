// Synthetic national networks (`ringfence generate`): real places (GeoNames, shipped in
// data/places/), a country profile of documented assumptions (data/profiles/<cc>.toml)
// and a seed give a network bundle  that looks like a real inventory.
//
// Invariants of every generated bundle: the same profile, data files, options and
// binary give byte-identical files; every element's site exists; links only go
// RAN -> transport (aggregation router) -> core, plus links inside a core site; it
// passes `ringfence validate` without warnings. The writer streams rows, so memory
// grows with the number of places and aggregation sites, not with the elements.
// The file format of profiles is described in docs/generate.md.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "ringfence/diagnostics.hpp"

namespace ringfence {

// A vendor mix: vendors and their shares, sorted by vendor name, shares summing to 1.
struct VendorShare {
  std::string vendor;
  double share = 0;
};
using VendorMix = std::vector<VendorShare>;

// The share of `vendor` in `mix` (0 when absent).
double share_of(const VendorMix& mix, std::string_view vendor);

struct YearRange {
  int first = 0, last = 0;  // inclusive
};

// RAN vendor mixes that replace an operator's defaults in some regions.
struct ProfileArea {
  std::string name;                  // e.g. "Seoul metropolitan area"
  std::vector<std::string> regions;  // region names as in data/places/<CC>.csv
  VendorMix lte, nr;                 // empty: the operator's default for that technology
};

struct ProfileOperator {
  std::string name;    // as written in sites.csv
  std::string prefix;  // id prefix, e.g. "SKT" -> SKT-S1, SKT-E1
  double subscriber_share = 0;
  // Share of the radio sites: the profile's `site_share` weights normalised, or derived
  // from Profile::equal_site_weight and the subscriber shares.
  double site_share = 0;
  std::vector<std::string> core_places;  // one core data centre per entry (place names)
  VendorMix ran_lte, ran_nr, transport, core_lte, core_nr;
  std::string nms_vendor;  // vendor of the network management system
  std::vector<ProfileArea> areas;
};

// Install years for a technology, replaced for one operator (or all) and vendor.
struct InstallOverride {
  std::string operator_name;  // empty: every operator
  std::string vendor;
  std::string technology;  // lte, nr, fibre, core_lte, core_nr, oss
  YearRange years;
};

// Values per density class: urban (the core of a large city), suburban (the rest of a
// city or town), rural (coverage sites between towns).
struct DensityValues {
  double urban = 0, suburban = 0, rural = 0;
};
struct KindMix {
  double macro = 1, small = 0, indoor = 0;  // shares of radio site kinds, summing to 1
};

struct Profile {
  std::string path;  // the file it was read from
  std::string code;  // ISO 3166 alpha-2, upper case
  std::string name;
  std::string places_file;  // relative to the data directory
  std::string zones_file;   // relative to the data directory; may be empty
  std::string currency;
  std::size_t sites_at_scale_1 = 0;  // radio sites, all operators, at --scale 1

  // Placement.
  double coverage_share = 0.15;            // sites placed for coverage, not population
  double urban_density = 10000;            // people per km^2 in a city's core
  double urban_min_population = 200000;    // smaller places have no urban core
  double unknown_place_population = 1000;  // for places GeoNames gives no population
  double max_neighbour_km = 40;            // coverage sites lie between towns this close
  double equal_site_weight = 0.5;          // site_share = w / operators + (1 - w) * subscribers
  std::size_t sites_per_aggregation = 50;
  std::array<KindMix, 3> kinds{};  // by density class: urban, suburban, rural

  // Radio.
  int sectors = 3;
  double beamwidth = 65;
  DensityValues macro_range_m{600, 1500, 5000};
  double small_range_m = 250, indoor_range_m = 80;
  double nr_range_factor = 0.8;           // NR (3.5 GHz) sectors reach less far than LTE
  DensityValues nr_share{0.9, 0.6, 0.3};  // share of radio sites with NR
  double traffic_per_person = 0.01;       // relative traffic units per person served
  double nr_traffic_share = 0.6;          // share of a site's traffic on NR when present
  double spelling_variation = 0.15;       // share of sites whose inventory spells vendors otherwise

  std::map<std::string, YearRange> installed;  // by technology (see InstallOverride)
  std::vector<InstallOverride> install_overrides;
  std::map<std::string, std::pair<double, double>> costs;  // by cost key: [min, max]

  std::vector<ProfileOperator> operators;

  const ProfileOperator* find_operator(std::string_view name) const;
};

// The data directory compiled in (the source tree's data/).
std::string default_data_dir();
// Country codes with a profile in data_dir/profiles/ (upper case, sorted).
std::vector<std::string> generator_countries(const std::string& data_dir);
// Reads and checks a profile; throws InputError (file, line, column, message).
Profile load_profile(const std::string& path);
// data_dir/profiles/<cc>.toml; throws std::invalid_argument for an unknown country.
Profile load_country_profile(const std::string& data_dir, std::string_view country);

struct GenerateOptions {
  std::string country;               // e.g. "KR" (case-insensitive)
  double scale = 1;                  // radio sites = scale * profile sites_at_scale_1
  std::optional<std::size_t> sites;  // radio sites, instead of scale
  std::uint64_t seed = 1;
  std::string out;       // directory to create
  bool force = false;    // replace a non-empty `out`
  std::string data_dir;  // empty: default_data_dir()
  // Called now and then while radio sites are written: (done, total).
  std::function<void(std::size_t, std::size_t)> progress;
};

struct GenerateSummary {
  std::string country;
  std::uint64_t seed = 0;
  std::size_t radio_sites = 0;
  std::size_t sites = 0;
  std::size_t elements = 0;
  std::size_t links = 0;
  std::size_t zones = 0;
  std::map<std::string, std::size_t> elements_by_domain;
};

// Radio sites for the options (sites, or scale times the profile's figure, at least 1).
// Throws std::invalid_argument for a scale <= 0 or sites == 0.
std::size_t radio_site_count(const Profile& profile, const GenerateOptions& options);

// Writes the bundle (sites.csv, elements.csv, links.csv, zones.geojson, generator.json)
// into a temporary directory beside `out` and renames it to `out` when complete, so a
// failed run leaves nothing half-written. Refuses (std::invalid_argument) a non-empty
// existing `out` unless `force`. Throws InputError for a bad profile or data file.
GenerateSummary generate_network(const GenerateOptions& options);

}  // namespace ringfence
