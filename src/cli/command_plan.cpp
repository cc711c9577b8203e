// ringfence plan BUNDLE --policy P [...]: the remediation schedule.
#include <memory>

#include "cli/common.hpp"
#include "cli/options.hpp"
#include "cli/plan_options.hpp"
#include "ringfence/output.hpp"

namespace ringfence::cli {

namespace {

struct PlanCommandOptions {
  BundleArg bundle;
  PolicyArgs policies;
  PlanArgs plan;
  OutputArgs output;
  ThreadsArg threads;
  std::string work_orders, apply;
};

Command add_plan(CLI::App& root) {
  auto opts = std::make_shared<PlanCommandOptions>();
  CLI::App* app = root.add_subcommand(
      "plan",
      "Remediation schedule: which sites to visit in which month, at what cost, "
      "meeting which deadlines");
  opts->bundle.add_to(*app);
  opts->policies.add_to(*app, true, false,
                        "Policy TOML file or preset name; repeatable (all apply together)");
  opts->plan.add_to(*app);
  opts->output.add_to(*app, {"text", "json", "csv"});
  app->add_option("--work-orders", opts->work_orders,
                  "Also write the work orders CSV (month, operator, site, elements, vendors)");
  app->add_option("--apply", opts->apply,
                  "Also write the bundle as it will be at the plan's end to this directory");
  opts->threads.add_to(*app);
  app->footer("Exit status: 0 every deadline met, 1 a deadline missed, 2 bad input or usage.");
  return {app, [opts] {
            opts->output.check_format();
            const PlanOptions options = opts->plan.options(opts->threads.threads);
            std::vector<Policy> policies = opts->policies.load();
            LoadedBundle bundle = Pipeline::load(opts->bundle);
            progress("planning ...");
            const Plan plan = make_plan(bundle.network, std::move(policies), options);
            progress("");
            const Network& net = bundle.network;
            const std::string& format = opts->output.format;
            std::string text = format == "json"  ? render_plan_json(net, plan)
                               : format == "csv" ? render_plan_csv(plan)
                                                 : render_plan_text(net, plan);
            // Side files first: a failure leaves no main output claiming success.
            if (!opts->work_orders.empty())
              write_file_atomically(opts->work_orders, render_work_orders(net, plan));
            if (!opts->apply.empty()) apply_plan(opts->bundle.path, net, plan, opts->apply);
            opts->output.write(text);
            return plan.deadlines_met ? kOk : kOverdue;
          }};
}

}  // namespace

static const bool plan_registered = register_command("plan", &add_plan);

}  // namespace ringfence::cli
