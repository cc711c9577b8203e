// import_cells: a cell export -> a bundle (sites.csv, elements.csv, links.csv with
// --backhaul, import.json). One element per cell; see README "Importing real data".
#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <map>
#include <numeric>
#include <stdexcept>
#include <unordered_map>

#include "generate/internal.hpp"
#include "import/backhaul.hpp"
#include "import/bundle_dir.hpp"
#include "import/cell_file.hpp"
#include "import/providers.hpp"
#include "import/site_grouping.hpp"
#include "import/vendor_rules.hpp"
#include "io/fields.hpp"
#include "output/json_writer.hpp"
#include "ringfence/date.hpp"
#include "ringfence/diagnostics.hpp"
#include "ringfence/generate.hpp"
#include "ringfence/import.hpp"
#include "ringfence/output.hpp"

namespace ringfence {

namespace {

namespace fs = std::filesystem;

constexpr const char* kTechnology[] = {"gsm", "umts", "lte", "nr", "cdma"};
constexpr const char* kFunction[] = {"bts", "nodeb", "enb", "gnb", "bts"};

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Region of a position: that of the nearest GeoNames place of the country (places
// sorted by latitude, swept outwards), looked up once per 0.01-degree cell (about 1 km):
// an approximation of first-level regions, good away from their borders.
class RegionFinder {
 public:
  explicit RegionFinder(std::vector<gen::Place> places) : places_(std::move(places)) {
    std::sort(places_.begin(), places_.end(),
              [](const gen::Place& a, const gen::Place& b) { return a.lat < b.lat; });
  }
  const std::string& operator()(double lat, double lon) {
    static const std::string none;
    if (places_.empty()) return none;
    const auto gy = static_cast<std::int64_t>(std::floor(lat * 100));
    const auto gx = static_cast<std::int64_t>(std::floor(lon * 100));
    const std::uint64_t key =
        (static_cast<std::uint64_t>(gy + 9000) << 32) | static_cast<std::uint64_t>(gx + 18000);
    auto [it, inserted] = cache_.try_emplace(key, 0);
    if (inserted)
      it->second =
          nearest((static_cast<double>(gy) + 0.5) / 100, (static_cast<double>(gx) + 0.5) / 100);
    return places_[it->second].region;
  }

 private:
  std::uint32_t nearest(double lat, double lon) const {
    const double kx = std::cos(lat * 3.14159265358979323846 / 180);
    auto d2 = [&](const gen::Place& p) {
      const double dy = p.lat - lat, dx = (p.lon - lon) * kx;
      return dx * dx + dy * dy;
    };
    const auto start = std::lower_bound(places_.begin(), places_.end(), lat,
                                        [](const gen::Place& p, double v) { return p.lat < v; });
    std::size_t mid = start == places_.end() ? places_.size() - 1
                                             : static_cast<std::size_t>(start - places_.begin());
    std::size_t best = mid;
    double best_d2 = d2(places_[mid]);
    for (std::size_t i = mid + 1; i < places_.size(); ++i) {
      const double gap = places_[i].lat - lat;
      if (gap * gap > best_d2) break;
      if (const double d = d2(places_[i]); d < best_d2) best_d2 = d, best = i;
    }
    for (std::size_t i = mid; i-- > 0;) {
      const double gap = lat - places_[i].lat;
      if (gap * gap > best_d2) break;
      if (const double d = d2(places_[i]); d < best_d2) best_d2 = d, best = i;
    }
    return static_cast<std::uint32_t>(best);
  }
  std::vector<gen::Place> places_;
  std::unordered_map<std::uint64_t, std::uint32_t> cache_;
};

// YYYY-MM-DD of days since 1970-01-01 (H. Hinnant's civil_from_days), written straight
// into the file: formatting through printf costs more than the rest of a row.
void put_date(gen::OutFile& f, Days days) {
  const std::int64_t z = static_cast<std::int64_t>(days) + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned mo = mp < 10 ? mp + 3 : mp - 9;
  const auto y = static_cast<unsigned>(static_cast<std::int64_t>(yoe) + era * 400 + (mo <= 2));
  char buf[10] = {static_cast<char>('0' + y / 1000 % 10),
                  static_cast<char>('0' + y / 100 % 10),
                  static_cast<char>('0' + y / 10 % 10),
                  static_cast<char>('0' + y % 10),
                  '-',
                  static_cast<char>('0' + mo / 10),
                  static_cast<char>('0' + mo % 10),
                  '-',
                  static_cast<char>('0' + d / 10),
                  static_cast<char>('0' + d % 10)};
  f.put(std::string_view(buf, 10));
}

std::string code_of(std::uint32_t mcc, std::uint32_t mnc) {
  return std::to_string(mcc) + "-" + std::to_string(mnc);
}

}  // namespace

CellImportSummary import_cells(const CellImportOptions& options) {
  const std::string data_dir = options.data_dir.empty() ? default_data_dir() : options.data_dir;
  if (!(options.site_distance_m >= 1 && options.site_distance_m <= 10000))
    throw OptionError("{site-distance} must be between 1 and 10000 metres");
  if (options.backhaul && options.country.empty())
    throw OptionError("{backhaul} synthetic needs {country} (its profile)");

  const import::ProviderTable providers = import::load_providers(
      options.providers_xml.empty() ? import::default_providers_xml() : options.providers_xml,
      data_dir + "/import/networks.toml");
  CellImportSummary summary;
  if (!options.country.empty()) {
    auto it = providers.country_mccs.find(io::to_lower_ascii(options.country));
    if (it == providers.country_mccs.end() || options.country.size() != 2)
      throw std::invalid_argument("unknown country '" + options.country +
                                  "' (expected an ISO 3166 code the provider list knows, e.g. "
                                  "KR, CA, GB, DE)");
    summary.mccs.assign(it->second.begin(), it->second.end());
  }
  std::optional<import::VendorRules> rules;
  if (!options.vendor_rules.empty()) rules = import::load_vendor_rules(options.vendor_rules);
  import::BundleDir dir(options.out, options.force);

  import::CellFileResult file = import::read_cell_file(
      options.input, summary.mccs, options.skip_bad, options.progress, options.threads);
  import::CellTable& cells = file.cells;
  const std::size_t n = cells.size();
  if (n > UINT32_MAX) throw std::invalid_argument("more than 4 billion cells");

  // Duplicate cells (the same radio, mcc, net, area, cell) would be duplicate elements.
  {
    // One 128-bit key per cell (radio 3 bits, mcc 10, mnc 17, area 32 | cell 64: the
    // reader bounds mcc and mnc), sorted as plain structs rather than through the columns.
    struct Key {
      std::uint64_t hi, lo;
      std::uint32_t idx;
    };
    std::vector<Key> keys(n);
    for (std::uint32_t i = 0; i < n; ++i)
      keys[i] = {(std::uint64_t{cells.rec[i].radio} << 61) |
                     (std::uint64_t{cells.rec[i].mcc} << 51) |
                     (std::uint64_t{cells.rec[i].mnc} << 34) | cells.rec[i].area,
                 cells.rec[i].cell, i};
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
      if (a.hi != b.hi) return a.hi < b.hi;
      if (a.lo != b.lo) return a.lo < b.lo;
      return a.idx < b.idx;
    });
    std::vector<std::uint32_t> idx(n);
    for (std::size_t k = 0; k < n; ++k) idx[k] = keys[k].idx;
    auto same = [&](std::size_t k1, std::size_t k2) {
      return keys[k1].hi == keys[k2].hi && keys[k1].lo == keys[k2].lo;
    };
    std::vector<std::uint8_t> drop(n, 0);
    Diagnostics diag;
    std::size_t dropped = 0;
    for (std::size_t k = 1; k < n; ++k) {
      if (!same(k, k - 1)) continue;
      std::size_t first = k - 1;
      while (first > 0 && same(first - 1, k)) --first;
      const std::string message =
          "a second row for cell " + std::string(import::kRadioNames[cells.rec[idx[k]].radio]) +
          " " + code_of(cells.rec[idx[k]].mcc, cells.rec[idx[k]].mnc) + " " +
          std::to_string(cells.rec[idx[k]].area) + " " + std::to_string(cells.rec[idx[k]].cell) +
          " (first on line " + std::to_string(cells.rec[idx[first]].line) +
          "; expected one row per cell)";
      if (options.skip_bad) {
        if (summary.bad_examples.size() < 5)
          summary.bad_examples.push_back(options.input + ":" +
                                         std::to_string(cells.rec[idx[k]].line) + ":1: " + message);
        drop[idx[k]] = 1;
        ++dropped;
      } else if (!diag.full()) {
        diag.error(options.input, cells.rec[idx[k]].line, 1, message);
      }
    }
    if (diag.has_errors()) throw InputError(std::move(diag));
    if (dropped) {
      import::CellTable kept;
      for (std::size_t i = 0; i < n; ++i) {
        if (drop[i]) continue;
        kept.rec.push_back(cells.rec[i]);
        kept.lat.push_back(cells.lat[i]);
        kept.lon.push_back(cells.lon[i]);
      }
      cells = std::move(kept);
    }
    file.bad += dropped;
  }
  summary.rows = file.rows;
  summary.other_country = file.other_country;
  summary.bad = file.bad;
  summary.header = file.header;
  file.bad_examples.insert(file.bad_examples.end(), summary.bad_examples.begin(),
                           summary.bad_examples.end());
  summary.bad_examples = std::move(file.bad_examples);
  if (summary.bad_examples.size() > 5) summary.bad_examples.resize(5);
  const std::size_t m = cells.size();

