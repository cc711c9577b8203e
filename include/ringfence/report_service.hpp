// What `ringfence serve` answers, independent of HTTP: the report page and a JSON
// API over one loaded bundle, evaluated against a set of policies that the page may
// edit. The HTTP layer (src/cli/command_serve.cpp) only maps fixed routes to these
// calls, so everything here is tested without a socket.
//
// Routes and their answers (JSON unless said otherwise; errors are
// {"error": "..."} with status 400, or 415 for a POST that is not TOML):
//   GET  /                 the page (text/html): the report template in serve mode,
//                          the same bytes whatever the evaluation (so a browser keeps
//                          it, revalidating by its ETag); it fetches /api/report
//   GET  /api/report       the report data (include/ringfence/report.hpp) of the
//                          current evaluation, with an ETag that changes with it
//   GET  /api/summary      the head of `check --format json` (ringfence, at, inputs,
//                          policies, summary) plus network counts
//   GET  /api/findings     ?rule=&status=&operator=&vendor=&domain=&site=&q=&offset=&limit=
//                          { total, offset, limit, findings: [ as in `check` ] }
//   GET  /api/exposure     ?by=operator,domain&measure=elements: as `exposure --format json`
//   GET  /api/sites        ?bbox=minlon,minlat,maxlon,maxlat&limit=
//                          { total, returned, truncated, sites: [ { site_id, operator,
//                          kind, lon, lat, vendor, findings, status } ] }
//   GET  /api/policies     { policies: [ { id, title, origin, toml } ] }
//   GET  /api/blast-radius ?vendor=V | element=ID | site=ID (one of them), zone_radius=M:
//                          as `blast-radius --format json`, plus site_marks: [[site
//                          index, observed 0/1, cut off 0/1], ...]
//   POST /api/evaluate     body: one policy (TOML). Replaces the policy with the same
//                          id, or adds it; evaluates again; answers as /api/summary.
//                          400 for a policy of more than kMaxRulesPerPolicy rules; 409
//                          when it would add more than kMaxAddedPolicies policies to
//                          those the server started with (replacing one is always
//                          possible), so no client can grow memory or evaluation
//                          time without limit.
//   GET  /api/plan         with `serve --plan`: the remediation plan of the current
//                          policies and crews, as the report data's "plan"; planned on
//                          the first request after an edit (so an edit is not slowed
//                          by planning), then kept; with an ETag. 404 without --plan
//   POST /api/crews        with `serve --plan`, body (application/json) {"crews": N}
//                          or {"crews": {"KT": 2, "*": 1}} (site visits per month per
//                          operator, * for the others): replaces the crews; answers
//                          {"crews": {operator: n, ...}}; the next /api/plan plans
//                          with them
//
// An edit evaluates only the edited policy: each policy's result is kept, and the
// current result is theirs merged (equal to evaluating all of them in one pass).
// What depends on the network alone (site equipment, exposure answers) is computed
// once.
//
// Thread safety: every call may run concurrently with any other. An evaluation
// builds a new immutable state and swaps it in; calls already running finish on the
// state they started with.
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "ringfence/bundle.hpp"
#include "ringfence/check.hpp"
#include "ringfence/http_encoding.hpp"
#include "ringfence/plan.hpp"

namespace ringfence {

namespace report {
struct SiteTable;
}
namespace analysis {
class SiteZoneCache;
}

// A policy with the TOML text it was read from (a preset's or a file's).
struct PolicySource {
  Policy policy;
  std::string text;
};
// As load_policy(), keeping the text.
PolicySource load_policy_source(const std::string& name_or_path);

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

// Query parameters, as decoded from the URL (a name may repeat).
using QueryParams = std::multimap<std::string, std::string>;

class ReportService {
 public:
  static constexpr std::size_t kDefaultFindingsLimit = 100, kMaxFindingsLimit = 1000;
  static constexpr std::size_t kDefaultSitesLimit = 1000, kMaxSitesLimit = 10000;
  static constexpr std::size_t kMaxAddedPolicies = 16, kMaxRulesPerPolicy = 100;

  // Evaluates the policies at `at` once; InputError propagates.
  ReportService(LoadedBundle bundle, std::string bundle_path, std::vector<PolicySource> policies,
                Days at, std::string page_template, unsigned threads = 0);
  ~ReportService();
  ReportService(const ReportService&) = delete;
  ReportService& operator=(const ReportService&) = delete;

  // The page and the report data, kept with their compressed forms and ETags.
  std::shared_ptr<const server::EncodedBody> page() const;
  std::shared_ptr<const server::EncodedBody> report_data() const;
  ApiResponse summary() const;
  ApiResponse findings(const QueryParams& params) const;
  ApiResponse exposure(const QueryParams& params) const;
  ApiResponse sites(const QueryParams& params) const;
  ApiResponse policies() const;
  ApiResponse blast_radius(const QueryParams& params) const;  // report_service_blast.cpp
  ApiResponse evaluate(std::string_view toml);

  // Planning (`serve --plan`; report_service_plan.cpp). Call before serving.
  void enable_planning(PlanOptions options);
  // GET /api/plan: the body, or (body null) the error to answer.
  struct CachedAnswer {
    std::shared_ptr<const server::EncodedBody> body;
    ApiResponse error;
  };
  CachedAnswer plan() const;
  ApiResponse set_crews(std::string_view json);

  const Network& network() const { return bundle_.network; }
  // Findings and overdue findings of the current evaluation.
  std::pair<std::size_t, std::size_t> counts() const;

 private:
  struct State;
  struct PolicyResult;
  std::shared_ptr<const State> current() const;
  std::shared_ptr<const PolicyResult> evaluate_one(PolicySource source) const;
  std::shared_ptr<const State> make_state(
      std::vector<std::shared_ptr<const PolicyResult>> parts) const;

  LoadedBundle bundle_;
  std::string bundle_path_;
  Days at_;
  std::string page_template_;
  unsigned threads_;
  std::vector<std::string> initial_ids_;                 // policies given at start
  std::unique_ptr<analysis::SiteZoneCache> zone_cache_;  // site-zone distances across edits
  std::shared_ptr<const report::SiteTable> equipment_;   // without findings
  std::shared_ptr<const server::EncodedBody> page_;
  mutable std::mutex exposure_mutex_;                          // guards exposure_cache_
  mutable std::map<std::string, std::string> exposure_cache_;  // "by|measure" -> body
  mutable std::mutex state_mutex_;  // guards state_ (the pointer, not the state)
  std::mutex evaluate_mutex_;       // one evaluation at a time
  std::shared_ptr<const State> state_;
  struct Planning;
  std::shared_ptr<Planning> planning_;  // null: serve without --plan
  std::vector<Policy> current_policies() const;
  std::shared_ptr<const void> current_token() const;  // changes with every evaluation
};

}  // namespace ringfence
