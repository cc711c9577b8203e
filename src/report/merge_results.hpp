// Results evaluated one policy at a time, put together as if evaluated in one pass:
// `ringfence serve` keeps each policy's result and, when one policy is edited,
// evaluates only that one again.
#pragma once
#include <vector>

#include "ringfence/check.hpp"

namespace ringfence::report {

// The result of evaluating all parts' policies together (in the parts' order), equal
// to ringfence::evaluate on them: rules sorted by rule_id (stable, so by policy
// order on ties, as evaluate), findings grouped by rule in that order, counts summed.
// Every part must be evaluated at the same date. Throws InputError, as evaluate does,
// when two policies give the same rule id.
CheckResult merge_results(const std::vector<const CheckResult*>& parts);

}  // namespace ringfence::report