  // Networks and operators; operators ranked by name.
  // Each cell's network as a small index (rows of one network tend to come together,
  // so the last lookup is remembered), counted per radio in plain arrays.
  std::map<std::uint64_t, CellNetworkCount> networks;
  std::unordered_map<std::uint64_t, std::uint32_t> index_of_net;
  std::vector<std::uint64_t> net_keys;
  std::vector<std::array<std::uint64_t, import::kRadioCount>> per_radio;
  std::vector<std::uint32_t> net_of(m);
  std::uint64_t last_key = UINT64_MAX;
  std::uint32_t last_index = 0;
  for (std::size_t i = 0; i < m; ++i) {
    const std::uint64_t key = import::network_key(cells.rec[i].mcc, cells.rec[i].mnc);
    if (key != last_key) {
      auto [it, inserted] =
          index_of_net.try_emplace(key, static_cast<std::uint32_t>(net_keys.size()));
      if (inserted) {
        net_keys.push_back(key);
        per_radio.push_back({});
      }
      last_key = key;
      last_index = it->second;
    }
    net_of[i] = last_index;
    ++per_radio[last_index][cells.rec[i].radio];
  }
  for (std::size_t k = 0; k < net_keys.size(); ++k) {
    const std::uint64_t key = net_keys[k];
    CellNetworkCount& c = networks[key];
    c.code = code_of(static_cast<std::uint32_t>(key >> 32), static_cast<std::uint32_t>(key));
    auto p = providers.network.find(key);
    c.known = p != providers.network.end();
    c.operator_name = c.known ? p->second : c.code;
    if (auto g = providers.guessed.find(key); g != providers.guessed.end())
      summary.warnings.push_back(g->second);
    for (std::uint8_t r = 0; r < import::kRadioCount; ++r)
      if (per_radio[k][r]) {
        c.by_radio[import::kRadioNames[r]] = per_radio[k][r];
        c.cells += per_radio[k][r];
      }
  }
  std::sort(summary.warnings.begin(), summary.warnings.end());
  std::vector<std::string> operators;
  for (const auto& [key, c] : networks) operators.push_back(c.operator_name);
  std::sort(operators.begin(), operators.end());
  operators.erase(std::unique(operators.begin(), operators.end()), operators.end());
  std::vector<std::uint32_t> rank_of_index(net_keys.size());
  for (std::size_t k = 0; k < net_keys.size(); ++k)
    rank_of_index[k] = static_cast<std::uint32_t>(
        std::lower_bound(operators.begin(), operators.end(), networks[net_keys[k]].operator_name) -
        operators.begin());
  std::vector<std::uint32_t> op_rank(m);
  std::vector<std::uint64_t> tie(m);
  for (std::size_t i = 0; i < m; ++i) {
    op_rank[i] = rank_of_index[net_of[i]];
    tie[i] = i;  // rows are unique by key; file order breaks exact position ties
  }
  net_of.clear();
  net_of.shrink_to_fit();

