// ringfence demo [--out DIR] [--sites N] [--seed S] [--at DATE]: generates a Korean
// network, checks it against the US-Korea and UK regimes, measures vendor exposure
// and writes the HTML report, then says what it found and where to look.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "cli/common.hpp"
#include "cli/options.hpp"
#include "cli/plan_options.hpp"
#include "ringfence/check_output.hpp"
#include "ringfence/count_noun.hpp"
#include "ringfence/exposure_output.hpp"
#include "ringfence/generate.hpp"
#include "ringfence/output.hpp"
#include "ringfence/report.hpp"

namespace ringfence::cli {

namespace {

const std::vector<std::string> kDemoPolicies = {"us-kr-sensitive", "uk-2020"};

struct DemoOptions {
  std::string out = "demo-out";
  std::size_t sites = 20000;
  std::uint64_t seed = 1;
  std::string at;
  std::string zones;
  ThreadsArg threads;
  std::string crews = "40";
};

std::string seconds_since(std::chrono::steady_clock::time_point start) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f s",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return buf;
}

Command add_demo(CLI::App& root) {
  auto opts = std::make_shared<DemoOptions>();
  CLI::App* app = root.add_subcommand(
      "demo",
      "Generate a Korean network, check it against us-kr-sensitive and uk-2020, and write the "
      "HTML report");
  app->add_option("--out", opts->out, "Directory for the bundle and the results")
      ->capture_default_str();
  app->add_option("--sites", opts->sites, "Radio sites to generate")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000000}))
      ->capture_default_str();
  app->add_option("--seed", opts->seed, "Generator seed")->capture_default_str();
  app->add_option("--at", opts->at, "Evaluation date YYYY-MM-DD (default: today, UTC)");
  add_zones_option(app, opts->zones);
  app->add_option("--crews", opts->crews,
                  "Site visits per month per operator for the plan: a number, or a CSV file "
                  "operator,crews")
      ->capture_default_str();
  opts->threads.add_to(*app);
  app->footer(
      "Writes DIR/bundle/ (the generated network), DIR/check.json, DIR/findings.geojson and\n"
      "DIR/report.html. Exit status: 0 done (overdue findings are the expected answer), 2 bad\n"
      "input or usage.");
  return {
      app, [opts] {
        namespace fs = std::filesystem;
        const auto start = std::chrono::steady_clock::now();
        Pipeline pipeline(PolicyArgs{kDemoPolicies, opts->at});
        PlanArgs plan_args;
        plan_args.crews = opts->crews;
        const PlanOptions plan_options = plan_args.options(opts->threads.threads, pipeline.at());
        const std::string html_template = load_report_template();
        fs::create_directories(opts->out);
        const std::string bundle_dir = (fs::path(opts->out) / "bundle").string();

        GenerateOptions g;
        g.country = "KR";
        g.sites = opts->sites;
        g.seed = opts->seed;
        g.out = bundle_dir;
        g.force = true;
        GenerateSummary generated;
        try {
          generated = generate_network(g);
        } catch (const OptionError& e) {
          throw UsageError(e.with_options_as("--"));
        } catch (const std::invalid_argument& e) {
          throw UsageError(e.what());
        }
        std::cout << "== generated a South Korean network in " << bundle_dir << "\n"
                  << count_noun(generated.sites, "site") << " (" << generated.radio_sites
                  << " radio), " << count_noun(generated.elements, "element") << ", "
                  << count_noun(generated.links, "link") << ", "
                  << count_noun(generated.zones, "sensitive zone") << " (seed " << generated.seed
                  << ")\n\n";

        const std::vector<Policy> policies = pipeline.policies();  // evaluate() takes them
        const Evaluated run = pipeline.evaluate(
            load_bundle_with_progress(bundle_dir, opts->zones, opts->threads.threads),
            opts->threads.threads);
        const Network& net = run.bundle.network;
        std::cout << "== who built it: each vendor's share of the elements, per operator\n"
                  << render_exposure_text(
                         net, compute_exposure(net, {GroupKey::kOperator}, Measure::kElements))
                  << '\n';

        const CheckResult& result = run.result;
        std::cout << "== checked against us-kr-sensitive and uk-2020 at "
                  << format_iso_date(result.at) << ": "
                  << count_noun(result.findings.size(), "finding") << ", " << result.overdue
                  << " overdue, " << result.findings.size() - result.overdue << " due\n";
        for (const auto& er : result.rules) {
          const Rule& rule = rule_of(result, er);
          std::cout << "  " << er.rule_id << ": ";
          if (er.skipped) {
            std::cout << "not yet effective\n";
            continue;
          }
          std::cout << count_noun(er.findings, "finding");
          if (er.findings) std::cout << " (" << er.overdue << " overdue)";
          if (rule.deadline != kNoDate)
            std::cout << ", deadline " << format_iso_date(rule.deadline);
          std::cout << '\n';
        }
        // One example per rule with findings: the first, in `check` order.
        std::cout << "  for example:\n";
        std::uint32_t last_rule = kNoRow;
        for (const auto& f : result.findings) {
          if (f.rule == last_rule) continue;
          last_rule = f.rule;
          std::cout << "    [" << status_name(f.status) << "] " << result.rules[f.rule].rule_id
                    << ": " << explain(net, result, f) << '\n';
        }
        progress("planning ...");
        const Plan plan = make_plan(net, policies, plan_options);
        progress("");
        std::size_t missed = 0;
        for (const DeadlineOutcome& d : plan.deadlines) missed += d.met ? 0 : 1;
        std::cout << "== what compliance costs and when, with " << opts->crews
                  << " site visits per month per operator\n"
                  << "  " << count_noun(plan.sites, "site visit") << ", "
                  << count_noun(plan.elements, "element") << " swapped, " << plan.currency << " "
                  << format_amount(plan.total_cost) << " in all; "
                  << count_noun(plan.deadlines.size(), "deadline") << ", " << missed << " missed";
        if (missed)
          for (const DeadlineOutcome& d : plan.deadlines)
            if (!d.met && d.crews_needed > 0) {
              std::cout << " (" << d.rule_id << " for " << d.op << " would need " << d.crews_needed
                        << " visits a month)";
              break;
            }
        std::cout << "\n  month by month: ringfence plan " << bundle_dir
                  << " --policy us-kr-sensitive --policy uk-2020 --crews " << opts->crews << "\n\n";

        const CheckInputs inputs{bundle_dir, run.bundle.files};
        const fs::path out(opts->out);
        write_file_atomically((out / "check.json").string(),
                              render_check_json(net, result, inputs));
        write_file_atomically((out / "findings.geojson").string(),
                              render_check_geojson(net, result));
        ReportOptions report_options;
        report_options.plan = &plan;
        const std::string html = render_report_html(
            html_template, build_report_data(net, result, inputs, report_options));
        const fs::path report = out / "report.html";
        write_file_atomically(report.string(), html);

        std::error_code ec;
        const fs::path absolute = fs::absolute(report, ec);
        std::cout << "== results (in " << seconds_since(start) << ")\n"
                  << "  report:   " << report.string() << "  (" << html.size() / 1000
                  << " kB, opens offline)\n"
                  << "            open file://" << (ec ? report : absolute).string()
                  << " in a browser\n"
                  << "  findings: " << (out / "check.json").string() << ", "
                  << (out / "findings.geojson").string() << " (opens in QGIS)\n"
                  << "  web UI:   ringfence serve " << bundle_dir
                  << " --policy us-kr-sensitive --policy uk-2020 --plan --crews " << opts->crews
                  << "\n";
        return kOk;
      }};
}

}  // namespace

static const bool demo_registered = register_command("demo", &add_demo);

}  // namespace ringfence::cli
