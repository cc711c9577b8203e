// Text, JSON and GeoJSON of `blast-radius` results.
#include <iomanip>
#include <sstream>

#include "output/blast_json.hpp"
#include "ringfence/output.hpp"
#include "ringfence/paths_output.hpp"

namespace ringfence {

using output::JsonWriter;

namespace {

constexpr std::string_view kKindNames[] = {"vendor", "element", "site"};
constexpr std::size_t kTextListLimit = 50;

void write_amounts(JsonWriter& w, std::string_view key, const BlastAmounts& a) {
  w.key(key).begin_object();
  w.field("elements", a.elements).field("traffic", a.traffic).field("population", a.population);
  w.end_object();
}

void write_group(JsonWriter& w, const BlastGroup& g, bool with_operator, bool with_region) {
  w.begin_object();
  if (with_operator) w.field("operator", g.operator_name);
  if (with_region) w.field("region", g.region);
  write_amounts(w, "total", g.total);
  write_amounts(w, "observed", g.observed);
  w.key("observed_in").begin_object();
  for (std::size_t d = 0; d < kDomainCount; ++d)
    write_amounts(w, kDomainNames[d], g.observed_in[d]);
  w.end_object();
  write_amounts(w, "cut_off", g.cut_off);
  w.end_object();
}

std::string domains_text(std::uint8_t bits) {
  std::string s;
  for (std::size_t d = 0; d < kDomainCount; ++d)
    if (bits >> d & 1) s += (s.empty() ? "" : ";") + std::string(kDomainNames[d]);
  return s;
}

double share(double part, double whole) {
  return whole > 0 ? part / whole * 100 : 0;
}

}  // namespace

namespace output {

void write_blast_fields(JsonWriter& w, const Network& net, const BlastRadiusResult& r, bool full) {
  w.key("target").begin_object();
  w.field("kind", kKindNames[static_cast<int>(r.options.kind)]).field("id", r.options.target);
  w.field("elements", r.targets.size());
  w.end_object();
  w.field("zone_radius_m", r.options.zone_radius_m);
  w.key("network");
  write_group(w, r.network, false, false);
  w.key("operators").begin_array();
  for (const auto& g : r.operators) write_group(w, g, true, false);
  w.end_array();
  if (full) {
    w.key("regions").begin_array();
    for (const auto& g : r.regions) write_group(w, g, true, true);
    w.end_array();
  }
  w.key("zones").begin_array();
  for (const auto& z : r.zones) {
    const Zone& zone = net.zones[z.zone];
    w.begin_object().field("zone_id", zone.id).field("name", zone.name);
    w.field("category", zone.category);
    write_amounts(w, "observed", z.observed);
    w.end_object();
  }
  w.end_array();
  w.key("top_elements").begin_array();
  for (const auto& t : r.top) {
    const std::uint32_t s = net.elements.site[t.element];
    w.begin_object().field("element_id", net.elements.id.get(t.element));
    w.field("site_id", net.sites.id.get(s)).field("operator", net.site_operator(s));
    w.field("vendor", net.vendor_name(t.element));
    w.field("domain", kDomainNames[static_cast<int>(net.elements.domain[t.element])]);
    w.field("carried_traffic", t.carried).end_object();
  }
  w.end_array();
  if (full) {
    w.key("cut_off_elements").begin_array();
    for (std::uint32_t e : r.cut_off_elements) w.value(net.elements.id.get(e));
    w.end_array();
  }
}

void write_blast_site_marks(JsonWriter& w, const BlastRadiusResult& r) {
  w.key("site_marks").begin_array();
  for (const auto& s : r.sites) {
    w.begin_array().value(std::size_t{s.site});
    w.value(std::size_t{s.observed.elements > 0 ? 1u : 0u}).value(std::size_t{s.cut_off ? 1u : 0u});
    w.end_array();
  }
  w.end_array();
}

}  // namespace output

std::string render_blast_json(const Network& net, const BlastRadiusResult& r) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.field("ringfence", RINGFENCE_VERSION);
  output::write_blast_fields(w, net, r, true);
  w.end_object();
  out += '\n';
  return out;
}