  // Sites.
  const import::SiteGroups groups =
      import::group_sites(cells.lat, cells.lon, op_rank, tie, options.site_distance_m);

  // Regions from the country's places, when there are any.
  std::vector<gen::Place> places;
  if (!options.country.empty()) {
    const fs::path p = fs::path(data_dir) / "places" / (upper(options.country) + ".csv");
    if (fs::exists(p)) places = gen::read_places(p.string());
  }
  RegionFinder region_of(std::move(places));

  // Write.
  std::uint64_t seed = rules ? rules->seed : 0;
  {
    gen::OutFile sites(dir.file("sites.csv"));
    gen::OutFile elements(dir.file("elements.csv"));
    std::optional<gen::OutFile> links;
    sites.put("site_id,operator,lat,lon,kind,region\n");
    elements.put(
        "element_id,site_id,vendor,domain,function,model,technology,installed,range_m,"
        "vendor_source\n");
    std::vector<std::string> op_field;
    for (const auto& o : operators) op_field.push_back(csv_field(o));
    std::vector<std::string> vendor_field;
    if (rules)
      for (const auto& r : rules->rules)
        for (const auto& v : r.vendors) vendor_field.push_back(csv_field(v));
    std::vector<std::size_t> vendor_base;  // index of a rule's first vendor in vendor_field
    if (rules) {
      std::size_t base = 0;
      for (const auto& r : rules->rules) {
        vendor_base.push_back(base);
        base += r.vendors.size();
      }
    }
    std::vector<std::uint64_t> vendor_count(vendor_field.size(), 0);
    std::vector<std::string> region_of_site(groups.size());
    import::BackhaulResult backhaul;
    if (options.backhaul) {
      links.emplace(dir.file("links.csv"));
      links->put("from,to\n");
    }
    for (std::size_t s = 0; s < groups.size(); ++s) {
      const std::string& region = region_of(groups.lat[s], groups.lon[s]);
      region_of_site[s] = region;
      sites.put('S');
      sites.put_uint(s + 1);
      sites.put(',');
      sites.put(op_field[groups.op[s]]);
      sites.put(',');
      sites.put(format_number(std::round(groups.lat[s] * 1e6) / 1e6));
      sites.put(',');
      sites.put(format_number(std::round(groups.lon[s] * 1e6) / 1e6));
      sites.put(",macro,");
      sites.put(csv_field(region));
      sites.put('\n');
    }
    if (options.backhaul) {
      import::BackhaulSites radio{operators, groups.lat, groups.lon, groups.op};
      backhaul =
          import::write_backhaul(radio, data_dir, options.country, seed, sites, elements, *links);
    }
    // Rules whose operator and region fit, per (operator, region): looked up per site.
    std::map<std::pair<std::uint32_t, std::string>, std::vector<int>> rules_for;
    const std::vector<int> no_rules;
    for (std::size_t s = 0; s < groups.size(); ++s) {
      const std::vector<int>* site_rules_ptr = &no_rules;
      if (rules) {
        auto [it, inserted] = rules_for.try_emplace({groups.op[s], region_of_site[s]});
        if (inserted)
          for (std::size_t r = 0; r < rules->rules.size(); ++r)
            if (import::matches_site(rules->rules[r], operators[groups.op[s]], region_of_site[s]))
              it->second.push_back(static_cast<int>(r));
        site_rules_ptr = &it->second;
      }
      const std::vector<int>& site_rules = *site_rules_ptr;
      for (std::uint32_t k = groups.first[s]; k < groups.first[s + 1]; ++k) {
        const std::uint32_t c = groups.order[k];
        const std::uint8_t radio = cells.rec[c].radio;
        auto put_id = [&](gen::OutFile& f) {
          f.put(import::kRadioNames[radio]);
          f.put('-');
          f.put_uint(cells.rec[c].mcc);
          f.put('-');
          f.put_uint(cells.rec[c].mnc);
          f.put('-');
          f.put_uint(cells.rec[c].area);
          f.put('-');
          f.put_uint(cells.rec[c].cell);
        };
        const Days installed =
            cells.rec[c].created > 0 ? static_cast<Days>(cells.rec[c].created / 86400) : kNoDate;
        int rule = -1;
        for (int r : site_rules)
          if (import::matches_cell(rules->rules[static_cast<std::size_t>(r)], kTechnology[radio],
                                   installed)) {
            rule = r;
            break;
          }
        put_id(elements);
        elements.put(",S");
        elements.put_uint(s + 1);
        elements.put(',');
        if (rule >= 0) {
          const import::VendorRule& r = rules->rules[static_cast<std::size_t>(rule)];
          const std::size_t v = vendor_base[static_cast<std::size_t>(rule)] +
                                import::pick_vendor(*rules, r, s + 1, radio);
          ++vendor_count[v];
          elements.put(vendor_field[v]);
        } else {
          ++summary.unassigned;
          elements.put("unknown");
        }
        elements.put(",ran,");
        elements.put(kFunction[radio]);
        elements.put(",,");
        elements.put(kTechnology[radio]);
        elements.put(',');
        if (installed != kNoDate) put_date(elements, installed);
        elements.put(',');
        if (cells.rec[c].range_m > 0 && cells.rec[c].range_m <= 1000000)
          elements.put_uint(cells.rec[c].range_m);
        elements.put(',');
        if (rule >= 0) {
          elements.put("assumed:");
          elements.put(csv_field(rules->rules[static_cast<std::size_t>(rule)].id));
        } else {
          elements.put("none");
        }
        elements.put('\n');
        if (options.backhaul) {
          put_id(*links);
          links->put(',');
          links->put(backhaul.router_of_site[s]);
          links->put('\n');
          ++backhaul.links;
        }
      }
    }
    sites.close();
    elements.close();
    if (links) links->close();
    summary.sites = groups.size() + backhaul.sites;
    summary.elements = m + backhaul.elements;
    summary.links = backhaul.links;
    summary.kept = m;
    if (rules) {
      std::size_t v = 0;
      for (const auto& r : rules->rules)
        for (const auto& name : r.vendors) summary.vendor_cells[name] += vendor_count[v++];
      for (auto it = summary.vendor_cells.begin(); it != summary.vendor_cells.end();)
        it = it->second == 0 ? summary.vendor_cells.erase(it) : std::next(it);
    }
  }
  for (auto& [key, c] : networks) summary.networks.push_back(std::move(c));
  std::sort(summary.networks.begin(), summary.networks.end(),
            [](const CellNetworkCount& a, const CellNetworkCount& b) {
              const auto da = a.code.find('-'), db = b.code.find('-');
              const auto ma = std::stoul(a.code.substr(0, da)),
                         mb = std::stoul(b.code.substr(0, db));
              if (ma != mb) return ma < mb;
              return std::stoul(a.code.substr(da + 1)) < std::stoul(b.code.substr(db + 1));
            });
  // The country's sensitive zones, as `generate` ships them, so zone rules apply.
  if (!options.country.empty()) {
    const fs::path zones =
        fs::path(data_dir) / "zones" / (io::to_lower_ascii(options.country) + ".geojson");
    if (fs::exists(zones)) {
      fs::copy_file(zones, dir.file("zones.geojson"));
      summary.zones_file = "zones/" + zones.filename().string();
    }
  }
  write_file_atomically(dir.file("import.json"), cell_summary_json(options, summary));
  dir.commit();
  return summary;
}

