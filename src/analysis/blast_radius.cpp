// compute_blast_radius: what the equipment of one vendor, one element or one site sees
// of the network's traffic (the origins whose path crosses it) and what it cuts off
// when it fails (the origins left with no path to the core).
#include <algorithm>
#include <map>
#include <stdexcept>

#include "analysis/path_scope.hpp"
#include "analysis/paths.hpp"
#include "ringfence/geo.hpp"
#include "ringfence/paths.hpp"

namespace ringfence {

namespace {

analysis::ElementMask target_elements(const Network& net, const BlastRadiusOptions& o) {
  const Elements& el = net.elements;
  analysis::ElementMask mask(el.size(), 0);
  switch (o.kind) {
    case BlastTargetKind::kVendor: {
      const std::uint32_t v = net.vendors.resolve(o.target);
      if (v == VendorRegistry::kNone)
        throw std::invalid_argument("unknown vendor '" + o.target + "'");
      for (std::size_t e = 0; e < el.size(); ++e) mask[e] = el.vendor[e] == v;
      break;
    }
    case BlastTargetKind::kElement: {
      const std::uint32_t row = el.id.find(o.target);
      if (row == IdColumn::kNotFound)
        throw std::invalid_argument("no element '" + o.target + "' in elements.csv");
      mask[row] = 1;
      break;
    }
    case BlastTargetKind::kSite: {
      const std::uint32_t row = net.sites.id.find(o.target);
      if (row == IdColumn::kNotFound)
        throw std::invalid_argument("no site '" + o.target + "' in sites.csv");
      for (std::size_t e = 0; e < el.size(); ++e) mask[e] = el.site[e] == row;
      break;
    }
  }
  return mask;
}

// What one site's origins add up to.
struct SiteTally {
  std::uint32_t origins = 0, observed_origins = 0, cut_origins = 0;
  double traffic = 0, observed_traffic = 0, cut_traffic = 0;
  std::array<double, kDomainCount> elements_in{}, traffic_in{};
  std::uint8_t domains = 0;
};

void add_site(BlastGroup& g, const SiteTally& t, double population) {
  if (t.origins == 0) return;
  g.total.elements += t.origins;
  g.total.traffic += t.traffic;
  g.total.population += population;
  g.observed.elements += t.observed_origins;
  g.observed.traffic += t.observed_traffic;
  if (t.observed_origins) g.observed.population += population;
  g.cut_off.elements += t.cut_origins;
  g.cut_off.traffic += t.cut_traffic;
  if (t.cut_origins == t.origins) g.cut_off.population += population;
  for (std::size_t d = 0; d < kDomainCount; ++d) {
    g.observed_in[d].elements += t.elements_in[d];
    g.observed_in[d].traffic += t.traffic_in[d];
    if (t.domains >> d & 1) g.observed_in[d].population += population;
  }
}

}  // namespace

BlastRadiusResult compute_blast_radius(const Network& net, const BlastRadiusOptions& options) {
  const Elements& el = net.elements;
  const std::size_t n = el.size();
  BlastRadiusResult r;
  r.options = options;
  const analysis::ElementMask target = target_elements(net, options);
  for (std::uint32_t e = 0; e < n; ++e)
    if (target[e]) r.targets.push_back(e);

  const analysis::ElementMask core = analysis::domain_elements(net, Domain::kCore);
  const analysis::ElementMask on_path = analysis::reaches_any(net.links, core);
  const analysis::ElementMask after_failure = analysis::reaches_any(net.links, core, target);
  const analysis::Condensation cond = analysis::condense(net.links, on_path);
  std::vector<std::uint32_t> label_of(n, analysis::kNoLabel);
  for (std::uint32_t e = 0; e < n; ++e)
    if (target[e] && on_path[e]) label_of[e] = static_cast<std::uint32_t>(el.domain[e]);
  const analysis::LabelSets sets =
      analysis::reachable_labels(net.links, cond, label_of, kDomainCount);

  // Origins: RAN elements with a path to the core.
  std::vector<SiteTally> tally(net.sites.size());
  std::vector<double> own(n, 0);
  for (std::uint32_t e = 0; e < n; ++e) {
    if (el.domain[e] != Domain::kRan || !on_path[e]) continue;
    SiteTally& t = tally[el.site[e]];
    const double traffic = analysis::traffic_of(net, e);
    own[e] = traffic;
    ++t.origins;
    t.traffic += traffic;
    const auto crossed = static_cast<std::uint8_t>(sets.row(cond.component[e])[0]);
    if (crossed) {
      ++t.observed_origins;
      t.observed_traffic += traffic;
      t.domains |= crossed;
      for (std::size_t d = 0; d < kDomainCount; ++d)
        if (crossed >> d & 1) {
          t.elements_in[d] += 1;
          t.traffic_in[d] += traffic;
        }
    }
    if (!after_failure[e]) {
      ++t.cut_origins;
      t.cut_traffic += traffic;
      r.cut_off_elements.push_back(e);
    }
  }

  std::map<std::string_view, BlastGroup> operators;
  std::map<std::pair<std::string_view, std::string_view>, BlastGroup> regions;
  for (std::uint32_t s = 0; s < tally.size(); ++s) {
    const SiteTally& t = tally[s];
    if (t.origins == 0) continue;
    const double population = analysis::population_of(net, s);
    const std::string_view op = net.site_operator(s);
    const std::string_view region = net.strings.get(net.sites.region[s]);
    add_site(r.network, t, population);
    add_site(operators[op], t, population);
    add_site(regions[{op, region}], t, population);
    const bool cut = t.cut_origins == t.origins;
    if (t.observed_origins || cut)
      r.sites.push_back(
          {s,
           {double(t.observed_origins), t.observed_traffic, t.observed_origins ? population : 0},
           t.domains,
           cut});
  }
  for (auto& [op, g] : operators) {
    g.operator_name = op;
    r.operators.push_back(std::move(g));
  }
  for (auto& [key, g] : regions) {
    g.operator_name = key.first;
    g.region = key.second;
    r.regions.push_back(std::move(g));
  }

  // Zones near the observed sites.
  if (!net.zones.empty()) {
    const geo::ZoneIndex index(net.zones, std::vector<std::uint8_t>(net.zones.size(), 1));
    std::vector<BlastAmounts> per_zone(net.zones.size());
    std::vector<std::uint8_t> hit(net.zones.size(), 0);
    std::vector<std::uint32_t> candidates;
    const double radius = options.zone_radius_m;
    for (const BlastSite& site : r.sites) {
      if (site.observed.elements == 0) continue;
      const LonLat p{net.sites.lon[site.site], net.sites.lat[site.site]};
      candidates.clear();
      index.candidates(p, radius, candidates);
      for (std::uint32_t z : candidates) {
        if (geo::distance_to_zone_m(p, net.zones[z], radius) > radius + geo::kWithinTolerance_m)
          continue;
        hit[z] = 1;
        per_zone[z].elements += site.observed.elements;
        per_zone[z].traffic += site.observed.traffic;
        per_zone[z].population += site.observed.population;
      }
    }
    for (std::uint32_t z = 0; z < per_zone.size(); ++z)
      if (hit[z]) r.zones.push_back({z, per_zone[z]});
    std::sort(r.zones.begin(), r.zones.end(), [&](const BlastZone& a, const BlastZone& b) {
      if (a.observed.traffic != b.observed.traffic) return a.observed.traffic > b.observed.traffic;
      return net.zones[a.zone].id < net.zones[b.zone].id;
    });
  }

  // The target's elements carrying the most traffic.
  const std::vector<double> carried = analysis::carried_traffic(net.links, cond, own);
  for (std::uint32_t e : r.targets)
    if (on_path[e] && carried[cond.component[e]] > 0)
      r.top.push_back({e, carried[cond.component[e]]});
  std::sort(r.top.begin(), r.top.end(), [&](const BlastElement& a, const BlastElement& b) {
    if (a.carried != b.carried) return a.carried > b.carried;
    return el.id.get(a.element) < el.id.get(b.element);
  });
  if (r.top.size() > options.top) r.top.resize(options.top);
  return r;
}

}  // namespace ringfence
