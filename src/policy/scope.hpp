// Turning a rule's filters and vendor sets into masks over whole columns, so each
// rule kind runs one tight loop over the elements (no per-row indirection).
#pragma once
#include <cstdint>
#include <vector>

#include "ringfence/check.hpp"
#include "ringfence/network.hpp"
#include "ringfence/policy.hpp"

namespace ringfence::policy {

using Mask = std::vector<std::uint8_t>;

// Per vendor id: 1 if the vendor is in the set (names resolve through the registry,
// tags through registry tags; `all` sets every vendor).
Mask vendor_table(const Network& net, const VendorSpec& spec);
// Per element: 1 if the element passes the filter (and, when given, its vendor is in
// vendor_ok).
Mask element_mask(const Network& net, const Filter& filter, const Mask* vendor_ok = nullptr);
// Per zone: 1 if the zone's properties pass the filter.
Mask zone_mask(const Network& net, const Filter& filter);

// Everything a rule kind's evaluator needs.
struct RuleContext {
  const Network& net;
  const Rule& rule;
  std::uint32_t rule_index;  // stored in each finding
  Days at;
};

using RuleEvaluator = void (*)(const RuleContext&, std::vector<Finding>&);

void evaluate_exclude(const RuleContext&, std::vector<Finding>&);
void evaluate_no_new_installs(const RuleContext&, std::vector<Finding>&);
void evaluate_share_cap(const RuleContext&, std::vector<Finding>&);
void evaluate_zone_exclusion(const RuleContext&, std::vector<Finding>&);
void evaluate_min_vendors(const RuleContext&, std::vector<Finding>&);
void evaluate_require(const RuleContext&, std::vector<Finding>&);
void evaluate_path_exclusion(const RuleContext&, std::vector<Finding>&);
void evaluate_support_cutoff(const RuleContext&, std::vector<Finding>&);

// An element finding of the rule, deadline and status filled in later.
inline Finding element_finding(const RuleContext& ctx, std::uint32_t element) {
  Finding f;
  f.rule = ctx.rule_index;
  f.element = element;
  return f;
}

}  // namespace ringfence::policy
