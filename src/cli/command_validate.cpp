// ringfence validate BUNDLE: counts, vendors after normalisation, warnings.
#include <array>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <unordered_map>

#include "cli/common.hpp"
#include "cli/options.hpp"
#include "output/json_writer.hpp"

namespace ringfence::cli {

namespace {

struct ValidateOptions {
  BundleArg bundle;
  OutputArgs output;
  ThreadsArg threads;
};

struct Counts {
  std::map<std::string, std::map<std::string, std::size_t>> sites;  // operator -> kind -> n
  std::map<std::string, std::size_t> elements_by_domain;
};

Counts count(const Network& net) {
  // Counted by id first, named after: naming every row cost a string and a map lookup
  // per site and per element (tens of milliseconds at a million elements).
  std::unordered_map<std::uint32_t, std::array<std::size_t, kSiteKindNames.size()>> sites;
  for (std::size_t s = 0; s < net.sites.size(); ++s)
    ++sites[net.sites.operator_id[s]][static_cast<std::size_t>(net.sites.kind[s])];
  std::array<std::size_t, kDomainNames.size()> domains{};
  for (Domain d : net.elements.domain) ++domains[static_cast<std::size_t>(d)];
  Counts c;
  for (const auto& [op, kinds] : sites)
    for (std::size_t k = 0; k < kinds.size(); ++k)
      if (kinds[k] > 0)
        c.sites[std::string(net.strings.get(op))][std::string(kSiteKindNames[k])] = kinds[k];
  for (std::size_t d = 0; d < domains.size(); ++d)
    if (domains[d] > 0) c.elements_by_domain[std::string(kDomainNames[d])] = domains[d];
  return c;
}

std::string render_json(const LoadedBundle& b, const Counts& c) {
  const Network& net = b.network;
  std::string out;
  output::JsonWriter w(out, true, output::JsonWriter::Numbers::kDecimal);
  w.begin_object().field("ringfence", RINGFENCE_VERSION).field("valid", true);
  w.field("sites", net.sites.size()).key("sites_by_operator_kind").begin_object();
  for (const auto& [op, kinds] : c.sites) {
    w.key(op).begin_object();
    for (const auto& [kind, n] : kinds) w.field(kind, n);
    w.end_object();
  }
  w.end_object().field("elements", net.elements.size()).key("elements_by_domain").begin_object();
  for (const auto& [domain, n] : c.elements_by_domain) w.field(domain, n);
  w.end_object().field("links", net.links.size()).field("zones", net.zones.size());
  w.key("vendors").begin_array();
  for (std::uint32_t v = 0; v < net.vendors.size(); ++v) {
    if (b.vendor_spellings[v].empty()) continue;
    w.begin_object()
        .field("vendor", net.vendors.get(v).name)
        .field("known", net.vendors.get(v).known);
    std::size_t total = 0;
    w.key("spellings").begin_object();
    for (const auto& [spelling, n] : b.vendor_spellings[v]) {
      w.field(spelling, n);
      total += n;
    }
    w.end_object().field("elements", total).end_object();
  }
  w.end_array().key("warnings").begin_array();
  for (const auto& d : b.warnings.warnings()) w.value(d.to_string());
  w.end_array().end_object();
  return out;
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
  opts->bundle.add_to(*app);
  opts->output.add_to(*app, {"text", "json"});
  opts->threads.add_to(*app);
  return {app, [opts] {
            opts->output.check_format();
            LoadedBundle bundle = load_bundle_with_progress(opts->bundle.path, opts->bundle.zones,
                                                            opts->threads.threads, false);
            const Counts counts = count(bundle.network);
            opts->output.write(opts->output.format == "json" ? render_json(bundle, counts)
                                                             : render_text(bundle, counts));
            return kOk;
          }};
}

}  // namespace

static const bool validate_registered = register_command("validate", &add_validate);

}  // namespace ringfence::cli
