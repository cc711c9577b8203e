// The web API of `ringfence serve` (routes in include/ringfence/report_service.hpp).
#include "ringfence/report_service.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "analysis/site_zone_cache.hpp"
#include "io/text_checks.hpp"
#include "output/check_json.hpp"
#include "output/json_writer.hpp"
#include "policy/presets.hpp"
#include "report/merge_results.hpp"
#include "report/site_table.hpp"
#include "ringfence/exposure_output.hpp"
#include "ringfence/report.hpp"

namespace ringfence {

namespace {

using output::JsonWriter;

// A request the API refuses: the status and a message saying what was expected.
struct ApiError : std::runtime_error {
  ApiError(int status, const std::string& message) : std::runtime_error(message), status(status) {}
  int status;
};

ApiResponse json_response(std::string body, int status = 200) {
  return {status, "application/json", std::move(body)};
}

ApiResponse error_response(int status, std::string_view message) {
  std::string body;
  JsonWriter w(body, false);
  w.begin_object().field("error", message).end_object();
  return json_response(std::move(body), status);
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string joined(const std::vector<std::string>& items, std::size_t max_items = 30) {
  std::string out;
  for (std::size_t i = 0; i < items.size() && i < max_items; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > max_items) out += ", ...";
  return out;
}

// The query parameters of one route: unknown names and repeated names are refused.
class Params {
 public:
  Params(const QueryParams& query, std::initializer_list<const char*> allowed) {
    std::vector<std::string> names(allowed.begin(), allowed.end());
    for (const auto& [name, value] : query) {
      if (std::find(names.begin(), names.end(), name) == names.end())
        throw ApiError(400, "unknown parameter '" + name + "' (expected " + joined(names) + ")");
      if (!values_.emplace(name, value).second)
        throw ApiError(400, "parameter '" + name + "' given more than once");
    }
  }
  // The value, or nullptr when absent or empty.
  const std::string* get(const std::string& name) const {
    auto it = values_.find(name);
    return it == values_.end() || it->second.empty() ? nullptr : &it->second;
  }

 private:
  std::map<std::string, std::string> values_;
};

std::size_t parse_count(const Params& p, const char* name, std::size_t fallback, std::size_t min,
                        std::size_t max) {
  const std::string* text = p.get(name);
  if (!text) return fallback;
  std::size_t value = 0;
  const char* end = text->data() + text->size();
  auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end || value < min || value > max)
    throw ApiError(400, std::string(name) + " '" + *text + "' is not a whole number from " +
                            std::to_string(min) + " to " + std::to_string(max));
  return value;
}

double parse_degrees(std::string_view text, const char* what, double limit) {
  double value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value) ||
      std::abs(value) > limit)
    throw ApiError(400, "bbox " + std::string(what) + " '" + std::string(text) +
                            "' is not a number from -" + std::to_string(static_cast<int>(limit)) +
                            " to " + std::to_string(static_cast<int>(limit)));
  return value;
}

std::string_view site_status_name(std::uint8_t status) {
  return status == 2 ? "overdue" : status == 1 ? "due" : "none";
}

}  // namespace

PolicySource load_policy_source(const std::string& name_or_path) {
  PolicySource source;
  source.policy = load_policy(name_or_path);
  if (const std::string_view* preset = find_preset(name_or_path))
    source.text = std::string(*preset);
  else
    source.text = io::read_whole_file(name_or_path, name_or_path);
  return source;
}

// One policy evaluated alone, with its text.
struct ReportService::PolicyResult {
  PolicySource source;
  CheckResult result;
};

struct ReportService::State {
  std::vector<std::shared_ptr<const PolicyResult>> parts;
  CheckResult result;  // the parts' results merged
  report::SiteTable sites;
  std::string summary;
  mutable std::once_flag data_once;
  mutable std::shared_ptr<const server::EncodedBody> data;
};