std::string cell_summary_json(const CellImportOptions& options, const CellImportSummary& s) {
  std::string out;
  output::JsonWriter w(out, true, output::JsonWriter::Numbers::kDecimal);
  auto counts = [&](const std::map<std::string, std::uint64_t>& m) {
    w.begin_object();
    for (const auto& [k, v] : m) w.field(k, static_cast<std::size_t>(v));
    w.end_object();
  };
  auto text_or_null = [&](std::string_view key, const std::string& v) {
    w.key(key);
    if (v.empty())
      w.null();
    else
      w.value(v);
  };
  w.begin_object()
      .field("importer", std::string("ringfence ") + RINGFENCE_VERSION + " import cells")
      .field("input", fs::path(options.input).filename().string())
      .field("country", upper(options.country));
  w.key("mccs").begin_array();
  for (std::uint32_t m : s.mccs) w.value(static_cast<std::size_t>(m));
  w.end_array()
      .field("header", s.header)
      .field("site_distance_m", options.site_distance_m)
      .field("rows", static_cast<std::size_t>(s.rows))
      .field("cells", static_cast<std::size_t>(s.kept))
      .field("other_country", static_cast<std::size_t>(s.other_country))
      .field("bad", static_cast<std::size_t>(s.bad));
  w.key("networks").begin_array();
  for (const auto& n : s.networks) {
    w.begin_object()
        .field("code", n.code)
        .field("operator", n.operator_name)
        .field("known", n.known)
        .field("cells", static_cast<std::size_t>(n.cells))
        .key("by_radio");
    counts(n.by_radio);
    w.end_object();
  }
  w.end_array()
      .field("sites", static_cast<std::size_t>(s.sites))
      .field("elements", static_cast<std::size_t>(s.elements))
      .field("links", static_cast<std::size_t>(s.links));
  text_or_null("vendor_rules", options.vendor_rules.empty()
                                   ? std::string()
                                   : fs::path(options.vendor_rules).filename().string());
  w.key("vendors_assumed");
  counts(s.vendor_cells);
  w.field("vendors_unassigned", static_cast<std::size_t>(s.unassigned))
      .field("backhaul", options.backhaul ? "synthetic" : "none");
  text_or_null("zones", s.zones_file);
  w.key("warnings").begin_array();
  for (const auto& warning : s.warnings) w.value(warning);
  w.end_array().field(
      "attribution",
      "Cell positions: OpenCelliD Project (opencellid.org) or Mozilla Location Service "
      "exports, CC BY-SA 4.0. Vendors are not in the source: every vendor is an assumption "
      "of the rules file (elements.csv vendor_source). Operators: mobile-broadband-provider-"
      "info (public domain) and data/import/networks.toml.");
  w.end_object();
  return out;
}

}  // namespace ringfence
