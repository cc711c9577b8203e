// ReportService planning: GET /api/plan and POST /api/crews of `ringfence serve --plan`.
//
// The plan is made on request, not on every edit: planning a national network takes
// seconds, and an edit should answer at once. The answer is kept for the evaluation
// and crews it was made for; concurrent requests wait for one planning.
#include <nlohmann/json.hpp>

#include "output/json_writer.hpp"
#include "report/plan_data.hpp"
#include "ringfence/report_service.hpp"

namespace ringfence {

namespace {

constexpr int kMaxCrews = 100000;

ApiResponse plan_error(int status, std::string_view message) {
  std::string body;
  output::JsonWriter w(body, false);
  w.begin_object().field("error", message).end_object();
  return {status, "application/json", std::move(body)};
}

std::string operators_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

struct ReportService::Planning {
  std::mutex mutex;  // one planning at a time; guards everything below
  PlanOptions options;
  std::uint64_t crews_version = 0;
  std::shared_ptr<const void> planned_for;  // the evaluation the kept plan is of
  std::uint64_t planned_crews = 0;
  std::shared_ptr<const server::EncodedBody> body;
};

void ReportService::enable_planning(PlanOptions options) {
  planning_ = std::make_shared<Planning>();
  planning_->options = std::move(options);
}

ReportService::CachedAnswer ReportService::plan() const {
  if (!planning_)
    return {nullptr, plan_error(404,
                                "this server does not plan: start it with `ringfence serve "
                                "--plan` (and --crews, --costs, ... as for `plan`)")};
  Planning& p = *planning_;
  std::lock_guard lock(p.mutex);
  const auto token = current_token();
  if (p.body && p.planned_for == token && p.planned_crews == p.crews_version) return {p.body, {}};
  try {
    const Plan plan = make_plan(bundle_.network, current_policies(), p.options);
    std::string json;
    output::JsonWriter w(json, false);
    report::write_plan_data(w, bundle_.network, plan);
    p.body = std::make_shared<const server::EncodedBody>("application/json", std::move(json));
    p.planned_for = token;
    p.planned_crews = p.crews_version;
  } catch (const InputError& e) {
    return {nullptr, plan_error(400, e.what())};
  }
  return {p.body, {}};
}

ApiResponse ReportService::set_crews(std::string_view body) {
  if (!planning_) return plan().error;
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(body);
  } catch (const nlohmann::json::exception& e) {
    return plan_error(400, std::string("request body is not JSON: ") + e.what());
  }
  auto count = [](const nlohmann::json& v, const std::string& what) -> int {
    if (!v.is_number_integer() || v.get<long long>() < 1 || v.get<long long>() > kMaxCrews)
      throw std::invalid_argument(what +
                                  " must be a whole number of site visits per month from 1 to " +
                                  std::to_string(kMaxCrews));
    return static_cast<int>(v.get<long long>());
  };
  if (!doc.is_object() || !doc.contains("crews") || doc.size() != 1)
    return plan_error(400, R"(expected {"crews": N} or {"crews": {"OPERATOR": N, "*": N}})");
  std::vector<std::string> operators;
  for (std::uint32_t s = 0; s < bundle_.network.sites.size(); ++s) {
    const std::string op(bundle_.network.site_operator(s));
    if (std::find(operators.begin(), operators.end(), op) == operators.end())
      operators.push_back(op);
  }
  std::sort(operators.begin(), operators.end());
  CrewTable crews;
  try {
    const nlohmann::json& c = doc["crews"];
    if (c.is_object()) {
      for (const auto& [op, n] : c.items()) {
        if (op == "*") {
          crews.default_crews = count(n, "crews for *");
        } else if (std::find(operators.begin(), operators.end(), op) == operators.end()) {
          return plan_error(400, "no operator '" + op + "' in the bundle (expected " +
                                     operators_list(operators) + " or *)");
        } else {
          crews.per_operator[op] = count(n, "crews for " + op);
        }
      }
    } else {
      crews.default_crews = count(c, "crews");
    }
  } catch (const std::invalid_argument& e) {
    return plan_error(400, e.what());
  }
  std::string answer;
  {
    Planning& p = *planning_;
    std::lock_guard lock(p.mutex);
    p.options.crews = crews;
    ++p.crews_version;
  }
  output::JsonWriter w(answer, false);
  w.begin_object().key("crews").begin_object();
  for (const auto& op : operators) w.field(op, static_cast<std::size_t>(crews.crews(op)));
  w.end_object().end_object();
  return {200, "application/json", std::move(answer)};
}

}  // namespace ringfence
