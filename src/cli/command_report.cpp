// ringfence report BUNDLE --policy P [...] --out report.html: one self-contained HTML
// file (map, charts, findings table) that opens offline.
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/common.hpp"
#include "ringfence/count_noun.hpp"
#include "ringfence/output.hpp"
#include "ringfence/report.hpp"

namespace ringfence::cli {

namespace {

struct ReportCliOptions {
  std::string bundle;
  std::vector<std::string> policies;
  std::string at;
  std::string out;
  unsigned threads = 0;
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
  app->add_option("BUNDLE", opts->bundle, "Bundle directory")->required();
  app->add_option("--policy", opts->policies,
                  "Policy TOML file or preset name (see `ringfence presets`); repeatable")
      ->required();
  app->add_option("--at", opts->at, "Evaluation date YYYY-MM-DD (default: today, UTC)");
  app->add_option("--out", opts->out, "The HTML file to write (atomically)")->required();
  app->add_option("--threads", opts->threads, "Rules evaluated in parallel (0: all cores)")
      ->capture_default_str();
  app->footer(
      "The file holds its scripts, styles, base map and data: it opens from disk with no\n"
      "network. Exit status: 0 written, 2 bad input or usage.");
  return {
      app, [opts] {
        const Days at = parse_at_option(opts->at);
        std::vector<Policy> policies;
        for (const auto& p : opts->policies) policies.push_back(load_policy(p));
        // The template before the bundle: a broken install should not wait for a
        // large bundle to load.
        const std::string html_template = load_report_template();
        LoadedBundle bundle = load_bundle_with_progress(opts->bundle);
        print_warnings(bundle.warnings, 5);
        progress("evaluating " + std::to_string(policies.size()) + " policies ...");
        const CheckResult result = evaluate(bundle.network, std::move(policies), at, opts->threads);
        progress("writing the report ...");
        const std::string html = render_report_html(
            html_template, build_report_data(bundle.network, result, {opts->bundle, bundle.files}));
        progress("");
        write_file_atomically(opts->out, html);
        std::cout << "wrote " << opts->out << " (" << megabytes(html.size())
                  << "): " << count_noun(bundle.network.sites.size(), "site") << ", "
                  << count_noun(result.findings.size(), "finding") << " (" << result.overdue
                  << " overdue) at " << format_iso_date(result.at) << '\n';
        return kOk;
      }};
}

}  // namespace

static const bool registered = register_command("report", &add_report);

}  // namespace ringfence::cli
