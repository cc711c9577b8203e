#include <filesystem>
#include <future>
#include <stdexcept>
#include <thread>

#include "io/gis_readers.hpp"
#include "io/readers.hpp"
#include "io/sha256.hpp"
#include "io/text_checks.hpp"
#include "ringfence/bundle.hpp"
#include "ringfence/pack.hpp"

namespace ringfence {

namespace fs = std::filesystem;

namespace {

// One bundle file read whole and hashed, or why it could not be.
struct Fetched {
  bool exists = false;
  std::string text, sha256;
  std::vector<Diagnostic> errors;
};

Fetched fetch(const fs::path& dir, const char* file, bool hash) {
  const fs::path path = dir / file;
  Fetched f;
  std::error_code ec;
  if (!fs::exists(path, ec)) return f;
  f.exists = true;
  try {
    f.text = io::read_whole_file(path.string(), path.string());
    if (hash) f.sha256 = io::sha256_hex(f.text);
  } catch (const InputError& e) {
    f.errors = e.diagnostics().errors();
  }
  return f;
}

// Reads and hashes the big files on a second thread, one ahead of the parser: while
// sites.csv is parsed, elements.csv is read and hashed; while elements.csv is parsed,
// links.csv and zones.geojson. (Parsing unescapes quoted fields in place, so a file
// is hashed before it is parsed, never during.)
class Prefetcher {
 public:
  Prefetcher(fs::path dir, std::vector<const char*> files, bool hash) : files_(std::move(files)) {
    for (std::size_t i = 0; i < files_.size(); ++i) results_.emplace_back();
    for (auto& p : results_) futures_.push_back(p.get_future());
    thread_ = std::thread([this, dir = std::move(dir), hash] {
      for (std::size_t i = 0; i < files_.size(); ++i) {
        try {
          results_[i].set_value(fetch(dir, files_[i], hash));
        } catch (...) {
          results_[i].set_exception(std::current_exception());
        }
      }
    });
  }
  ~Prefetcher() { thread_.join(); }
  Prefetcher(const Prefetcher&) = delete;
  Prefetcher& operator=(const Prefetcher&) = delete;
  Fetched take(const char* file) {
    for (std::size_t i = 0; i < files_.size(); ++i)
      if (std::string_view(files_[i]) == file) return futures_[i].get();
    throw std::logic_error("file not prefetched");
  }

 private:
  std::vector<const char*> files_;
  std::vector<std::promise<Fetched>> results_;
  std::vector<std::future<Fetched>> futures_;
  std::thread thread_;
};

// Hands one fetched file's text to `read` and records its hash. Returns false when
// the file is absent.
template <typename Read>
bool with_file(const fs::path& dir, const char* file, bool required, Fetched fetched,
               LoadedBundle& out, Diagnostics& diag, Read read) {
  const std::string display = (dir / file).string();
  if (!fetched.exists) {
    if (required) diag.error(display, 0, 0, "missing (a bundle needs " + std::string(file) + ")");
    return false;
  }
  for (const auto& d : fetched.errors) diag.error(d.file, d.line, d.column, d.message);
  if (!fetched.errors.empty()) return true;
  try {
    out.files.push_back({file, std::move(fetched.sha256), fetched.text.size()});
    read(std::move(fetched.text), display);
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics().errors()) diag.error(d.file, d.line, d.column, d.message);
  }
  return true;
}

}  // namespace

void io::finish_bundle(LoadedBundle& out, const std::vector<std::size_t>& raw_counts,
                       Diagnostics& diag) {
  Network& net = out.network;
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
}

LoadedBundle load_bundle(const std::string& directory, const BundleOptions& options) {
  if (io::is_geopackage_bundle(directory)) return io::load_geopackage_bundle(directory, options);
  // A snapshot written by `ringfence pack` stands in for its bundle.
  if (looks_like_pack(directory)) {
    if (!options.zones_file.empty())
      throw InputError(
          options.zones_file, 0, 0,
          "a snapshot holds its zones (expected no separate zones file with " + directory + ")");
    return load_pack(directory);
  }
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
  Prefetcher ahead(dir, {"elements.csv", "links.csv"}, options.hash_files);
  with_file(dir, "vendors.csv", false, fetch(dir, "vendors.csv", options.hash_files), out, diag,
            csv_reader([&](io::CsvReader& csv) { io::read_vendors(csv, net.vendors, diag); }));
  with_file(dir, "models.csv", false, fetch(dir, "models.csv", options.hash_files), out, diag,
            csv_reader([&](io::CsvReader& csv) { io::read_models(csv, net, diag); }));
  with_file(dir, "sites.csv", true, fetch(dir, "sites.csv", options.hash_files), out, diag,
            csv_reader([&](io::CsvReader& csv) { io::read_sites(csv, net, diag, &refused); }));
  std::vector<std::size_t> raw_counts;
  with_file(dir, "elements.csv", true, ahead.take("elements.csv"), out, diag,
            csv_reader([&](io::CsvReader& csv) {
              io::read_elements(csv, net, diag, raw_counts, &refused, options.threads);
            }));
  with_file(dir, "links.csv", false, ahead.take("links.csv"), out, diag,
            csv_reader([&](io::CsvReader& csv) {
              io::read_links(csv, net, diag, &refused, options.threads);
            }));
  if (!options.zones_file.empty()) {
    io::read_zones_file(options.zones_file, options.zones_file, options.zones_file, net, diag,
                        out.files);
  } else if (const std::string zones = io::find_bundle_zones(directory, diag); !zones.empty()) {
    io::read_zones_file(zones, zones, fs::path(zones).filename().string(), net, diag, out.files);
  }
  io::finish_bundle(out, raw_counts, diag);
  return out;
}

}  // namespace ringfence
