// sites.csv, elements.csv and links.csv into the columnar model.
#include <algorithm>

#include "io/fields.hpp"
#include "io/readers.hpp"

namespace ringfence::io {

namespace {

template <std::size_t N>
std::optional<std::uint8_t> parse_enum(std::string_view text,
                                       const std::array<std::string_view, N>& names) {
  const std::string lower = to_lower_ascii(text);
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == lower) return static_cast<std::uint8_t>(i);
  return std::nullopt;
}

template <std::size_t N>
std::string expected_list(const std::array<std::string_view, N>& names) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) {
    if (i) out += i + 1 == N ? " or " : ", ";
    out += names[i];
  }
  return out;
}

// "site_id 'S5' is not in sites.csv", or, when its row was refused, where.
std::string missing_reference(std::string_view what, std::string_view id, std::string_view file,
                              const std::unordered_map<std::string, std::size_t>* refused,
                              std::string_view expected) {
  if (refused) {
    auto it = refused->find(std::string(id));
    if (it != refused->end())
      return std::string(what) + " '" + std::string(id) + "' is on line " +
             std::to_string(it->second) + " of " + std::string(file) +
             ", which was refused (see the error reported there)";
  }
  return std::string(what) + " '" + std::string(id) + "' is not in " + std::string(file) +
         " (expected " + std::string(expected) + ")";
}

}  // namespace

void read_sites(CsvReader& csv, Network& net, Diagnostics& diag, RefusedRows* refused) {
  if (!csv.read_header(diag) || !csv.require_columns({"site_id", "operator", "lat", "lon"}, diag))
    return;
  const std::size_t c_id = *csv.column("site_id"), c_op = *csv.column("operator"),
                    c_lat = *csv.column("lat"), c_lon = *csv.column("lon");
  const auto c_kind = csv.column("kind"), c_region = csv.column("region"),
             c_pop = csv.column("population");
  Sites& s = net.sites;
  const std::size_t rows = csv.line_breaks();
  s.id.reserve(rows, std::min(csv.size_bytes(), rows * 16));
  s.operator_id.reserve(rows);
  s.lat.reserve(rows);
  s.lon.reserve(rows);
  s.kind.reserve(rows);
  s.region.reserve(rows);
  s.population.reserve(rows);
  std::vector<std::size_t> lines;  // only to name the first of two duplicates
  CsvRow row;
  while (csv.next(row, diag)) {
    FieldReader f(csv, row, diag);
    auto id = f.required(c_id, "site_id");
    auto op = f.required(c_op, "operator");
    auto lat = f.number(c_lat, "lat", -90, 90, true, 0);
    auto lon = f.number(c_lon, "lon", -180, 180, true, 0);
    std::optional<std::uint8_t> kind = 0;
    if (c_kind && !f.text(*c_kind).empty()) {
      kind = parse_enum(f.text(*c_kind), kSiteKindNames);
      if (!kind)
        f.error(*c_kind, "unknown site kind '" + std::string(f.text(*c_kind)) + "' (expected " +
                             expected_list(kSiteKindNames) + ")");
    }
    auto pop = c_pop ? f.number(*c_pop, "population", 0, 1e12, false, kMissing)
                     : std::optional<double>(kMissing);
    if (!id || !op || !lat || !lon || !kind || !pop) {
      if (id && refused) refused->sites.emplace(std::string(*id), row.line);
      continue;
    }
    bool inserted = false;
    const std::uint32_t existing = s.id.insert(*id, inserted);
    if (!inserted) {
      f.error(c_id, "duplicate site_id '" + std::string(*id) + "' (first on line " +
                        std::to_string(lines[existing]) + "; expected unique ids)");
      continue;
    }
    lines.push_back(row.line);
    s.operator_id.push_back(net.strings.intern(*op));
    s.lat.push_back(*lat);
    s.lon.push_back(*lon);
    s.kind.push_back(static_cast<SiteKind>(*kind));
    s.region.push_back(c_region ? net.strings.intern(f.text(*c_region)) : 0);
    s.population.push_back(*pop);
  }
  s.id.shrink_to_fit();
}

