// Country profiles (data/profiles/<cc>.toml) and the equipment catalogue
// (data/profiles/equipment.toml). Every problem is reported with the file, line and
// column of the offending value.
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <initializer_list>
#include <set>
#include <stdexcept>

#include "generate/internal.hpp"
#include "io/toml_file.hpp"
#include "ringfence/data_dir.hpp"
#include "ringfence/diagnostics.hpp"
#include "ringfence/registry.hpp"

namespace ringfence {

namespace {

// Typed access to a parsed TOML document with located errors.
class TomlReader {
 public:
  explicit TomlReader(std::string file) : file_(std::move(file)) {}

  toml::table parse() const { return io::parse_toml_file(file_); }

  [[noreturn]] void fail(const toml::node* node, const std::string& message) const {
    const auto line = node ? node->source().begin.line : 0;
    const auto column = node ? node->source().begin.column : 0;
    throw InputError(file_, line, column, message);
  }

  // Rejects keys not in `allowed` (a typo would otherwise be silently ignored).
  void only_keys(const toml::table& table, const std::string& where,
                 std::initializer_list<std::string_view> allowed) const {
    for (const auto& [key, node] : table) {
      if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
      std::string list;
      for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      fail(&node,
           "unknown key '" + std::string(key.str()) + "' in " + where + " (expected " + list + ")");
    }
  }

  const toml::table& table(const toml::table& parent, std::string_view key,
                           const std::string& where) const {
    const toml::node* node = parent.get(key);
    if (!node) fail(&parent, "missing [" + where + "]");
    if (!node->is_table()) fail(node, "'" + where + "' must be a table");
    return *node->as_table();
  }

  const toml::table* optional_table(const toml::table& parent, std::string_view key,
                                    const std::string& where) const {
    const toml::node* node = parent.get(key);
    if (!node) return nullptr;
    if (!node->is_table()) fail(node, "'" + where + "' must be a table");
    return node->as_table();
  }

  std::string string(const toml::table& t, std::string_view key, const std::string& where,
                     std::optional<std::string> fallback = std::nullopt) const {
    const toml::node* node = t.get(key);
    if (!node) {
      if (fallback) return *fallback;
      fail(&t, "missing '" + std::string(key) + "' in " + where + " (expected a string)");
    }
    if (!node->is_string() || node->as_string()->get().empty())
      fail(node, "'" + std::string(key) + "' in " + where + " must be a non-empty string");
    return node->as_string()->get();
  }

  double number(const toml::node* node, const std::string& what, double lo, double hi) const {
    if (!node || !(node->is_integer() || node->is_floating_point()))
      fail(node, what + " must be a number");
    const double v = node->value<double>().value_or(0);
    if (!(v >= lo && v <= hi))
      fail(node, what + " is " + std::to_string(v) + " (expected " + std::to_string(lo) + " to " +
                     std::to_string(hi) + ")");
    return v;
  }

  double number(const toml::table& t, std::string_view key, const std::string& where, double lo,
                double hi, std::optional<double> fallback = std::nullopt) const {
    const toml::node* node = t.get(key);
    if (!node) {
      if (fallback) return *fallback;
      fail(&t, "missing '" + std::string(key) + "' in " + where + " (expected a number)");
    }
    return number(node, "'" + std::string(key) + "' in " + where, lo, hi);
  }

  std::vector<std::string> strings(const toml::node* node, const std::string& what) const {
    if (!node || !node->is_array()) fail(node, what + " must be an array of strings");
    std::vector<std::string> out;
    for (const auto& item : *node->as_array()) {
      if (!item.is_string() || item.as_string()->get().empty())
        fail(&item, what + " must hold non-empty strings");
      out.push_back(item.as_string()->get());
    }
    return out;
  }

  YearRange years(const toml::node* node, const std::string& what) const {
    if (!node || !node->is_array() || node->as_array()->size() != 2)
      fail(node, what + " must be [first year, last year]");
    const auto& a = *node->as_array();
    YearRange r{static_cast<int>(number(a.get(0), what, 1980, 2100)),
                static_cast<int>(number(a.get(1), what, 1980, 2100))};
    if (r.first > r.last) fail(node, what + ": the first year is after the last");
    return r;
  }

