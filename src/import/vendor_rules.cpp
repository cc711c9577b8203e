// Vendor rules TOML -> VendorRules; matching and the seeded draw.
#include "import/vendor_rules.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "io/toml_file.hpp"
#include "ringfence/diagnostics.hpp"

namespace ringfence::import {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

[[noreturn]] void fail(const std::string& path, const toml::node& node, const std::string& msg) {
  const auto& src = node.source().begin;
  throw InputError(path, src.line, src.column, msg);
}

// A string or a list of strings.
std::vector<std::string> strings(const std::string& path, const toml::node& node,
                                 const std::string& what) {
  std::vector<std::string> out;
  if (const auto* s = node.as_string()) {
    out.push_back(s->get());
  } else if (const auto* a = node.as_array()) {
    for (const auto& item : *a) {
      const auto* s2 = item.as_string();
      if (!s2) fail(path, item, what + ": expected a string");
      out.push_back(s2->get());
    }
  } else {
    fail(path, node, what + ": expected a string or a list of strings");
  }
  return out;
}

Days date(const std::string& path, const toml::node& node, const std::string& what) {
  if (const auto* d = node.as_date()) {
    const auto& v = d->get();
    return days_from_civil(v.year, v.month, v.day);
  }
  if (const auto* s = node.as_string())
    if (auto parsed = parse_iso_date(s->get())) return *parsed;
  fail(path, node, what + ": expected a date YYYY-MM-DD");
}

std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

VendorRules load_vendor_rules(const std::string& path) {
  const toml::table doc = io::parse_toml_file(path);
  VendorRules out;
  out.path = path;
  for (const auto& [key, node] : doc) {
    if (key.str() != "assignment" && key.str() != "rule")
      fail(path, node,
           "unknown key '" + std::string(key.str()) + "' (expected [assignment] or [[rule]])");
  }
  if (const auto* a = doc["assignment"].as_table()) {
    for (const auto& [key, node] : *a) {
      if (key.str() == "seed") {
        const auto* i = node.as_integer();
        if (!i || i->get() < 0) fail(path, node, "seed: expected a whole number >= 0");
        out.seed = static_cast<std::uint64_t>(i->get());
      } else if (key.str() != "description" && key.str() != "source") {
        fail(path, node,
             "unknown key '" + std::string(key.str()) +
                 "' in [assignment] (expected seed, description, source)");
      }
    }
  }
  const auto* rules = doc["rule"].as_array();
  if (!rules || rules->empty()) throw InputError(path, 0, 0, "no rules (expected [[rule]] tables)");
  std::set<std::string> ids;
  for (const auto& item : *rules) {
    const auto* t = item.as_table();
    if (!t) fail(path, item, "a rule must be a table");
    VendorRule r;
    for (const auto& [key, node] : *t) {
      const std::string k(key.str());
      if (k == "id") {
        const auto* s = node.as_string();
        if (!s || s->get().empty()) fail(path, node, "id: expected a non-empty string");
        r.id = s->get();
      } else if (k == "operator") {
        r.operators = strings(path, node, k);
      } else if (k == "region") {
        r.regions = strings(path, node, k);
      } else if (k == "technology") {
        for (auto& s : strings(path, node, k)) {
          std::transform(s.begin(), s.end(), s.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
          r.technologies.push_back(s);
        }
      } else if (k == "installed_from") {
        r.installed_from = date(path, node, k);
      } else if (k == "installed_to") {
        r.installed_to = date(path, node, k);
      } else if (k == "source") {
        const auto* s = node.as_string();
        if (!s) fail(path, node, "source: expected a string");
        r.source = s->get();
      } else if (k == "vendors") {
        const auto* v = node.as_table();
        if (!v || v->empty()) fail(path, node, "vendors: expected { Vendor = share, ... }");
        std::vector<std::pair<std::string, double>> shares;
        for (const auto& [name, share] : *v) {
          const auto x = share.value<double>();
          if (!x || !(*x > 0) || *x > 1)
            fail(path, share,
                 "vendors." + std::string(name.str()) + ": expected a share in (0, 1]");
          shares.emplace_back(std::string(name.str()), *x);
        }
        std::sort(shares.begin(), shares.end());
        double sum = 0;
        for (const auto& [name, share] : shares) {
          sum += share;
          r.vendors.push_back(name);
          r.cumulative.push_back(sum);
        }
        if (std::abs(sum - 1) > 1e-6)
          fail(path, node, "vendors: shares sum to " + std::to_string(sum) + " (expected 1)");
        r.cumulative.back() = 1;
      } else {
        fail(path, node,
             "unknown key '" + k +
                 "' (expected id, operator, region, technology, installed_from, installed_to, "
                 "vendors, source)");
      }
    }
    if (r.id.empty()) fail(path, item, "a rule needs an id");
    if (!ids.insert(r.id).second) fail(path, item, "duplicate rule id '" + r.id + "'");
    if (r.vendors.empty()) fail(path, item, "rule '" + r.id + "' needs vendors");
    if (r.installed_from != kNoDate && r.installed_to != kNoDate &&
        r.installed_from > r.installed_to)
      fail(path, item, "rule '" + r.id + "': installed_from is after installed_to");
    out.rules.push_back(std::move(r));
  }
  return out;
}

namespace {
bool any_of(const std::vector<std::string>& list, std::string_view value) {
  if (list.empty()) return true;
  for (const auto& v : list)
    if (iequals(v, value)) return true;
  return false;
}
}  // namespace

bool matches_site(const VendorRule& r, std::string_view operator_name, std::string_view region) {
  return any_of(r.operators, operator_name) && any_of(r.regions, region);
}

bool matches_cell(const VendorRule& r, std::string_view technology, Days installed) {
  if (!any_of(r.technologies, technology)) return false;
  if (r.installed_from != kNoDate && (installed == kNoDate || installed < r.installed_from))
    return false;
  if (r.installed_to != kNoDate && (installed == kNoDate || installed > r.installed_to))
    return false;
  return true;
}

int match_rule(const VendorRules& rules, std::string_view operator_name, std::string_view region,
               std::string_view technology, Days installed) {
  for (std::size_t i = 0; i < rules.rules.size(); ++i)
    if (matches_site(rules.rules[i], operator_name, region) &&
        matches_cell(rules.rules[i], technology, installed))
      return static_cast<int>(i);
  return -1;
}

std::size_t pick_vendor(const VendorRules& rules, const VendorRule& rule, std::uint64_t site,
                        std::uint8_t technology) {
  const std::uint64_t h =
      mix64(mix64(rules.seed ^ 0x5ce11a55ULL) ^ mix64(site * 8 + technology + 1));
  const double u = static_cast<double>(h >> 11) * 0x1.0p-53;
  for (std::size_t i = 0; i < rule.cumulative.size(); ++i)
    if (u < rule.cumulative[i]) return i;
  return rule.cumulative.size() - 1;
}

}  // namespace ringfence::import
