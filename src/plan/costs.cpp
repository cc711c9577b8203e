// Unit prices (costs TOML), crews (a number or a CSV) and fixed replacement vendors
// (CSV): the planner's inputs beside the bundle and the policies. Every error names
// file:line:column and what was expected.
#include <toml++/toml.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "builtin_costs.hpp"
#include "io/csv_reader.hpp"
#include "io/fields.hpp"
#include "ringfence/diagnostics.hpp"
#include "ringfence/plan.hpp"

namespace ringfence {

namespace {

std::string read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, 0, "cannot read the file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

[[noreturn]] void fail_at(const std::string& file, const toml::node& node, std::string message) {
  throw InputError(file, node.source().begin.line, node.source().begin.column, std::move(message));
}

double price_of(const std::string& file, const toml::node& node, const char* what) {
  const auto value = node.value<double>();
  if (!value || !std::isfinite(*value) || *value < 0)
    fail_at(file, node, std::string(what) + " must be a number >= 0");
  return *value;
}

bool known_domain(std::string_view d) {
  for (auto name : kDomainNames)
    if (name == d) return true;
  return false;
}

}  // namespace

double CostTable::element_cost(const Network& net, std::uint32_t e) const {
  const double own = net.elements.replace_cost[e];
  if (use_replace_cost && !std::isnan(own)) return own;
  const std::string_view domain = kDomainNames[static_cast<int>(net.elements.domain[e])];
  const std::string_view function = net.strings.get(net.elements.function[e]);
  if (!function.empty()) {
    std::string key(domain);
    key += '/';
    key += function;
    if (auto it = by_domain_function.find(key); it != by_domain_function.end()) return it->second;
  }
  if (auto it = by_domain.find(std::string(domain)); it != by_domain.end()) return it->second;
  return 0;
}

CostTable parse_costs(std::string_view text, const std::string& name) {
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    throw InputError(name, e.source().begin.line, e.source().begin.column,
                     std::string(e.description()) + " (expected a costs TOML file)");
  }
  CostTable costs;
  costs.origin = name;
  const toml::table* head = root["costs"].as_table();
  if (!head) throw InputError(name, 1, 1, "missing [costs] table (expected currency, per_visit)");
  for (const auto& [key, node] : *head) {
    if (key == "currency") {
      if (!node.is_string()) fail_at(name, node, "currency must be a string such as \"GBP\"");
      costs.currency = *node.value<std::string>();
    } else if (key == "per_visit") {
      costs.per_visit = price_of(name, node, "per_visit");
    } else if (key == "evidence_per_model") {
      costs.evidence_per_model = price_of(name, node, "evidence_per_model");
    } else if (!key.str().ends_with("_source") && key != "note") {
      fail_at(name, node,
              "unknown key '" + std::string(key.str()) +
                  "' in [costs] (expected currency, per_visit, evidence_per_model, *_source)");
    }
  }
  const toml::array* prices = root["price"].as_array();
  if (prices) {
    for (const toml::node& item : *prices) {
      const toml::table* t = item.as_table();
      if (!t) fail_at(name, item, "[[price]] must be a table");
      std::string domain, function;
      double cost = -1;
      for (const auto& [key, node] : *t) {
        if (key == "domain") {
          if (!node.is_string() || !known_domain(*node.value<std::string>()))
            fail_at(name, node, "domain must be one of ran, transport, core, oss, other");
          domain = *node.value<std::string>();
        } else if (key == "function") {
          if (!node.is_string()) fail_at(name, node, "function must be a string such as \"gnb\"");
          function = *node.value<std::string>();
        } else if (key == "cost") {
          cost = price_of(name, node, "cost");
        } else if (key != "source" && key != "date" && key != "note") {
          fail_at(name, node,
                  "unknown key '" + std::string(key.str()) +
                      "' in [[price]] (expected domain, function, cost, source, date)");
        }
      }
      if (domain.empty()) fail_at(name, item, "[[price]] needs a domain");
      if (cost < 0) fail_at(name, item, "[[price]] needs a cost");
      if (function.empty())
        costs.by_domain[domain] = cost;
      else
        costs.by_domain_function[domain + "/" + io::to_lower_ascii(function)] = cost;
    }
  } else if (root.contains("price")) {
    fail_at(name, *root.get("price"), "price must be an array of tables ([[price]])");
  }
  return costs;
}

