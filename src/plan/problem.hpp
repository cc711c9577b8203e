// The planning problem in solver terms, independent of how the findings arose.
//
// A job is a possible site visit. It is mandatory when the site holds elements that
// must be swapped (element findings), due by the earliest of their deadline months.
// A cap group (share_cap, min_vendors) asks that units of at least `need` weight be
// swapped by its due month; a unit is a set of elements at one job's site (the site's
// in-scope elements of the capped vendors, or one element) and costs `extra_cost`
// beyond what the job's visit already pays. A visit to a job costs `base_cost` (the
// visit price plus its mandatory elements). Every visit takes one crew-month of its
// operator; crews are per operator per month; an optional budget caps each month.
#pragma once
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace ringfence::plan {

inline constexpr int kNoDue = std::numeric_limits<int>::max();

struct Job {
  std::uint32_t site = 0;
  std::uint32_t op = 0;  // index into Problem::operators
  double base_cost = 0;
  int due = kNoDue;  // month by which the mandatory elements must be swapped
  std::vector<std::uint32_t> mandatory;
  bool is_mandatory() const { return !mandatory.empty(); }
};

struct CapUnit {
  std::uint32_t job = 0;
  std::vector<std::uint32_t> elements;
  double weight = 1;
  double extra_cost = 0;  // elements not already mandatory at the job
};

struct CapGroup {
  std::uint32_t finding = 0;  // index into the check result's findings
  std::uint32_t op = 0;       // operator the group is reported under
  int due = 0;
  double need = 0;  // weight that must go
  std::vector<CapUnit> units;
  std::uint32_t forbidden_vendor = UINT32_MAX;  // min_vendors: the dominant vendor
  bool new_vendor_per_unit = false;             // min_vendors, too few: a new vendor each
  std::vector<std::uint32_t> present_vendors;   // ... among those the group lacks
};

struct Problem {
  std::vector<std::string> operators;
  std::vector<int> crews;                                    // per operator, visits per month
  int months = 0;                                            // horizon
  double budget = std::numeric_limits<double>::quiet_NaN();  // per month; NaN: none
  std::vector<Job> jobs;
  std::vector<CapGroup> groups;
};

// Which jobs are visited and which units count towards their group.
struct Selection {
  std::vector<std::uint8_t> visit;                 // per job
  std::vector<std::vector<std::uint8_t>> unit_on;  // per group, per unit
};

// The due month of each visited job: its own, tightened by the groups it serves.
int effective_due(const Problem& p, const Selection& s, std::uint32_t job,
                  const std::vector<int>& group_due_of_job);
std::vector<int> group_due_per_job(const Problem& p, const Selection& s);

double selection_cost(const Problem& p, const Selection& s);
// The visit month per job (-1: not visited; months: beyond the horizon), earliest due
// first within each operator's crews and the monthly budget.
std::vector<int> schedule(const Problem& p, const Selection& s);
// Sum over late jobs of months late (beyond-horizon jobs count the horizon).
double lateness(const Problem& p, const Selection& s, const std::vector<int>& months);

// The fast planner: every mandatory job, then per group the cheapest units per weight.
Selection plan_heuristic(const Problem& p);

// What an exact solver returns.
struct ExactResult {
  Selection selection;
  bool found = false;    // a feasible selection was found
  bool optimal = false;  // proven optimal
  double objective = 0;  // cost + lateness penalty
  double bound = 0;      // proven lower bound on the objective
  std::string note;
};

// The small solver interface: an exact MILP solver (it may use `start` as a hint).
class ExactSolver {
 public:
  virtual ~ExactSolver() = default;
  virtual ExactResult solve(const Problem& p, const Selection& start, double time_limit_s) = 0;
};
// COIN-OR CBC.
std::unique_ptr<ExactSolver> make_cbc_solver();

// The penalty per late unit-month in objectives: lateness dominates cost.
inline constexpr double kLatePenalty = 1e9;

}  // namespace ringfence::plan
