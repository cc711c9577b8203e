// The report's plan section: what the chart, the deadline table and the map's
// "visit month" colouring need, in a form that stays small on a national network
// (one small integer per site instead of the visits themselves).
#include "report/plan_data.hpp"

#include <algorithm>

#include "output/plan_json.hpp"

namespace ringfence::report {

namespace {

// The plan month a deadline falls in (0 when it lies before the start or is none).
int month_of_deadline(const Plan& plan, Days deadline) {
  if (deadline == kNoDate || deadline < plan.start) return 0;
  int m = 0;
  while (m < plan.horizon_months && plan_month_last_day(plan.start, m) < deadline) ++m;
  return m;
}

}  // namespace

void write_plan_data(output::JsonWriter& w, const Network& net, const Plan& plan) {
  w.begin_object();
  output::write_plan_overview(w, plan);
  w.key("operators").begin_array();
  for (const std::string& op : plan.operators) w.value(op);
  w.end_array();
  w.key("crews").begin_array();
  for (int c : plan.crews) w.value(static_cast<std::size_t>(c));
  w.end_array();
  // The month axis: from the start to the last visit or deadline, within the horizon.
  int last = 0;
  for (const PlanVisit& v : plan.visits) last = std::max(last, v.month);
  for (const DeadlineOutcome& d : plan.deadlines)
    last = std::max(last, month_of_deadline(plan, d.deadline));
  last = std::min(last, std::max(0, plan.horizon_months - 1));
  w.key("month_labels").begin_array();
  for (int m = 0; m <= last; ++m) w.value(plan_month_label(plan.start, m));
  w.end_array();
  w.key("deadline_months").begin_array();
  for (const DeadlineOutcome& d : plan.deadlines)
    w.value(static_cast<std::size_t>(month_of_deadline(plan, d.deadline)));
  w.end_array();
  // Per site, in bundle order: the plan month of its visit, the horizon for a visit
  // beyond it, -1 for a site the plan does not visit.
  std::vector<int> site_month(net.sites.size(), -1);
  for (const PlanVisit& v : plan.visits)
    site_month[v.site] = std::min(v.month, plan.horizon_months);
  w.key("site_month").begin_array();
  for (int m : site_month) w.value(static_cast<std::int64_t>(m));
  w.end_array();
  w.field("evidence", plan.evidence.size());
  w.field("not_remedied", plan.unremedied.size());
  w.end_object();
}

}  // namespace ringfence::report
