// ringfence paths BUNDLE: whose equipment each radio element's traffic crosses on its
// way to the core, aggregated per group.
#include <memory>
#include <stdexcept>

#include "cli/common.hpp"
#include "cli/options.hpp"
#include "ringfence/paths_output.hpp"

namespace ringfence::cli {

namespace {

struct PathsCliOptions {
  BundleArg bundle;
  std::vector<std::string> vendors;
  std::string by = "operator";
  std::string measure = "traffic";
  std::vector<std::string> zones;
  double radius = -1;
  OutputArgs output;
};

// --zones KEY=V1,V2 (repeatable): zones whose property KEY is one of the values; keys
// given in several options must all match.
Filter parse_zone_filter(const std::vector<std::string>& items) {
  Filter f;
  for (const auto& item : items) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == item.size())
      throw UsageError("--zones '" + item +
                       "': expected KEY=VALUE[,VALUE...], e.g. category=military");
    auto& values = f.any_of[item.substr(0, eq)];
    std::string_view rest = std::string_view(item).substr(eq + 1);
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      if (comma != 0) values.emplace_back(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
  }
  return f;
}

Command add_paths(CLI::App& root) {
  auto opts = std::make_shared<PathsCliOptions>();
  CLI::App* app = root.add_subcommand(
      "paths", "Whose equipment the traffic of each RAN element crosses on its way to the core");
  opts->bundle.add_to(*app, false);  // --zones here selects zones of the bundle
  app->add_option("--vendor", opts->vendors, "Report only this vendor (repeatable)");
  app->add_option("--by", opts->by,
                  "Comma-separated grouping keys: operator, region, domain, technology")
      ->capture_default_str();
  app->add_option("--measure", opts->measure, "traffic, population or elements")
      ->capture_default_str();
  app->add_option("--zones", opts->zones,
                  "Only traffic originating near zones with KEY=VALUE[,VALUE...] (repeatable; "
                  "needs --radius)");
  app->add_option("--radius", opts->radius, "Metres around the --zones zones");
  opts->output.add_to(*app, {"text", "json", "csv"});
  return {app, [opts] {
            opts->output.check_format();
            PathsOptions po;
            try {
              po.by = parse_group_keys(opts->by, "--by");
            } catch (const OptionError&) {
              throw;  // main spells its options
            } catch (const std::invalid_argument& e) {
              throw UsageError(e.what());
            }
            const auto measure = parse_measure(opts->measure);
            if (!measure || *measure == Measure::kSites)
              throw UsageError("unknown --measure '" + opts->measure +
                               "' (expected traffic, population or elements)");
            po.measure = *measure;
            if (!opts->zones.empty() || opts->radius >= 0) {
              if (opts->zones.empty()) throw UsageError("--radius needs --zones");
              if (opts->radius < 0) throw UsageError("--zones needs --radius (metres, >= 0)");
              po.zone_origin = true;
              po.zone_filter = parse_zone_filter(opts->zones);
              po.radius_m = opts->radius;
            }
            LoadedBundle bundle = load_bundle_with_progress(opts->bundle.path, "", 0, false);
            const Network& net = bundle.network;
            for (const auto& name : opts->vendors) {
              const std::uint32_t v = net.vendors.resolve(name);
              if (v == VendorRegistry::kNone)
                throw UsageError("--vendor: unknown vendor '" + name + "'");
              po.vendors.push_back(v);
            }
            progress("tracing paths");
            const PathsResult r = compute_paths(net, po);
            const std::string& format = opts->output.format;
            opts->output.write(format == "json"  ? render_paths_json(net, r)
                               : format == "csv" ? render_paths_csv(net, r)
                                                 : render_paths_text(net, r));
            return kOk;
          }};
}

}  // namespace

static const bool paths_registered = register_command("paths", &add_paths);

}  // namespace ringfence::cli
