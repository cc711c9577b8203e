// How the planner remedies a finding. What a remedy is comes from the rule kind's
// descriptor (include/ringfence/rule_kinds.hpp): its `remedy` (swap the element, buy
// evidence or swap, swap units, bring in a vendor) and its `remedy_elements` (the
// offending transit element of a path_exclusion finding; the capped vendors' elements
// of a share_cap group; the dominant vendor's, or with too few vendors all, elements of
// a min_vendors group). Here those become work: element swaps, evidence purchases, and
// units of a group finding in the rule's own measure (a site's elements for sites and
// population; one element for elements and traffic).
// It also says which vendors a rule forbids as a replacement for an element.
#pragma once
#include <cstdint>
#include <vector>

#include "ringfence/check.hpp"
#include "ringfence/network.hpp"

namespace ringfence::plan {

enum class Remedy : std::uint8_t { kSwapElement, kEvidenceOrSwap, kSwapUnits };
Remedy remedy_of(RuleKind kind);

// For element findings: the element to swap (or to buy evidence for), as the rule
// kind's descriptor says (path_exclusion: the offending transit element).
std::uint32_t element_to_remedy(const Network& net, const Rule& rule, const Finding& finding);

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
