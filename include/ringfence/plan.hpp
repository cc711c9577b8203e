// The remediation planner: which sites to visit in which month, swapping which
// elements to which vendor, at what cost, so that every finding of a set of policies
// is remedied by its deadline under a crew capacity and an optional monthly budget.
//
// Time is counted in calendar months from the month of the start date (month 0). A
// visit in month m is finished by the last day of that month; a deadline D is met by
// the visits of the months whose last day is on or before D. A site is visited at most
// once: the visit swaps every element of the site that the plan touches.
#pragma once
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ringfence/check.hpp"
#include "ringfence/network.hpp"
#include "ringfence/policy.hpp"

namespace ringfence {

// Unit prices: an element's own `replace_cost` first, then a price by domain and
// function, then by domain; plus a cost per site visit and per evidence purchase.
struct CostTable {
  std::string currency = "GBP";
  std::string origin;  // file path, or "builtin:data/costs.toml"
  double per_visit = 0;
  double evidence_per_model = 0;
  std::map<std::string, double> by_domain;           // "ran" -> price
  std::map<std::string, double> by_domain_function;  // "ran/gnb" -> price
  bool use_replace_cost = true;                      // false: ignore the replace_cost column
  double element_cost(const Network& net, std::uint32_t element) const;
};
// data/costs.toml as compiled in.
CostTable builtin_costs();
// A costs TOML file; throws InputError naming file:line:column and what was expected.
CostTable load_costs(const std::string& path);
CostTable parse_costs(std::string_view text, const std::string& display_name);

// Crews per operator, in site visits per month.
struct CrewTable {
  int default_crews = 1;
  std::map<std::string, int> per_operator;
  int crews(std::string_view op) const;
};
// "N" (every operator) or a CSV file `operator,crews` (`*` for every other operator);
// throws InputError on a bad file, with file:line:column.
CrewTable parse_crews_option(const std::string& value);
CrewTable parse_crews_csv(std::string text, const std::string& display_name);

// --replacement FILE: CSV `operator,domain,vendor` fixing the replacement vendor.
using ReplacementTable = std::map<std::pair<std::string, std::string>, std::string>;
ReplacementTable load_replacements(const std::string& path);

enum class PlanSolver : std::uint8_t { kAuto, kHeuristic, kExact };

struct PlanOptions {
  Days start = kNoDate;
  int horizon_months = 0;  // 0: up to the last deadline plus 24 months (at least 36)
  CrewTable crews;
  CostTable costs = builtin_costs();
  double monthly_budget = std::numeric_limits<double>::quiet_NaN();  // NaN: none
  ReplacementTable replacement;
  PlanSolver solver = PlanSolver::kAuto;  // auto: exact up to kExactAutoSites sites
  double time_limit_s = 30;               // for the exact solver
  unsigned threads = 0;
};
inline constexpr std::size_t kExactAutoSites = 400;

// One site visit: the elements swapped there and the vendor each gets.
struct PlanVisit {
  std::uint32_t site = 0;
  int month = 0;
  std::vector<std::uint32_t> elements;
  std::vector<std::uint32_t> new_vendor;  // vendor id per element
  double cost = 0;                        // visit + elements
};

// Evidence bought for a (vendor, model) instead of swapping its elements (require).
struct EvidencePurchase {
  std::uint32_t vendor = 0;
  std::uint32_t model = 0;  // string id
  std::vector<std::pair<std::string, std::string>> attributes;
  std::size_t elements = 0;
  double cost = 0;
};

// Per deadline (rule, operator): what it asks, whether the plan meets it, and if not
// by how much and with how many crews it would be met.
struct DeadlineOutcome {
  std::string rule_id;
  std::string op;
  Days deadline = kNoDate;  // kNoDate: in force at once
  double units = 0;         // elements to swap, or the excess of a cap
  double units_late = 0;    // still to do on the deadline
  int months_late = 0;      // from the deadline to the month it is done (or the horizon)
  bool met = true;
  bool done_in_horizon = true;
  int crews = 0;         // crews of the operator in the plan
  int crews_needed = 0;  // crews that would meet it (0 when met)
};

struct PlanMonth {
  int month = 0;
  std::string op;
  std::size_t sites = 0, elements = 0;
  double cost = 0;
  std::map<std::string, std::size_t> findings_left;  // rule_id -> open findings at month end
};

struct Plan {
  Days start = kNoDate;
  int horizon_months = 0;
  std::string currency;
  std::vector<std::string> operators;
  std::vector<int> crews;         // per operator, site visits per month
  std::vector<PlanVisit> visits;  // by month, then site id
  std::vector<EvidencePurchase> evidence;
  std::vector<DeadlineOutcome> deadlines;
  std::vector<PlanMonth> months;        // months with work or open findings, per operator
  std::vector<std::string> unremedied;  // findings the plan cannot remedy, explained
  std::size_t findings = 0;             // findings before the plan
  double total_cost = 0;
  std::size_t sites = 0, elements = 0;
  int months_to_comply = 0;  // months until the last visit is done
  bool deadlines_met = true;
  // How the selection was found: "heuristic", or "cbc" with its proof.
  std::string solver;
  bool optimal = false;
  double bound = 0;  // lower bound on the cost proven by the solver (exact only)
  double gap = 0;    // (cost - bound) / cost
  std::string solver_note;
  CheckResult check;  // the findings planned for (evaluated with every rule in force)
};

// Plans the remedy of every finding of `policies` on `net`. Throws InputError when an
// option refers to something the network lacks (e.g. a replacement vendor).
Plan make_plan(const Network& net, std::vector<Policy> policies, const PlanOptions& options);

// First day and last day of plan month m.
Days plan_month_first_day(Days start, int month);
Days plan_month_last_day(Days start, int month);
std::string plan_month_label(Days start, int month);  // "2024-03"

// Whole currency units with thousands separators: 1234567.4 -> "1,234,567".
std::string format_amount(double v);

std::string render_plan_text(const Network& net, const Plan& plan);
std::string render_plan_json(const Network& net, const Plan& plan);
std::string render_plan_csv(const Plan& plan);  // month table per operator
// month,operator,site_id,elements,new_vendors,cost: one row per visit.
std::string render_work_orders(const Network& net, const Plan& plan);

// Writes the bundle `bundle_dir` as it will be at the plan's end into `out_dir`
// (created or replaced as a whole, atomically): swapped elements get their new
// vendor, their model cleared and `installed` set to the visit month's last day;
// bought evidence is added to models.csv.
void apply_plan(const std::string& bundle_dir, const Network& net, const Plan& plan,
                const std::string& out_dir);

}  // namespace ringfence
