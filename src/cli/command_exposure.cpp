// ringfence exposure BUNDLE: vendor shares per group and the HHI.
#include <memory>
#include <stdexcept>

#include "cli/common.hpp"
#include "cli/exposure_whatif_options.hpp"
#include "ringfence/exposure_output.hpp"

namespace ringfence::cli {

namespace {

struct ExposureOptions {
  std::string bundle;
  std::string by = "operator";
  std::string measure = "elements";
  std::string format = "text";
  std::string out;
  WhatIfOptions what_if;
};

std::vector<GroupKey> parse_by(const std::string& text) {
  try {
    return parse_group_keys(text, "--by");
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
}

Command add_exposure(CLI::App& root) {
  auto opts = std::make_shared<ExposureOptions>();
  CLI::App* app = root.add_subcommand(
      "exposure", "Each vendor's share per group, with the Herfindahl-Hirschman index");
  app->add_option("BUNDLE", opts->bundle, "Bundle directory")->required();
  app->add_option("--by", opts->by,
                  "Comma-separated grouping keys: operator, region, domain, technology")
      ->capture_default_str();
  app->add_option("--measure", opts->measure, "elements, sites, traffic or population")
      ->capture_default_str();
  app->add_option("--format", opts->format, "text, json or csv")->capture_default_str();
  app->add_option("--out", opts->out, "Write to this file (atomically) instead of stdout");
  add_what_if_options(*app, opts->what_if);
  return {app, [opts] {
            require_format(opts->format, {"text", "json", "csv"});
            const auto by = parse_by(opts->by);
            const auto measure = parse_measure(opts->measure);
            if (!measure)
              throw UsageError("unknown --measure '" + opts->measure +
                               "' (expected elements, sites, traffic or population)");
            LoadedBundle bundle = load_bundle_with_progress(opts->bundle);
            const Network& net = bundle.network;
            if (!opts->what_if.empty()) {
              run_what_if(net, by, *measure, opts->what_if, opts->format, opts->out);
              return kOk;
            }
            const ExposureResult r = compute_exposure(bundle.network, by, *measure);
            emit(opts->format == "json"  ? render_exposure_json(net, r)
                 : opts->format == "csv" ? render_exposure_csv(net, r)
                                         : render_exposure_text(net, r),
                 opts->out);
            return kOk;
          }};
}

}  // namespace

static const bool registered = register_command("exposure", &add_exposure);

}  // namespace ringfence::cli
