// ringfence plan BUNDLE --policy P [...]: the remediation schedule.
#include "cli/plan_options.hpp"
#include "ringfence/output.hpp"

namespace ringfence::cli {

namespace {

struct PlanCommandOptions : PlanCliOptions {
  std::string work_orders, apply;
};

Command add_plan(CLI::App& root) {
  auto opts = std::make_shared<PlanCommandOptions>();
  CLI::App* app = root.add_subcommand(
      "plan",
      "Remediation schedule: which sites to visit in which month, at what cost, "
      "meeting which deadlines");
  add_plan_options(app, *opts);
  app->add_option("--policy", opts->policies,
                  "Policy TOML file or preset name; repeatable (all apply together)")
      ->required();
  app->add_option("--format", opts->format, "text, json or csv (the month table)")
      ->capture_default_str();
  app->add_option("--out", opts->out, "Write to this file (atomically) instead of stdout");
  app->add_option("--work-orders", opts->work_orders,
                  "Also write the work orders CSV (month, operator, site, elements, vendors)");
  app->add_option("--apply", opts->apply,
                  "Also write the bundle as it will be at the plan's end to this directory");
  app->footer("Exit status: 0 every deadline met, 1 a deadline missed, 2 bad input or usage.");
  return {app, [opts] {
            require_format(opts->format, {"text", "json", "csv"});
            const PlanOptions options = planner_options(*opts);
            std::vector<Policy> policies;
            for (const auto& p : opts->policies) policies.push_back(load_policy(p));
            LoadedBundle bundle = load_bundle_with_progress(opts->bundle);
            print_warnings(bundle.warnings, 5);
            progress("planning ...");
            const Plan plan = make_plan(bundle.network, std::move(policies), options);
            progress("");
            const Network& net = bundle.network;
            std::string text = opts->format == "json"  ? render_plan_json(net, plan)
                               : opts->format == "csv" ? render_plan_csv(plan)
                                                       : render_plan_text(net, plan);
            // Side files first: a failure leaves no main output claiming success.
            if (!opts->work_orders.empty())
              write_file_atomically(opts->work_orders, render_work_orders(net, plan));
            if (!opts->apply.empty()) apply_plan(opts->bundle, net, plan, opts->apply);
            emit(text, opts->out);
            return plan.deadlines_met ? kOk : kOverdue;
          }};
}

}  // namespace

static const bool plan_registered = register_command("plan", &add_plan);

}  // namespace ringfence::cli
