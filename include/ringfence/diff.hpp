// What changed between two inventories of the same network: elements added, removed,
// moved, and changed vendor, model or software, per operator and vendor; and the
// findings of the given policies that appeared or disappeared.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "ringfence/check.hpp"
#include "ringfence/network.hpp"

namespace ringfence {

enum class ElementChangeKind : std::uint8_t {
  kAdded,
  kRemoved,
  kMoved,
  kVendor,
  kModel,
  kSoftware
};
inline constexpr std::string_view kElementChangeNames[] = {"added",  "removed", "moved",
                                                           "vendor", "model",   "sw_version"};

struct DiffCounts {
  std::size_t added = 0, removed = 0, moved = 0;
  std::size_t vendor_in = 0;   // now this vendor's, before another's
  std::size_t vendor_out = 0;  // before this vendor's, now another's
  std::size_t model = 0, software = 0;
};

struct DiffGroup {
  std::string operator_name, vendor;  // the element's in the new inventory (old if removed)
  DiffCounts counts;
};

// One change of one element (an element both moved and re-modelled has two).
struct ElementChange {
  std::uint32_t old_row = kNoRow, new_row = kNoRow;
  ElementChangeKind kind = ElementChangeKind::kAdded;
  std::string before, after;  // site ids, vendor names, models or software versions
};

struct InventoryDiff {
  std::size_t old_elements = 0, new_elements = 0, changed_elements = 0;
  DiffCounts total;                    // vendor_in == vendor_out == elements that changed vendor
  std::vector<DiffGroup> groups;       // with a change; by operator, then vendor
  std::vector<ElementChange> changes;  // by element id, then kind
};

// An element moved when its site id differs or its site's coordinates changed.
InventoryDiff diff_inventories(const Network& before, const Network& after);

// Findings of `after` with no match in `before` (appeared) and the reverse. Findings
// match on rule id, element id and group.
struct FindingsDiff {
  std::vector<std::uint32_t> appeared;     // indexes into after.findings
  std::vector<std::uint32_t> disappeared;  // indexes into before.findings
  std::size_t appeared_overdue = 0;
};
FindingsDiff diff_findings(const Network& net_before, const CheckResult& before,
                           const Network& net_after, const CheckResult& after);

}  // namespace ringfence
