// The synthetic network itself. For each operator, in this order:
//   1. its radio sites are shared out over places: (1 - coverage_share) in proportion
//      to population, the rest evenly over "coverage anchors" (places not inside a
//      larger city), by systematic sampling so counts never stray by more than one;
//   2. core data centres at the profile's places: LTE core (mme, sgw, pgw, hss), NR
//      core (amf, smf, upf, udm), and OSS (one EMS per RAN vendor, one NMS) at the first
//      two;
//   3. aggregation sites, one per `sites_per_aggregation` radio sites of a place, spread
//      over the city, each with two routers linked to the nearest core data centre;
//   4. radio sites place by place: around the centre (a 2-D normal distribution whose
//      spread is the city's urban radius) or, for coverage, between the place and a
//      neighbouring town. Each radio element links to a router of the nearest
//      aggregation site of its place (or of the nearest place that has one).
//
// Vendors follow the profile's mixes exactly rather than by chance: a site's "vendor
// coordinate" u is its angle around the place, taken from a golden-ratio sequence, so
// vendors hold contiguous wedges of each city (real operators contract vendors by area)
// and a vendor's share of a group of sites deviates from the mix by O(1/n), not
// O(1/sqrt(n)). LTE and NR use the same u, so a site tends to keep one vendor.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <numeric>
#include <set>
#include <sstream>
#include <tuple>

#include "generate/internal.hpp"
#include "generate/random.hpp"
#include "ringfence/date.hpp"
#include "ringfence/diagnostics.hpp"
#include "ringfence/network.hpp"
#include "ringfence/output.hpp"

namespace ringfence::gen {

namespace {

namespace fs = std::filesystem;

constexpr double kMetresPerDegree = 111320.0;
constexpr double kRadPerDegree = kPi / 180.0;

enum Density : std::uint8_t { kUrban = 0, kSuburban = 1, kRural = 2 };
enum Kind : std::uint8_t { kMacro = 0, kSmall = 1, kIndoor = 2 };
constexpr std::string_view kKindNames[] = {"macro", "small", "indoor"};
// Relative number of people a site of each kind serves.
constexpr double kKindWeight[] = {1.0, 0.3, 0.15};

// Splits n over the weights: counts sum to n and each lies within 1 of n * w / W
// (systematic sampling from a start in [0, 1)).
std::vector<std::uint32_t> allocate(const std::vector<double>& weights, std::size_t n,
                                    double start) {
  std::vector<std::uint32_t> out(weights.size(), 0);
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  if (n == 0 || total <= 0) return out;
  const double step = total / static_cast<double>(n);
  auto points_below = [&](double x) {
    const double k = std::ceil(x / step - start);
    return static_cast<std::size_t>(std::clamp(k, 0.0, static_cast<double>(n)));
  };
  double cum = 0;
  std::size_t below = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    cum += weights[i];
    const std::size_t next = i + 1 == weights.size() ? n : points_below(cum);
    out[i] = static_cast<std::uint32_t>(next - below);
    below = next;
  }
  return out;
}

double value(const DensityValues& v, Density d) {
  return d == kUrban ? v.urban : d == kSuburban ? v.suburban : v.rural;
}

std::size_t pick(const VendorMix& mix, double u) {
  double cum = 0;
  for (std::size_t i = 0; i < mix.size(); ++i) {
    cum += mix[i].share;
    if (u < cum) return i;
  }
  return mix.size() - 1;
}

// Moves a point by (east, north) metres.
void offset(double lat, double lon, double east_m, double north_m, double& out_lat,
            double& out_lon) {
  out_lat = std::clamp(lat + north_m / kMetresPerDegree, -89.99999, 89.99999);
  const double c = std::max(std::cos(lat * kRadPerDegree), 0.01);
  out_lon = lon + east_m / (kMetresPerDegree * c);
  if (out_lon > 180) out_lon -= 360;
  if (out_lon < -180) out_lon += 360;
}

// What the writer knows of each vendor named anywhere in the profile.
struct VendorInfo {
  std::string name;                    // canonical
  std::string quoted;                  // as a CSV field
  std::vector<std::string> spellings;  // other spellings, as CSV fields
};

class VendorTable {
 public:
  std::uint32_t id(const std::string& name, const Catalogue& catalogue) {
    for (std::uint32_t i = 0; i < vendors_.size(); ++i)
      if (vendors_[i].name == name) return i;
    VendorInfo v{name, csv_field(name), {}};
    if (auto it = catalogue.spellings.find(name); it != catalogue.spellings.end())
      for (const auto& s : it->second) v.spellings.push_back(csv_field(s));
    vendors_.push_back(std::move(v));
    return static_cast<std::uint32_t>(vendors_.size() - 1);
  }
  const VendorInfo& operator[](std::uint32_t i) const { return vendors_[i]; }

