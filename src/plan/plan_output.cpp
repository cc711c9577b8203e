// A plan as text (for people), JSON (stable, for programs), CSV (the month table) and
// work orders (one CSV row per site visit, for a programme office).
#include <cmath>
#include <cstdio>
#include <sstream>

#include "output/json_writer.hpp"
#include "output/plan_json.hpp"
#include "ringfence/output.hpp"
#include "ringfence/plan.hpp"

namespace ringfence {

namespace {

std::string deadline_text(Days d) {
  return d == kNoDate ? "at once" : format_iso_date(d);
}

std::string vendors_of(const Network& net, const PlanVisit& v) {
  std::string out;
  for (std::size_t i = 0; i < v.elements.size(); ++i) {
    if (i) out += ';';
    out += net.vendors.get(v.new_vendor[i]).name;
  }
  return out;
}

std::string elements_of(const Network& net, const PlanVisit& v) {
  std::string out;
  for (std::size_t i = 0; i < v.elements.size(); ++i) {
    if (i) out += ';';
    out += net.elements.id.get(v.elements[i]);
  }
  return out;
}

std::string month_text(const Plan& plan, int month) {
  return month >= plan.horizon_months ? "beyond horizon" : plan_month_label(plan.start, month);
}

}  // namespace

std::string format_amount(double v) {
  // Whole currency units with thousands separators: 1234567 -> "1,234,567".
  const long long n = std::llround(v);
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

std::string render_plan_text(const Network& net, const Plan& plan) {
  std::ostringstream o;
  o << "Remediation plan from " << format_iso_date(plan.start) << " (horizon "
    << plan.horizon_months << " months)\n";
  o << plan.findings << " findings; " << plan.sites << " site visits, " << plan.elements
    << " elements swapped";
  if (!plan.evidence.empty()) o << ", evidence bought for " << plan.evidence.size() << " models";
  o << "; total cost " << plan.currency << " " << format_amount(plan.total_cost) << "\n";
  o << "Months to comply: " << plan.months_to_comply << "; deadlines "
    << (plan.deadlines_met ? "all met" : "NOT all met") << "\n";
  o << "Solver: " << plan.solver;
  if (plan.solver == "cbc") {
    if (plan.optimal) {
      o << " (proven optimal)";
    } else if (std::isfinite(plan.gap)) {
      char gap[32];
      std::snprintf(gap, sizeof gap, "%.3f", plan.gap * 100);
      o << " (best found; proven gap " << gap << " %, lower bound " << plan.currency << " "
        << format_amount(plan.bound) << ")";
    } else {
      o << " (no proven gap)";
    }
  }
  if (!plan.solver_note.empty()) o << "; " << plan.solver_note;
  o << "\n\nDeadlines\n";
  for (const DeadlineOutcome& d : plan.deadlines) {
    o << "  " << deadline_text(d.deadline) << "  " << d.rule_id << "  " << d.op << ": ";
    char units[64];
    std::snprintf(units, sizeof units, "%g", d.units);
    if (d.met) {
      o << "met (" << units << " units)\n";
      continue;
    }
    char late[64];
    std::snprintf(late, sizeof late, "%g", d.units_late);
    o << "MISSED: " << late << " of " << units << " units late, up to " << d.months_late
      << " months" << (d.done_in_horizon ? "" : " (not done within the horizon)");
    if (d.crews_needed > 0)
      o << "; " << d.crews_needed << " crews instead of " << d.crews << " would meet it";
    else if (d.crews_needed < 0)
      o << "; the deadline falls before the first plan month ends";
    o << "\n";
  }
  o << "\nMonth by month\n";
  o << "  month    operator             sites  elements          cost  findings left\n";
  for (const PlanMonth& m : plan.months) {
    if (m.sites == 0 && m.month != 0 && m.month + 1 != plan.months_to_comply) continue;
    std::size_t left = 0;
    for (const auto& [rule, n] : m.findings_left) left += n;
    char line[256];
    std::snprintf(line, sizeof line, "  %-7s  %-20s %6zu %9zu %13s  %zu\n",
                  plan_month_label(plan.start, m.month).c_str(), m.op.substr(0, 20).c_str(),
                  m.sites, m.elements, format_amount(m.cost).c_str(), left);
    o << line;
  }
  if (!plan.evidence.empty()) {
    o << "\nEvidence bought (month " << plan_month_label(plan.start, 0) << ")\n";
    for (const EvidencePurchase& ev : plan.evidence) {
      o << "  " << net.vendors.get(ev.vendor).name << " " << net.strings.get(ev.model) << ": ";
      for (std::size_t i = 0; i < ev.attributes.size(); ++i)
        o << (i ? ", " : "") << ev.attributes[i].first << " = " << ev.attributes[i].second;
      o << " (" << ev.elements << " elements, " << plan.currency << " " << format_amount(ev.cost)
        << ")\n";
    }
  }
  if (!plan.unremedied.empty()) {
    o << "\nNot remedied\n";
    for (const std::string& u : plan.unremedied) o << "  " << u << "\n";
  }
  return o.str();
}

namespace output {

void write_plan_overview(JsonWriter& w, const Plan& plan) {
  w.field("start", format_iso_date(plan.start));
  w.field("horizon_months", static_cast<std::size_t>(plan.horizon_months));
  w.field("currency", plan.currency);
  w.key("policies").begin_array();
  for (const Policy& p : plan.check.policies) w.value(p.id);
  w.end_array();
  w.key("solver").begin_object();
  w.field("name", plan.solver);
  w.field("optimal", plan.optimal);
  w.field("bound", plan.bound);
  w.field("gap", plan.gap);
  w.field("note", plan.solver_note);
  w.end_object();
  w.key("summary").begin_object();
  w.field("findings", plan.findings);
  w.field("sites", plan.sites);
  w.field("elements", plan.elements);
  w.field("evidence", plan.evidence.size());
  w.field("cost", plan.total_cost);
  w.field("months_to_comply", static_cast<std::size_t>(plan.months_to_comply));
  w.field("deadlines_met", plan.deadlines_met);
  w.end_object();
  w.key("deadlines").begin_array();
  for (const DeadlineOutcome& d : plan.deadlines) {
    w.begin_object();
    w.field("rule_id", d.rule_id);
    w.field("operator", d.op);
    if (d.deadline == kNoDate)
      w.key("deadline").null();
    else
      w.field("deadline", format_iso_date(d.deadline));
    w.field("units", d.units);
    w.field("met", d.met);
    w.field("units_late", d.units_late);
    w.field("months_late", static_cast<std::size_t>(d.months_late));
    w.field("done_in_horizon", d.done_in_horizon);
    w.field("crews", static_cast<std::size_t>(d.crews));
    if (d.crews_needed > 0)
      w.field("crews_needed", static_cast<std::size_t>(d.crews_needed));
    else
      w.key("crews_needed").null();
    w.end_object();
  }
  w.end_array();
  w.key("months").begin_array();
  for (const PlanMonth& m : plan.months) {
    w.begin_object();
    w.field("month", plan_month_label(plan.start, m.month));
    w.field("operator", m.op);
    w.field("sites", m.sites);
    w.field("elements", m.elements);
    w.field("cost", m.cost);
    w.key("findings_left").begin_object();
    for (const auto& [rule, n] : m.findings_left) w.field(rule, n);
    w.end_object();
    w.end_object();
  }
  w.end_array();
}

}  // namespace output

std::string render_plan_json(const Network& net, const Plan& plan) {
  std::string out;
  output::JsonWriter w(out);
  w.begin_object();
  w.field("ringfence", RINGFENCE_VERSION);
  output::write_plan_overview(w, plan);
  w.key("visits").begin_array();
  for (const PlanVisit& v : plan.visits) {
    w.begin_object();
    w.field("month", month_text(plan, v.month));
    w.field("operator", net.site_operator(v.site));
    w.field("site_id", net.sites.id.get(v.site));
    w.key("elements").begin_array();
    for (std::size_t i = 0; i < v.elements.size(); ++i) {
      w.begin_object();
      w.field("element_id", net.elements.id.get(v.elements[i]));
      w.field("from", net.vendor_name(v.elements[i]));
      w.field("to", net.vendors.get(v.new_vendor[i]).name);
      w.end_object();
    }
    w.end_array();
    w.field("cost", v.cost);
    w.end_object();
  }
  w.end_array();
  w.key("evidence").begin_array();
  for (const EvidencePurchase& ev : plan.evidence) {
    w.begin_object();
    w.field("vendor", net.vendors.get(ev.vendor).name);
    w.field("model", net.strings.get(ev.model));
    w.key("attributes").begin_object();
    for (const auto& [k, v] : ev.attributes) w.field(k, v);
    w.end_object();
    w.field("elements", ev.elements);
    w.field("cost", ev.cost);
    w.end_object();
  }
  w.end_array();
  w.key("not_remedied").begin_array();
  for (const std::string& u : plan.unremedied) w.value(u);
  w.end_array();
  w.end_object();
  out += '\n';
  return out;
}

std::string render_plan_csv(const Plan& plan) {
  std::string out = "month,operator,sites,elements,cost,findings_left\n";
  for (const PlanMonth& m : plan.months) {
    std::size_t left = 0;
    for (const auto& [rule, n] : m.findings_left) left += n;
    out += plan_month_label(plan.start, m.month) + "," + csv_field(m.op) + "," +
           std::to_string(m.sites) + "," + std::to_string(m.elements) + "," +
           format_number(m.cost) + "," + std::to_string(left) + "\n";
  }
  return out;
}

std::string render_work_orders(const Network& net, const Plan& plan) {
  std::string out = "month,operator,site_id,elements,new_vendors,cost\n";
  for (const PlanVisit& v : plan.visits)
    out += month_text(plan, v.month) + "," + csv_field(net.site_operator(v.site)) + "," +
           csv_field(net.sites.id.get(v.site)) + "," + csv_field(elements_of(net, v)) + "," +
           csv_field(vendors_of(net, v)) + "," + format_number(v.cost) + "\n";
  return out;
}

}  // namespace ringfence
