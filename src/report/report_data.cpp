// The report data (format in include/ringfence/report.hpp): sites and findings as
// parallel arrays of small integers, so a national network of 200,000 sites stays a
// few megabytes and the page can filter it in a single pass.
#include <algorithm>
#include <cmath>
#include <map>

#include "analysis/masks.hpp"
#include "output/check_json.hpp"
#include "output/json_writer.hpp"
#include "report/paths_data.hpp"
#include "report/plan_data.hpp"
#include "report/site_table.hpp"
#include "report/zone_buffer.hpp"
#include "ringfence/exposure.hpp"
#include "ringfence/report.hpp"
#include "ringfence/rule_kinds.hpp"

namespace ringfence {

namespace {

using output::JsonWriter;

constexpr double kNone = -1;

double round_degrees(double v) {
  return std::round(v * 1e5) / 1e5;
}

// Interned strings of one kind, indexed in sorted order.
struct SortedNames {
  std::vector<std::string> names;
  std::map<std::string, std::size_t, std::less<>> index;
  void build(std::vector<std::string> all) {
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    names = std::move(all);
    for (std::size_t i = 0; i < names.size(); ++i) index.emplace(names[i], i);
  }
  double find(std::string_view name) const {
    auto it = index.find(name);
    return it == index.end() ? kNone : static_cast<double>(it->second);
  }
};

void write_ring(JsonWriter& w, const Ring& ring) {
  w.begin_array();
  for (const auto& p : ring)
    w.begin_array().value(round_degrees(p.lon)).value(round_degrees(p.lat)).end_array();
  w.end_array();
}

void write_polygons(JsonWriter& w, const std::vector<Polygon>& polygons) {
  w.begin_array();
  for (const auto& polygon : polygons) {
    w.begin_array();
    for (const auto& ring : polygon) write_ring(w, ring);
    w.end_array();
  }
  w.end_array();
}

void write_date_or_null(JsonWriter& w, Days d) {
  if (d == kNoDate)
    w.null();
  else
    w.value(format_iso_date(d));
}

// For each zone, the radii at which rules look at it: zone_exclusion's radius_m and
// path_exclusion's from_radius_m.
std::vector<std::vector<std::pair<std::uint32_t, double>>> zone_radii(const Network& net,
                                                                      const CheckResult& r) {
  std::vector<std::vector<std::pair<std::uint32_t, double>>> radii(net.zones.size());
  for (std::uint32_t i = 0; i < r.rules.size(); ++i) {
    const Rule& rule = rule_of(r, r.rules[i]);
    const RuleKindDescriptor& kind = rule_kind(rule.kind);
    const std::optional<ZoneUse> use = kind.zones ? kind.zones(rule) : std::nullopt;
    if (!use) continue;
    const analysis::Mask mask = analysis::zone_mask(net, *use->zones);
    for (std::size_t z = 0; z < net.zones.size(); ++z)
      if (mask[z]) radii[z].emplace_back(i, use->radius_m);
  }
  return radii;
}

}  // namespace

std::string build_report_data(const Network& net, const CheckResult& r, const CheckInputs& in,
                              const ReportOptions& options) {
  const Sites& sites = net.sites;
  const Elements& el = net.elements;

  const report::SiteTable table = report::build_site_table(net, r);
  SortedNames operators, vendors, dates;
  {
    std::vector<std::string> ops;
    for (std::uint32_t s = 0; s < sites.size(); ++s)
      if (ops.empty() || ops.back() != net.site_operator(s)) ops.emplace_back(net.site_operator(s));
    operators.build(std::move(ops));
    std::vector<std::string> names;
    for (std::uint32_t v : table.vendors) names.push_back(net.vendors.get(v).name);
    vendors.build(std::move(names));
    std::vector<std::string> ds;
    for (const auto& f : r.findings)
      if (f.deadline != kNoDate) ds.push_back(format_iso_date(f.deadline));
    dates.build(std::move(ds));
  }
  const std::vector<std::uint32_t>& vendor_of = table.vendor_index;
  std::vector<std::uint32_t> operator_of(net.strings.size(), 0);
  for (std::uint32_t s = 0; s < sites.size(); ++s)
    operator_of[sites.operator_id[s]] =
        static_cast<std::uint32_t>(operators.find(net.site_operator(s)));
  const std::size_t sites_with_findings =
      sites.size() -
      static_cast<std::size_t>(std::count(table.findings.begin(), table.findings.end(), 0u));

  std::string out;
  out.reserve(4096 + sites.size() * 60 + r.findings.size() * 140);
  JsonWriter w(out, false);
  w.begin_object();
  w.field("format", "ringfence-report").field("version", std::size_t{1});
  w.field("ringfence", RINGFENCE_VERSION);
  w.field("at", format_iso_date(r.at));
  w.field("mode", options.serve_mode ? "serve" : "report");

  w.key("inputs").begin_object().field("bundle", in.bundle).key("files").begin_array();
  for (const auto& f : in.files)
    w.begin_object()
        .field("name", f.name)
        .field("sha256", f.sha256)
        .field("bytes", f.bytes)
        .end_object();
  w.end_array().end_object();

  w.key("policies").begin_array();
  for (const auto& p : r.policies) {
    w.begin_object().field("id", p.id).field("title", p.title).field("source", p.source);
    w.field("origin", p.origin).end_object();
  }
  w.end_array();

  w.key("rules").begin_array();
  for (const auto& er : r.rules) {
    const Rule& rule = rule_of(r, er);
    w.begin_object().field("rule_id", er.rule_id).field("kind", rule_kind_name(rule.kind));
    w.field("description", rule.description);
    w.key("deadline");
    write_date_or_null(w, rule.kind == RuleKind::kSupportCutoff ? rule.after : rule.deadline);
    w.key("effective");
    write_date_or_null(w, rule.effective);
    w.field("skipped", er.skipped).field("findings", er.findings).field("overdue", er.overdue);
    w.end_object();
  }
  w.end_array();

  w.key("summary").begin_object();
  w.field("sites", sites.size()).field("elements", el.size()).field("links", net.links.size());
  w.field("zones", net.zones.size()).field("findings", r.findings.size());
  w.field("overdue", r.overdue).field("due", r.findings.size() - r.overdue);
  w.field("sites_with_findings", sites_with_findings);
  w.field("group_findings", table.group_findings);
  w.end_object();

  auto write_names = [&](std::string_view key, const auto& names) {
    w.key(key).begin_array();
    for (const auto& n : names) w.value(std::string_view(n));
    w.end_array();
  };
  write_names("operators", operators.names);
  write_names("vendors", vendors.names);
  write_names("domains", kDomainNames);
  write_names("kinds", kSiteKindNames);
  write_names("dates", dates.names);

  // Sites.
  w.key("sites").begin_object();
  w.field("count", sites.size());
  w.key("id").begin_array();
  for (std::uint32_t s = 0; s < sites.size(); ++s) w.value(sites.id.get(s));
  w.end_array();
  w.key("lon").begin_array();
  for (double v : sites.lon) w.value(round_degrees(v));
  w.end_array();
  w.key("lat").begin_array();
  for (double v : sites.lat) w.value(round_degrees(v));
  w.end_array();
  w.key("operator").begin_array();
  for (std::uint32_t op : sites.operator_id) w.value(std::size_t{operator_of[op]});
  w.end_array();
  w.key("kind").begin_array();
  for (SiteKind k : sites.kind) w.value(static_cast<std::size_t>(k));
  w.end_array();
  w.key("vendor").begin_array();
  for (std::uint32_t v : table.dominant)
    if (v == report::kNoVendor)
      w.value(kNone);
    else
      w.value(std::size_t{v});
  w.end_array();
  w.key("profile").begin_array();
  for (std::uint32_t p : table.profile) w.value(std::size_t{p});
  w.end_array();
  w.key("findings").begin_array();
  for (std::uint32_t n : table.findings) w.value(std::size_t{n});
  w.end_array();
  w.key("status").begin_array();
  for (std::uint8_t st : table.status) w.value(std::size_t{st});
  w.end_array();
  w.end_object();

  w.key("profiles").begin_array();
  for (const auto& p : table.profiles) {
    w.begin_array();
    for (std::uint32_t x : p) w.value(std::size_t{x});
    w.end_array();
  }
  w.end_array();

  // Findings.
  w.key("findings").begin_object();
  w.field("count", r.findings.size());
  auto column = [&](std::string_view key, auto&& value_of) {
    w.key(key).begin_array();
    for (const auto& f : r.findings) value_of(f);
    w.end_array();
  };
  column("rule", [&](const Finding& f) { w.value(std::size_t{f.rule}); });
  column("status",
         [&](const Finding& f) { w.value(std::size_t{f.status == Status::kOverdue ? 1u : 0u}); });
  column("deadline", [&](const Finding& f) {
    w.value(f.deadline == kNoDate ? kNone : dates.find(format_iso_date(f.deadline)));
  });
  column("element", [&](const Finding& f) {
    w.value(f.element == kNoRow ? std::string_view() : el.id.get(f.element));
  });
  column("site", [&](const Finding& f) {
    w.value(f.element == kNoRow ? kNone : static_cast<double>(el.site[f.element]));
  });
  column("operator", [&](const Finding& f) {
    if (f.element != kNoRow) {
      w.value(std::size_t{operator_of[sites.operator_id[el.site[f.element]]]});
      return;
    }
    const Rule& rule = rule_of(r, r.rules[f.rule]);
    double op = kNone;
    for (std::size_t i = 0; i < rule.per.size(); ++i)
      if (rule.per[i] == GroupKey::kOperator) op = operators.find(f.group[i]);
    w.value(op);
  });
  column("vendor", [&](const Finding& f) {
    const std::uint32_t v = f.element != kNoRow ? el.vendor[f.element] : f.vendor;
    if (v == kNoRow || vendor_of[v] == report::kNoVendor)
      w.value(kNone);
    else
      w.value(std::size_t{vendor_of[v]});
  });
  column("domain", [&](const Finding& f) {
    if (f.element != kNoRow) {
      w.value(static_cast<std::size_t>(el.domain[f.element]));
      return;
    }
    const Rule& rule = rule_of(r, r.rules[f.rule]);
    double d = kNone;
    for (std::size_t i = 0; i < rule.per.size(); ++i)
      if (rule.per[i] == GroupKey::kDomain)
        for (std::size_t k = 0; k < kDomainNames.size(); ++k)
          if (kDomainNames[k] == f.group[i]) d = static_cast<double>(k);
    w.value(d);
  });
  column("group", [&](const Finding& f) {
    w.value(f.element == kNoRow ? output::group_cell(rule_of(r, r.rules[f.rule]), f)
                                : std::string());
  });
  column("zone", [&](const Finding& f) {
    w.value(f.zone == kNoRow ? kNone : static_cast<double>(f.zone));
  });
  column("distance_m", [&](const Finding& f) {
    w.value(f.zone == kNoRow ? std::nan("") : output::round_mm(f.distance_m));
  });
  column("message", [&](const Finding& f) { w.value(explain(net, r, f)); });
  w.end_object();

  // Zones.
  const auto radii = zone_radii(net, r);
  w.key("zones").begin_array();
  for (std::size_t z = 0; z < net.zones.size(); ++z) {
    const Zone& zone = net.zones[z];
    w.begin_object().field("id", zone.id).field("name", zone.name).field("category", zone.category);
    if (zone.is_point) {
      w.key("point").begin_array();
      w.value(round_degrees(zone.point.lon)).value(round_degrees(zone.point.lat)).end_array();
    } else {
      w.key("polygons");
      write_polygons(w, zone.polygons);
    }
    double largest = 0;
    w.key("radii").begin_array();
    for (const auto& [rule, radius] : radii[z]) {
      w.begin_object().field("rule", std::size_t{rule}).field("radius_m", radius).end_object();
      largest = std::max(largest, radius);
    }
    w.end_array();
    w.key("buffer");
    write_polygons(w, report::zone_buffer(zone, largest));
    w.end_object();
  }
  w.end_array();

  // Vendor shares by operator and domain.
  const ExposureResult exposure =
      compute_exposure(net, {GroupKey::kOperator, GroupKey::kDomain}, Measure::kElements);
  w.key("exposure").begin_array();
  for (const auto& g : exposure.groups) {
    w.begin_object().field("operator", g.key[0]).field("domain", g.key[1]);
    w.field("total", g.total).field("hhi", g.hhi).key("vendors").begin_array();
    for (const auto& v : g.vendors)
      w.begin_array()
          .value(std::size_t{vendor_of[v.vendor]})
          .value(v.amount)
          .value(v.share)
          .end_array();
    w.end_array().end_object();
  }
  w.end_array();

  w.key("timeline").begin_array();
  for (const auto& row : check_timeline(net, r)) {
    w.begin_object().key("deadline");
    write_date_or_null(w, row.deadline);
    w.field("operator", row.operator_name).field("findings", row.findings);
    w.field("overdue", row.overdue).end_object();
  }
  w.end_array();

  report::write_paths_data(w, net);
  w.key("plan");
  if (options.plan)
    report::write_plan_data(w, net, *options.plan);
  else
    w.null();
  if (options.plan_url) w.field("plan_url", "api/plan");
  w.end_object();

  // Safe inside <script>: '<' only occurs inside strings, where \u003c reads the same.
  std::string safe;
  safe.reserve(out.size() + 64);
  for (char c : out)
    if (c == '<')
      safe += "\\u003c";
    else
      safe += c;
  return safe;
}

}  // namespace ringfence