void read_elements(CsvReader& csv, Network& net, Diagnostics& diag,
                   std::vector<std::size_t>& raw_counts, RefusedRows* refused) {
  if (!csv.read_header(diag) ||
      !csv.require_columns({"element_id", "site_id", "vendor", "domain"}, diag))
    return;
  const std::size_t c_id = *csv.column("element_id"), c_site = *csv.column("site_id"),
                    c_vendor = *csv.column("vendor"), c_domain = *csv.column("domain");
  const auto c_function = csv.column("function"), c_model = csv.column("model"),
             c_tech = csv.column("technology"), c_sw = csv.column("sw_version"),
             c_installed = csv.column("installed"), c_azimuth = csv.column("azimuth"),
             c_beam = csv.column("beamwidth"), c_range = csv.column("range_m"),
             c_traffic = csv.column("traffic"), c_cost = csv.column("replace_cost");
  Elements& e = net.elements;
  const std::size_t rows = csv.line_breaks();
  e.id.reserve(rows, std::min(csv.size_bytes(), rows * 16));
  for (auto* column :
       {&e.site, &e.vendor, &e.vendor_raw, &e.function, &e.model, &e.technology, &e.sw_version})
    column->reserve(rows);
  e.domain.reserve(rows);
  e.installed.reserve(rows);
  for (auto* column : {&e.azimuth, &e.beamwidth, &e.range_m}) column->reserve(rows);
  e.traffic.reserve(rows);
  e.replace_cost.reserve(rows);
  // The vendor of each distinct spelling is resolved once (strings id -> vendor id).
  std::vector<std::uint32_t> vendor_of_raw;
  std::vector<std::size_t> lines;
  auto intern_lower = [&](const std::optional<std::size_t>& col, FieldReader& f) {
    if (!col || f.text(*col).empty()) return std::uint32_t{0};
    return net.strings.intern(to_lower_ascii(f.text(*col)));
  };
  auto optional_float = [&](const std::optional<std::size_t>& col, FieldReader& f,
                            std::string_view what, double lo, double hi) {
    return col ? f.number(*col, what, lo, hi, false, kMissing) : std::optional<double>(kMissing);
  };
  CsvRow row;
  while (csv.next(row, diag)) {
    FieldReader f(csv, row, diag);
    auto id = f.required(c_id, "element_id");
    auto site = f.required(c_site, "site_id");
    auto vendor = f.required(c_vendor, "vendor");
    auto domain_text = f.required(c_domain, "domain");
    std::optional<std::uint8_t> domain;
    if (domain_text) {
      domain = parse_enum(*domain_text, kDomainNames);
      if (!domain)
        f.error(c_domain, "unknown domain '" + std::string(*domain_text) + "' (expected " +
                              expected_list(kDomainNames) + ")");
    }
    std::uint32_t site_row = IdColumn::kNotFound;
    if (site) {
      site_row = net.sites.id.find(*site);
      if (site_row == IdColumn::kNotFound)
        f.error(c_site, missing_reference("site_id", *site, "sites.csv",
                                          refused ? &refused->sites : nullptr, "an existing site"));
    }
    auto installed = c_installed ? f.date(*c_installed, "installed") : std::optional<Days>(kNoDate);
    auto azimuth = optional_float(c_azimuth, f, "azimuth", 0, 360);
    auto beam = optional_float(c_beam, f, "beamwidth", 0, 360);
    auto range = optional_float(c_range, f, "range_m", 0, 1e6);
    auto traffic = optional_float(c_traffic, f, "traffic", 0, 1e15);
    auto cost = optional_float(c_cost, f, "replace_cost", 0, 1e15);
    if (!id || site_row == IdColumn::kNotFound || !vendor || !domain || !installed || !azimuth ||
        !beam || !range || !traffic || !cost) {
      if (id && refused) refused->elements.emplace(std::string(*id), row.line);
      continue;
    }
    bool inserted = false;
    const std::uint32_t existing = e.id.insert(*id, inserted);
    if (!inserted) {
      f.error(c_id, "duplicate element_id '" + std::string(*id) + "' (first on line " +
                        std::to_string(lines[existing]) + "; expected unique ids)");
      continue;
    }
    lines.push_back(row.line);
    const std::uint32_t raw = net.strings.intern(*vendor);
    if (raw >= vendor_of_raw.size()) {
      vendor_of_raw.resize(raw + 1, VendorRegistry::kNone);
      raw_counts.resize(raw + 1, 0);
    }
    if (vendor_of_raw[raw] == VendorRegistry::kNone) {
      std::uint32_t vid = net.vendors.resolve(*vendor);
      if (vid == VendorRegistry::kNone || !net.vendors.get(vid).known) {
        if (vid == VendorRegistry::kNone || net.vendors.get(vid).name == *vendor)
          f.warning(c_vendor, "vendor '" + std::string(*vendor) +
                                  "' matches no registry entry or alias (kept as written)");
        vid = net.vendors.add_unknown(*vendor);
      }
      vendor_of_raw[raw] = vid;
    }
    ++raw_counts[raw];
    e.site.push_back(site_row);
    e.vendor.push_back(vendor_of_raw[raw]);
    e.vendor_raw.push_back(raw);
    e.domain.push_back(static_cast<Domain>(*domain));
    e.function.push_back(intern_lower(c_function, f));
    e.model.push_back(c_model ? net.strings.intern(f.text(*c_model)) : 0);
    e.technology.push_back(intern_lower(c_tech, f));
    e.sw_version.push_back(c_sw ? net.strings.intern(f.text(*c_sw)) : 0);
    e.installed.push_back(*installed);
    e.azimuth.push_back(static_cast<float>(*azimuth));
    e.beamwidth.push_back(static_cast<float>(*beam));
    e.range_m.push_back(static_cast<float>(*range));
    e.traffic.push_back(*traffic);
    e.replace_cost.push_back(*cost);
  }
  e.id.shrink_to_fit();
}

void read_links(CsvReader& csv, Network& net, Diagnostics& diag, const RefusedRows* refused,
                unsigned threads) {
  if (!csv.read_header(diag) || !csv.require_columns({"from", "to"}, diag)) return;
  const std::size_t c_from = *csv.column("from"), c_to = *csv.column("to");
  if (read_links_in_parallel(csv, c_from, c_to, net, threads)) return;
  net.links.from.reserve(net.links.from.size() + csv.line_breaks());
  net.links.to.reserve(net.links.to.size() + csv.line_breaks());
  CsvRow row;
  while (csv.next(row, diag)) {
    FieldReader f(csv, row, diag);
    std::uint32_t ends[2] = {IdColumn::kNotFound, IdColumn::kNotFound};
    const std::size_t cols[2] = {c_from, c_to};
    for (int k = 0; k < 2; ++k) {
      auto id = f.required(cols[k], k == 0 ? "from" : "to");
      if (!id) continue;
      ends[k] = net.elements.id.find(*id);
      if (ends[k] == IdColumn::kNotFound)
        f.error(cols[k], missing_reference("link end", *id, "elements.csv",
                                           refused ? &refused->elements : nullptr,
                                           "an existing element_id"));
    }
    if (ends[0] == IdColumn::kNotFound || ends[1] == IdColumn::kNotFound) continue;
    net.links.from.push_back(ends[0]);
    net.links.to.push_back(ends[1]);
  }
}

}  // namespace ringfence::io