  std::pair<double, double> range(const toml::node* node, const std::string& what) const {
    if (!node || !node->is_array() || node->as_array()->size() != 2)
      fail(node, what + " must be [min, max]");
    const auto& a = *node->as_array();
    const double lo = number(a.get(0), what, 0, 1e12), hi = number(a.get(1), what, 0, 1e12);
    if (lo > hi) fail(node, what + ": min is above max");
    return {lo, hi};
  }

  // { Vendor = share, ... }: shares must add up to 1 (within 0.01); stored normalised.
  VendorMix mix(const toml::node* node, const std::string& what) const {
    if (!node || !node->is_table()) fail(node, what + " must be a table of vendor = share");
    VendorMix mix;
    double total = 0;
    for (const auto& [key, value] : *node->as_table()) {
      const double share = number(&value, what + "." + std::string(key.str()), 0, 1);
      total += share;
      if (share > 0) mix.push_back({std::string(key.str()), share});
    }
    if (mix.empty() || std::fabs(total - 1) > 0.0101)
      fail(node, what + ": shares add up to " + std::to_string(total) + " (expected 1)");
    for (auto& v : mix) v.share /= total;
    std::sort(mix.begin(), mix.end(),
              [](const VendorShare& a, const VendorShare& b) { return a.vendor < b.vendor; });
    return mix;
  }

  DensityValues density(const toml::node* node, const std::string& what, double lo,
                        double hi) const {
    if (!node || !node->is_table())
      fail(node, what + " must be { urban = …, suburban = …, rural = … }");
    const auto& t = *node->as_table();
    only_keys(t, what, {"urban", "suburban", "rural"});
    return {number(t, "urban", what, lo, hi), number(t, "suburban", what, lo, hi),
            number(t, "rural", what, lo, hi)};
  }

