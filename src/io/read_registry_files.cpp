// vendors.csv (registry extensions) and models.csv (per-model evidence), and the
// built-in registry, which is a vendors.csv compiled into the binary.
#include "builtin_vendors.hpp"
#include "io/fields.hpp"
#include "io/readers.hpp"

namespace ringfence::io {

namespace {
std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(';', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view item = text.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    start = end + 1;
  }
  return out;
}
}  // namespace

void read_vendors(CsvReader& csv, VendorRegistry& registry, Diagnostics& diag) {
  if (!csv.read_header(diag) || !csv.require_columns({"vendor"}, diag)) return;
  const std::size_t c_vendor = *csv.column("vendor");
  const auto c_aliases = csv.column("aliases");
  const auto c_country = csv.column("country");
  const auto c_tags = csv.column("tags");
  CsvRow row;
  while (csv.next(row, diag)) {
    FieldReader f(csv, row, diag);
    auto name = f.required(c_vendor, "vendor");
    if (!name) continue;
    Vendor v;
    v.name = std::string(*name);
    if (c_aliases) {
      // An alias that already names another vendor would silently take it over.
      const std::uint32_t self = registry.resolve(v.name);
      for (auto& alias : split_list(f.text(*c_aliases))) {
        const std::uint32_t owner = registry.resolve(alias);
        if (owner != VendorRegistry::kNone && owner != self && registry.get(owner).known) {
          f.warning(*c_aliases, "alias '" + alias + "' already names " + registry.get(owner).name +
                                    " (ignored for " + v.name + ")");
          continue;
        }
        v.aliases.push_back(std::move(alias));
      }
    }
    if (c_country) v.country = std::string(f.text(*c_country));
    if (c_tags) v.tags = split_list(f.text(*c_tags));
    for (std::size_t i = 0; i < csv.header().size(); ++i) {
      if (i == c_vendor || i == c_aliases || i == c_country || i == c_tags) continue;
      if (!f.text(i).empty() && !csv.header()[i].empty())
        v.attributes[csv.header()[i]] = std::string(f.text(i));
    }
    registry.upsert(v);
  }
}

void read_models(CsvReader& csv, Network& net, Diagnostics& diag) {
  if (!csv.read_header(diag) || !csv.require_columns({"vendor", "model"}, diag)) return;
  const std::size_t c_vendor = *csv.column("vendor");
  const std::size_t c_model = *csv.column("model");
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> first_line;
  CsvRow row;
  while (csv.next(row, diag)) {
    FieldReader f(csv, row, diag);
    auto vendor = f.required(c_vendor, "vendor");
    auto model = f.required(c_model, "model");
    if (!vendor || !model) continue;
    std::uint32_t vid = net.vendors.resolve(*vendor);
    if (vid == VendorRegistry::kNone) {
      vid = net.vendors.add_unknown(*vendor);
      f.warning(c_vendor,
                "vendor '" + std::string(*vendor) + "' is not in the registry (kept as written)");
    }
    const auto key = std::make_pair(vid, net.strings.intern(*model));
    if (auto [it, fresh] = first_line.emplace(key, row.line); !fresh) {
      f.error(c_model, "duplicate model '" + std::string(*model) + "' of " +
                           net.vendors.get(vid).name + " (first on line " +
                           std::to_string(it->second) + "; expected one row per model)");
      continue;
    }
    ModelEvidence& evidence = net.models[key];
    for (std::size_t i = 0; i < csv.header().size(); ++i) {
      if (i == c_vendor || i == c_model || f.text(i).empty() || csv.header()[i].empty()) continue;
      evidence.attributes[csv.header()[i]] = std::string(f.text(i));
    }
  }
}

}  // namespace ringfence::io

namespace ringfence {

VendorRegistry VendorRegistry::builtin() {
  // Parsed once; copies are cheap next to loading a bundle.
  static const VendorRegistry registry = [] {
    VendorRegistry r;
    Diagnostics diag;
    auto csv = io::CsvReader::from_text(std::string(kBuiltinVendorsCsv), "built-in vendors.csv");
    io::read_vendors(csv, r, diag);
    if (diag.has_errors()) throw InputError(std::move(diag));
    return r;
  }();
  return registry;
}

}  // namespace ringfence
