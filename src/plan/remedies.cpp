// What each rule kind asks a planner to do (see remedies.hpp).
#include "plan/remedies.hpp"

#include <cmath>
#include <map>

#include "analysis/grouping.hpp"
#include "analysis/masks.hpp"
#include "ringfence/rule_kinds.hpp"

namespace ringfence::plan {

// The kind's descriptor says how its findings go away; the planner maps that onto
// the work it can schedule.
Remedy remedy_of(RuleKind kind) {
  switch (rule_kind(kind).remedy) {
    case ringfence::Remedy::kSwapUnits:
    case ringfence::Remedy::kAddVendor:
      return Remedy::kSwapUnits;
    case ringfence::Remedy::kSwapElementOrEvidence:
      return Remedy::kEvidenceOrSwap;
    case ringfence::Remedy::kSwapElement:
      break;
  }
  return Remedy::kSwapElement;
}

std::uint32_t element_to_remedy(const Network& net, const Rule& rule, const Finding& f) {
  const std::vector<std::uint32_t> elements = remedy_elements(net, rule, f);
  return elements.empty() ? f.element : elements.front();
}

namespace {

double weight_of_site(const Network& net, std::uint32_t site, Measure measure) {
  if (measure == Measure::kPopulation) {
    const double pop = net.sites.population[site];
    return std::isnan(pop) ? 0 : pop;
  }
  return 1;
}

double weight_of_element(const Network& net, std::uint32_t e, Measure measure) {
  if (measure == Measure::kTraffic) {
    const double t = net.elements.traffic[e];
    return std::isnan(t) ? 0 : t;
  }
  return 1;
}

bool site_measure(Measure m) {
  return m == Measure::kSites || m == Measure::kPopulation;
}

}  // namespace

std::vector<GroupRemedy> group_remedies(const Network& net, const Rule& rule,
                                        const std::vector<Finding>& findings,
                                        const std::vector<std::uint32_t>& ids) {
  std::vector<GroupRemedy> out;
  const bool add_vendor = rule_kind(rule.kind).remedy == ringfence::Remedy::kAddVendor;
  for (std::uint32_t id : ids) {
    const Finding& f = findings[id];
    // The kind says which elements may go; the plan groups them into units.
    const std::vector<std::uint32_t> elements = remedy_elements(net, rule, f);
    GroupRemedy r;
    r.finding = id;
    r.need = f.excess;
    // Too few vendors (no amount): whole sites, each to a vendor the group lacks.
    const bool whole_sites = add_vendor && std::isnan(f.amount);
    if (whole_sites) {
      r.new_vendor_per_unit = true;
      std::vector<std::uint8_t> seen(net.vendors.size(), 0);
      for (std::uint32_t e : elements) seen[net.elements.vendor[e]] = 1;
      for (std::uint32_t v = 0; v < seen.size(); ++v)
        if (seen[v]) r.present_vendors.push_back(v);
    } else if (add_vendor) {
      r.forbidden_vendor = f.vendor;  // the dominant vendor cannot be its own remedy
    }
    const Measure measure = whole_sites ? Measure::kSites : rule.measure;
    if (site_measure(measure)) {
      std::map<std::uint32_t, std::size_t> unit_of_site;
      for (std::uint32_t e : elements) {
        const std::uint32_t s = net.elements.site[e];
        auto [pos, fresh] = unit_of_site.emplace(s, r.units.size());
        if (fresh) r.units.push_back({s, {}, weight_of_site(net, s, measure)});
        r.units[pos->second].elements.push_back(e);
      }
    } else {
      for (std::uint32_t e : elements)
        r.units.push_back({net.elements.site[e], {e}, weight_of_element(net, e, measure)});
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<std::vector<std::uint8_t>> forbidden_replacements(
    const Network& net, const std::vector<Policy>& policies,
    const std::vector<std::uint32_t>& elements) {
  std::vector<std::vector<std::uint8_t>> forbidden(net.elements.size());
  for (std::uint32_t e : elements) forbidden[e].assign(net.vendors.size(), 0);
  for (const Policy& policy : policies)
    for (const Rule& rule : policy.rules) {
      if (rule.kind == RuleKind::kMinVendors) continue;  // judged on the whole plan
      const bool by_record = rule.kind == RuleKind::kRequire;
      if (rule.vendors.all && !by_record) continue;
      const analysis::Mask vendors = analysis::vendor_table(net, rule.vendors);
      const analysis::Mask scope = analysis::element_mask(
          net, rule.kind == RuleKind::kPathExclusion ? rule.through : rule.where);
      // require: a new element has no model, so only the vendor's record counts.
      std::vector<std::uint8_t> lacks(net.vendors.size(), 1);
      if (by_record)
        for (std::uint32_t v = 0; v < net.vendors.size(); ++v) {
          const auto& attrs = net.vendors.get(v).attributes;
          bool ok = true;
          for (const auto& [name, expected] : rule.attributes) {
            auto a = attrs.find(name);
            if (a == attrs.end() || normalise_attribute_value(a->second) != expected) ok = false;
          }
          lacks[v] = ok ? 0 : 1;
        }
      for (std::uint32_t e : elements) {
        if (!scope[e]) continue;
        for (std::uint32_t v = 0; v < net.vendors.size(); ++v)
          if (vendors[v] && lacks[v]) forbidden[e][v] = 1;
      }
    }
  return forbidden;
}

}  // namespace ringfence::plan
