// ringfence compare BUNDLE --policy A --policy B [...]: the same network planned under
// each regime, side by side per operator.
#include <map>
#include <sstream>

#include "cli/common.hpp"
#include "cli/options.hpp"
#include "cli/plan_options.hpp"
#include "output/json_writer.hpp"
#include "ringfence/output.hpp"

namespace ringfence::cli {

namespace {

struct RegimeRow {
  std::string regime, op;
  std::size_t findings = 0, sites = 0, elements = 0, deadlines_missed = 0;
  double cost = 0;
  int months = 0;
};

std::vector<RegimeRow> rows_of(const Network& net, const std::string& regime, const Plan& plan) {
  std::map<std::string, RegimeRow> by_op;
  for (const std::string& op : plan.operators) by_op[op] = {regime, op};
  for (const Finding& f : plan.check.findings) {
    std::string op = "all";
    const std::uint32_t e = f.path.empty() ? f.element : f.path.back();
    if (e != kNoRow) {
      op = net.site_operator(net.elements.site[e]);
    } else {
      const Rule& rule = rule_of(plan.check, plan.check.rules[f.rule]);
      for (std::size_t i = 0; i < rule.per.size() && i < f.group.size(); ++i)
        if (rule.per[i] == GroupKey::kOperator) op = f.group[i];
    }
    auto& row = by_op[op];
    row.regime = regime;
    row.op = op;
    ++row.findings;
  }
  for (const PlanVisit& v : plan.visits) {
    auto& row = by_op[std::string(net.site_operator(v.site))];
    ++row.sites;
    row.elements += v.elements.size();
    row.cost += v.cost;
    row.months = std::max(row.months, std::min(v.month, plan.horizon_months) + 1);
  }
  for (const DeadlineOutcome& d : plan.deadlines)
    if (!d.met) ++by_op[d.op].deadlines_missed;
  std::vector<RegimeRow> out;
  for (auto& [op, row] : by_op) {
    row.regime = regime;
    row.op = op;
    out.push_back(row);
  }
  return out;
}

std::string render(const std::vector<RegimeRow>& rows, const std::string& format,
                   const std::string& currency) {
  if (format == "csv") {
    std::string out = "regime,operator,findings,sites,elements,cost,months,deadlines_missed\n";
    for (const auto& r : rows)
      out += csv_field(r.regime) + "," + csv_field(r.op) + "," + std::to_string(r.findings) + "," +
             std::to_string(r.sites) + "," + std::to_string(r.elements) + "," +
             format_number(r.cost) + "," + std::to_string(r.months) + "," +
             std::to_string(r.deadlines_missed) + "\n";
    return out;
  }
  if (format == "json") {
    std::string out;
    output::JsonWriter w(out);
    w.begin_object();
    w.field("ringfence", RINGFENCE_VERSION);
    w.field("currency", currency);
    w.key("regimes").begin_array();
    for (const auto& r : rows) {
      w.begin_object();
      w.field("regime", r.regime);
      w.field("operator", r.op);
      w.field("findings", r.findings);
      w.field("sites", r.sites);
      w.field("elements", r.elements);
      w.field("cost", r.cost);
      w.field("months", static_cast<std::size_t>(r.months));
      w.field("deadlines_missed", r.deadlines_missed);
      w.end_object();
    }
    w.end_array();
    w.end_object();
    return out + "\n";
  }
  std::ostringstream o;
  char line[320];
  std::snprintf(line, sizeof line, "%-22s %-16s %9s %7s %9s %16s %7s %8s\n", "regime", "operator",
                "findings", "sites", "elements", ("cost " + currency).c_str(), "months", "missed");
  o << line;
  for (const auto& r : rows) {
    std::snprintf(line, sizeof line, "%-22s %-16s %9zu %7zu %9zu %16.0f %7d %8zu\n",
                  r.regime.substr(0, 22).c_str(), r.op.substr(0, 16).c_str(), r.findings, r.sites,
                  r.elements, r.cost, r.months, r.deadlines_missed);
    o << line;
  }
  return o.str();
}

struct CompareOptions {
  BundleArg bundle;
  PolicyArgs regimes;
  PlanArgs plan;
  OutputArgs output;
  ThreadsArg threads;
};

Command add_compare(CLI::App& root) {
  auto opts = std::make_shared<CompareOptions>();
  CLI::App* app =
      root.add_subcommand("compare",
                          "Regimes side by side: findings, sites touched, elements swapped, cost, "
                          "months to comply and deadlines missed, per operator");
  opts->bundle.add_to(*app);
  opts->regimes.add_to(*app, true, false,
                       "One regime per --policy (TOML file or preset name); at least two");
  opts->plan.add_to(*app);
  opts->output.add_to(*app, {"text", "json", "csv"});
  opts->threads.add_to(*app);
  app->footer("Exit status: 0 done, 2 bad input or usage.");
  return {app, [opts] {
            opts->output.check_format();
            if (opts->regimes.names.size() < 2)
              throw UsageError("compare needs at least two --policy options (one per regime)");
            const PlanOptions options = opts->plan.options(opts->threads.threads);
            std::vector<Policy> regimes = opts->regimes.load();
            LoadedBundle bundle = Pipeline::load(opts->bundle);
            std::vector<RegimeRow> rows;
            for (Policy& regime : regimes) {
              progress("planning " + regime.id + " ...");
              const std::string id = regime.id;
              const Plan plan = make_plan(bundle.network, {std::move(regime)}, options);
              for (auto& r : rows_of(bundle.network, id, plan)) rows.push_back(std::move(r));
            }
            progress("");
            opts->output.write(render(rows, opts->output.format, options.costs.currency));
            return kOk;
          }};
}

}  // namespace

static const bool compare_registered = register_command("compare", &add_compare);

}  // namespace ringfence::cli