// The page in serve mode holds no evaluation: it fetches the data from the API, so
// it is the same for every evaluation and a browser keeps it.
constexpr std::string_view kServePageData =
    R"({"format":"ringfence-report","version":1,"mode":"serve","data_url":"api/report"})";

ReportService::ReportService(LoadedBundle bundle, std::string bundle_path,
                             std::vector<PolicySource> policies, Days at, std::string page_template,
                             unsigned threads)
    : bundle_(std::move(bundle)),
      bundle_path_(std::move(bundle_path)),
      at_(at),
      page_template_(std::move(page_template)),
      threads_(threads) {
  page_ = std::make_shared<const server::EncodedBody>(
      "text/html; charset=utf-8", render_report_html(page_template_, kServePageData));
  // Before any evaluation: zone rules keep their site distances here.
  zone_cache_ = std::make_unique<analysis::SiteZoneCache>(bundle_.network);
  equipment_ =
      std::make_shared<const report::SiteTable>(report::build_site_equipment(bundle_.network));
  std::vector<std::shared_ptr<const PolicyResult>> parts;
  for (auto& p : policies) {
    initial_ids_.push_back(p.policy.id);
    parts.push_back(evaluate_one(std::move(p)));
  }
  state_ = make_state(std::move(parts));
}

ReportService::~ReportService() = default;

std::shared_ptr<const ReportService::State> ReportService::current() const {
  std::lock_guard lock(state_mutex_);
  return state_;
}

std::shared_ptr<const ReportService::PolicyResult> ReportService::evaluate_one(
    PolicySource source) const {
  auto part = std::make_shared<PolicyResult>();
  part->result = ringfence::evaluate(bundle_.network, {source.policy}, at_, threads_);
  part->source = std::move(source);
  return part;
}

std::shared_ptr<const ReportService::State> ReportService::make_state(
    std::vector<std::shared_ptr<const PolicyResult>> parts) const {
  auto state = std::make_shared<State>();
  std::vector<const CheckResult*> results;
  for (const auto& p : parts) results.push_back(&p->result);
  state->result = report::merge_results(results);
  state->parts = std::move(parts);
  state->sites = *equipment_;
  report::count_site_findings(bundle_.network, state->result, state->sites);
  const Network& net = bundle_.network;
  JsonWriter w(state->summary, false);
  w.begin_object();
  output::write_check_preamble(w, state->result, {bundle_path_, bundle_.files});
  w.key("network").begin_object();
  w.field("sites", net.sites.size()).field("elements", net.elements.size());
  w.field("links", net.links.size()).field("zones", net.zones.size());
  w.end_object().end_object();
  return state;
}

std::vector<Policy> ReportService::current_policies() const {
  std::vector<Policy> out;
  for (const auto& part : current()->parts) out.push_back(part->source.policy);
  return out;
}

std::shared_ptr<const void> ReportService::current_token() const {
  return current();
}

std::pair<std::size_t, std::size_t> ReportService::counts() const {
  const auto state = current();
  return {state->result.findings.size(), state->result.overdue};
}

std::shared_ptr<const server::EncodedBody> ReportService::page() const {
  return page_;
}

std::shared_ptr<const server::EncodedBody> ReportService::report_data() const {
  const auto state = current();
  std::call_once(state->data_once, [&] {
    ReportOptions options;
    options.serve_mode = true;
    options.plan_url = planning_ != nullptr;
    state->data = std::make_shared<const server::EncodedBody>(
        "application/json",
        build_report_data(bundle_.network, state->result, {bundle_path_, bundle_.files}, options));
  });
  return state->data;
}

ApiResponse ReportService::summary() const {
  return json_response(current()->summary);
}

