// The HTML report (`ringfence report`, SPEC §4 "Report") and the data behind the web
// UI (`ringfence serve`).
//
// A report is one HTML file: a template built from web/ (the libraries, the map data,
// the page's script and style, all inline) with one placeholder where the report
// data goes. The data is a JSON object, written compactly; every '<' in it is
// written as \u003c so that it can sit inside a <script> element. Its format
// (version 1):
//
//   format, version        "ringfence-report", 1
//   ringfence, at          program version; evaluation date YYYY-MM-DD
//   mode                   "report" (a file) or "serve" (the page served by `serve`)
//   inputs                 { bundle, files: [ { name, sha256, bytes } ] }
//   policies               [ { id, title, source, origin } ]
//   rules                  [ { rule_id, kind, description, deadline, effective,
//                              skipped, findings, overdue } ]   sorted by rule_id
//   summary                { sites, elements, links, zones, findings, overdue, due,
//                            sites_with_findings, group_findings }
//   operators, vendors     names, sorted; vendors are the canonical names in use
//   domains, kinds         the domain and site kind names, in model order
//   dates                  the distinct finding deadlines, sorted
//   sites                  parallel arrays, one entry per site, in bundle order:
//                            id, lon, lat (rounded to 1e-5 degrees, about a metre),
//                            operator, kind, vendor (dominant vendor: most RAN
//                            elements, else most elements; ties to the first name),
//                            profile (index into `profiles`), findings (element
//                            findings at the site), status (0 none, 1 due, 2 overdue)
//   profiles               distinct per-site equipment: each a flat list of
//                          (vendor, domain, elements) triples sorted by vendor, domain
//   findings               parallel arrays, one entry per finding, in `check` order:
//                            rule (index into `rules`), status (0 due, 1 overdue),
//                            deadline (index into `dates`, -1 none), element (id, ""
//                            for group findings), site, operator, vendor, domain
//                            (indexes, -1 when not applicable), group ("operator=KT"),
//                            zone (index into `zones`, -1), distance_m (or null),
//                            message (the one-line explanation of `check`)
//   zones                  [ { id, name, category, point: [lon, lat] | polygons:
//                              [[[lon, lat], ...ring], ...polygon], radii: [ { rule,
//                              radius_m } ], buffer: [[lon, lat], ...] rings of the
//                              area within the largest radius } ]
//   exposure               vendor shares by operator and domain, measured in elements:
//                          [ { operator, domain, total, hhi, vendors: [[vendor,
//                          amount, share], ...] } ]
//   timeline               [ { deadline (or null), operator, findings, overdue } ]
//   paths                  { measure: "traffic", origins, no_path, groups: [ { operator,
//                          total, no_path, vendors: [[vendor, amount, share, [amount
//                          crossed in ran, transport, core, oss, other]], ...] } ] }:
//                          the traffic whose path to the core crosses each vendor
//   blast                  { zone_radius_m, vendors: [ { target, zone_radius_m, network,
//                          operators, zones, top_elements (as `blast-radius --format
//                          json`), site_marks: [[site index, observed 0/1, cut off
//                          0/1], ...] } ] }: the blast radius of every vendor in use
//   plan                   null, or the remediation plan (`report --plan`): the fields
//                          of `plan --format json` from start to months (start,
//                          horizon_months, currency, policies, solver, summary,
//                          deadlines, months), then operators and crews (parallel:
//                          site visits per month), month_labels (the chart's month
//                          axis, "YYYY-MM" from the start to the last visit or
//                          deadline), deadline_months (per deadline, its index on
//                          that axis), site_month (per site, in bundle order: the
//                          plan month of its visit, horizon_months when beyond the
//                          horizon, -1 when not visited), evidence and not_remedied
//                          (counts)
//   plan_url               in serve mode, when the server plans: "api/plan", where the
//                          page fetches the plan (computed on first request after an
//                          edit, so that an edit is not slowed by planning)
#pragma once
#include <string>
#include <string_view>

#include "ringfence/check.hpp"
#include "ringfence/check_output.hpp"

namespace ringfence {

struct Plan;

struct ReportOptions {
  bool serve_mode = false;     // the page talks to the API of `ringfence serve`
  const Plan* plan = nullptr;  // the plan section, when planned
  bool plan_url = false;       // serve mode: the page fetches the plan from api/plan
};

// The report data (the JSON object above).
std::string build_report_data(const Network& net, const CheckResult& result,
                              const CheckInputs& inputs, const ReportOptions& options = {});

// The marker in the template that the data replaces (exactly once).
inline constexpr std::string_view kReportDataPlaceholder = "@@RINGFENCE_REPORT_DATA@@";

// The template with the data in place of the marker. Throws std::runtime_error when
// the template does not hold the marker exactly once.
std::string render_report_html(std::string_view template_html, std::string_view data_json);

// Where report-template.html is: $RINGFENCE_WEB_DIR when set, else share/ringfence
// beside the running binary, else ../share/ringfence. Throws std::runtime_error
// naming the places looked at when it is in none of them.
std::string find_report_template();
// Reads find_report_template().
std::string load_report_template();

}  // namespace ringfence
