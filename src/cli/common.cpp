#include "cli/common.hpp"

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <map>

#include "ringfence/count_noun.hpp"
#include "ringfence/output.hpp"

namespace ringfence::cli {

namespace {
std::map<std::string, CommandFactory>& factories() {
  static std::map<std::string, CommandFactory> map;
  return map;
}
}  // namespace

bool register_command(const char* name, CommandFactory factory) {
  factories().emplace(name, factory);
  return true;
}

std::vector<Command> add_registered_commands(CLI::App& root) {
  std::vector<Command> out;
  for (const auto& [name, factory] : factories()) out.push_back(factory(root));
  return out;
}

void emit(const std::string& content, const std::string& out) {
  if (out.empty() || out == "-") {
    std::cout << content;
    std::cout.flush();
  } else {
    write_file_atomically(out, content);
  }
}

void print_errors(const Diagnostics& diag) {
  for (const auto& d : diag.errors()) std::cerr << "error: " << d.to_string() << '\n';
  if (diag.suppressed_errors() > 0)
    std::cerr << "error: " << count_noun(diag.suppressed_errors(), "more error") << " not shown\n";
}

void print_warnings(const Diagnostics& diag, std::size_t limit) {
  std::size_t shown = 0;
  for (const auto& d : diag.warnings()) {
    if (shown++ == limit) break;
    std::cerr << "warning: " << d.to_string() << '\n';
  }
  const std::size_t hidden =
      diag.warnings().size() - std::min(limit, diag.warnings().size()) + diag.suppressed_warnings();
  if (hidden > 0) std::cerr << "warning: " << count_noun(hidden, "more warning") << " not shown\n";
}

bool stderr_is_terminal() {
  return ::isatty(STDERR_FILENO) == 1;
}

void progress(const std::string& message) {
  if (stderr_is_terminal()) std::cerr << "\r\033[K" << message << std::flush;
}

void add_zones_option(CLI::App* app, std::string& zones) {
  app->add_option("--zones", zones,
                  "Zones file used instead of the bundle's: GeoJSON, KML, Shapefile, GeoPackage "
                  "or any vector format GDAL reads, in any CRS");
}

LoadedBundle load_bundle_with_progress(const std::string& dir, const std::string& zones,
                                       unsigned threads, bool hash_files) {
  const auto start = std::chrono::steady_clock::now();
  progress("loading " + dir + " ...");
  LoadedBundle bundle = load_bundle(dir, BundleOptions{zones, threads, hash_files});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  progress("loaded " + count_noun(bundle.network.elements.size(), "element") + " in " +
           std::to_string(seconds).substr(0, 4) + " s");
  if (stderr_is_terminal()) std::cerr << '\n';
  return bundle;
}

Days parse_at_option(const std::string& text) {
  if (text.empty()) return today_utc();
  const auto d = parse_iso_date(text);
  if (!d) throw UsageError("--at '" + text + "' is not a date (expected YYYY-MM-DD)");
  return *d;
}

void require_format(const std::string& format, std::initializer_list<const char*> allowed) {
  std::string list;
  for (const char* a : allowed) {
    if (format == a) return;
    list += list.empty() ? "" : ", ";
    list += a;
  }
  throw UsageError("unknown --format '" + format + "' (expected " + list + ")");
}

}  // namespace ringfence::cli
