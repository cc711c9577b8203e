// Option groups every command shares, each defined once and added to the commands
// that take it, and the one load -> evaluate pipeline behind check, report, serve
// and demo.
#pragma once
#include <CLI/CLI.hpp>
#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

#include "ringfence/bundle.hpp"
#include "ringfence/check.hpp"
#include "ringfence/output.hpp"

namespace ringfence::cli {

// BUNDLE: a bundle directory or a GeoPackage (positional), and --zones: a zones
// file used instead of the bundle's.
struct BundleArg {
  std::string path;
  std::string zones;
  void add_to(CLI::App& app, bool with_zones = true);
};

// --policy (repeatable) and --at.
struct PolicyArgs {
  std::vector<std::string> names;
  std::string at;
  // `help` replaces the --policy help text; the planner commands take no --at (their
  // plan starts at --start).
  void add_to(CLI::App& app, bool required, bool with_at = true, const char* help = nullptr);
  Days at_date() const;              // today (UTC) when --at is not given
  std::vector<Policy> load() const;  // each file or preset, in order
};

// --format and --out.
struct OutputArgs {
  std::string format;
  std::string out;
  std::vector<std::string> formats;
  void add_to(CLI::App& app, std::initializer_list<const char*> allowed);
  void check_format() const;  // throws UsageError naming --format and what is allowed
  void write(const std::string& content) const;  // to --out atomically, or stdout
  // The same for an output produced in pieces: `produce` hands them to the sink it is
  // given; --out is put in place once `produce` returns, and left untouched if it
  // throws.
  void write_streamed(const std::function<void(const ByteSink&)>& produce) const;
};

// --threads.
struct ThreadsArg {
  unsigned threads = 0;
  void add_to(CLI::App& app);
};

// The pipeline: policies first (a typo in a policy should not wait for a large
// bundle), then the bundle, then every rule evaluated.
struct Evaluated {
  LoadedBundle bundle;
  CheckResult result;
};
class Pipeline {
 public:
  explicit Pipeline(const PolicyArgs& policies);
  Days at() const { return at_; }
  // The policies as loaded (until evaluate() takes them).
  const std::vector<Policy>& policies() const { return policies_; }
  // Loads with progress on a terminal, and prints the bundle's first warnings.
  static LoadedBundle load(const BundleArg& bundle, unsigned threads = 0);
  Evaluated evaluate(LoadedBundle bundle, unsigned threads);
  Evaluated run(const BundleArg& bundle, unsigned threads) {
    return evaluate(load(bundle, threads), threads);
  }

 private:
  Days at_;
  std::vector<Policy> policies_;
};

}  // namespace ringfence::cli
