// ringfence diff OLD NEW [--policy P ...]: what changed between two inventories of the
// same network, and the findings that appeared or disappeared. Exit 1 when the change
// adds an overdue finding.
#include <future>
#include <memory>

#include "cli/common.hpp"
#include "cli/options.hpp"
#include "ringfence/diff_output.hpp"

namespace ringfence::cli {

namespace {

struct DiffOptions {
  std::string old_bundle, new_bundle;
  PolicyArgs policies;
  OutputArgs output;
};

Command add_diff(CLI::App& root) {
  auto opts = std::make_shared<DiffOptions>();
  CLI::App* app = root.add_subcommand(
      "diff", "What changed between two inventories: elements and, with --policy, findings");
  app->add_option("OLD", opts->old_bundle, "The earlier bundle directory")->required();
  app->add_option("NEW", opts->new_bundle, "The later bundle directory")->required();
  opts->policies.add_to(*app, false);
  opts->output.add_to(*app, {"text", "json"});
  app->footer(
      "Exit status: 0 no new overdue finding, 1 the new inventory adds an overdue finding, 2 bad "
      "input or usage.");
  return {app, [opts] {
            opts->output.check_format();
            const Days at = opts->policies.at_date();
            const std::vector<Policy> policies = opts->policies.load();
            progress("loading both inventories ...");
            // The two loads are independent: one on another thread.
            auto old_future =
                std::async(std::launch::async, [&] { return load_bundle(opts->old_bundle); });
            LoadedBundle after = load_bundle(opts->new_bundle);
            LoadedBundle before = old_future.get();
            DiffReport report;
            report.old_bundle = opts->old_bundle;
            report.new_bundle = opts->new_bundle;
            report.before = &before.network;
            report.after = &after.network;
            progress("comparing ...");
            report.inventory = diff_inventories(before.network, after.network);
            CheckResult old_check, new_check;
            if (!policies.empty()) {
              progress("evaluating policies on both ...");
              auto old_eval = std::async(std::launch::async,
                                         [&] { return evaluate(before.network, policies, at, 1); });
              new_check = evaluate(after.network, policies, at, 1);
              old_check = old_eval.get();
              report.with_policies = true;
              report.old_check = &old_check;
              report.new_check = &new_check;
              report.findings = diff_findings(before.network, old_check, after.network, new_check);
            }
            progress("");
            opts->output.write(opts->output.format == "json" ? render_diff_json(report)
                                                             : render_diff_text(report));
            return report.findings.appeared_overdue > 0 ? kOverdue : kOk;
          }};
}

}  // namespace

static const bool diff_registered = register_command("diff", &add_diff);

}  // namespace ringfence::cli