  KindMix kinds(const toml::node* node, const std::string& what) const {
    if (!node || !node->is_table())
      fail(node, what + " must be { macro = …, small = …, indoor = … }");
    const auto& t = *node->as_table();
    only_keys(t, what, {"macro", "small", "indoor"});
    KindMix k{number(t, "macro", what, 0, 1, 0.0), number(t, "small", what, 0, 1, 0.0),
              number(t, "indoor", what, 0, 1, 0.0)};
    const double total = k.macro + k.small + k.indoor;
    if (std::fabs(total - 1) > 0.0101)
      fail(node, what + ": shares add up to " + std::to_string(total) + " (expected 1)");
    k.macro /= total;
    k.small /= total;
    k.indoor /= total;
    return k;
  }

  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

constexpr std::string_view kCostFunctions[] = {"enb", "gnb", "router", "mme", "sgw", "pgw", "hss",
                                               "amf", "smf", "upf",    "udm", "ems", "nms"};
constexpr std::string_view kTechnologies[] = {"lte", "nr", "fibre", "core_lte", "core_nr", "oss"};

void read_operator(const TomlReader& r, const toml::table& t, const std::string& where,
                   Profile& p) {
  r.only_keys(t, where,
              {"name", "prefix", "subscriber_share", "site_share", "core_places", "nms", "ran",
               "transport", "core", "area", "source"});
  ProfileOperator op;
  op.name = r.string(t, "name", where);
  op.prefix = r.string(t, "prefix", where);
  for (char c : op.prefix)
    if (!std::isalnum(static_cast<unsigned char>(c)))
      r.fail(t.get("prefix"), where + ": prefix must be letters and digits");
  op.subscriber_share = r.number(t, "subscriber_share", where, 0, 1);
  // Optional weight (e.g. the operator's published site count); normalised later.
  op.site_share = r.number(t, "site_share", where, 0, 1e9, -1.0);
  op.core_places = r.strings(t.get("core_places"), where + ".core_places");
  if (op.core_places.empty()) r.fail(t.get("core_places"), where + ": needs a core place");
  op.nms_vendor = r.string(t, "nms", where);
  const auto& ran = r.table(t, "ran", where + ".ran");
  r.only_keys(ran, where + ".ran", {"lte", "nr"});
  op.ran_lte = r.mix(ran.get("lte"), where + ".ran.lte");
  op.ran_nr = r.mix(ran.get("nr"), where + ".ran.nr");
  op.transport = r.mix(t.get("transport"), where + ".transport");
  const auto& core = r.table(t, "core", where + ".core");
  r.only_keys(core, where + ".core", {"lte", "nr"});
  op.core_lte = r.mix(core.get("lte"), where + ".core.lte");
  op.core_nr = r.mix(core.get("nr"), where + ".core.nr");
  if (const toml::node* areas = t.get("area")) {
    if (!areas->is_array_of_tables()) r.fail(areas, where + ".area must be [[operator.area]]");
    std::size_t i = 0;
    for (const auto& item : *areas->as_array()) {
      const auto& a = *item.as_table();
      const std::string aw = where + ".area[" + std::to_string(i++) + "]";
      r.only_keys(a, aw, {"name", "regions", "lte", "nr", "source"});
      ProfileArea area;
      area.name = r.string(a, "name", aw);
      area.regions = r.strings(a.get("regions"), aw + ".regions");
      if (a.get("lte")) area.lte = r.mix(a.get("lte"), aw + ".lte");
      if (a.get("nr")) area.nr = r.mix(a.get("nr"), aw + ".nr");
      op.areas.push_back(std::move(area));
    }
  }
  for (const auto& other : p.operators)
    if (other.name == op.name || other.prefix == op.prefix)
      r.fail(&t, where + ": operator name and prefix must be unique");
  p.operators.push_back(std::move(op));
}

// Every vendor a profile names must be a canonical name of the built-in registry, so the
// generated bundle loads without "unknown vendor" warnings.
void check_vendors(const TomlReader& r, const Profile& p) {
  const VendorRegistry registry = VendorRegistry::builtin();
  auto check = [&](const std::string& vendor, const std::string& where) {
    if (!registry.find_exact(vendor))
      r.fail(nullptr, where + ": vendor '" + vendor +
                          "' is not a canonical name in the vendor registry (data/vendors.csv)");
  };
  for (const auto& op : p.operators) {
    for (const VendorMix* m : {&op.ran_lte, &op.ran_nr, &op.transport, &op.core_lte, &op.core_nr})
      for (const auto& v : *m) check(v.vendor, op.name);
    for (const auto& area : op.areas)
      for (const VendorMix* m : {&area.lte, &area.nr})
        for (const auto& v : *m) check(v.vendor, op.name + " / " + area.name);
    check(op.nms_vendor, op.name + " nms");
  }
  for (const auto& o : p.install_overrides) check(o.vendor, "installed_override");
}

}  // namespace

double share_of(const VendorMix& mix, std::string_view vendor) {
  for (const auto& v : mix)
    if (v.vendor == vendor) return v.share;
  return 0;
}

const ProfileOperator* Profile::find_operator(std::string_view operator_name) const {
  for (const auto& op : operators)
    if (op.name == operator_name) return &op;
  return nullptr;
}

std::string default_data_dir() {
  return data_dir();
}

std::vector<std::string> generator_countries(const std::string& data_dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(data_dir) / "profiles", ec)) {
    const std::string stem = entry.path().stem().string();
    if (entry.path().extension() != ".toml" || stem.size() != 2 ||
        !std::all_of(stem.begin(), stem.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
      continue;
    std::string code = stem;
    for (char& c : code) c = static_cast<char>(c - 'a' + 'A');
    out.push_back(code);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Profile load_country_profile(const std::string& data_dir, std::string_view country) {
  std::string code(country);
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const auto countries = generator_countries(data_dir);
  if (std::find(countries.begin(), countries.end(), code) == countries.end()) {
    std::string list;
    for (const auto& c : countries) list += (list.empty() ? "" : ", ") + c;
    throw std::invalid_argument("unknown country '" + std::string(country) + "' (expected one of " +
                                (list.empty() ? "none: no profiles in " + data_dir : list) + ")");
  }
  std::string lower = code;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return load_profile(data_dir + "/profiles/" + lower + ".toml");
}

Profile load_profile(const std::string& path) {
  const TomlReader r(path);
  const toml::table doc = r.parse();
  r.only_keys(
      doc, "the profile",
      {"country", "placement", "radio", "installed", "installed_override", "costs", "operator"});
  Profile p;
  p.path = path;

  const auto& country = r.table(doc, "country", "country");
  r.only_keys(country, "[country]",
              {"code", "name", "places", "zones", "currency", "sites", "sites_source"});
  p.code = r.string(country, "code", "[country]");
  p.name = r.string(country, "name", "[country]");
  p.places_file = r.string(country, "places", "[country]");
  p.zones_file = r.string(country, "zones", "[country]", std::string());
  p.currency = r.string(country, "currency", "[country]");
  p.sites_at_scale_1 = static_cast<std::size_t>(r.number(country, "sites", "[country]", 1, 1e8));

  const auto& placement = r.table(doc, "placement", "placement");
  r.only_keys(
      placement, "[placement]",
      {"coverage_share", "urban_density", "urban_min_population", "unknown_place_population",
       "max_neighbour_km", "equal_site_weight", "sites_per_aggregation", "kinds"});
  p.coverage_share = r.number(placement, "coverage_share", "[placement]", 0, 1);
  p.urban_density = r.number(placement, "urban_density", "[placement]", 1, 1e6);
  p.urban_min_population = r.number(placement, "urban_min_population", "[placement]", 0, 1e9);
  p.unknown_place_population =
      r.number(placement, "unknown_place_population", "[placement]", 0, 1e7, 1000.0);
  p.max_neighbour_km = r.number(placement, "max_neighbour_km", "[placement]", 1, 500);
  p.equal_site_weight = r.number(placement, "equal_site_weight", "[placement]", 0, 1);
  p.sites_per_aggregation = static_cast<std::size_t>(
      r.number(placement, "sites_per_aggregation", "[placement]", 1, 100000));
  const auto& kinds = r.table(placement, "kinds", "placement.kinds");
  r.only_keys(kinds, "[placement.kinds]", {"urban", "suburban", "rural"});
  p.kinds[0] = r.kinds(kinds.get("urban"), "placement.kinds.urban");
  p.kinds[1] = r.kinds(kinds.get("suburban"), "placement.kinds.suburban");
  p.kinds[2] = r.kinds(kinds.get("rural"), "placement.kinds.rural");

  const auto& radio = r.table(doc, "radio", "radio");
  r.only_keys(radio, "[radio]",
              {"sectors", "beamwidth", "macro_range_m", "small_range_m", "indoor_range_m",
               "nr_range_factor", "nr_share", "traffic_per_person", "nr_traffic_share",
               "spelling_variation"});
  p.sectors = static_cast<int>(r.number(radio, "sectors", "[radio]", 1, 12));
  p.beamwidth = r.number(radio, "beamwidth", "[radio]", 1, 360);
  p.macro_range_m = r.density(radio.get("macro_range_m"), "radio.macro_range_m", 10, 100000);
  p.small_range_m = r.number(radio, "small_range_m", "[radio]", 1, 100000);
  p.indoor_range_m = r.number(radio, "indoor_range_m", "[radio]", 1, 100000);
  p.nr_range_factor = r.number(radio, "nr_range_factor", "[radio]", 0.01, 10);
  p.nr_share = r.density(radio.get("nr_share"), "radio.nr_share", 0, 1);
  p.traffic_per_person = r.number(radio, "traffic_per_person", "[radio]", 0, 1e6);
  p.nr_traffic_share = r.number(radio, "nr_traffic_share", "[radio]", 0, 1);
  p.spelling_variation = r.number(radio, "spelling_variation", "[radio]", 0, 1);

  const auto& installed = r.table(doc, "installed", "installed");
  r.only_keys(installed, "[installed]", {"lte", "nr", "fibre", "core_lte", "core_nr", "oss"});
  for (auto tech : kTechnologies)
    p.installed[std::string(tech)] = r.years(installed.get(tech), "installed." + std::string(tech));
  if (const toml::node* overrides = doc.get("installed_override")) {
    if (!overrides->is_array_of_tables())
      r.fail(overrides, "installed_override must be [[installed_override]] tables");
    for (const auto& item : *overrides->as_array()) {
      const auto& t = *item.as_table();
      r.only_keys(t, "[[installed_override]]",
                  {"operator", "vendor", "technology", "years", "source"});
      InstallOverride o;
      o.operator_name = r.string(t, "operator", "[[installed_override]]", std::string());
      o.vendor = r.string(t, "vendor", "[[installed_override]]");
      o.technology = r.string(t, "technology", "[[installed_override]]");
      if (std::find(std::begin(kTechnologies), std::end(kTechnologies), o.technology) ==
          std::end(kTechnologies))
        r.fail(t.get("technology"), "unknown technology '" + o.technology +
                                        "' (expected lte, nr, fibre, core_lte, core_nr or oss)");
      o.years = r.years(t.get("years"), "installed_override.years");
      p.install_overrides.push_back(o);
    }
  }

  const auto& costs = r.table(doc, "costs", "costs");
  for (const auto& [key, node] : costs)
    p.costs[std::string(key.str())] = r.range(&node, "costs." + std::string(key.str()));
  for (auto f : kCostFunctions)
    if (!p.costs.count(std::string(f)))
      r.fail(&costs, "missing costs." + std::string(f) + " (expected [min, max])");

  const toml::node* ops = doc.get("operator");
  if (!ops || !ops->is_array_of_tables() || ops->as_array()->empty())
    r.fail(ops ? ops : &doc, "expected at least one [[operator]]");
  std::size_t i = 0;
  for (const auto& item : *ops->as_array())
    read_operator(r, *item.as_table(), "operator[" + std::to_string(i++) + "]", p);
  double subscribers = 0;
  for (const auto& op : p.operators) subscribers += op.subscriber_share;
  if (subscribers <= 0) r.fail(ops, "operators' subscriber shares add up to 0");
  // Sites per operator: the profile's weights when every operator has one, otherwise a
  // part shared equally (coverage) and a part by subscribers (capacity).
  const double n = static_cast<double>(p.operators.size());
  std::size_t given = 0;
  double weights = 0;
  for (const auto& op : p.operators)
    if (op.site_share >= 0) {
      ++given;
      weights += op.site_share;
    }
  if (given != 0 && (given != p.operators.size() || weights <= 0))
    r.fail(ops, "site_share must be given for every operator or for none, and not all 0");
  for (auto& op : p.operators)
    op.site_share = given ? op.site_share / weights
                          : p.equal_site_weight / n +
                                (1 - p.equal_site_weight) * op.subscriber_share / subscribers;
  for (const auto& o : p.install_overrides)
    if (!o.operator_name.empty() && !p.find_operator(o.operator_name))
      r.fail(nullptr, "installed_override: no operator named '" + o.operator_name + "'");
  check_vendors(r, p);
  return p;
}

namespace gen {

const CatalogueModel* Catalogue::find(std::string_view vendor, std::string_view function,
                                      std::string_view kind) const {
  for (const auto& m : models) {
    if (m.vendor != vendor || m.function != function) continue;
    if (m.kinds.empty() || std::find(m.kinds.begin(), m.kinds.end(), kind) != m.kinds.end())
      return &m;
  }
  return nullptr;
}

Catalogue load_catalogue(const std::string& path) {
  const TomlReader r(path);
  const toml::table doc = r.parse();
  r.only_keys(doc, "the catalogue", {"model", "spellings"});
  Catalogue c;
  const VendorRegistry registry = VendorRegistry::builtin();
  if (const toml::node* models = doc.get("model")) {
    if (!models->is_array_of_tables()) r.fail(models, "model must be [[model]] tables");
    for (const auto& item : *models->as_array()) {
      const auto& t = *item.as_table();
      r.only_keys(t, "[[model]]", {"vendor", "functions", "kinds", "name", "sw"});
      CatalogueModel m;
      m.vendor = r.string(t, "vendor", "[[model]]");
      m.name = r.string(t, "name", "[[model]]");
      if (t.get("kinds")) m.kinds = r.strings(t.get("kinds"), "[[model]] kinds");
      if (t.get("sw")) m.sw = r.strings(t.get("sw"), "[[model]] sw");
      for (const auto& f : r.strings(t.get("functions"), "[[model]] functions")) {
        m.function = f;
        c.models.push_back(m);
      }
    }
  }
  if (const toml::table* spellings = r.optional_table(doc, "spellings", "spellings")) {
    for (const auto& [key, node] : *spellings) {
      const std::string vendor(key.str());
      const auto id = registry.find_exact(vendor);
      if (!id) r.fail(&node, "spellings: '" + vendor + "' is not a canonical vendor name");
      auto list = r.strings(&node, "spellings." + vendor);
      for (const auto& s : list)
        if (registry.resolve(s) != *id)
          r.fail(&node, "spellings." + vendor + ": '" + s + "' does not resolve to " + vendor +
                            " in the vendor registry");
      c.spellings[vendor] = std::move(list);
    }
  }
  return c;
}

}  // namespace gen

}  // namespace ringfence

namespace ringfence::gen {

namespace {

// FNV-1a: a fixed order of a vendor's models that does not depend on the seed.
std::uint64_t name_hash(std::string_view text, std::uint64_t salt) {
  std::uint64_t h = 1469598103934665603ULL ^ salt;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  return h;
}

}  // namespace

Evidence load_evidence(const std::string& path, const Catalogue& catalogue) {
  const TomlReader r(path);
  const toml::table doc = r.parse();
  r.only_keys(doc, "the evidence file", {"certified_by", "source", "vendor"});
  Evidence ev;
  ev.certified_by = r.string(doc, "certified_by", "the evidence file");
  ev.source = r.string(doc, "source", "the evidence file");
  std::map<std::string, std::set<std::string>> names;  // vendor -> its model names
  for (const auto& m : catalogue.models) names[m.vendor].insert(m.name);
  for (const auto& [vendor, models] : names)
    for (const auto& model : models) ev.models[{vendor, model}] = {};
  const toml::table& vendors = r.table(doc, "vendor", "vendor");
  for (const auto& [key, node] : vendors) {
    const std::string vendor(key.str());
    if (!names.count(vendor))
      r.fail(&node, "vendor." + vendor + ": no model of this vendor in the catalogue");
    if (!node.is_table()) r.fail(&node, "vendor." + vendor + " must be { certified, declaration }");
    const auto& t = *node.as_table();
    r.only_keys(t, "vendor." + vendor, {"certified", "declaration"});
    const double shares[2] = {r.number(t, "certified", "vendor." + vendor, 0, 1),
                              r.number(t, "declaration", "vendor." + vendor, 0, 1)};
    // The first round(share × models) models in a hash order hold the evidence.
    for (int kind = 0; kind < 2; ++kind) {
      std::vector<std::pair<std::uint64_t, std::string>> order;
      for (const auto& model : names[vendor])
        order.emplace_back(name_hash(vendor + "/" + model, static_cast<std::uint64_t>(kind)),
                           model);
      std::sort(order.begin(), order.end());
      const auto take =
          static_cast<std::size_t>(std::llround(shares[kind] * static_cast<double>(order.size())));
      for (std::size_t i = 0; i < take; ++i) {
        ModelRecord& rec = ev.models[{vendor, order[i].second}];
        (kind == 0 ? rec.certified : rec.declaration) = true;
      }
    }
  }
  return ev;
}

}  // namespace ringfence::gen
