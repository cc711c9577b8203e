// sites.csv, elements.csv and links.csv into the columnar model.
#include <algorithm>
#include <cstring>

#include "io/element_rows.hpp"
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

ElementColumns::ElementColumns(const CsvReader& csv)
    : id(*csv.column("element_id")),
      site(*csv.column("site_id")),
      vendor(*csv.column("vendor")),
      domain(*csv.column("domain")),
      function(csv.column("function")),
      model(csv.column("model")),
      technology(csv.column("technology")),
      sw_version(csv.column("sw_version")),
      installed(csv.column("installed")),
      azimuth(csv.column("azimuth")),
      beamwidth(csv.column("beamwidth")),
      range_m(csv.column("range_m")),
      traffic(csv.column("traffic")),
      replace_cost(csv.column("replace_cost")) {}

bool parse_element_row(const FieldReader& f, const CsvRow& row, const ElementColumns& c,
                       const Network& net, const RefusedRows* refused, ElementRow& out) {
  auto id = f.required(c.id, "element_id");
  auto site = f.required(c.site, "site_id");
  auto vendor = f.required(c.vendor, "vendor");
  auto domain_text = f.required(c.domain, "domain");
  std::optional<std::uint8_t> domain;
  if (domain_text) {
    domain = parse_enum(*domain_text, kDomainNames);
    if (!domain)
      f.error(c.domain, "unknown domain '" + std::string(*domain_text) + "' (expected " +
                            expected_list(kDomainNames) + ")");
  }
  std::uint32_t site_row = IdColumn::kNotFound;
  if (site) {
    site_row = net.sites.id.find(*site);
    if (site_row == IdColumn::kNotFound)
      f.error(c.site, missing_reference("site_id", *site, "sites.csv",
                                        refused ? &refused->sites : nullptr, "an existing site"));
  }
  auto optional_float = [&](const std::optional<std::size_t>& col, std::string_view what, double lo,
                            double hi) {
    return col ? f.number(*col, what, lo, hi, false, kMissing) : std::optional<double>(kMissing);
  };
  auto installed = c.installed ? f.date(*c.installed, "installed") : std::optional<Days>(kNoDate);
  auto azimuth = optional_float(c.azimuth, "azimuth", 0, 360);
  auto beam = optional_float(c.beamwidth, "beamwidth", 0, 360);
  auto range = optional_float(c.range_m, "range_m", 0, 1e6);
  auto traffic = optional_float(c.traffic, "traffic", 0, 1e15);
  auto cost = optional_float(c.replace_cost, "replace_cost", 0, 1e15);
  if (id) out.id = *id;
  if (!id || site_row == IdColumn::kNotFound || !vendor || !domain || !installed || !azimuth ||
      !beam || !range || !traffic || !cost)
    return false;
  auto text = [&](const std::optional<std::size_t>& col) {
    return col ? f.text(*col) : std::string_view();
  };
  out.vendor = *vendor;
  out.function = text(c.function);
  out.model = text(c.model);
  out.technology = text(c.technology);
  out.sw_version = text(c.sw_version);
  out.site = site_row;
  out.domain = *domain;
  out.installed = *installed;
  out.azimuth = *azimuth;
  out.beamwidth = *beam;
  out.range_m = *range;
  out.traffic = *traffic;
  out.replace_cost = *cost;
  out.line = row.line;
  out.id_line = row.lines[c.id];
  out.id_column = row.columns[c.id];
  out.vendor_line = row.lines[c.vendor];
  out.vendor_column = row.columns[c.vendor];
  return true;
}

std::array<ElementText, kElementTexts> element_texts(const ElementRow& r) {
  return {{{r.vendor, false},
           {r.function, true},
           {r.model, false},
           {r.technology, true},
           {r.sw_version, false}}};
}

ElementTexts intern_element_texts(const ElementRow& r, StringPool& pool) {
  ElementTexts ids{};
  const auto texts = element_texts(r);
  for (std::size_t i = 0; i < kElementTexts; ++i)
    ids[i] =
        texts[i].lower ? pool.intern(to_lower_ascii(texts[i].text)) : pool.intern(texts[i].text);
  return ids;
}

namespace {

// Short texts hashed a word at a time (std::hash cost more than the rest of the
// lookup); the final xor-shift brings every bit down to the low bits that index.
std::uint64_t short_text_hash(std::string_view text) {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = text.size() * kMul;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    h = (h ^ word) * kMul;
    h ^= h >> 32;
  }
  std::uint64_t tail = 0;
  if (i < text.size()) std::memcpy(&tail, text.data() + i, text.size() - i);
  h = (h ^ tail) * kMul;
  return h ^ (h >> 29);
}

}  // namespace