 private:
  std::vector<VendorInfo> vendors_;
};

// A vendor mix with vendor ids instead of names.
struct Mix {
  std::vector<std::uint32_t> vendor;
  VendorMix shares;
  std::uint32_t at(double u) const { return vendor[pick(shares, u)]; }
};

Mix make_mix(const VendorMix& m, VendorTable& table, const Catalogue& catalogue) {
  Mix out;
  out.shares = m;
  for (const auto& v : m) out.vendor.push_back(table.id(v.vendor, catalogue));
  return out;
}

// Model, software releases and cost of one (vendor, function, site kind).
struct Equipment {
  std::string model;            // CSV field
  std::vector<std::string> sw;  // CSV fields
  double cost_lo = 0, cost_hi = 0;
};

class Writer {
 public:
  Writer(const Profile& profile, const Catalogue& catalogue, const std::vector<Place>& places,
         const LandMask& land, std::size_t radio_sites, std::uint64_t seed, const std::string& dir,
         const std::function<void(std::size_t, std::size_t)>& progress)
      : p_(profile),
        catalogue_(catalogue),
        places_(places),
        land_(land),
        radio_sites_(radio_sites),
        seed_(seed),
        progress_(progress),
        sites_(dir + "/sites.csv"),
        elements_(dir + "/elements.csv"),
        links_(dir + "/links.csv") {}

  GenerateSummary run();
  // (vendor, model) of every element written, for models.csv.
  const std::set<std::pair<std::string, std::string>>& used_models() const { return used_models_; }

 private:
  struct Site {
    double lat = 0, lon = 0;
    double u = 0;  // vendor coordinate
    Density density = kSuburban;
    Kind kind = kMacro;
    double population = 0;
  };
  struct Aggregation {
    double lat = 0, lon = 0;
    std::uint64_t router[2] = {0, 0};  // element numbers
  };
  // The aggregation site nearest to (lat, lon) among `aggs` (sorted by latitude): a
  // sweep outwards from the latitude, stopping when the latitude gap alone exceeds the
  // best distance, so a city of n aggregation sites costs about sqrt(n) per query.
  static const Aggregation& nearest(const std::vector<Aggregation>& aggs, double lat, double lon) {
    const double kx = std::cos(lat * kRadPerDegree);
    auto d2 = [&](const Aggregation& a) {
      const double dy = a.lat - lat, dx = (a.lon - lon) * kx;
      return dx * dx + dy * dy;
    };
    const auto start = std::lower_bound(aggs.begin(), aggs.end(), lat,
                                        [](const Aggregation& a, double v) { return a.lat < v; });
    std::size_t best =
        start == aggs.end() ? aggs.size() - 1 : static_cast<std::size_t>(start - aggs.begin());
    double best_d2 = d2(aggs[best]);
    const std::size_t mid = best;
    for (std::size_t i = mid + 1; i < aggs.size(); ++i) {
      const double gap = aggs[i].lat - lat;
      if (gap * gap > best_d2) break;
      const double d = d2(aggs[i]);
      if (d < best_d2) {
        best_d2 = d;
        best = i;
      }
    }
    for (std::size_t i = mid; i-- > 0;) {
      const double gap = lat - aggs[i].lat;
      if (gap * gap > best_d2) break;
      const double d = d2(aggs[i]);
      if (d < best_d2) {
        best_d2 = d;
        best = i;
      }
    }
    return aggs[best];
  }
  struct CoreSite {
    double lat = 0, lon = 0;
    std::uint64_t sgw = 0, mme = 0, upf = 0, amf = 0;
  };
  struct OperatorState {
    const ProfileOperator* op = nullptr;
    std::string prefix;
    std::string name;  // CSV field
    std::uint64_t next_site = 1, next_element = 1;
    Mix lte, nr, transport, core_lte, core_nr;
    std::vector<Mix> area_lte, area_nr;
    std::vector<int> area_of_place;  // -1: default mixes
    std::vector<CoreSite> cores;
    std::vector<std::vector<Aggregation>> aggregation;  // by place
    std::vector<std::uint32_t> attach;                  // place whose aggregation sites serve
  };

  void prepare_places();
  const Equipment& equipment(std::uint32_t vendor, std::string_view function, Kind kind);
  YearRange years(const OperatorState& o, std::uint32_t vendor, const std::string& tech) const;
  // A day in the years, as YYYY-MM-DD.
  std::string install_date(Rng& rng, const YearRange& years) const;

