// Text and JSON of `diff` results.
#include "ringfence/diff_output.hpp"

#include <sstream>

#include "output/check_json.hpp"
#include "ringfence/output.hpp"

namespace ringfence {

using output::JsonWriter;

namespace {

constexpr std::size_t kDiffTextListLimit = 50;

std::string_view element_id(const DiffReport& r, const ElementChange& c) {
  return c.new_row != kNoRow ? r.after->elements.id.get(c.new_row)
                             : r.before->elements.id.get(c.old_row);
}

void write_counts(JsonWriter& w, const DiffCounts& c) {
  w.field("added", c.added).field("removed", c.removed).field("moved", c.moved);
  w.field("vendor_in", c.vendor_in).field("vendor_out", c.vendor_out);
  w.field("model", c.model).field("sw_version", c.software);
}

std::string counts_text(const DiffCounts& c) {
  std::ostringstream o;
  o << "+" << c.added << " -" << c.removed << " moved " << c.moved << " vendor +" << c.vendor_in
    << "/-" << c.vendor_out << " model " << c.model << " software " << c.software;
  return o.str();
}

}  // namespace

std::string render_diff_json(const DiffReport& r) {
  std::string out;
  JsonWriter w(out);
  const InventoryDiff& d = r.inventory;
  w.begin_object();
  w.field("ringfence", RINGFENCE_VERSION);
  w.key("old").begin_object().field("bundle", r.old_bundle).field("elements", d.old_elements);
  w.end_object();
  w.key("new").begin_object().field("bundle", r.new_bundle).field("elements", d.new_elements);
  w.end_object();
  if (r.with_policies) w.field("at", format_iso_date(r.new_check->at));
  w.key("summary").begin_object();
  write_counts(w, d.total);
  w.field("changed_elements", d.changed_elements);
  if (r.with_policies) {
    w.field("findings_appeared", r.findings.appeared.size());
    w.field("findings_disappeared", r.findings.disappeared.size());
    w.field("appeared_overdue", r.findings.appeared_overdue);
  }
  w.end_object();
  w.key("by_operator_vendor").begin_array();
  for (const auto& g : d.groups) {
    w.begin_object().field("operator", g.operator_name).field("vendor", g.vendor);
    write_counts(w, g.counts);
    w.end_object();
  }
  w.end_array();
  w.key("changes").begin_array();
  for (const auto& c : d.changes) {
    w.begin_object().field("element_id", element_id(r, c));
    w.field("change", kElementChangeNames[static_cast<int>(c.kind)]);
    w.field("before", c.before).field("after", c.after).end_object();
  }
  w.end_array();
  if (r.with_policies) {
    w.key("findings_appeared").begin_array();
    for (std::uint32_t i : r.findings.appeared)
      output::write_finding_json(w, *r.after, *r.new_check, r.new_check->findings[i]);
    w.end_array();
    w.key("findings_disappeared").begin_array();
    for (std::uint32_t i : r.findings.disappeared)
      output::write_finding_json(w, *r.before, *r.old_check, r.old_check->findings[i]);
    w.end_array();
  }
  w.end_object();
  out += '\n';
  return out;
}

std::string render_diff_text(const DiffReport& r) {
  std::ostringstream o;
  const InventoryDiff& d = r.inventory;
  o << "ringfence diff " << r.old_bundle << " (" << d.old_elements << " elements) -> "
    << r.new_bundle << " (" << d.new_elements << " elements)\n";
  o << "elements: " << d.total.added << " added, " << d.total.removed << " removed, "
    << d.total.moved << " moved, " << d.total.vendor_in << " changed vendor, " << d.total.model
    << " changed model, " << d.total.software << " changed software\n";
  if (!d.groups.empty()) {
    o << "\nby operator and vendor:\n";
    for (const auto& g : d.groups)
      o << "  " << g.operator_name << " / " << g.vendor << ": " << counts_text(g.counts) << '\n';
  }
  if (!d.changes.empty()) {
    o << "\nchanges (" << d.changes.size() << "):\n";
    for (std::size_t i = 0; i < d.changes.size() && i < kDiffTextListLimit; ++i) {
      const auto& c = d.changes[i];
      o << "  " << element_id(r, c) << ' ' << kElementChangeNames[static_cast<int>(c.kind)];
      if (c.kind == ElementChangeKind::kAdded)
        o << " at " << c.after;
      else if (c.kind == ElementChangeKind::kRemoved)
        o << " from " << c.before;
      else
        o << ": " << (c.before.empty() ? "(none)" : c.before) << " -> "
          << (c.after.empty() ? "(none)" : c.after);
      o << '\n';
    }
    if (d.changes.size() > kDiffTextListLimit)
      o << "  ... " << d.changes.size() - kDiffTextListLimit << " more (--format json lists all)\n";
  }
  if (r.with_policies) {
    o << "\nfindings at " << format_iso_date(r.new_check->at) << ": " << r.findings.appeared.size()
      << " appeared (" << r.findings.appeared_overdue << " overdue), "
      << r.findings.disappeared.size() << " disappeared\n";
    const auto& appeared = r.findings.appeared;
    const auto& gone = r.findings.disappeared;
    for (std::size_t k = 0; k < appeared.size() && k < kDiffTextListLimit; ++k) {
      const std::uint32_t i = appeared[k];
      const Finding& f = r.new_check->findings[i];
      o << "  + [" << status_name(f.status) << "] " << r.new_check->rules[f.rule].rule_id << ": "
        << explain(*r.after, *r.new_check, f) << '\n';
    }
    for (std::size_t k = 0; k < gone.size() && k < kDiffTextListLimit; ++k) {
      const Finding& f = r.old_check->findings[gone[k]];
      o << "  - " << r.old_check->rules[f.rule].rule_id << ": "
        << explain(*r.before, *r.old_check, f) << '\n';
    }
    if (appeared.size() > kDiffTextListLimit || gone.size() > kDiffTextListLimit)
      o << "  ... (--format json lists all)\n";
  }
  return o.str();
}

}  // namespace ringfence
