// path_exclusion: each element in `from` (optionally only those whose site is within
// from_radius_m of a from_zones zone) from which the links, followed transitively,
// reach an element of `vendors` in `through`. The finding carries one shortest path
// (fewest links; ties broken by link order in links.csv).
#include "analysis/reachability.hpp"
#include "analysis/site_zones.hpp"
#include "policy/rule_helpers.hpp"
#include "ringfence/geo.hpp"

namespace ringfence::policy {

namespace {

void evaluate_path_exclusion(const RuleContext& ctx, std::vector<Finding>& out) {
  const Network& net = ctx.net;
  const std::size_t n = net.elements.size();
  if (net.links.size() == 0) return;
  const Mask vendors = vendor_table(net, ctx.rule.vendors);
  const Mask target = element_mask(net, ctx.rule.through, &vendors);
  Mask from = element_mask(net, ctx.rule.from);
  if (ctx.rule.has_from_zones) {
    const Mask zone_set = zone_mask(net, ctx.rule.from_zones);
    const geo::ZoneIndex index(net.zones, zone_set);
    Mask site_needed(net.sites.size(), 0);
    for (std::uint32_t e = 0; e < n; ++e)
      if (from[e]) site_needed[net.elements.site[e]] = 1;
    const auto near = index.empty()
                          ? std::vector<std::optional<geo::ZoneHit>>(net.sites.size())
                          : analysis::nearest_zone_per_site(net, index, ctx.rule.from_radius_m,
                                                            site_needed, ctx.threads, &zone_set);
    for (std::uint32_t e = 0; e < n; ++e)
      from[e] = from[e] && near[net.elements.site[e]].has_value();
  }
  const analysis::DistanceToTargets reach = analysis::distance_to_targets(net, target);
  for (std::uint32_t e = 0; e < n; ++e) {
    if (!from[e]) continue;
    std::vector<std::uint32_t> path = analysis::path_to_target(net, reach, e);
    if (path.empty()) continue;
    Finding f = element_finding(ctx, e);
    f.path = std::move(path);
    out.push_back(std::move(f));
  }
}

std::string explain_path_exclusion(const Network& net, const Rule&, const Finding& f) {
  std::string path;
  for (std::uint32_t e : f.path)
    path += (path.empty() ? "" : " > ") + std::string(net.elements.id.get(e));
  return "traffic from " + element_text(net, f.element) + " crosses " +
         element_text(net, f.path.back()) + " (path " + path + ")";
}

std::vector<std::uint32_t> offending_transit(const Network&, const Rule&, const Finding& f) {
  return {f.path.back()};
}

std::optional<ZoneUse> zones_path_exclusion(const Rule& rule) {
  if (!rule.has_from_zones) return std::nullopt;
  return ZoneUse{&rule.from_zones, rule.from_radius_m};
}

}  // namespace

RuleKindDescriptor path_exclusion_kind() {
  RuleKindDescriptor d;
  d.name = "path_exclusion";
  d.keys = {"vendors", "from", "from_zones", "from_radius_m", "through"};
  d.required = {{"vendors", "whose equipment traffic must not cross"},
                {"from", "where the traffic starts, a filter"},
                {"through", "which elements must not be crossed, a filter"},
                {"from_radius_m", "a distance in metres", "from_zones"}};
  d.evaluate = evaluate_path_exclusion;
  d.explain = explain_path_exclusion;
  d.zones = zones_path_exclusion;
  d.remedy = Remedy::kSwapElement;
  d.remedy_elements = offending_transit;
  return d;
}

}  // namespace ringfence::policy