  void write_site_row(OperatorState& o, std::uint64_t number, double lat, double lon,
                      std::string_view kind, std::uint32_t place, double population);
  std::uint64_t write_element(OperatorState& o, std::uint64_t site, const std::string& spelling,
                              std::string_view domain, std::string_view function,
                              const Equipment& eq, std::string_view technology,
                              std::string_view installed, Rng& rng, double azimuth,
                              double beamwidth, double range_m, double traffic);
  void write_link(const OperatorState& o, std::uint64_t from, std::uint64_t to);

  void write_operator(std::size_t index, std::size_t radio_sites);
  void write_cores(OperatorState& o, std::size_t index);
  // Moves a point that fell in the sea towards its place's land point until it is on
  // land; draws nothing, so sites already on land are unchanged.
  void keep_on_land(const Place& place, double& lat, double& lon) const;
  void write_aggregation(OperatorState& o, std::size_t index,
                         const std::vector<std::uint32_t>& sites_per_place);
  void write_radio_group(OperatorState& o, std::size_t index, std::uint32_t place,
                         std::uint32_t capacity, std::uint32_t coverage);

  const Profile& p_;
  const Catalogue& catalogue_;
  const std::vector<Place>& places_;
  const LandMask& land_;
  std::size_t radio_sites_;
  std::uint64_t seed_;
  const std::function<void(std::size_t, std::size_t)>& progress_;
  OutFile sites_, elements_, links_;

  VendorTable vendors_;
  std::vector<std::string> region_field_;  // by place, CSV field
  std::vector<double> radius_m_;           // urban radius by place
  std::vector<std::uint8_t> anchor_;       // coverage anchor
  std::vector<std::vector<std::uint32_t>> neighbours_;
  std::map<std::tuple<std::uint32_t, std::string, int>, Equipment> equipment_;
  std::set<std::pair<std::string, std::string>> used_models_;

