#include <filesystem>

#include "io/readers.hpp"
#include "io/sha256.hpp"
#include "io/text_checks.hpp"
#include "ringfence/bundle.hpp"

namespace ringfence {

namespace fs = std::filesystem;

namespace {

// Reads one bundle file whole, records its hash, and hands its text to `read`.
// Returns false when the file is absent.
template <typename Read>
bool with_file(const fs::path& dir, const char* file, bool required, LoadedBundle& out,
               Diagnostics& diag, Read read) {
  const fs::path path = dir / file;
  const std::string display = path.string();
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    if (required) diag.error(display, 0, 0, "missing (a bundle needs " + std::string(file) + ")");
    return false;
  }
  try {
    std::string text = io::read_whole_file(path.string(), display);
    out.files.push_back({file, io::sha256_hex(text), text.size()});
    read(std::move(text), display);
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics().errors()) diag.error(d.file, d.line, d.column, d.message);
  }
  return true;
}

}  // namespace

LoadedBundle load_bundle(const std::string& directory) {
  const fs::path dir(directory);
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw InputError(directory, 0, 0,
                     fs::exists(dir, ec) ? "is not a directory (expected a bundle directory)"
                                         : "does not exist (expected a bundle directory)");
  LoadedBundle out;
  Network& net = out.network;
  Diagnostics diag;
  auto csv_reader = [&](auto read_table) {
    return [&, read_table](std::string text, const std::string& display) {
      auto csv = io::CsvReader::from_text(std::move(text), display);
      read_table(csv);
    };
  };
  io::RefusedRows refused;  // rows refused for a bad field, named when referred to
  // Registry extensions first: element vendors resolve against them.
  with_file(dir, "vendors.csv", false, out, diag,
            csv_reader([&](io::CsvReader& csv) { io::read_vendors(csv, net.vendors, diag); }));
  with_file(dir, "models.csv", false, out, diag,
            csv_reader([&](io::CsvReader& csv) { io::read_models(csv, net, diag); }));
  with_file(dir, "sites.csv", true, out, diag,
            csv_reader([&](io::CsvReader& csv) { io::read_sites(csv, net, diag, &refused); }));
  std::vector<std::size_t> raw_counts;
  with_file(dir, "elements.csv", true, out, diag, csv_reader([&](io::CsvReader& csv) {
              io::read_elements(csv, net, diag, raw_counts, &refused);
            }));
  with_file(dir, "links.csv", false, out, diag,
            csv_reader([&](io::CsvReader& csv) { io::read_links(csv, net, diag, &refused); }));
  with_file(dir, "zones.geojson", false, out, diag,
            [&](std::string text, const std::string& display) {
              io::read_zones(text, display, net, diag);
            });
  if (diag.has_errors()) throw InputError(std::move(diag));

  out.vendor_spellings.resize(net.vendors.size());
  // Every row with one spelling has the same vendor; take it from the rows, since a
  // spelling without letters or digits (e.g. "-") has no registry key to resolve.
  std::vector<std::uint32_t> vendor_of_raw(raw_counts.size(), VendorRegistry::kNone);
  for (std::size_t e = 0; e < net.elements.size(); ++e)
    vendor_of_raw[net.elements.vendor_raw[e]] = net.elements.vendor[e];
  for (std::uint32_t raw = 0; raw < raw_counts.size(); ++raw) {
    if (raw_counts[raw] == 0) continue;
    const std::string_view spelling = net.strings.get(raw);
    out.vendor_spellings[vendor_of_raw[raw]].emplace_back(spelling, raw_counts[raw]);
  }
  for (const auto& w : diag.warnings()) out.warnings.warning(w.file, w.line, w.column, w.message);
  net.finalize();
  return out;
}

}  // namespace ringfence
