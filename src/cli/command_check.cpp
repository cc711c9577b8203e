// ringfence check BUNDLE --policy P [...]: findings, due or overdue at a date.
#include <memory>

#include "cli/common.hpp"
#include "cli/options.hpp"
#include "ringfence/check_output.hpp"

namespace ringfence::cli {

namespace {

struct CheckOptions {
  BundleArg bundle;
  PolicyArgs policies;
  OutputArgs output;
  ThreadsArg threads;
  bool timeline = false;
};

Command add_check(CLI::App& root) {
  auto opts = std::make_shared<CheckOptions>();
  CLI::App* app = root.add_subcommand(
      "check", "Evaluate policies: findings, due before their deadline, overdue from it");
  opts->bundle.add_to(*app);
  opts->policies.add_to(*app, true);
  opts->output.add_to(*app, {"text", "json", "csv", "geojson"});
  app->add_flag("--timeline", opts->timeline,
                "Print how many findings fall due at each deadline, per operator");
  opts->threads.add_to(*app);
  app->footer("Exit status: 0 nothing overdue, 1 overdue findings, 2 bad input or usage.");
  return {app, [opts] {
            const std::string& format = opts->output.format;
            opts->output.check_format();
            if (opts->timeline && format == "geojson")
              throw UsageError("--timeline has no geojson form (expected text, json or csv)");
            Pipeline pipeline(opts->policies);
            const Evaluated run = pipeline.run(opts->bundle, opts->threads.threads);
            const Network& net = run.bundle.network;
            const CheckResult& result = run.result;
            const CheckInputs inputs{opts->bundle.path, run.bundle.files};
            if (!opts->timeline && format == "json") {
              opts->output.write_streamed([&](const ByteSink& sink) {
                write_check_json(net, result, inputs, opts->threads.threads, sink);
              });
              return result.overdue > 0 ? kOverdue : kOk;
            }
            std::string text;
            if (opts->timeline)
              text = render_timeline(check_timeline(net, result), format);
            else if (format == "csv")
              text = render_check_csv(net, result);
            else if (format == "geojson")
              text = render_check_geojson(net, result);
            else
              text = render_check_text(net, result, inputs);
            opts->output.write(text);
            return result.overdue > 0 ? kOverdue : kOk;
          }};
}

}  // namespace

static const bool check_registered = register_command("check", &add_check);

}  // namespace ringfence::cli