ApiResponse ReportService::findings(const QueryParams& query) const try {
  const auto state = current();
  const Network& net = bundle_.network;
  const CheckResult& r = state->result;
  const Params p(
      query, {"rule", "status", "operator", "vendor", "domain", "site", "q", "offset", "limit"});
  const std::size_t offset = parse_count(p, "offset", 0, 0, SIZE_MAX / 2);
  const std::size_t limit = parse_count(p, "limit", kDefaultFindingsLimit, 1, kMaxFindingsLimit);

  std::uint32_t rule = kNoRow;
  if (const std::string* v = p.get("rule")) {
    std::vector<std::string> ids;
    for (std::uint32_t i = 0; i < r.rules.size(); ++i) {
      if (r.rules[i].rule_id == *v) rule = i;
      ids.push_back(r.rules[i].rule_id);
    }
    if (rule == kNoRow)
      throw ApiError(400, "unknown rule '" + *v + "' (expected " + joined(ids) + ")");
  }
  int status = -1;
  if (const std::string* v = p.get("status")) {
    if (*v == "due")
      status = static_cast<int>(Status::kDue);
    else if (*v == "overdue")
      status = static_cast<int>(Status::kOverdue);
    else
      throw ApiError(400, "status '" + *v + "' is not due or overdue");
  }
  const std::string* op = p.get("operator");
  if (op) {
    std::vector<std::string> names;
    bool found = false;
    for (std::uint32_t s = 0; s < net.sites.size() && !found; ++s)
      found = net.site_operator(s) == *op;
    if (!found) {
      for (std::uint32_t s = 0; s < net.sites.size(); ++s)
        if (std::find(names.begin(), names.end(), net.site_operator(s)) == names.end())
          names.emplace_back(net.site_operator(s));
      std::sort(names.begin(), names.end());
      throw ApiError(400, "unknown operator '" + *op + "' (expected " + joined(names) + ")");
    }
  }
  std::uint32_t vendor = kNoRow;
  if (const std::string* v = p.get("vendor")) {
    vendor = net.vendors.resolve(*v);
    if (vendor == VendorRegistry::kNone || state->sites.vendor_index[vendor] == report::kNoVendor) {
      std::vector<std::string> names;
      for (std::uint32_t id : state->sites.vendors) names.push_back(net.vendors.get(id).name);
      throw ApiError(400, "vendor '" + *v + "' has no equipment in this network (expected " +
                              joined(names) + ")");
    }
  }
  int domain = -1;
  if (const std::string* v = p.get("domain")) {
    for (std::size_t i = 0; i < kDomainNames.size(); ++i)
      if (kDomainNames[i] == *v) domain = static_cast<int>(i);
    if (domain < 0)
      throw ApiError(400, "domain '" + *v + "' is not ran, transport, core, oss or other");
  }
  std::uint32_t site = kNoRow;
  if (const std::string* v = p.get("site")) {
    site = net.sites.id.find(*v);
    if (site == IdColumn::kNotFound) throw ApiError(400, "no site '" + *v + "' in the bundle");
  }
  const std::string* q = p.get("q");
  const std::string needle = q ? lower(*q) : std::string();

  auto group_value_of = [&](const Finding& f, GroupKey key) -> const std::string* {
    const Rule& rr = rule_of(r, r.rules[f.rule]);
    for (std::size_t i = 0; i < rr.per.size(); ++i)
      if (rr.per[i] == key) return &f.group[i];
    return nullptr;
  };
  auto matches = [&](const Finding& f) {
    if (rule != kNoRow && f.rule != rule) return false;
    if (status >= 0 && static_cast<int>(f.status) != status) return false;
    const bool element = f.element != kNoRow;
    if (op) {
      if (element) {
        if (net.site_operator(net.elements.site[f.element]) != *op) return false;
      } else {
        const std::string* g = group_value_of(f, GroupKey::kOperator);
        if (!g || *g != *op) return false;
      }
    }
    if (vendor != kNoRow && (element ? net.elements.vendor[f.element] : f.vendor) != vendor)
      return false;
    if (domain >= 0) {
      if (element) {
        if (static_cast<int>(net.elements.domain[f.element]) != domain) return false;
      } else {
        const std::string* g = group_value_of(f, GroupKey::kDomain);
        if (!g || *g != kDomainNames[domain]) return false;
      }
    }
    if (site != kNoRow && (!element || net.elements.site[f.element] != site)) return false;
    if (!needle.empty()) {
      std::string text = explain(net, r, f);
      if (element) {
        text += ' ';
        text += net.elements.id.get(f.element);
        text += ' ';
        text += net.sites.id.get(net.elements.site[f.element]);
      }
      text += ' ';
      text += r.rules[f.rule].rule_id;
      if (lower(text).find(needle) == std::string::npos) return false;
    }
    return true;
  };

  std::string body;
  JsonWriter w(body, false);
  std::size_t total = 0;
  std::vector<const Finding*> page;
  for (const auto& f : r.findings) {
    if (!matches(f)) continue;
    if (total >= offset && page.size() < limit) page.push_back(&f);
    ++total;
  }
  w.begin_object().field("total", total).field("offset", offset).field("limit", limit);
  w.key("findings").begin_array();
  for (const Finding* f : page) output::write_finding_json(w, net, r, *f);
  w.end_array().end_object();
  return json_response(std::move(body));
} catch (const ApiError& e) {
  return error_response(e.status, e.what());
}

