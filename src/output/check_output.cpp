#include "ringfence/check_output.hpp"

#include <atomic>
#include <cmath>
#include <map>
#include <memory>
#include <sstream>
#include <thread>

#include "analysis/thread_budget.hpp"
#include "output/check_json.hpp"
#include "output/json_writer.hpp"
#include "ringfence/count_noun.hpp"
#include "ringfence/output.hpp"

namespace ringfence {

namespace output {

double round_mm(double metres) {
  return std::round(metres * 1000) / 1000;
}

// The fields every format shares, in output order.
void write_finding_json(JsonWriter& w, const Network& net, const CheckResult& r, const Finding& f) {
  const EvaluatedRule& er = r.rules[f.rule];
  const Rule& rule = rule_of(r, er);
  w.begin_object();
  w.field("rule_id", er.rule_id);
  w.field("kind", rule_kind_name(rule.kind));
  w.field("status", status_name(f.status));
  w.key("deadline");
  if (f.deadline == kNoDate)
    w.null();
  else
    w.value(format_iso_date(f.deadline));
  if (f.element != kNoRow) {
    const std::uint32_t s = net.elements.site[f.element];
    w.field("element_id", net.elements.id.get(f.element));
    w.field("site_id", net.sites.id.get(s));
    w.field("operator", net.site_operator(s));
    w.field("vendor", net.vendor_name(f.element));
  } else {
    w.key("group").begin_object();
    for (std::size_t i = 0; i < rule.per.size(); ++i)
      w.field(group_key_name(rule.per[i]), f.group[i]);
    w.end_object();
    w.field("measured", f.measured);
    w.field("limit", f.limit);
    w.field("excess", f.excess);
    if (!std::isnan(f.amount)) w.field("amount", f.amount);
    w.field("total", f.total);
    if (f.vendor != kNoRow) w.field("vendor", net.vendors.get(f.vendor).name);
  }
  if (f.zone != kNoRow) {
    w.field("zone_id", net.zones[f.zone].id);
    w.field("distance_m", round_mm(f.distance_m));
  }
  if (!f.path.empty()) {
    w.key("path").begin_array();
    for (std::uint32_t e : f.path) w.value(net.elements.id.get(e));
    w.end_array();
  }
  if (!f.missing.empty()) {
    w.key("missing").begin_array();
    for (const auto& m : f.missing) w.value(m);
    w.end_array();
  }
  w.field("message", explain(net, r, f));
  w.end_object();
}

void write_findings_json(JsonWriter& w, std::string& out, const Network& net, const CheckResult& r,
                         unsigned threads, const ByteSink& sink) {
  // A finding's message (its rule kind's explanation) and the escaping of its text
  // are most of the JSON's cost: blocks of findings are rendered in parallel, from a
  // counter, and the calling thread hands each block to the sink in order as soon as
  // it is ready (rendering one itself whenever the next is not), then frees it. The
  // writing to disk overlaps the rendering, and no copy of the whole output is made.
  constexpr std::size_t kBlock = 2048;
  const std::vector<Finding>& all = r.findings;
  const std::size_t blocks = (all.size() + kBlock - 1) / kBlock;
  analysis::ThreadBudget budget(threads);
  if (budget.limit() <= 1 || blocks <= 1) {
    for (const auto& f : all) write_finding_json(w, net, r, f);
    return;
  }
  sink(out);
  out.clear();
  std::vector<std::string> texts(blocks);
  std::vector<JsonWriter> parts;
  parts.reserve(blocks);
  for (std::size_t b = 0; b < blocks; ++b) parts.push_back(w.part(texts[b], b > 0));
  const auto ready = std::make_unique<std::atomic<bool>[]>(blocks);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  auto render = [&](std::size_t b) {
    try {
      // Room for the whole block at once (findings run to a few hundred bytes): grown
      // by doubling, it was copied over and over.
      texts[b].reserve(kBlock * 512);
      const std::size_t end = std::min(all.size(), (b + 1) * kBlock);
      for (std::size_t i = b * kBlock; i < end; ++i) write_finding_json(parts[b], net, r, all[i]);
    } catch (...) {
      failed = true;
      next = blocks;
      ready[b] = true;
      ready[b].notify_one();
      throw;
    }
    ready[b] = true;
    ready[b].notify_one();
  };
  const std::thread::id writer = std::this_thread::get_id();
  budget.run(budget.limit(), [&] {
    if (std::this_thread::get_id() != writer) {
      for (std::size_t b = next++; b < blocks; b = next++) render(b);
      return;
    }
    for (std::size_t b = 0; b < blocks;) {
      if (!ready[b]) {
        if (const std::size_t mine = next++; mine < blocks) {
          render(mine);
          continue;
        }
        ready[b].wait(false);
      }
      if (failed) return;  // the failing thread's exception is rethrown by run()
      try {
        sink(texts[b]);
      } catch (...) {
        next = blocks;  // the others stop at their next block
        throw;
      }
      std::string().swap(texts[b]);
      ++b;
    }
  });
  w.take_state(parts.back());
}

std::string group_cell(const Rule& rule, const Finding& f) {
  std::string out;
  for (std::size_t i = 0; i < rule.per.size(); ++i)
    out += (i ? ";" : "") + std::string(group_key_name(rule.per[i])) + "=" + f.group[i];
  return out;
}

void write_check_preamble(JsonWriter& w, const CheckResult& r, const CheckInputs& in) {
  w.field("ringfence", RINGFENCE_VERSION);
  w.field("at", format_iso_date(r.at));
  w.key("inputs").begin_object();
  w.field("bundle", in.bundle);
  w.key("sha256").begin_object();
  for (const auto& f : in.files) w.field(f.name, f.sha256);
  w.end_object();
  w.end_object();
  w.key("policies").begin_array();
  for (const auto& p : r.policies) {
    w.begin_object().field("id", p.id).field("title", p.title).field("source", p.source);
    w.field("origin", p.origin).end_object();
  }
  w.end_array();
  w.key("summary").begin_object();
  w.field("findings", r.findings.size());
  w.field("overdue", r.overdue);
  w.field("due", r.findings.size() - r.overdue);
  w.key("by_rule").begin_object();
  for (const auto& er : r.rules)
    if (!er.skipped) w.field(er.rule_id, er.findings);
  w.end_object();
  w.key("not_yet_effective").begin_array();
  for (const auto& er : r.rules)
    if (er.skipped) w.value(er.rule_id);
  w.end_array();
  w.end_object();
}

}  // namespace output

void write_check_json(const Network& net, const CheckResult& r, const CheckInputs& in,
                      unsigned threads, const ByteSink& sink) {
  std::string out;
  output::JsonWriter w(out);
  w.begin_object();
  output::write_check_preamble(w, r, in);
  w.key("findings").begin_array();
  output::write_findings_json(w, out, net, r, threads, sink);
  w.end_array();
  w.end_object();
  sink(out);
}

std::string render_check_json(const Network& net, const CheckResult& r, const CheckInputs& in,
                              unsigned threads) {
  std::string out;
  out.reserve(256 + r.findings.size() * 400);
  write_check_json(net, r, in, threads, [&](std::string_view piece) { out += piece; });
  return out;
}

std::string render_check_csv(const Network& net, const CheckResult& r) {
  std::string out =
      "rule_id,kind,status,deadline,element_id,site_id,operator,vendor,group,measured,limit,"
      "excess,zone_id,distance_m,path,message\n";
  for (const auto& f : r.findings) {
    const EvaluatedRule& er = r.rules[f.rule];
    const Rule& rule = rule_of(r, er);
    std::string row = csv_field(er.rule_id) + "," + std::string(rule_kind_name(rule.kind)) + "," +
                      std::string(status_name(f.status)) + "," + format_iso_date(f.deadline) + ",";
    if (f.element != kNoRow) {
      const std::uint32_t s = net.elements.site[f.element];
      row += csv_field(net.elements.id.get(f.element)) + "," + csv_field(net.sites.id.get(s)) +
             "," + csv_field(net.site_operator(s)) + "," + csv_field(net.vendor_name(f.element)) +
             ",,,,,";
    } else {
      row += ",,," + csv_field(f.vendor == kNoRow ? "" : net.vendors.get(f.vendor).name) + "," +
             csv_field(output::group_cell(rule, f)) + "," + format_number(f.measured) + "," +
             format_number(f.limit) + "," + format_number(f.excess) + ",";
    }
    row += (f.zone != kNoRow ? csv_field(net.zones[f.zone].id) + "," +
                                   format_number(output::round_mm(f.distance_m))
                             : std::string(",")) +
           ",";
    std::string path;
    for (std::uint32_t e : f.path)
      path += (path.empty() ? "" : ">") + std::string(net.elements.id.get(e));
    row += csv_field(path) + "," + csv_field(explain(net, r, f)) + "\n";
    out += row;
  }
  return out;
}

std::string render_check_geojson(const Network& net, const CheckResult& r) {
  std::string out;
  output::JsonWriter w(out);
  w.begin_object();
  w.field("type", "FeatureCollection");
  w.key("features").begin_array();
  for (const auto& f : r.findings) {
    w.begin_object();
    w.field("type", "Feature");
    w.key("geometry");
    if (f.element != kNoRow) {
      const std::uint32_t s = net.elements.site[f.element];
      w.begin_object().field("type", "Point").key("coordinates").begin_array();
      w.value(net.sites.lon[s]).value(net.sites.lat[s]).end_array().end_object();
    } else {
      w.null();  // group findings have no single place
    }
    w.key("properties");
    output::write_finding_json(w, net, r, f);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return out;
}

std::string render_check_text(const Network& net, const CheckResult& r, const CheckInputs& in) {
  std::ostringstream o;
  o << "ringfence check of " << in.bundle << " at " << format_iso_date(r.at) << ": "
    << count_noun(r.findings.size(), "finding") << ", " << r.overdue << " overdue, "
    << r.findings.size() - r.overdue << " due\n";
  for (const auto& p : r.policies) o << "policy " << p.id << ": " << p.title << '\n';
  o << "\nrules:\n";
  for (const auto& er : r.rules) {
    const Rule& rule = rule_of(r, er);
    o << "  " << er.rule_id << " (" << rule_kind_name(rule.kind) << "): ";
    if (er.skipped) {
      o << "not yet effective (from " << format_iso_date(rule.effective) << ")\n";
      continue;
    }
    o << count_noun(er.findings, "finding");
    if (er.findings) o << ", " << er.overdue << " overdue";
    if (rule.deadline != kNoDate) o << ", deadline " << format_iso_date(rule.deadline);
    o << '\n';
  }
  std::uint32_t current = UINT32_MAX;
  for (const auto& f : r.findings) {
    if (f.rule != current) {
      current = f.rule;
      const Rule& rule = rule_of(r, r.rules[f.rule]);
      o << '\n' << r.rules[f.rule].rule_id;
      if (!rule.description.empty()) o << ": " << rule.description;
      o << '\n';
    }
    o << "  [" << status_name(f.status) << "] " << explain(net, r, f) << '\n';
  }
  return o.str();
}

std::vector<TimelineRow> check_timeline(const Network& net, const CheckResult& r) {
  std::map<std::pair<Days, std::string>, TimelineRow> rows;
  for (const auto& f : r.findings) {
    std::string op;
    if (f.element != kNoRow) {
      op = net.site_operator(net.elements.site[f.element]);
    } else {
      const Rule& rule = rule_of(r, r.rules[f.rule]);
      op = "(all operators)";
      for (std::size_t i = 0; i < rule.per.size(); ++i)
        if (rule.per[i] == GroupKey::kOperator) op = f.group[i];
    }
    TimelineRow& row = rows[{f.deadline, op}];
    row.deadline = f.deadline;
    row.operator_name = op;
    ++row.findings;
    if (f.status == Status::kOverdue) ++row.overdue;
  }
  std::vector<TimelineRow> out;
  for (auto& [key, row] : rows) out.push_back(std::move(row));
  return out;
}

std::string render_timeline(const std::vector<TimelineRow>& rows, const std::string& format) {
  std::string out;
  if (format == "json") {
    output::JsonWriter w(out);
    w.begin_object().field("ringfence", RINGFENCE_VERSION).key("timeline").begin_array();
    for (const auto& row : rows) {
      w.begin_object().key("deadline");
      if (row.deadline == kNoDate)
        w.null();
      else
        w.value(format_iso_date(row.deadline));
      w.field("operator", row.operator_name).field("findings", row.findings);
      w.field("overdue", row.overdue).end_object();
    }
    w.end_array().end_object();
  } else if (format == "csv") {
    out = "deadline,operator,findings,overdue\n";
    for (const auto& row : rows)
      out += format_iso_date(row.deadline) + "," + csv_field(row.operator_name) + "," +
             std::to_string(row.findings) + "," + std::to_string(row.overdue) + "\n";
  } else {
    out = "deadline     operator              findings  overdue\n";
    char buf[256];
    for (const auto& row : rows) {
      const std::string d = row.deadline == kNoDate ? "at once" : format_iso_date(row.deadline);
      std::snprintf(buf, sizeof buf, "%-12s %-20s %9zu %8zu\n", d.c_str(),
                    row.operator_name.c_str(), row.findings, row.overdue);
      out += buf;
    }
  }
  return out;
}

}  // namespace ringfence
