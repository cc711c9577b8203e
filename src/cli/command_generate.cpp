// ringfence generate --country CC --out DIR [--scale F | --sites N] [--seed S]:
// a synthetic national network bundle from real places and a country profile.
#include <chrono>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "cli/common.hpp"
#include "ringfence/count_noun.hpp"
#include "ringfence/generate.hpp"

namespace ringfence::cli {

namespace {

struct GenerateCliOptions {
  std::string country;
  std::string out;
  double scale = 1;
  std::size_t sites = 0;
  std::uint64_t seed = 1;
  bool force = false;
  std::string data_dir;
};

Command add_generate(CLI::App& root) {
  auto opts = std::make_shared<GenerateCliOptions>();
  CLI::App* app = root.add_subcommand(
      "generate",
      "Write a realistic synthetic national network bundle (real places, profile "
      "assumptions; see docs/generate.md)");
  app->add_option("--country", opts->country,
                  "Country code: KR, GB, DE, AU or CA (one per data/profiles/<cc>.toml)")
      ->required()
      ->type_name("CC");
  app->add_option("--out", opts->out, "Directory to write (must not exist or be empty)")
      ->required()
      ->type_name("DIR");
  auto* scale = app->add_option("--scale", opts->scale,
                                "Size relative to the real network: 1 = national size, "
                                "0.01 = a hundredth")
                    ->capture_default_str();
  auto* sites =
      app->add_option("--sites", opts->sites, "Number of radio sites, instead of --scale");
  scale->excludes(sites);
  app->add_option("--seed", opts->seed, "Random seed: the same arguments give identical files")
      ->capture_default_str();
  app->add_flag("--force", opts->force, "Replace DIR if it exists and is not empty");
  app->add_option("--data", opts->data_dir,
                  "Data directory with profiles/, places/ and zones/ (default: the one built in)")
      ->type_name("DIR");
  app->footer(
      "Sites follow population (GeoNames places, CC BY 4.0); operators, vendor mixes, site\n"
      "density, install years and costs come from the country profile. Files are written\n"
      "to a temporary directory and renamed to DIR when complete.");
  return {app, [opts, sites] {
            GenerateOptions o;
            o.country = opts->country;
            o.out = opts->out;
            o.scale = opts->scale;
            if (sites->count() > 0) o.sites = opts->sites;
            o.seed = opts->seed;
            o.force = opts->force;
            o.data_dir = opts->data_dir;
            if (stderr_is_terminal())
              o.progress = [](std::size_t done, std::size_t total) {
                progress("generating: " + std::to_string(done) + " / " + std::to_string(total) +
                         " radio sites");
              };
            const auto start = std::chrono::steady_clock::now();
            GenerateSummary s;
            try {
              s = generate_network(o);
            } catch (const OptionError& e) {
              throw UsageError(e.with_options_as("--"));
            } catch (const std::invalid_argument& e) {
              throw UsageError(e.what());
            }
            const double seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            if (stderr_is_terminal()) std::cerr << "\r\033[K";
            std::cout << "wrote " << opts->out << ": " << count_noun(s.sites, "site") << " ("
                      << s.radio_sites << " radio), " << count_noun(s.elements, "element") << ", "
                      << count_noun(s.links, "link") << ", " << count_noun(s.zones, "zone")
                      << " (country " << s.country << ", seed " << s.seed << ")\n";
            std::cerr << "generated in " << std::to_string(seconds).substr(0, 4) << " s\n";
            return kOk;
          }};
}

}  // namespace

static const bool generate_registered = register_command("generate", &add_generate);

}  // namespace ringfence::cli