std::string render_blast_geojson(const Network& net, const BlastRadiusResult& r) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.field("type", "FeatureCollection");
  w.key("features").begin_array();
  for (const auto& site : r.sites) {
    const std::uint32_t s = site.site;
    w.begin_object().field("type", "Feature");
    w.key("geometry").begin_object().field("type", "Point").key("coordinates").begin_array();
    w.value(net.sites.lon[s]).value(net.sites.lat[s]).end_array().end_object();
    w.key("properties").begin_object();
    w.field("site_id", net.sites.id.get(s)).field("operator", net.site_operator(s));
    w.field("region", net.strings.get(net.sites.region[s]));
    w.field("population", net.sites.population[s]);
    w.field("observed_elements", site.observed.elements);
    w.field("observed_traffic", site.observed.traffic);
    w.field("observed_in", domains_text(site.domains));
    w.field("cut_off", site.cut_off);
    w.end_object().end_object();
  }
  w.end_array();
  w.end_object();
  out += '\n';
  return out;
}

std::string render_blast_text(const Network& net, const BlastRadiusResult& r) {
  std::ostringstream o;
  o << std::fixed;
  o << "blast radius of " << kKindNames[static_cast<int>(r.options.kind)] << ' ' << r.options.target
    << " (" << r.targets.size() << " elements)\n";
  auto amounts = [&](const BlastAmounts& a, const BlastAmounts& of) {
    o << std::setprecision(0) << a.elements << " elements, traffic " << std::setprecision(1)
      << a.traffic << " (" << share(a.traffic, of.traffic) << " %), population "
      << std::setprecision(0) << a.population << " (" << std::setprecision(1)
      << share(a.population, of.population) << " %)";
  };
  auto group = [&](const BlastGroup& g, const std::string& indent) {
    o << indent << "observes ";
    amounts(g.observed, g.total);
    o << '\n';
    for (std::size_t d = 0; d < kDomainCount; ++d)
      if (g.observed_in[d].elements > 0) {
        o << indent << "  in " << kDomainNames[d] << ": ";
        amounts(g.observed_in[d], g.total);
        o << '\n';
      }
    o << indent << "cuts off ";
    amounts(g.cut_off, g.total);
    o << '\n';
  };
  o << "\nnetwork (" << std::setprecision(0) << r.network.total.elements
    << " RAN elements with a path to the core)\n";
  group(r.network, "  ");
  o << "\nby operator:\n";
  for (const auto& g : r.operators) {
    o << "  " << g.operator_name << '\n';
    group(g, "    ");
  }
  o << "\nby region (observed traffic share):\n";
  for (const auto& g : r.regions)
    if (g.observed.elements > 0 || g.cut_off.elements > 0)
      o << "  " << g.operator_name << " / " << (g.region.empty() ? "(none)" : g.region) << ": "
        << std::setprecision(1) << share(g.observed.traffic, g.total.traffic) << " % observed, "
        << share(g.cut_off.traffic, g.total.traffic) << " % cut off\n";
  if (!r.zones.empty()) {
    o << "\nsensitive zones whose traffic (within " << std::setprecision(0)
      << r.options.zone_radius_m << " m) crosses it:\n";
    for (const auto& z : r.zones) {
      const Zone& zone = net.zones[z.zone];
      o << "  " << zone.id << ' ' << zone.name << " (" << zone.category
        << "): " << std::setprecision(0) << z.observed.elements << " elements, traffic "
        << std::setprecision(1) << z.observed.traffic << ", population " << std::setprecision(0)
        << z.observed.population << '\n';
    }
  }
  if (!r.top.empty()) {
    o << "\nits elements carrying the most traffic:\n";
    for (const auto& t : r.top)
      o << "  " << net.elements.id.get(t.element) << " ("
        << kDomainNames[static_cast<int>(net.elements.domain[t.element])] << ", site "
        << net.sites.id.get(net.elements.site[t.element]) << "): " << std::setprecision(1)
        << t.carried << '\n';
  }
  if (!r.cut_off_elements.empty()) {
    o << "\ncut off if it fails (" << r.cut_off_elements.size() << "):";
    for (std::size_t i = 0; i < r.cut_off_elements.size() && i < kTextListLimit; ++i)
      o << ' ' << net.elements.id.get(r.cut_off_elements[i]);
    if (r.cut_off_elements.size() > kTextListLimit)
      o << " ... (" << r.cut_off_elements.size() - kTextListLimit
        << " more; --format json lists all)";
    o << '\n';
  }
  return o.str();
}

}  // namespace ringfence
