// ringfence report BUNDLE --policy P [...] --out report.html: one self-contained HTML
// file (map, charts, findings table) that opens offline.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/common.hpp"
#include "cli/options.hpp"
#include "cli/plan_options.hpp"
#include "ringfence/count_noun.hpp"
#include "ringfence/output.hpp"
#include "ringfence/report.hpp"

namespace ringfence::cli {

namespace {

struct ReportCliOptions {
  BundleArg bundle;
  PolicyArgs policies;
  std::string out;
  ThreadsArg threads;
  bool plan = false;
  PlanArgs plan_args;
};

std::string megabytes(std::size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

Command add_report(CLI::App& root) {
  auto opts = std::make_shared<ReportCliOptions>();
  CLI::App* app = root.add_subcommand(
      "report", "Write one self-contained HTML report: map, charts and findings, offline");
  opts->bundle.add_to(*app);
  opts->policies.add_to(*app, true);
  app->add_option("--out", opts->out, "The HTML file to write (atomically)")->required();
  opts->threads.add_to(*app);
  opts->plan_args.add_behind_flag(
      *app, opts->plan,
      "Add the remediation plan: cost and visits month by month, deadlines, the map by "
      "visit month (as `ringfence plan`, starting at --at)");
  app->footer(
      "The file holds its scripts, styles, base map and data: it opens from disk with no\n"
      "network. Exit status: 0 written, 2 bad input or usage.");
  return {app, [opts] {
            Pipeline pipeline(opts->policies);
            // The template before the bundle: a broken install should not wait for a
            // large bundle to load.
            const std::string html_template = load_report_template();
            std::optional<PlanOptions> plan_options;
            if (opts->plan)
              plan_options = opts->plan_args.options(opts->threads.threads, pipeline.at());
            // The plan's policies, kept before evaluate() takes them.
            const std::vector<Policy> policies =
                plan_options ? pipeline.policies() : std::vector<Policy>{};
            const Evaluated run = pipeline.run(opts->bundle, opts->threads.threads);
            const CheckResult& result = run.result;
            ReportOptions report_options;
            Plan plan;
            if (plan_options) {
              progress("planning ...");
              plan = make_plan(run.bundle.network, policies, *plan_options);
              report_options.plan = &plan;
            }
            progress("writing the report ...");
            const std::string html = render_report_html(
                html_template,
                build_report_data(run.bundle.network, result, {opts->bundle.path, run.bundle.files},
                                  report_options));
            progress("");
            write_file_atomically(opts->out, html);
            std::cout << "wrote " << opts->out << " (" << megabytes(html.size())
                      << "): " << count_noun(run.bundle.network.sites.size(), "site") << ", "
                      << count_noun(result.findings.size(), "finding") << " (" << result.overdue
                      << " overdue) at " << format_iso_date(result.at) << '\n';
            if (plan_options)
              std::cout << "plan: " << plan.currency << " " << format_amount(plan.total_cost)
                        << ", " << count_noun(plan.sites, "site visit") << ", deadlines "
                        << (plan.deadlines_met ? "all met" : "NOT all met") << '\n';
            return kOk;
          }};
}

}  // namespace

static const bool report_registered = register_command("report", &add_report);

}  // namespace ringfence::cli
