// TOML policy files into typed rules. Every refusal names the file, line, column,
// the rule and what was expected.
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "io/text_checks.hpp"
#include "policy/presets.hpp"
#include "ringfence/diagnostics.hpp"
#include "ringfence/network.hpp"
#include "ringfence/policy.hpp"
#include "ringfence/rule_kinds.hpp"

namespace ringfence {

namespace {

const std::set<std::string> kElementFilterKeys = {"operator", "domain",    "function", "technology",
                                                  "vendor",   "site_kind", "region"};

// Keys allowed on every rule, and per kind.
const std::set<std::string> kCommonKeys = {"id",    "kind",      "description", "source",
                                           "where", "effective", "deadline"};
// "a, b or c"
std::string kind_list() {
  const auto& kinds = rule_kinds();
  std::string out;
  for (std::size_t i = 0; i < kinds.size(); ++i)
    out += (i == 0 ? "" : i + 1 == kinds.size() ? " or " : ", ") + std::string(kinds[i].name);
  return out;
}

class PolicyParser {
 public:
  explicit PolicyParser(std::string name) : name_(std::move(name)) {}

  Policy parse(std::string_view text) {
    toml::table root;
    try {
      root = toml::parse(text, name_);
    } catch (const toml::parse_error& e) {
      fail(e.source().begin.line, e.source().begin.column,
           "bad TOML: " + std::string(e.description()));
    }
    Policy policy;
    policy.origin = name_;
    for (auto&& [key, node] : root) {
      const std::string k(key.str());
      if (k != "policy" && k != "vendors" && k != "rule")
        fail_at(node, "unknown top-level key '" + k + "' (expected [policy], [vendors], [[rule]])");
    }
    const toml::table* head = root["policy"].as_table();
    if (!head) fail(1, 1, "missing [policy] table (expected id, title, source)");
    for (auto&& [key, node] : *head) {
      const std::string k(key.str());
      if (k == "id")
        policy.id = string_of(node, "policy id");
      else if (k == "title")
        policy.title = string_of(node, "policy title");
      else if (k == "source")
        policy.source = string_of(node, "policy source");
      else if (k != "description")
        fail_at(node, "unknown key '" + k + "' in [policy] (expected id, title, source)");
    }
    if (policy.id.empty()) fail_at(*head, "[policy] has no id (expected id = \"...\")");
    if (const auto* sets = root["vendors"].as_table()) {
      for (auto&& [key, node] : *sets) sets_[std::string(key.str())] = &node;
    }
    if (auto* rules = root["rule"].node()) {
      const toml::array* arr = rules->as_array();
      if (!arr) fail_at(*rules, "'rule' must be an array of tables (write [[rule]])");
      std::set<std::string> ids;
      for (const auto& node : *arr) {
        const toml::table* t = node.as_table();
        if (!t) fail_at(node, "expected a [[rule]] table");
        Rule rule = parse_rule(*t);
        if (!ids.insert(rule.id).second)
          fail_at(*t, "duplicate rule id '" + rule.id + "' (expected unique ids in a policy)");
        policy.rules.push_back(std::move(rule));
      }
    }
    return policy;
  }

 private:
  [[noreturn]] void fail(std::size_t line, std::size_t column, std::string message) const {
    if (!rule_id_.empty()) message = "rule '" + rule_id_ + "': " + message;
    throw InputError(name_, line, column, std::move(message));
  }
  [[noreturn]] void fail_at(const toml::node& node, std::string message) const {
    fail(node.source().begin.line, node.source().begin.column, std::move(message));
  }

  std::string string_of(const toml::node& node, std::string_view what) const {
    if (auto s = node.value<std::string>()) return *s;
    fail_at(node, std::string(what) + ": expected a string");
  }
  double number_of(const toml::node& node, std::string_view what) const {
    if (auto d = node.value<double>()) return *d;
    fail_at(node, std::string(what) + ": expected a number");
  }
  Days date_of(const toml::node& node, std::string_view what) const {
    if (const auto* d = node.as_date()) {
      const toml::date v = d->get();
      if (auto days = parse_iso_date(format_date(v))) return *days;
    }
    if (auto s = node.value<std::string>())
      if (auto days = parse_iso_date(*s)) return *days;
    fail_at(node, std::string(what) + ": expected a date YYYY-MM-DD");
  }
  static std::string format_date(const toml::date& d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(d.year),
                  static_cast<int>(d.month), static_cast<int>(d.day));
    return buf;
  }
  std::vector<std::string> strings_of(const toml::node& node, std::string_view what) const {
    std::vector<std::string> out;
    if (auto s = node.value<std::string>()) {
      out.push_back(*s);
    } else if (const auto* arr = node.as_array()) {
      for (const auto& item : *arr) out.push_back(string_of(item, what));
      if (out.empty()) fail_at(node, std::string(what) + ": expected at least one value");
    } else {
      fail_at(node, std::string(what) + ": expected a string or a list of strings");
    }
    return out;
  }

