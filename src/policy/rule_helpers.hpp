// What the rule kinds' own files share.
#pragma once
#include "analysis/masks.hpp"
#include "policy/explain_text.hpp"
#include "ringfence/rule_kinds.hpp"

namespace ringfence::policy {

using analysis::element_mask;
using analysis::Mask;
using analysis::vendor_table;
using analysis::zone_mask;

// An element finding of the rule, deadline and status filled in later.
inline Finding element_finding(const RuleContext& ctx, std::uint32_t element) {
  Finding f;
  f.rule = ctx.rule_index;
  f.element = element;
  return f;
}

// The built-in kinds, each defined in its own rule_<kind>.cpp.
RuleKindDescriptor exclude_kind();
RuleKindDescriptor no_new_installs_kind();
RuleKindDescriptor share_cap_kind();
RuleKindDescriptor zone_exclusion_kind();
RuleKindDescriptor min_vendors_kind();
RuleKindDescriptor require_kind();
RuleKindDescriptor path_exclusion_kind();
RuleKindDescriptor support_cutoff_kind();

}  // namespace ringfence::policy