  GenerateSummary summary_;
  std::size_t radio_done_ = 0, next_report_ = 0;
};

void Writer::prepare_places() {
  const std::size_t n = places_.size();
  region_field_.resize(n);
  radius_m_.resize(n);
  anchor_.assign(n, 1);
  neighbours_.assign(n, {});
  double max_radius = 0;
  for (std::size_t i = 0; i < n; ++i) {
    region_field_[i] = csv_field(places_[i].region);
    // A city's core: its population at the profile's urban density, as a disc.
    radius_m_[i] =
        std::max(500.0, std::sqrt(places_[i].population / (kPi * p_.urban_density)) * 1000.0);
    max_radius = std::max(max_radius, radius_m_[i]);
  }
  // Pairs of places close enough to matter, found by a sweep over latitude.
  std::vector<std::uint32_t> by_lat(n);
  std::iota(by_lat.begin(), by_lat.end(), 0);
  std::stable_sort(by_lat.begin(), by_lat.end(), [&](std::uint32_t a, std::uint32_t b) {
    return places_[a].lat < places_[b].lat;
  });
  const double reach_m = std::max(p_.max_neighbour_km * 1000.0, max_radius);
  const double reach_deg = reach_m / kMetresPerDegree;
  std::vector<std::vector<std::pair<double, std::uint32_t>>> near(n);
  for (std::size_t a = 0; a < n; ++a) {
    const Place& pa = places_[by_lat[a]];
    for (std::size_t b = a + 1; b < n && places_[by_lat[b]].lat - pa.lat <= reach_deg; ++b) {
      const std::uint32_t i = by_lat[a], j = by_lat[b];
      const Place& pb = places_[j];
      const double d = approx_distance_m(pa.lat, pa.lon, pb.lat, pb.lon);
      // A place inside a larger city's core is part of that city, not countryside.
      if (pa.population > pb.population && d < radius_m_[i]) anchor_[j] = 0;
      if (pb.population > pa.population && d < radius_m_[j]) anchor_[i] = 0;
      if (d <= p_.max_neighbour_km * 1000.0 && d > 1000.0 && pa.region == pb.region) {
        near[i].push_back({d, j});
        near[j].push_back({d, i});
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    auto& list = near[i];
    const std::size_t keep = std::min<std::size_t>(6, list.size());
    std::partial_sort(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(keep), list.end());
    for (std::size_t k = 0; k < keep; ++k) neighbours_[i].push_back(list[k].second);
  }
}

YearRange Writer::years(const OperatorState& o, std::uint32_t vendor,
                        const std::string& tech) const {
  for (const auto& ov : p_.install_overrides)
    if (ov.technology == tech && ov.vendor == vendors_[vendor].name &&
        (ov.operator_name.empty() || ov.operator_name == o.op->name))
      return ov.years;
  return p_.installed.at(tech);
}

std::string Writer::install_date(Rng& rng, const YearRange& years) const {
  const Days first = days_from_civil(years.first, 1, 1);
  const Days last = days_from_civil(years.last, 12, 31);
  return format_iso_date(
      first + static_cast<Days>(rng.below(static_cast<std::uint64_t>(last - first + 1))));
}

const Equipment& Writer::equipment(std::uint32_t vendor, std::string_view function, Kind kind) {
  const auto key = std::make_tuple(vendor, std::string(function), static_cast<int>(kind));
  auto it = equipment_.find(key);
  if (it != equipment_.end()) return it->second;
  Equipment eq;
  const std::string& name = vendors_[vendor].name;
  if (const CatalogueModel* m = catalogue_.find(name, function, kKindNames[kind])) {
    used_models_.emplace(name, m->name);
    eq.model = csv_field(m->name);
    for (const auto& s : m->sw) eq.sw.push_back(csv_field(s));
  } else {
    used_models_.emplace(name, name + " " + std::string(function));
    eq.model = csv_field(name + " " + std::string(function));
  }
  std::string cost_key = std::string(function) + "_" + std::string(kKindNames[kind]);
  if (!p_.costs.count(cost_key)) cost_key = std::string(function);
  eq.cost_lo = p_.costs.at(cost_key).first;
  eq.cost_hi = p_.costs.at(cost_key).second;
  return equipment_.emplace(key, std::move(eq)).first->second;
}

void Writer::write_site_row(OperatorState& o, std::uint64_t number, double lat, double lon,
                            std::string_view kind, std::uint32_t place, double population) {
  sites_.put(o.prefix);
  sites_.put("-S");
  sites_.put_uint(number);
  sites_.put(',');
  sites_.put(o.name);
  sites_.put(',');
  sites_.put_fixed(lat, 5);
  sites_.put(',');
  sites_.put_fixed(lon, 5);
  sites_.put(',');
  sites_.put(kind);
  sites_.put(',');
  sites_.put(region_field_[place]);
  sites_.put(',');
  if (population >= 0) sites_.put_uint(static_cast<std::uint64_t>(std::llround(population)));
  sites_.put('\n');
  ++summary_.sites;
}

std::uint64_t Writer::write_element(OperatorState& o, std::uint64_t site,
                                    const std::string& spelling, std::string_view domain,
                                    std::string_view function, const Equipment& eq,
                                    std::string_view technology, std::string_view installed,
                                    Rng& rng, double azimuth, double beamwidth, double range_m,
                                    double traffic) {
  const std::uint64_t number = o.next_element++;
  OutFile& f = elements_;
  f.put(o.prefix);
  f.put("-E");
  f.put_uint(number);
  f.put(',');
  f.put(o.prefix);
  f.put("-S");
  f.put_uint(site);
  f.put(',');
  f.put(spelling);
  f.put(',');
  f.put(domain);
  f.put(',');
  f.put(function);
  f.put(',');
  f.put(eq.model);
  f.put(',');
  f.put(technology);
  f.put(',');
  if (!eq.sw.empty()) f.put(eq.sw[rng.below(eq.sw.size())]);
  f.put(',');
  f.put(installed);
  f.put(',');
  if (!std::isnan(azimuth)) f.put_fixed(azimuth, 1);
  f.put(',');
  if (!std::isnan(beamwidth)) f.put_fixed(beamwidth, 0);
  f.put(',');
  if (!std::isnan(range_m)) f.put_fixed(range_m, 0);
  f.put(',');
  if (!std::isnan(traffic)) f.put_fixed(traffic, 2);
  f.put(',');
  const double cost = std::round(rng.uniform(eq.cost_lo, eq.cost_hi) / 100.0) * 100.0;
  f.put_fixed(cost, 0);
  f.put('\n');
  ++summary_.elements;
  ++summary_.elements_by_domain[std::string(domain)];
  return number;
}

void Writer::write_link(const OperatorState& o, std::uint64_t from, std::uint64_t to) {
  links_.put(o.prefix);
  links_.put("-E");
  links_.put_uint(from);
  links_.put(',');
  links_.put(o.prefix);
  links_.put("-E");
  links_.put_uint(to);
  links_.put('\n');
  ++summary_.links;
}

GenerateSummary Writer::run() {
  prepare_places();
  sites_.put("site_id,operator,lat,lon,kind,region,population\n");
  elements_.put(
      "element_id,site_id,vendor,domain,function,model,technology,sw_version,installed,azimuth,"
      "beamwidth,range_m,traffic,replace_cost\n");
  links_.put("from,to\n");
  std::vector<double> shares;
  for (const auto& op : p_.operators) shares.push_back(op.site_share);
  const auto per_operator = allocate(shares, radio_sites_, 0.5);
  for (std::size_t i = 0; i < p_.operators.size(); ++i) write_operator(i, per_operator[i]);
  sites_.close();
  elements_.close();
  links_.close();
  summary_.country = p_.code;
  summary_.seed = seed_;
  summary_.radio_sites = radio_done_;
  return summary_;
}

void Writer::write_operator(std::size_t index, std::size_t radio_sites) {
  OperatorState o;
  o.op = &p_.operators[index];
  o.prefix = o.op->prefix;
  o.name = csv_field(o.op->name);
  o.lte = make_mix(o.op->ran_lte, vendors_, catalogue_);
  o.nr = make_mix(o.op->ran_nr, vendors_, catalogue_);
  o.transport = make_mix(o.op->transport, vendors_, catalogue_);
  o.core_lte = make_mix(o.op->core_lte, vendors_, catalogue_);
  o.core_nr = make_mix(o.op->core_nr, vendors_, catalogue_);
  for (const auto& area : o.op->areas) {
    o.area_lte.push_back(
        make_mix(area.lte.empty() ? o.op->ran_lte : area.lte, vendors_, catalogue_));
    o.area_nr.push_back(make_mix(area.nr.empty() ? o.op->ran_nr : area.nr, vendors_, catalogue_));
  }
  const std::size_t n = places_.size();
  o.area_of_place.assign(n, -1);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t a = 0; a < o.op->areas.size() && o.area_of_place[i] < 0; ++a)
      for (const auto& region : o.op->areas[a].regions)
        if (places_[i].region == region) o.area_of_place[i] = static_cast<int>(a);

  // 1. Radio sites per place.
  Rng rng = Rng::stream(seed_, 1, index);
  const std::size_t coverage_total =
      static_cast<std::size_t>(std::llround(static_cast<double>(radio_sites) * p_.coverage_share));
  const std::size_t capacity_total = radio_sites - coverage_total;
  std::vector<double> by_population(n), by_anchor(n);
  for (std::size_t i = 0; i < n; ++i) {
    by_population[i] = places_[i].population;
    by_anchor[i] = anchor_[i] ? 1.0 : 0.0;
  }
  const auto capacity = allocate(by_population, capacity_total, rng.uniform());
  const auto coverage = allocate(by_anchor, coverage_total, rng.uniform());
  std::vector<std::uint32_t> sites_per_place(n);
  for (std::size_t i = 0; i < n; ++i) sites_per_place[i] = capacity[i] + coverage[i];

  // 2. and 3.
  write_cores(o, index);
  write_aggregation(o, index, sites_per_place);
  // 4.
  for (std::uint32_t i = 0; i < n; ++i)
    if (sites_per_place[i] > 0) write_radio_group(o, index, i, capacity[i], coverage[i]);
}

void Writer::write_cores(OperatorState& o, std::size_t index) {
  Rng rng = Rng::stream(seed_, 2, index);
  std::set<std::uint32_t> ems_vendors;
  for (const Mix* m : {&o.lte, &o.nr}) ems_vendors.insert(m->vendor.begin(), m->vendor.end());
  for (const auto& m : o.area_lte) ems_vendors.insert(m.vendor.begin(), m.vendor.end());
  for (const auto& m : o.area_nr) ems_vendors.insert(m.vendor.begin(), m.vendor.end());
  const std::uint32_t nms = vendors_.id(o.op->nms_vendor, catalogue_);
  struct Function {
    std::string_view name;
    bool nr;
    double rotation;
  };
  std::vector<Function> functions = {{"mme", false, 0}, {"sgw", false, 0}, {"pgw", false, 0},
                                     {"hss", false, 0}, {"amf", true, 0},  {"smf", true, 0},
                                     {"upf", true, 0},  {"udm", true, 0}};
  // Gateways and control functions of one technology share a vendor at a data centre;
  // subscriber databases (hss, udm) are bought separately.
  const double rot_lte = rng.uniform(), rot_nr = rng.uniform(), rot_db = rng.uniform();
  for (auto& f : functions)
    f.rotation = (f.name == "hss" || f.name == "udm") ? rot_db : (f.nr ? rot_nr : rot_lte);
  std::size_t d = 0;
  for (const auto& place_name : o.op->core_places) {
    auto it = std::find_if(places_.begin(), places_.end(),
                           [&](const Place& pl) { return pl.name == place_name; });
    if (it == places_.end())
      throw InputError(p_.path, 0, 0,
                       o.op->name + ": core place '" + place_name + "' is not in " +
                           p_.places_file + " (expected a place name)");
    const auto place = static_cast<std::uint32_t>(it - places_.begin());
    CoreSite core;
    const double angle = 2 * kPi * rng.uniform();
    const double r = radius_m_[place] * 0.5 * std::sqrt(rng.uniform());
    offset(it->lat, it->lon, r * std::sin(angle), r * std::cos(angle), core.lat, core.lon);
    keep_on_land(*it, core.lat, core.lon);
    const std::uint64_t site = o.next_site++;
    write_site_row(o, site, core.lat, core.lon, "core_dc", place, -1);
    std::map<std::string_view, std::uint64_t> ids;
    for (const auto& f : functions) {
      const Mix& mix = f.nr ? o.core_nr : o.core_lte;
      const std::uint32_t v = mix.at(frac(f.rotation + static_cast<double>(d) * kGolden));
      const std::string tech = f.nr ? "core_nr" : "core_lte";
      ids[f.name] =
          write_element(o, site, vendors_[v].quoted, "core", f.name, equipment(v, f.name, kMacro),
                        f.nr ? "nr" : "lte", install_date(rng, years(o, v, tech)), rng, kMissing,
                        kMissing, kMissing, kMissing);
    }
    write_link(o, ids["sgw"], ids["pgw"]);
    write_link(o, ids["mme"], ids["hss"]);
    write_link(o, ids["amf"], ids["smf"]);
    write_link(o, ids["amf"], ids["udm"]);
    core.sgw = ids["sgw"];
    core.mme = ids["mme"];
    core.upf = ids["upf"];
    core.amf = ids["amf"];
    if (d < 2) {  // management systems at the first two data centres (geo-redundant)
      for (std::uint32_t v : ems_vendors)
        write_element(o, site, vendors_[v].quoted, "oss", "ems", equipment(v, "ems", kMacro), "",
                      install_date(rng, years(o, v, "oss")), rng, kMissing, kMissing, kMissing,
                      kMissing);
      write_element(o, site, vendors_[nms].quoted, "oss", "nms", equipment(nms, "nms", kMacro), "",
                    install_date(rng, years(o, nms, "oss")), rng, kMissing, kMissing, kMissing,
                    kMissing);
    }
    o.cores.push_back(core);
    ++d;
  }
}

void Writer::keep_on_land(const Place& place, double& lat, double& lon) const {
  if (land_.contains(lat, lon)) return;
  constexpr int kSteps = 32;
  const double lat0 = lat, lon0 = lon;
  for (int k = 1; k <= kSteps; ++k) {
    const double t = static_cast<double>(k) / kSteps;
    lat = lat0 + t * (place.land_lat - lat0);
    lon = lon0 + t * (place.land_lon - lon0);
    // The written coordinates (5 decimals) are the ones that must be on land.
    lat = std::round(lat * 1e5) / 1e5;
    lon = std::round(lon * 1e5) / 1e5;
    if (land_.contains(lat, lon)) return;
  }
  lat = place.land_lat;
  lon = place.land_lon;
}

void Writer::write_aggregation(OperatorState& o, std::size_t index,
                               const std::vector<std::uint32_t>& sites_per_place) {
  Rng rng = Rng::stream(seed_, 3, index);
  const std::size_t n = places_.size();
  const double per = static_cast<double>(p_.sites_per_aggregation);
  // One aggregation site per `per` radio sites, shared out like the sites themselves:
  // towns with too few sites for one of their own use a neighbour's.
  std::vector<double> weights(sites_per_place.begin(), sites_per_place.end());
  const double radio = std::accumulate(weights.begin(), weights.end(), 0.0);
  const auto count =
      allocate(weights, static_cast<std::size_t>(std::ceil(radio / per)), rng.uniform());
  o.aggregation.assign(n, {});
  o.attach.assign(n, 0);
  const double rotation = rng.uniform();
  std::size_t a = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    const Place& place = places_[i];
    for (std::uint32_t j = 0; j < count[i]; ++j, ++a) {
      Aggregation agg;
      // Spread over the city like sunflower seeds: even density, no two together.
      const double r = 0.7 * radius_m_[i] * std::sqrt((j + 0.5) / count[i]);
      const double angle = 2 * kPi * frac(rotation + j * kGolden);
      offset(place.lat, place.lon, r * std::sin(angle), r * std::cos(angle), agg.lat, agg.lon);
      keep_on_land(place, agg.lat, agg.lon);
      const std::uint64_t site = o.next_site++;
      write_site_row(o, site, agg.lat, agg.lon, "aggregation", i, -1);
      const std::uint32_t v = o.transport.at(frac(rotation + static_cast<double>(a) * kGolden));
      const CoreSite* nearest = &o.cores.front();
      double best = 1e300;
      for (const auto& core : o.cores) {
        const double dist = approx_distance_m(agg.lat, agg.lon, core.lat, core.lon);
        if (dist < best) {
          best = dist;
          nearest = &core;
        }
      }
      const std::string installed = install_date(rng, years(o, v, "fibre"));
      for (auto& router : agg.router) {
        router = write_element(o, site, vendors_[v].quoted, "transport", "router",
                               equipment(v, "router", kMacro), "fibre", installed, rng, kMissing,
                               kMissing, kMissing, kMissing);
        for (std::uint64_t to : {nearest->sgw, nearest->mme, nearest->upf, nearest->amf})
          write_link(o, router, to);
      }
      o.aggregation[i].push_back(agg);
    }
    // Sorted by latitude for nearest(); ties keep the order of creation.
    std::stable_sort(o.aggregation[i].begin(), o.aggregation[i].end(),
                     [](const Aggregation& x, const Aggregation& y) { return x.lat < y.lat; });
  }
  // Places without an aggregation site of their own use the nearest place that has one.
  for (std::uint32_t i = 0; i < n; ++i) {
    o.attach[i] = i;
    if (sites_per_place[i] == 0 || count[i] > 0) continue;
    double best = 1e300;
    for (std::uint32_t j = 0; j < n; ++j) {
      if (count[j] == 0) continue;
      const double d =
          approx_distance_m(places_[i].lat, places_[i].lon, places_[j].lat, places_[j].lon);
      if (d < best) {
        best = d;
        o.attach[i] = j;
      }
    }
  }
}

void Writer::write_radio_group(OperatorState& o, std::size_t index, std::uint32_t place_index,
                               std::uint32_t capacity, std::uint32_t coverage) {
  Rng rng = Rng::stream(seed_, 4 + index, place_index);
  const Place& place = places_[place_index];
  const double radius = radius_m_[place_index];
  const bool has_core = place.population >= p_.urban_min_population;
  std::vector<Site> group(capacity + coverage);
  // Capacity sites: a 2-D normal around the centre with sigma = radius / 2, cut at
  // 1.5 radius (98.9 % of its mass), drawn by inverting the radial distribution.
  const double sigma = radius / 2;
  const double cut = 1.0 - std::exp(-0.5 * (1.5 * radius / sigma) * (1.5 * radius / sigma));
  const double rotation = rng.uniform();
  for (std::uint32_t i = 0; i < capacity; ++i) {
    Site& s = group[i];
    s.u = frac(rotation + i * kGolden);
    const double angle = 2 * kPi * s.u;
    const double r = sigma * std::sqrt(-2.0 * std::log(1.0 - rng.uniform() * cut));
    offset(place.lat, place.lon, r * std::sin(angle), r * std::cos(angle), s.lat, s.lon);
    keep_on_land(place, s.lat, s.lon);
    s.density = has_core && r <= radius ? kUrban : kSuburban;
  }
  // Coverage sites: along the way to a neighbouring town of the same region (roads and
  // valleys connect towns), or around an isolated place.
  const auto& near = neighbours_[place_index];
  const double rotation2 = rng.uniform();
  for (std::uint32_t j = 0; j < coverage; ++j) {
    Site& s = group[capacity + j];
    s.u = frac(rotation2 + j * kGolden);
    s.density = kRural;
    if (!near.empty()) {
      const Place& other = places_[near[rng.below(near.size())]];
      const double t = rng.uniform(0.15, 0.85);
      const double lat = place.lat + t * (other.lat - place.lat);
      const double lon = place.lon + t * (other.lon - place.lon);
      // One draw per statement: the order in which a call's arguments are evaluated is
      // the compiler's choice (GCC and clang differ), and the draws must come in one
      // order for a seed to give one network. North first, as GCC evaluated them.
      const double north_m = 1000 * rng.normal();
      const double east_m = 1000 * rng.normal();
      offset(lat, lon, east_m, north_m, s.lat, s.lon);
    } else {
      const double angle = 2 * kPi * rng.uniform();
      const double r = rng.uniform(2000, 12000);
      offset(place.lat, place.lon, r * std::sin(angle), r * std::cos(angle), s.lat, s.lon);
    }
    keep_on_land(place, s.lat, s.lon);
  }
  // Kinds, then the people each site serves: the operator's subscribers in the place,
  // shared by the sites' weights.
  double weight = 0;
  for (Site& s : group) {
    const KindMix& mix = p_.kinds[s.density];
    const double x = rng.uniform();
    s.kind = x < mix.macro ? kMacro : x < mix.macro + mix.small ? kSmall : kIndoor;
    weight += kKindWeight[s.kind];
  }
  const double people = (place.population > 0 ? place.population : p_.unknown_place_population) *
                        o.op->subscriber_share;
  for (Site& s : group) s.population = people * kKindWeight[s.kind] / weight;

  const int area = o.area_of_place[place_index];
  const Mix& lte = area >= 0 ? o.area_lte[static_cast<std::size_t>(area)] : o.lte;
  const Mix& nr = area >= 0 ? o.area_nr[static_cast<std::size_t>(area)] : o.nr;
  const auto& aggs = o.aggregation[o.attach[place_index]];
  for (const Site& s : group) {
    const std::uint64_t site = o.next_site++;
    write_site_row(o, site, s.lat, s.lon, kKindNames[s.kind], place_index, s.population);
    // The aggregation site nearest to this one; a router of the pair by turns.
    const std::uint64_t router = nearest(aggs, s.lat, s.lon).router[site % 2];
    const bool has_nr = rng.chance(value(p_.nr_share, s.density));
    const bool respelled = rng.chance(p_.spelling_variation);
    const int sectors = s.kind == kMacro ? p_.sectors : 1;
    const double first_azimuth = rng.uniform(0, 360.0 / sectors);
    const double base_range =
        s.kind == kMacro
            ? std::round(rng.uniform(0.8, 1.2) * value(p_.macro_range_m, s.density) / 10) * 10
        : s.kind == kSmall ? p_.small_range_m
                           : p_.indoor_range_m;
    const double traffic = s.population * p_.traffic_per_person * std::exp(0.3 * rng.normal());
    for (int t = 0; t < (has_nr ? 2 : 1); ++t) {
      const bool is_nr = t == 1;
      const std::uint32_t v = (is_nr ? nr : lte).at(s.u);
      const VendorInfo& info = vendors_[v];
      const std::string& spelling = respelled && !info.spellings.empty()
                                        ? info.spellings[rng.below(info.spellings.size())]
                                        : info.quoted;
      const std::string_view function = is_nr ? "gnb" : "enb";
      const Equipment& eq = equipment(v, function, s.kind);
      const std::string installed = install_date(rng, years(o, v, is_nr ? "nr" : "lte"));
      const double share = has_nr ? (is_nr ? p_.nr_traffic_share : 1 - p_.nr_traffic_share) : 1;
      const double range = is_nr ? std::round(base_range * p_.nr_range_factor) : base_range;
      for (int k = 0; k < sectors; ++k) {
        // Rounded to the 0.1 degree written, then kept below 360.
        double azimuth = kMissing;
        if (s.kind == kMacro) {
          azimuth = std::round((first_azimuth + k * 360.0 / sectors) * 10) / 10;
          if (azimuth >= 360) azimuth -= 360;
        }
        const std::uint64_t e = write_element(
            o, site, spelling, "ran", function, eq, is_nr ? "nr" : "lte", installed, rng, azimuth,
            s.kind == kMacro ? p_.beamwidth : kMissing, range, traffic * share / sectors);
        write_link(o, e, router);
      }
    }
    ++radio_done_;
    if (progress_ && radio_done_ >= next_report_) {
      progress_(radio_done_, radio_sites_);
      next_report_ = radio_done_ + std::max<std::size_t>(1, radio_sites_ / 100);
    }
  }
}

}  // namespace