std::uint32_t& ElementTextsAhead::find_or_add(std::vector<Slot>& table, std::size_t& used,
                                              std::string_view text) {
  if (2 * (used + 1) > table.size()) {  // at most half full: short probes
    std::vector<Slot> bigger(std::max<std::size_t>(64, 2 * table.size()));
    for (const Slot& slot : table) {
      if (slot.id == kEmpty) continue;
      std::size_t at = short_text_hash(slot.text) & (bigger.size() - 1);
      while (bigger[at].id != kEmpty) at = (at + 1) & (bigger.size() - 1);
      bigger[at] = slot;
    }
    table.swap(bigger);
  }
  std::size_t at = short_text_hash(text) & (table.size() - 1);
  while (table[at].id != kEmpty && table[at].text != text) at = (at + 1) & (table.size() - 1);
  if (table[at].id == kEmpty) {
    table[at].text = text;
    ++used;
  }
  return table[at].id;
}

ElementTexts ElementTextsAhead::local_ids(const ElementRow& r, std::vector<std::string>& fresh) {
  ElementTexts ids{};
  const auto texts = element_texts(r);
  for (std::size_t i = 0; i < kElementTexts; ++i) {
    std::uint32_t& id = find_or_add(tables_[i], used_[i], texts[i].text);
    if (id == kEmpty) {
      id = next_++;
      fresh.push_back(texts[i].lower ? to_lower_ascii(texts[i].text) : std::string(texts[i].text));
    }
    ids[i] = id;
  }
  return ids;
}

void add_element_row(const ElementRow& r, const ElementTexts& texts, Network& net,
                     ElementsBeingRead& state, Diagnostics& diag, const std::string& file) {
  Elements& e = net.elements;
  state.lines.push_back(r.line);
  const std::uint32_t raw = texts[0];
  if (raw >= state.vendor_of_raw.size()) {
    state.vendor_of_raw.resize(raw + 1, VendorRegistry::kNone);
    state.raw_counts.resize(raw + 1, 0);
  }
  if (state.vendor_of_raw[raw] == VendorRegistry::kNone) {
    std::uint32_t vid = net.vendors.resolve(r.vendor);
    if (vid == VendorRegistry::kNone || !net.vendors.get(vid).known) {
      if (vid == VendorRegistry::kNone || net.vendors.get(vid).name == r.vendor)
        diag.warning(file, r.vendor_line, r.vendor_column,
                     "vendor '" + std::string(r.vendor) +
                         "' matches no registry entry or alias (kept as written)");
      vid = net.vendors.add_unknown(r.vendor);
    }
    state.vendor_of_raw[raw] = vid;
  }
  ++state.raw_counts[raw];
  e.site.push_back(r.site);
  e.vendor.push_back(state.vendor_of_raw[raw]);
  e.vendor_raw.push_back(raw);
  e.domain.push_back(static_cast<Domain>(r.domain));
  e.function.push_back(texts[1]);
  e.model.push_back(texts[2]);
  e.technology.push_back(texts[3]);
  e.sw_version.push_back(texts[4]);
  e.installed.push_back(r.installed);
  e.azimuth.push_back(static_cast<float>(r.azimuth));
  e.beamwidth.push_back(static_cast<float>(r.beamwidth));
  e.range_m.push_back(static_cast<float>(r.range_m));
  e.traffic.push_back(r.traffic);
  e.replace_cost.push_back(r.replace_cost);
}

void read_elements(CsvReader& csv, Network& net, Diagnostics& diag,
                   std::vector<std::size_t>& raw_counts, RefusedRows* refused, unsigned threads) {
  if (!csv.read_header(diag) ||
      !csv.require_columns({"element_id", "site_id", "vendor", "domain"}, diag))
    return;
  const ElementColumns c(csv);
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
  ElementsBeingRead state{{}, {}, raw_counts};
  // The good rows on two threads; from the first row that needs a message (if any),
  // row by row.
  read_elements_in_parallel(csv, c, net, state, diag, threads);
  CsvRow row;
  while (csv.next(row, diag)) {
    FieldReader f(csv, row, diag);
    ElementRow r;
    if (!parse_element_row(f, row, c, net, refused, r)) {
      if (!r.id.empty() && refused) refused->elements.emplace(std::string(r.id), row.line);
      continue;
    }
    bool inserted = false;
    const std::uint32_t existing = e.id.insert(r.id, inserted);
    if (!inserted) {
      f.error(c.id, "duplicate element_id '" + std::string(r.id) + "' (first on line " +
                        std::to_string(state.lines[existing]) + "; expected unique ids)");
      continue;
    }
    add_element_row(r, intern_element_texts(r, net.strings), net, state, diag, csv.name());
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
