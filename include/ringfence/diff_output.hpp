// `diff` results as text and JSON (documented in the README).
#pragma once
#include <string>
#include <vector>

#include "ringfence/diff.hpp"

namespace ringfence {

struct DiffReport {
  std::string old_bundle, new_bundle;
  const Network* before = nullptr;
  const Network* after = nullptr;
  InventoryDiff inventory;
  bool with_policies = false;
  const CheckResult* old_check = nullptr;
  const CheckResult* new_check = nullptr;
  FindingsDiff findings;
};

std::string render_diff_text(const DiffReport& r);
std::string render_diff_json(const DiffReport& r);

}  // namespace ringfence