  Filter filter_of(const toml::node& node, std::string_view what, bool element_keys) const {
    const toml::table* t = node.as_table();
    if (!t) fail_at(node, std::string(what) + ": expected a table such as { domain = \"ran\" }");
    Filter f;
    for (auto&& [key, value] : *t) {
      const std::string k(key.str());
      if (element_keys && !kElementFilterKeys.count(k))
        fail_at(value, std::string(what) + ": unknown key '" + k +
                           "' (expected operator, domain, function, technology, vendor, "
                           "site_kind or region)");
      auto values = strings_of(value, std::string(what) + "." + k);
      if (k == "domain" && element_keys) check_names(value, values, kDomainNames, "domain");
      if (k == "site_kind" && element_keys) check_names(value, values, kSiteKindNames, "site_kind");
      f.any_of[k] = std::move(values);
    }
    return f;
  }

  template <std::size_t N>
  void check_names(const toml::node& node, const std::vector<std::string>& values,
                   const std::array<std::string_view, N>& names, std::string_view what) const {
    for (const auto& v : values) {
      if (std::find(names.begin(), names.end(), v) == names.end()) {
        std::string list;
        for (auto n : names) list += (list.empty() ? "" : ", ") + std::string(n);
        fail_at(node, "unknown " + std::string(what) + " '" + v + "' (expected " + list + ")");
      }
    }
  }

  // "@set", "tag:x", a name, or a list of names and tags.
  void add_vendor_item(const toml::node& at, const std::string& item, VendorSpec& spec,
                       int depth) const {
    if (item.rfind("tag:", 0) == 0) {
      if (item.size() == 4) fail_at(at, "vendors: empty tag (expected tag:NAME)");
      spec.tags.push_back(item.substr(4));
    } else if (!item.empty() && item[0] == '@') {
      auto it = sets_.find(item.substr(1));
      if (it == sets_.end())
        fail_at(at, "vendor set '" + item + "' is not defined (expected a key in [vendors])");
      if (depth > 8) fail_at(at, "vendor set '" + item + "' refers to itself");
      for (const auto& name : strings_of(*it->second, "vendor set " + item))
        add_vendor_item(*it->second, name, spec, depth + 1);
    } else if (item.empty()) {
      fail_at(at, "vendors: empty name");
    } else {
      spec.names.push_back(item);
    }
  }
  VendorSpec vendors_of(const toml::node& node) const {
    VendorSpec spec;
    spec.all = false;
    for (const auto& item : strings_of(node, "vendors")) add_vendor_item(node, item, spec, 0);
    return spec;
  }

  double share_of(const toml::node& node, std::string_view what) const {
    const double v = number_of(node, what);
    if (!(v >= 0 && v <= 1))
      fail_at(node, std::string(what) + " " + std::to_string(v) + " is outside [0, 1]");
    return v;
  }

  Rule parse_rule(const toml::table& t) {
    rule_id_.clear();
    Rule rule;
    rule.line = t.source().begin.line;
    const toml::node* id = t.get("id");
    if (!id) fail_at(t, "rule has no id (expected id = \"...\")");
    rule.id = string_of(*id, "rule id");
    if (rule.id.empty() || rule.id.find('/') != std::string::npos)
      fail_at(*id, "rule id must be non-empty and contain no '/'");
    rule_id_ = rule.id;
    const toml::node* kind = t.get("kind");
    if (!kind) fail_at(t, "rule has no kind");
    const std::string kind_name = string_of(*kind, "kind");
    const RuleKindDescriptor* descriptor = find_rule_kind(kind_name, &rule.kind);
    if (!descriptor)
      fail_at(*kind, "unknown kind '" + kind_name + "' (expected " + kind_list() + ")");
    const std::set<std::string> allowed(descriptor->keys.begin(), descriptor->keys.end());
    for (auto&& [key, node] : t) {
      const std::string name(key.str());
      if (!kCommonKeys.count(name) && !allowed.count(name)) {
        std::string list;
        for (const auto& a : kCommonKeys) list += (list.empty() ? "" : ", ") + a;
        for (const auto& a : allowed) list += ", " + a;
        fail_at(node,
                "unknown key '" + name + "' for kind " + kind_name + " (expected " + list + ")");
      }
      if (name == "description")
        rule.description = string_of(node, name);
      else if (name == "source")
        rule.source = string_of(node, name);
      else if (name == "where")
        rule.where = filter_of(node, "where", true);
      else if (name == "effective")
        rule.effective = date_of(node, name);
      else if (name == "deadline")
        rule.deadline = date_of(node, name);
      else if (name == "after")
        rule.after = date_of(node, name);
      else if (name == "vendors")
        rule.vendors = vendors_of(node);
      else if (name == "per")
        rule.per = per_of(node);
      else if (name == "measure")
        rule.measure = measure_of(node);
      else if (name == "max_share")
        rule.max_share = share_of(node, name);
      else if (name == "max_single_share")
        rule.max_single_share = share_of(node, name);
      else if (name == "zones")
        rule.zones = filter_of(node, "zones", false);
      else if (name == "from_zones") {
        rule.from_zones = filter_of(node, "from_zones", false);
        rule.has_from_zones = true;
      } else if (name == "radius_m" || name == "from_radius_m") {
        const double r = number_of(node, name);
        if (!(r >= 0 && r <= 2.1e7)) fail_at(node, name + ": expected a distance in metres >= 0");
        (name == "radius_m" ? rule.radius_m : rule.from_radius_m) = r;
      } else if (name == "footprint") {
        const std::string f = string_of(node, name);
        if (f != "site" && f != "sector")
          fail_at(node, "footprint '" + f + "' (expected site or sector)");
        rule.footprint = f == "site" ? Footprint::kSite : Footprint::kSector;
      } else if (name == "min") {
        auto v = node.value<std::int64_t>();
        if (!v || *v < 1 || *v > 1000) fail_at(node, "min: expected a whole number >= 1");
        rule.min = static_cast<int>(*v);
      } else if (name == "attributes") {
        const toml::table* attrs = node.as_table();
        if (!attrs || attrs->empty())
          fail_at(node, "attributes: expected a table such as { certified = true }");
        for (auto&& [akey, aval] : *attrs) {
          std::string expected;
          if (auto b = aval.value_exact<bool>())
            expected = *b ? "true" : "false";
          else if (auto s = aval.value_exact<std::string>())
            expected = *s;
          else if (auto i = aval.value_exact<std::int64_t>())
            expected = std::to_string(*i);
          else if (aval.is_date())
            expected = format_date(aval.as_date()->get());
          else
            fail_at(aval, "attribute value: expected a boolean, string, integer or date");
          rule.attributes.emplace_back(std::string(akey.str()),
                                       normalise_attribute_value(expected));
        }
      } else if (name == "from")
        rule.from = filter_of(node, "from", true);
      else if (name == "through")
        rule.through = filter_of(node, "through", true);
    }
    require_parameters(t, rule);
    return rule;
  }

