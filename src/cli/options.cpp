#include "cli/options.hpp"

#include <iostream>

#include "cli/common.hpp"

namespace ringfence::cli {

void BundleArg::add_to(CLI::App& app, bool with_zones) {
  app.add_option("BUNDLE", path, "Bundle directory or GeoPackage")->required();
  if (with_zones) add_zones_option(&app, zones);
}

void PolicyArgs::add_to(CLI::App& app, bool required, bool with_at, const char* help) {
  auto* option = app.add_option(
      "--policy", names,
      help ? help : "Policy TOML file or preset name (see `ringfence presets`); repeatable");
  if (required) option->required();
  if (with_at) app.add_option("--at", at, "Evaluation date YYYY-MM-DD (default: today, UTC)");
}

Days PolicyArgs::at_date() const {
  return parse_at_option(at);
}

std::vector<Policy> PolicyArgs::load() const {
  std::vector<Policy> out;
  for (const auto& name : names) out.push_back(load_policy(name));
  return out;
}

void OutputArgs::add_to(CLI::App& app, std::initializer_list<const char*> allowed) {
  formats.assign(allowed.begin(), allowed.end());
  format = formats.front();
  std::string list;
  for (std::size_t i = 0; i < formats.size(); ++i)
    list += (i == 0 ? "" : i + 1 == formats.size() ? " or " : ", ") + formats[i];
  app.add_option("--format", format, list)->capture_default_str();
  app.add_option("--out", out, "Write to this file (atomically) instead of stdout");
}

void OutputArgs::check_format() const {
  std::string list;
  for (const auto& f : formats) {
    if (format == f) return;
    list += (list.empty() ? "" : ", ") + f;
  }
  throw UsageError("unknown --format '" + format + "' (expected " + list + ")");
}

void OutputArgs::write(const std::string& content) const {
  emit(content, out);
}

void OutputArgs::write_streamed(const std::function<void(const ByteSink&)>& produce) const {
  if (out.empty() || out == "-") {
    produce([](std::string_view piece) { std::cout.write(piece.data(), std::ssize(piece)); });
    std::cout.flush();
    return;
  }
  AtomicFile file(out);
  produce([&](std::string_view piece) { file.write(piece); });
  file.commit();
}

void ThreadsArg::add_to(CLI::App& app) {
  app.add_option("--threads", threads, "Most threads at work at once (0: all cores)")
      ->capture_default_str();
}

Pipeline::Pipeline(const PolicyArgs& policies)
    : at_(policies.at_date()), policies_(policies.load()) {}

LoadedBundle Pipeline::load(const BundleArg& arg, unsigned threads) {
  LoadedBundle bundle = load_bundle_with_progress(arg.path, arg.zones, threads);
  print_warnings(bundle.warnings, 5);
  return bundle;
}

Evaluated Pipeline::evaluate(LoadedBundle bundle, unsigned threads) {
  progress("evaluating " + std::to_string(policies_.size()) + " policies ...");
  CheckResult result = ringfence::evaluate(bundle.network, std::move(policies_), at_, threads);
  progress("");
  return {std::move(bundle), std::move(result)};
}

}  // namespace ringfence::cli
