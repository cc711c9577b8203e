// How a finding is remedied, by rule kind. This is the one place that knows it:
//   exclude, no_new_installs, zone_exclusion, support_cutoff: swap the element;
//   path_exclusion: swap the offending transit element (the path's last element);
//   require: buy evidence for the element's (vendor, model), or swap it when it has
//     no model or the swap is cheaper;
//   share_cap: swap the cheapest units of the rule's own measure (sites: every
//     in-scope element of the capped vendors at a site; elements; traffic; population)
//     until the group is at the cap;
//   min_vendors: bring in a vendor: swap units of the dominant vendor to others (share
//     too high) or swap whole sites to vendors the group lacks (too few vendors).
// It also says which elements a group finding consists of, and which vendors a
// rule forbids as a replacement for an element.
#pragma once
#include <cstdint>
#include <vector>

#include "ringfence/check.hpp"
#include "ringfence/network.hpp"

namespace ringfence::plan {

enum class Remedy : std::uint8_t { kSwapElement, kEvidenceOrSwap, kSwapUnits };
Remedy remedy_of(RuleKind kind);

// For element findings: the element to swap (or to buy evidence for).
std::uint32_t element_to_remedy(const Finding& finding);

// One unit of a group finding: elements at one site, and its weight in the measure.
struct GroupUnit {
  std::uint32_t site = 0;
  std::vector<std::uint32_t> elements;
  double weight = 1;
};
struct GroupRemedy {
  std::uint32_t finding = 0;
  double need = 0;  // weight to swap
  std::vector<GroupUnit> units;
  std::uint32_t forbidden_vendor = UINT32_MAX;  // not a replacement (the dominant vendor)
  bool new_vendor_per_unit = false;             // too few vendors: each unit a new vendor
  std::vector<std::uint32_t> present_vendors;   // vendors in the group (too few vendors)
};
// The group findings of one rule (share_cap, min_vendors), with their units.
std::vector<GroupRemedy> group_remedies(const Network& net, const Rule& rule,
                                        const std::vector<Finding>& findings,
                                        const std::vector<std::uint32_t>& finding_ids);

// Per element, per vendor id: 1 when some rule would flag the element were it made by
// that vendor (the rule's scope matches the element and the vendor is in the rule's
// set; require: the vendor's own record lacks an attribute). Only elements in
// `elements` are filled; the rest stay empty.
std::vector<std::vector<std::uint8_t>> forbidden_replacements(
    const Network& net, const std::vector<Policy>& policies,
    const std::vector<std::uint32_t>& elements);

}  // namespace ringfence::plan
