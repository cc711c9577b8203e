// ringfence check BUNDLE --policy P [...]: findings, due or overdue at a date.
#include <memory>

#include "cli/common.hpp"
#include "ringfence/check_output.hpp"

namespace ringfence::cli {

namespace {

struct CheckOptions {
  std::string bundle;
  std::vector<std::string> policies;
  std::string at;
  std::string zones;
  std::string format = "text";
  std::string out;
  bool timeline = false;
  unsigned threads = 0;
};

Command add_check(CLI::App& root) {
  auto opts = std::make_shared<CheckOptions>();
  CLI::App* app = root.add_subcommand(
      "check", "Evaluate policies: findings, due before their deadline, overdue from it");
  app->add_option("BUNDLE", opts->bundle, "Bundle directory or GeoPackage")->required();
  app->add_option("--policy", opts->policies,
                  "Policy TOML file or preset name (see `ringfence presets`); repeatable")
      ->required();
  app->add_option("--at", opts->at, "Evaluation date YYYY-MM-DD (default: today, UTC)");
  add_zones_option(app, opts->zones);
  app->add_option("--format", opts->format, "text, json, csv or geojson")->capture_default_str();
  app->add_option("--out", opts->out, "Write to this file (atomically) instead of stdout");
  app->add_flag("--timeline", opts->timeline,
                "Print how many findings fall due at each deadline, per operator");
  app->add_option("--threads", opts->threads, "Rules evaluated in parallel (0: all cores)")
      ->capture_default_str();
  app->footer("Exit status: 0 nothing overdue, 1 overdue findings, 2 bad input or usage.");
  return {app, [opts] {
            require_format(opts->format, {"text", "json", "csv", "geojson"});
            if (opts->timeline && opts->format == "geojson")
              throw UsageError("--timeline has no geojson form (expected text, json or csv)");
            const Days at = parse_at_option(opts->at);
            // Policies first: a typo in a policy should not wait for a large bundle.
            std::vector<Policy> policies;
            for (const auto& p : opts->policies) policies.push_back(load_policy(p));
            LoadedBundle bundle = load_bundle_with_progress(opts->bundle, opts->zones);
            print_warnings(bundle.warnings, 5);
            progress("evaluating " + std::to_string(policies.size()) + " policies ...");
            const CheckResult result =
                evaluate(bundle.network, std::move(policies), at, opts->threads);
            progress("");
            const Network& net = bundle.network;
            const CheckInputs inputs{opts->bundle, bundle.files};
            std::string text;
            if (opts->timeline)
              text = render_timeline(check_timeline(net, result), opts->format);
            else if (opts->format == "json")
              text = render_check_json(net, result, inputs);
            else if (opts->format == "csv")
              text = render_check_csv(net, result);
            else if (opts->format == "geojson")
              text = render_check_geojson(net, result);
            else
              text = render_check_text(net, result, inputs);
            emit(text, opts->out);
            return result.overdue > 0 ? kOverdue : kOk;
          }};
}

}  // namespace

static const bool registered = register_command("check", &add_check);

}  // namespace ringfence::cli