  std::vector<GroupKey> per_of(const toml::node& node) const {
    std::vector<GroupKey> keys;
    for (const auto& name : strings_of(node, "per")) {
      auto key = parse_group_key(name);
      if (!key)
        fail_at(node, "per: unknown key '" + name +
                          "' (expected operator, region, technology or domain)");
      if (std::find(keys.begin(), keys.end(), *key) != keys.end())
        fail_at(node, "per: '" + name + "' given twice");
      keys.push_back(*key);
    }
    return keys;
  }
  Measure measure_of(const toml::node& node) const {
    const std::string name = string_of(node, "measure");
    auto m = parse_measure(name);
    if (!m)
      fail_at(node, "measure '" + name + "' (expected elements, sites, traffic or population)");
    return *m;
  }

  void require_parameters(const toml::table& t, const Rule& rule) const {
    for (const RequiredKey& r : rule_kind(rule.kind).required) {
      if (t.get(r.key)) continue;
      if (r.when.empty())
        fail_at(t, "missing '" + std::string(r.key) + "' (" + std::string(r.what) + ")");
      else if (t.get(r.when))
        fail_at(t, std::string(r.when) + " needs " + std::string(r.key) + " (" +
                       std::string(r.what) + ")");
    }
    if (rule.deadline != kNoDate && rule.effective != kNoDate && rule.deadline < rule.effective)
      fail_at(t, "deadline is before effective");
  }

  std::string name_;
  std::string rule_id_;
  std::map<std::string, const toml::node*> sets_;
};

}  // namespace

std::string normalise_attribute_value(std::string_view value) {
  std::string lower;
  for (char c : value) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower == "true" || lower == "yes" || lower == "y" || lower == "1") return "true";
  if (lower == "false" || lower == "no" || lower == "n" || lower == "0") return "false";
  return std::string(value);
}

Policy parse_policy(std::string_view toml_text, const std::string& display_name) {
  return PolicyParser(display_name).parse(toml_text);
}

Policy load_policy(const std::string& name_or_path) {
  if (const std::string_view* text = find_preset(name_or_path)) {
    Policy p = parse_policy(*text, "preset " + name_or_path);
    p.origin = "preset:" + name_or_path;
    return p;
  }
  std::error_code ec;
  if (!std::filesystem::exists(name_or_path, ec)) {
    std::string names;
    for (const auto& p : list_presets()) names += (names.empty() ? "" : ", ") + p.id;
    throw InputError(name_or_path, 0, 0, "no such policy file or preset (presets: " + names + ")");
  }
  const std::string text = io::read_whole_file(name_or_path, name_or_path);
  if (auto bad = io::find_invalid_utf8(text))
    throw InputError(name_or_path, bad->line, bad->column, "invalid UTF-8 (expected UTF-8 TOML)");
  return parse_policy(text, name_or_path);
}

std::vector<PresetInfo> list_presets() {
  std::vector<PresetInfo> out;
  for (const auto& [id, text] : preset_texts()) {
    Policy p = parse_policy(text, "preset " + std::string(id));
    out.push_back({p.id, p.title, p.source, p.rules.size()});
  }
  return out;
}

}  // namespace ringfence
