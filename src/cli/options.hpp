// Option groups every command shares, each defined once and added to the commands
// that take it, and the one load -> evaluate pipeline behind check, report, serve
// and demo.
#pragma once
#include <CLI/CLI.hpp>
#include <initializer_list>
#include <string>
#include <vector>

#include "ringfence/bundle.hpp"
#include "ringfence/check.hpp"

namespace ringfence::cli {

// BUNDLE: the bundle directory (positional).
struct BundleArg {
  std::string path;
  void add_to(CLI::App& app);
};

// --policy (repeatable) and --at.
struct PolicyArgs {
  std::vector<std::string> names;
  std::string at;
  void add_to(CLI::App& app, bool required);
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
  // Loads with progress on a terminal, and prints the bundle's first warnings.
  static LoadedBundle load(const std::string& bundle_dir);
  Evaluated evaluate(LoadedBundle bundle, unsigned threads);
  Evaluated run(const std::string& bundle_dir, unsigned threads) {
    return evaluate(load(bundle_dir), threads);
  }

 private:
  Days at_;
  std::vector<Policy> policies_;
};

}  // namespace ringfence::cli