ApiResponse ReportService::exposure(const QueryParams& query) const try {
  const Params p(query, {"by", "measure"});
  std::vector<GroupKey> by{GroupKey::kOperator};
  if (const std::string* v = p.get("by")) {
    try {
      by = parse_group_keys(*v, "by");
    } catch (const std::invalid_argument& e) {
      throw ApiError(400, e.what());
    }
  }
  Measure measure = Measure::kElements;
  if (const std::string* v = p.get("measure")) {
    const auto m = parse_measure(*v);
    if (!m)
      throw ApiError(400, "measure '" + *v + "' is not elements, sites, traffic or population");
    measure = *m;
  }
  // The network does not change, so neither do its exposure answers: each is kept
  // (at most kMaxCachedExposures of them; the keys are few).
  constexpr std::size_t kMaxCachedExposures = 64;
  std::string key;
  for (GroupKey k : by) key += std::to_string(static_cast<int>(k)) + ",";
  key += "|" + std::to_string(static_cast<int>(measure));
  {
    std::lock_guard lock(exposure_mutex_);
    if (auto it = exposure_cache_.find(key); it != exposure_cache_.end())
      return json_response(it->second);
  }
  std::string body =
      render_exposure_json(bundle_.network, compute_exposure(bundle_.network, by, measure));
  std::lock_guard lock(exposure_mutex_);
  if (exposure_cache_.size() < kMaxCachedExposures) exposure_cache_.emplace(key, body);
  return json_response(std::move(body));
} catch (const ApiError& e) {
  return error_response(e.status, e.what());
}

