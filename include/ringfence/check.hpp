// Evaluating policies over a network at a date.
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "ringfence/network.hpp"
#include "ringfence/policy.hpp"

namespace ringfence {

enum class Status : std::uint8_t { kDue, kOverdue };
inline std::string_view status_name(Status s) {
  return s == Status::kDue ? "due" : "overdue";
}

inline constexpr std::uint32_t kNoRow = UINT32_MAX;

// One finding. Element findings carry `element`; group findings (share_cap,
// min_vendors) carry `group`, `measured`, `limit`, `excess`. Text is produced at
// output time (explain()), so a million findings stay small.
struct Finding {
  std::uint32_t rule = 0;  // index into CheckResult::rules
  Status status = Status::kOverdue;
  Days deadline = kNoDate;
  std::uint32_t element = kNoRow;
  std::vector<std::string> group;  // values of the rule's `per` keys
  double measured = std::numeric_limits<double>::quiet_NaN();
  double limit = std::numeric_limits<double>::quiet_NaN();
  double excess = std::numeric_limits<double>::quiet_NaN();
  double amount = std::numeric_limits<double>::quiet_NaN();  // numerator of `measured`
  double total = std::numeric_limits<double>::quiet_NaN();   // denominator
  std::uint32_t vendor = kNoRow;                             // min_vendors: the dominant vendor
  std::uint32_t zone = kNoRow;  // zone_exclusion: nearest zone (index in Network::zones)
  double distance_m = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::uint32_t> path;   // path_exclusion: element rows, from .. offending
  std::vector<std::string> missing;  // require: "attribute = expected" not shown by the record
};

struct EvaluatedRule {
  std::string rule_id;           // "<policy id>/<rule id>"
  std::uint32_t policy = 0;      // index into CheckResult::policies
  std::uint32_t rule_index = 0;  // index into that policy's rules
  bool skipped = false;          // effective after the evaluation date
  std::size_t findings = 0, overdue = 0;
};

struct CheckResult {
  Days at = kNoDate;
  std::vector<Policy> policies;
  std::vector<EvaluatedRule> rules;  // sorted by rule_id
  std::vector<Finding> findings;     // sorted by rule_id, then element_id / group
  std::size_t overdue = 0;
  unsigned peak_threads = 0;  // the most threads that ran at once (the --threads bound holds)
};

inline const Rule& rule_of(const CheckResult& r, const EvaluatedRule& e) {
  return r.policies[e.policy].rules[e.rule_index];
}

// Evaluates every rule of every policy at `at`. At most `threads` threads run at
// once (0 = hardware concurrency), rules in parallel and sites within a rule.
CheckResult evaluate(const Network& net, std::vector<Policy> policies, Days at,
                     unsigned threads = 0);

// One line explaining a finding, e.g. "Huawei gnb E123 at site S45 is 2.3 km from
// USAG Humphreys (limit 5 km)".
std::string explain(const Network& net, const CheckResult& result, const Finding& finding);

}  // namespace ringfence
