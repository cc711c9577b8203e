// What each rule kind is: one descriptor per kind holds all that the rest of the
// program asks of it (its keys, how it is evaluated and explained, the zones it
// uses, how its findings are remedied). Each built-in kind lives in its own
// src/policy/rule_<kind>.cpp; src/policy/rule_kinds.cpp lists them in one table.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ringfence/check.hpp"

namespace ringfence {

namespace analysis {
class ThreadBudget;
}

// Everything a rule kind's evaluator needs.
struct RuleContext {
  const Network& net;
  const Rule& rule;
  std::uint32_t rule_index;         // stored in each finding
  analysis::ThreadBudget& threads;  // the only source of extra threads
};

// How a finding of the kind is made to go away.
enum class Remedy : std::uint8_t {
  kSwapElement,            // replace the named element by another vendor's
  kSwapElementOrEvidence,  // replace it, or obtain the missing evidence for its model
  kSwapUnits,  // swap enough of the group's units (the rule's measure) to fall under the cap
  kAddVendor,  // bring another vendor into the group
};

// A parameter a kind cannot do without. With `when`, only needed when that key is given.
struct RequiredKey {
  std::string_view key;
  std::string_view what;  // said when it is missing: "the cap, a share in [0, 1]"
  std::string_view when = {};
};

// The zones a rule looks at, and at which distance.
struct ZoneUse {
  const Filter* zones = nullptr;
  double radius_m = 0;
};

struct RuleKindDescriptor {
  std::string_view name;
  std::vector<std::string_view> keys;  // accepted besides the keys every rule has
  std::vector<RequiredKey> required;
  void (*evaluate)(const RuleContext&, std::vector<Finding>&) = nullptr;
  // One line for the engineer who must act on the finding.
  std::string (*explain)(const Network&, const Rule&, const Finding&) = nullptr;
  // The zones the rule measures distances to; nullopt when none.
  std::optional<ZoneUse> (*zones)(const Rule&) = nullptr;
  Remedy remedy = Remedy::kSwapElement;
  // The elements a remedy acts on: for group findings (share_cap, min_vendors) the
  // elements the group consists of that may be swapped; for path_exclusion the
  // offending transit element. Null: the finding's own element.
  std::vector<std::uint32_t> (*remedy_elements)(const Network&, const Rule&,
                                                const Finding&) = nullptr;
};

// Every kind, indexed by RuleKind (built-in kinds first, in enum order, then any
// added with register_rule_kind).
const std::vector<RuleKindDescriptor>& rule_kinds();
const RuleKindDescriptor& rule_kind(RuleKind kind);
// The kind of that name, or nullptr.
const RuleKindDescriptor* find_rule_kind(std::string_view name, RuleKind* id = nullptr);
// Adds a kind (an extension, or a test's own); returns its id. Register before any
// policy is parsed or evaluated: the table is not guarded for concurrent change.
RuleKind register_rule_kind(RuleKindDescriptor descriptor);

// The elements a remedy of the finding acts on (see RuleKindDescriptor::remedy_elements).
std::vector<std::uint32_t> remedy_elements(const Network& net, const Rule& rule,
                                           const Finding& finding);

}  // namespace ringfence
