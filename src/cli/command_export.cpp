// ringfence export BUNDLE --to FILE.gpkg|FILE.kml [--policy P ...]: GIS output through
// GDAL: the whole bundle and its findings as a GeoPackage, or the findings as KML.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/common.hpp"
#include "ringfence/gis_export.hpp"

namespace ringfence::cli {

namespace {

struct ExportOptions {
  std::string bundle;
  std::string to;
  std::vector<std::string> policies;
  std::string at;
  std::string zones;
  unsigned threads = 0;
};

std::string lower_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

Command add_export(CLI::App& root) {
  auto opts = std::make_shared<ExportOptions>();
  CLI::App* app = root.add_subcommand(
      "export", "Write GIS files: the bundle and findings as a GeoPackage, or findings as KML");
  app->add_option("BUNDLE", opts->bundle, "Bundle directory or GeoPackage")->required();
  app->add_option("--to", opts->to, "FILE.gpkg (every layer) or FILE.kml (findings)")->required();
  app->add_option("--policy", opts->policies,
                  "Policy TOML file or preset name whose findings are written; repeatable");
  app->add_option("--at", opts->at, "Evaluation date YYYY-MM-DD (default: today, UTC)");
  add_zones_option(app, opts->zones);
  app->add_option("--threads", opts->threads, "Rules evaluated in parallel (0: all cores)")
      ->capture_default_str();
  app->footer(
      "The file is written to a temporary directory beside it and renamed when complete.\n"
      "Every command reads such a GeoPackage as its BUNDLE. Exit status: 0 written, 2 bad\n"
      "input or usage.");
  return {
      app, [opts] {
        const std::string ext = lower_extension(opts->to);
        if (ext != ".gpkg" && ext != ".kml")
          throw UsageError("--to '" + opts->to + "': expected a .gpkg or .kml file");
        if (ext == ".kml" && opts->policies.empty())
          throw UsageError("--to " + opts->to + " writes findings: give at least one --policy");
        const Days at = parse_at_option(opts->at);
        std::vector<Policy> policies;
        for (const auto& p : opts->policies) policies.push_back(load_policy(p));
        LoadedBundle bundle = load_bundle_with_progress(opts->bundle, opts->zones, opts->threads);
        print_warnings(bundle.warnings, 5);
        const Network& net = bundle.network;
        std::unique_ptr<CheckResult> result;
        if (!policies.empty()) {
          progress("evaluating " + std::to_string(policies.size()) + " policies ...");
          result =
              std::make_unique<CheckResult>(evaluate(net, std::move(policies), at, opts->threads));
        }
        progress("writing " + opts->to + " ...");
        if (ext == ".kml") {
          write_findings_kml(opts->to, net, *result);
        } else {
          write_geopackage(opts->to, net, read_registry_tables(opts->bundle), result.get());
        }
        progress("");
        std::cout << "wrote " << opts->to << ": ";
        if (ext == ".gpkg")
          std::cout << net.sites.size() << " sites, " << net.elements.size() << " elements, "
                    << net.links.size() << " links, " << net.zones.size() << " zones, ";
        std::cout << (result ? result->findings.size() : 0) << " findings\n";
        return kOk;
      }};
}

}  // namespace

static const bool export_registered = register_command("export", &add_export);

}  // namespace ringfence::cli
