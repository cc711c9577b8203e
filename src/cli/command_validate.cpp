// ringfence validate BUNDLE: counts, vendors after normalisation, warnings.
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/common.hpp"

namespace ringfence::cli {

namespace {

struct ValidateOptions {
  std::string bundle;
  std::string zones;
  std::string format = "text";
  std::string out;
};

struct Counts {
  std::map<std::string, std::map<std::string, std::size_t>> sites;  // operator -> kind -> n
  std::map<std::string, std::size_t> elements_by_domain;
};

Counts count(const Network& net) {
  Counts c;
  for (std::size_t s = 0; s < net.sites.size(); ++s)
    ++c.sites[std::string(net.site_operator(static_cast<std::uint32_t>(s)))]
             [std::string(kSiteKindNames[static_cast<int>(net.sites.kind[s])])];
  for (Domain d : net.elements.domain)
    ++c.elements_by_domain[std::string(kDomainNames[static_cast<int>(d)])];
  return c;
}

std::string render_json(const LoadedBundle& b, const Counts& c) {
  const Network& net = b.network;
  nlohmann::ordered_json j;
  j["ringfence"] = RINGFENCE_VERSION;
  j["valid"] = true;
  j["sites"] = net.sites.size();
  j["sites_by_operator_kind"] = c.sites;
  j["elements"] = net.elements.size();
  j["elements_by_domain"] = c.elements_by_domain;
  j["links"] = net.links.size();
  j["zones"] = net.zones.size();
  auto& vendors = j["vendors"] = nlohmann::ordered_json::array();
  for (std::uint32_t v = 0; v < net.vendors.size(); ++v) {
    if (b.vendor_spellings[v].empty()) continue;
    nlohmann::ordered_json entry;
    entry["vendor"] = net.vendors.get(v).name;
    entry["known"] = net.vendors.get(v).known;
    std::size_t total = 0;
    auto& spellings = entry["spellings"] = nlohmann::ordered_json::object();
    for (const auto& [spelling, n] : b.vendor_spellings[v]) {
      spellings[spelling] = n;
      total += n;
    }
    entry["elements"] = total;
    vendors.push_back(entry);
  }
  auto& warnings = j["warnings"] = nlohmann::ordered_json::array();
  for (const auto& w : b.warnings.warnings()) warnings.push_back(w.to_string());
  return j.dump(2) + "\n";
}

std::string render_text(const LoadedBundle& b, const Counts& c) {
  const Network& net = b.network;
  std::ostringstream o;
  o << "bundle is valid\n\n";
  o << "sites: " << net.sites.size() << '\n';
  for (const auto& [op, kinds] : c.sites) {
    o << "  " << op << ':';
    for (const auto& [kind, n] : kinds) o << ' ' << kind << ' ' << n;
    o << '\n';
  }
  o << "elements: " << net.elements.size() << '\n';
  for (const auto& [domain, n] : c.elements_by_domain) o << "  " << domain << ' ' << n << '\n';
  o << "links: " << net.links.size() << '\n';
  o << "zones: " << net.zones.size() << '\n';
  o << "\nvendors (spellings in elements.csv that map to each):\n";
  for (std::uint32_t v = 0; v < net.vendors.size(); ++v) {
    if (b.vendor_spellings[v].empty()) continue;
    const Vendor& vendor = net.vendors.get(v);
    o << "  " << vendor.name << (vendor.known ? "" : " (unknown vendor)") << ':';
    bool first = true;
    for (const auto& [spelling, n] : b.vendor_spellings[v]) {
      o << (first ? " " : "; ") << '"' << spelling << "\" " << n;
      first = false;
    }
    o << '\n';
  }
  if (!b.warnings.warnings().empty()) o << "\nwarnings: " << b.warnings.warnings().size() << '\n';
  for (const auto& w : b.warnings.warnings()) o << "  " << w.to_string() << '\n';
  return o.str();
}

}  // namespace

namespace {
Command add_validate(CLI::App& root) {
  auto opts = std::make_shared<ValidateOptions>();
  CLI::App* app = root.add_subcommand(
      "validate", "Check a bundle: print counts, vendors after normalisation and problems");
  app->add_option("BUNDLE", opts->bundle, "Bundle directory or GeoPackage")->required();
  app->add_option("--format", opts->format, "text or json")->capture_default_str();
  app->add_option("--out", opts->out, "Write to this file (atomically) instead of stdout");
  add_zones_option(app, opts->zones);
  return {app, [opts] {
            require_format(opts->format, {"text", "json"});
            LoadedBundle bundle = load_bundle_with_progress(opts->bundle, opts->zones);
            const Counts counts = count(bundle.network);
            emit(opts->format == "json" ? render_json(bundle, counts) : render_text(bundle, counts),
                 opts->out);
            return kOk;
          }};
}

}  // namespace

static const bool registered = register_command("validate", &add_validate);

}  // namespace ringfence::cli
