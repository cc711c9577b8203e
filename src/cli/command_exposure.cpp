// ringfence exposure BUNDLE: vendor shares per group and the HHI.
#include <memory>
#include <stdexcept>

#include "cli/common.hpp"
#include "cli/exposure_whatif_options.hpp"
#include "cli/options.hpp"
#include "ringfence/exposure_output.hpp"

namespace ringfence::cli {

namespace {

struct ExposureOptions {
  BundleArg bundle;
  std::string by = "operator";
  std::string measure = "elements";
  OutputArgs output;
  WhatIfOptions what_if;
};

std::vector<GroupKey> parse_by(const std::string& text) {
  try {
    return parse_group_keys(text, "--by");
  } catch (const OptionError&) {
    throw;  // main spells its options
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
}

Command add_exposure(CLI::App& root) {
  auto opts = std::make_shared<ExposureOptions>();
  CLI::App* app = root.add_subcommand(
      "exposure", "Each vendor's share per group, with the Herfindahl-Hirschman index");
  opts->bundle.add_to(*app, false);
  app->add_option("--by", opts->by,
                  "Comma-separated grouping keys: operator, region, domain, technology")
      ->capture_default_str();
  app->add_option("--measure", opts->measure, "elements, sites, traffic or population")
      ->capture_default_str();
  opts->output.add_to(*app, {"text", "json", "csv"});
  add_what_if_options(*app, opts->what_if);
  return {
      app, [opts] {
        opts->output.check_format();
        const auto by = parse_by(opts->by);
        const auto measure = parse_measure(opts->measure);
        if (!measure)
          throw UsageError("unknown --measure '" + opts->measure +
                           "' (expected elements, sites, traffic or population)");
        LoadedBundle bundle = load_bundle_with_progress(opts->bundle.path, "", 0, false);
        const Network& net = bundle.network;
        if (!opts->what_if.empty()) {
          opts->output.write(run_what_if(net, by, *measure, opts->what_if, opts->output.format));
          return kOk;
        }
        const ExposureResult r = compute_exposure(bundle.network, by, *measure);
        const std::string& format = opts->output.format;
        opts->output.write(format == "json"  ? render_exposure_json(net, r)
                           : format == "csv" ? render_exposure_csv(net, r)
                                             : render_exposure_text(net, r));
        return kOk;
      }};
}

}  // namespace

static const bool exposure_registered = register_command("exposure", &add_exposure);

}  // namespace ringfence::cli