CostTable builtin_costs() {
  static const CostTable table = parse_costs(kBuiltinCostsToml, "builtin:data/costs.toml");
  return table;
}

CostTable load_costs(const std::string& path) {
  return parse_costs(read_whole_file(path), path);
}

int CrewTable::crews(std::string_view op) const {
  auto it = per_operator.find(std::string(op));
  return it == per_operator.end() ? default_crews : it->second;
}

namespace {
// A positive whole number of crews.
std::optional<int> parse_crew_count(std::string_view text) {
  if (text.empty() || text.size() > 7) return std::nullopt;
  int n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  if (n < 1) return std::nullopt;
  return n;
}
}  // namespace

CrewTable parse_crews_csv(std::string text, const std::string& name) {
  io::CsvReader csv = io::CsvReader::from_text(std::move(text), name);
  Diagnostics diag;
  CrewTable table;
  if (csv.read_header(diag) && csv.require_columns({"operator", "crews"}, diag)) {
    const std::size_t op_col = *csv.column("operator");
    const std::size_t crews_col = *csv.column("crews");
    io::CsvRow row;
    while (csv.next(row, diag)) {
      const std::string op(row.fields[op_col]);
      const auto n = parse_crew_count(row.fields[crews_col]);
      if (op.empty())
        diag.error(name, row.lines[op_col], row.columns[op_col],
                   "empty operator (expected an operator name or *)");
      if (!n)
        diag.error(name, row.lines[crews_col], row.columns[crews_col],
                   "'" + std::string(row.fields[crews_col]) +
                       "' is not a number of crews (expected a whole number >= 1)");
      if (op.empty() || !n) continue;
      if (op == "*")
        table.default_crews = *n;
      else if (!table.per_operator.emplace(op, *n).second)
        diag.error(name, row.lines[op_col], row.columns[op_col],
                   "operator '" + op + "' given twice (expected one row per operator)");
    }
  }
  if (diag.has_errors()) throw InputError(std::move(diag));
  return table;
}

CrewTable parse_crews_option(const std::string& value) {
  CrewTable table;
  if (auto n = parse_crew_count(value)) {
    table.default_crews = *n;
    return table;
  }
  std::ifstream probe(value);
  if (!probe)
    throw OptionError("{crews} '" + value +
                      "' is neither a number of crews (>= 1) nor a readable CSV file");
  return parse_crews_csv(read_whole_file(value), value);
}

ReplacementTable load_replacements(const std::string& path) {
  io::CsvReader csv = io::CsvReader::from_text(read_whole_file(path), path);
  Diagnostics diag;
  ReplacementTable table;
  if (csv.read_header(diag) && csv.require_columns({"operator", "domain", "vendor"}, diag)) {
    const std::size_t op = *csv.column("operator"), dom = *csv.column("domain"),
                      ven = *csv.column("vendor");
    io::CsvRow row;
    while (csv.next(row, diag)) {
      if (!known_domain(row.fields[dom]))
        diag.error(path, row.lines[dom], row.columns[dom],
                   "unknown domain '" + std::string(row.fields[dom]) +
                       "' (expected ran, transport, core, oss or other)");
      if (row.fields[ven].empty())
        diag.error(path, row.lines[ven], row.columns[ven], "empty vendor (expected a vendor name)");
      table[{std::string(row.fields[op]), std::string(row.fields[dom])}] =
          std::string(row.fields[ven]);
    }
  }
  if (diag.has_errors()) throw InputError(std::move(diag));
  return table;
}

}  // namespace ringfence
