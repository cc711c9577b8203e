// zone_exclusion: each element of `vendors` (in `where`) within radius_m of a zone
// selected by `zones`: its site (footprint "site"), or, with footprint "sector", a
// radio element's sector (azimuth ± beamwidth/2 out to range_m). Radio elements
// without sector data fall back to their site. One finding per element, naming the
// nearest such zone and its distance.
#include <optional>

#include "analysis/site_zones.hpp"
#include "policy/rule_helpers.hpp"
#include "policy/run_merge.hpp"
#include "ringfence/geo.hpp"

namespace ringfence::policy {

namespace {

void evaluate_zone_exclusion(const RuleContext& ctx, std::vector<Finding>& out) {
  const Network& net = ctx.net;
  const Mask vendors = vendor_table(net, ctx.rule.vendors);
  const Mask scope = element_mask(net, ctx.rule.where, &vendors);
  const Mask zone_set = zone_mask(net, ctx.rule.zones);
  const geo::ZoneIndex index(net.zones, zone_set);
  if (index.empty()) return;
  const double radius = ctx.rule.radius_m;
  const Elements& el = net.elements;
  auto uses_sector = [&](std::uint32_t e) {
    return ctx.rule.footprint == Footprint::kSector && el.domain[e] == Domain::kRan &&
           !std::isnan(el.azimuth[e]) && !std::isnan(el.beamwidth[e]) && !std::isnan(el.range_m[e]);
  };
  // Site answers are shared by every element at the site: each site once, in parallel.
  Mask site_needed(net.sites.size(), 0);
  for (std::uint32_t e = 0; e < el.size(); ++e)
    if (scope[e] && !uses_sector(e)) site_needed[el.site[e]] = 1;
  const auto site_hit =
      analysis::nearest_zone_per_site(net, index, radius, site_needed, ctx.threads, &zone_set);
  // The hits first, then the findings at once: a finding is a large struct, and
  // growing the vector finding by finding moved them all at every doubling.
  struct ElementHit {
    std::uint32_t element;
    geo::ZoneHit hit;
  };
  std::vector<ElementHit> hits;
  std::vector<std::uint32_t> candidates;
  for (std::uint32_t e = 0; e < el.size(); ++e) {
    if (!scope[e]) continue;
    const std::uint32_t s = el.site[e];
    std::optional<geo::ZoneHit> hit;
    if (uses_sector(e)) {
      const LonLat site{net.sites.lon[s], net.sites.lat[s]};
      index.candidates(site, radius + el.range_m[e], candidates);
      for (std::uint32_t z : candidates) {
        const double d = geo::sector_distance_to_zone_m(site, el.azimuth[e], el.beamwidth[e],
                                                        el.range_m[e], net.zones[z]);
        if (d > radius + geo::kWithinTolerance_m) continue;
        if (!hit || d < hit->distance_m ||
            (d == hit->distance_m && net.zones[z].id < net.zones[hit->zone].id))
          hit = geo::ZoneHit{z, d};
      }
    } else {
      hit = site_hit[s];
    }
    if (hit) hits.push_back({e, *hit});
  }
  // In id order here, while they are small: the findings are then made in order, and
  // ordering them (evaluate) finds nothing to move.
  sort_by_merging_runs(hits, [&](const ElementHit& a, const ElementHit& b) {
    return el.id.get(a.element) < el.id.get(b.element);
  });
  out.reserve(out.size() + hits.size());
  for (const auto& [e, hit] : hits) {
    Finding& f = out.emplace_back(element_finding(ctx, e));
    f.zone = hit.zone;
    f.distance_m = hit.distance_m;
  }
}

std::string explain_zone_exclusion(const Network& net, const Rule& rule, const Finding& f) {
  const Zone& z = net.zones[f.zone];
  std::string out = element_text(net, f.element);
  if (rule.footprint == Footprint::kSector) out += "'s sector";
  if (f.distance_m == 0) {
    out += " is inside ";
  } else {
    out += " is ";
    out += distance_text(f.distance_m);
    out += " from ";
  }
  out += z.name.empty() ? z.id : z.name;
  out += " (limit ";
  out += distance_text(rule.radius_m);
  out += ')';
  return out;
}

std::optional<ZoneUse> zones_zone_exclusion(const Rule& rule) {
  return ZoneUse{&rule.zones, rule.radius_m};
}

}  // namespace

RuleKindDescriptor zone_exclusion_kind() {
  RuleKindDescriptor d;
  d.name = "zone_exclusion";
  d.keys = {"vendors", "zones", "radius_m", "footprint"};
  d.required = {{"vendors", "which vendors must keep away"},
                {"radius_m", "the distance in metres"}};
  d.evaluate = evaluate_zone_exclusion;
  d.explain = explain_zone_exclusion;
  d.zones = zones_zone_exclusion;
  d.remedy = Remedy::kSwapElement;
  return d;
}

}  // namespace ringfence::policy