ApiResponse ReportService::sites(const QueryParams& query) const try {
  const auto state = current();
  const Network& net = bundle_.network;
  const Params p(query, {"bbox", "limit"});
  const std::size_t limit = parse_count(p, "limit", kDefaultSitesLimit, 1, kMaxSitesLimit);
  double box[4] = {-180, -90, 180, 90};
  if (const std::string* v = p.get("bbox")) {
    std::vector<std::string_view> parts;
    std::string_view rest = *v;
    while (true) {
      const std::size_t comma = rest.find(',');
      parts.push_back(rest.substr(0, comma));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    if (parts.size() != 4)
      throw ApiError(400, "bbox '" + *v + "' is not minlon,minlat,maxlon,maxlat");
    static constexpr const char* kNames[] = {"minlon", "minlat", "maxlon", "maxlat"};
    for (int i = 0; i < 4; ++i) box[i] = parse_degrees(parts[i], kNames[i], i % 2 ? 90 : 180);
    if (box[0] > box[2] || box[1] > box[3])
      throw ApiError(400, "bbox '" + *v +
                              "': minlon must not exceed maxlon, nor minlat maxlat (a box "
                              "across the antimeridian is two requests)");
  }
  const report::SiteTable& t = state->sites;
  std::string body;
  JsonWriter w(body, false);
  std::size_t total = 0, returned = 0;
  std::string list;
  JsonWriter lw(list, false);
  lw.begin_array();
  for (std::uint32_t s = 0; s < net.sites.size(); ++s) {
    const double lon = net.sites.lon[s], lat = net.sites.lat[s];
    if (lon < box[0] || lon > box[2] || lat < box[1] || lat > box[3]) continue;
    ++total;
    if (returned == limit) continue;
    ++returned;
    lw.begin_object().field("site_id", net.sites.id.get(s)).field("operator", net.site_operator(s));
    lw.field("kind", kSiteKindNames[static_cast<int>(net.sites.kind[s])]);
    lw.field("lon", lon).field("lat", lat).key("vendor");
    if (t.dominant[s] == report::kNoVendor)
      lw.null();
    else
      lw.value(net.vendors.get(t.vendors[t.dominant[s]]).name);
    lw.field("findings", std::size_t{t.findings[s]}).field("status", site_status_name(t.status[s]));
    lw.end_object();
  }
  lw.end_array();
  w.begin_object().field("total", total).field("returned", returned);
  w.field("truncated", returned < total).key("sites");
  body += list;
  body += '}';
  return json_response(std::move(body));
} catch (const ApiError& e) {
  return error_response(e.status, e.what());
}

ApiResponse ReportService::policies() const {
  const auto state = current();
  std::string body;
  JsonWriter w(body, false);
  w.begin_object().key("policies").begin_array();
  for (const auto& part : state->parts) {
    const PolicySource& s = part->source;
    w.begin_object().field("id", s.policy.id).field("title", s.policy.title);
    w.field("origin", s.policy.origin).field("toml", s.text).end_object();
  }
  w.end_array().end_object();
  return json_response(std::move(body));
}

ApiResponse ReportService::evaluate(std::string_view toml) {
  if (auto bad = io::find_invalid_utf8(toml))
    return error_response(400, "request body:" + std::to_string(bad->line) + ":" +
                                   std::to_string(bad->column) +
                                   ": invalid UTF-8 (expected UTF-8 TOML)");
  PolicySource source;
  try {
    source.policy = parse_policy(toml, "request body");
  } catch (const InputError& e) {
    std::string message;
    for (const auto& d : e.diagnostics().errors())
      message += (message.empty() ? "" : "\n") + d.to_string();
    return error_response(400, message.empty() ? std::string(e.what()) : message);
  }
  source.policy.origin = "edited in the web UI";
  source.text = std::string(toml);
  if (source.policy.rules.size() > kMaxRulesPerPolicy)
    return error_response(400, "the policy has " + std::to_string(source.policy.rules.size()) +
                                   " rules; a policy edited here may hold at most " +
                                   std::to_string(kMaxRulesPerPolicy));

  std::lock_guard evaluating(evaluate_mutex_);
  std::vector<std::shared_ptr<const PolicyResult>> parts = current()->parts;
  auto same = std::find_if(parts.begin(), parts.end(),
                           [&](const auto& p) { return p->source.policy.id == source.policy.id; });
  if (same == parts.end()) {
    std::size_t added = 0;
    for (const auto& p : parts)
      if (std::find(initial_ids_.begin(), initial_ids_.end(), p->source.policy.id) ==
          initial_ids_.end())
        ++added;
    if (added >= kMaxAddedPolicies)
      return error_response(
          409, "this server already holds " + std::to_string(added) +
                   " policies added in the web UI, the most it keeps; edit one of them (the "
                   "same [policy] id) instead of adding policy '" +
                   source.policy.id + "'");
  }
  std::shared_ptr<const State> next;
  try {
    auto part = evaluate_one(std::move(source));
    if (same != parts.end())
      *same = std::move(part);
    else
      parts.push_back(std::move(part));
    next = make_state(std::move(parts));
  } catch (const InputError& e) {
    return error_response(400, e.what());
  }
  {
    std::lock_guard lock(state_mutex_);
    state_ = next;
  }
  return json_response(next->summary);
}

}  // namespace ringfence
