// ringfence blast-radius BUNDLE (--vendor V | --element ID | --site ID): what that
// equipment can observe of the traffic, and what is cut off when it fails.
#include <memory>
#include <stdexcept>

#include "cli/common.hpp"
#include "cli/options.hpp"
#include "ringfence/paths_output.hpp"

namespace ringfence::cli {

namespace {

struct BlastCliOptions {
  BundleArg bundle;
  std::string vendor, element, site;
  double zone_radius = 5000;
  std::size_t top = 10;
  OutputArgs output;
};

Command add_blast_radius(CLI::App& root) {
  auto opts = std::make_shared<BlastCliOptions>();
  CLI::App* app = root.add_subcommand("blast-radius",
                                      "What one vendor, element or site can observe or cut off");
  opts->bundle.add_to(*app);
  auto* vendor = app->add_option("--vendor", opts->vendor, "A vendor (any spelling)");
  auto* element = app->add_option("--element", opts->element, "An element id");
  auto* site = app->add_option("--site", opts->site, "A site id");
  vendor->excludes(element)->excludes(site);
  element->excludes(site);
  app->add_option("--zone-radius", opts->zone_radius,
                  "Traffic originating this many metres from a zone is the zone's")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app->add_option("--top", opts->top, "How many of its elements to list by traffic carried")
      ->capture_default_str();
  opts->output.add_to(*app, {"text", "json", "geojson"});
  return {app, [opts, vendor, element, site] {
            opts->output.check_format();
            BlastRadiusOptions bo;
            if (*vendor) {
              bo.kind = BlastTargetKind::kVendor;
              bo.target = opts->vendor;
            } else if (*element) {
              bo.kind = BlastTargetKind::kElement;
              bo.target = opts->element;
            } else if (*site) {
              bo.kind = BlastTargetKind::kSite;
              bo.target = opts->site;
            } else {
              throw UsageError("blast-radius needs one of --vendor, --element or --site");
            }
            bo.zone_radius_m = opts->zone_radius;
            bo.top = opts->top;
            LoadedBundle bundle =
                load_bundle_with_progress(opts->bundle.path, opts->bundle.zones, 0, false);
            const Network& net = bundle.network;
            progress("tracing paths");
            BlastRadiusResult r;
            try {
              r = compute_blast_radius(net, bo);
            } catch (const OptionError&) {
              throw;  // main spells its options
            } catch (const std::invalid_argument& e) {
              throw UsageError(e.what());
            }
            const std::string& format = opts->output.format;
            opts->output.write(format == "json"      ? render_blast_json(net, r)
                               : format == "geojson" ? render_blast_geojson(net, r)
                                                     : render_blast_text(net, r));
            return kOk;
          }};
}

}  // namespace

static const bool blast_radius_registered = register_command("blast-radius", &add_blast_radius);

}  // namespace ringfence::cli