namespace {

// models.csv: one row per (vendor, model) in the bundle, with its evidence; a model
// the catalogue lacks has none.
void write_models(const std::set<std::pair<std::string, std::string>>& used, const Evidence& ev,
                  const std::string& path) {
  std::string text = "vendor,model,certified,certified_by,no_spy_declaration,evidence_source\n";
  for (const auto& key : used) {
    const auto it = ev.models.find(key);
    const ModelRecord rec = it == ev.models.end() ? ModelRecord{} : it->second;
    text += csv_field(key.first) + ',' + csv_field(key.second) + ',' +
            (rec.certified ? "true," + csv_field(ev.certified_by) : std::string("false,")) + ',' +
            (rec.declaration ? "true" : "false") + ',' + csv_field(ev.source) + '\n';
  }
  write_file_atomically(path, text);
}

}  // namespace

GenerateSummary write_bundle(const Profile& profile, const Catalogue& catalogue,
                             const std::vector<Place>& places, const LandMask& land,
                             const std::string& data_dir, std::size_t radio_sites,
                             std::uint64_t seed, const std::string& dir,
                             const std::function<void(std::size_t, std::size_t)>& progress) {
  Writer writer(profile, catalogue, places, land, radio_sites, seed, dir, progress);
  GenerateSummary summary = writer.run();
  write_models(writer.used_models(), load_evidence(data_dir + "/profiles/evidence.toml", catalogue),
               dir + "/models.csv");
  if (!profile.zones_file.empty()) {
    const fs::path from = fs::path(data_dir) / profile.zones_file;
    std::ifstream in(from, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + from.string());
    std::ostringstream text;
    text << in.rdbuf();
    write_file_atomically(dir + "/zones.geojson", text.str());
    const auto json = nlohmann::json::parse(text.str(), nullptr, false);
    if (json.is_object() && json.contains("features") && json["features"].is_array())
      summary.zones = json["features"].size();
  }
  return summary;
}

}  // namespace ringfence::gen
