// ringfence exposure BUNDLE: vendor shares per group and the HHI.
#include <iomanip>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/common.hpp"
#include "ringfence/exposure.hpp"
#include "ringfence/output.hpp"

namespace ringfence::cli {

namespace {

struct ExposureOptions {
  std::string bundle;
  std::string by = "operator";
  std::string measure = "elements";
  std::string format = "text";
  std::string out;
};

std::vector<GroupKey> parse_by(const std::string& text) {
  std::vector<GroupKey> keys;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.empty()) continue;
    auto key = parse_group_key(item);
    if (!key)
      throw UsageError("unknown --by key '" + item +
                       "' (expected operator, region, domain or technology)");
    for (GroupKey k : keys)
      if (k == *key) throw UsageError("--by key '" + item + "' given twice");
    keys.push_back(*key);
  }
  return keys;
}

std::string render_json(const Network& net, const ExposureResult& r) {
  nlohmann::ordered_json j;
  j["ringfence"] = RINGFENCE_VERSION;
  auto& by = j["by"] = nlohmann::ordered_json::array();
  for (GroupKey k : r.by) by.push_back(group_key_name(k));
  j["measure"] = measure_name(r.measure);
  auto& groups = j["groups"] = nlohmann::ordered_json::array();
  for (const auto& g : r.groups) {
    nlohmann::ordered_json entry;
    auto& key = entry["group"] = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < r.by.size(); ++i) key[std::string(group_key_name(r.by[i]))] = g.key[i];
    entry["total"] = g.total;
    entry["hhi"] = g.hhi;
    auto& vendors = entry["vendors"] = nlohmann::ordered_json::array();
    for (const auto& v : g.vendors)
      vendors.push_back({{"vendor", net.vendors.get(v.vendor).name},
                         {"amount", v.amount},
                         {"share", v.share}});
    groups.push_back(entry);
  }
  auto& single = j["single_vendor_domains"] = nlohmann::ordered_json::array();
  for (const auto& s : r.single_vendor_domains)
    single.push_back({{"operator", s.operator_name},
                      {"domain", kDomainNames[static_cast<int>(s.domain)]},
                      {"vendor", net.vendors.get(s.vendor).name},
                      {"elements", s.elements}});
  return j.dump(2) + "\n";
}

std::string render_csv(const Network& net, const ExposureResult& r) {
  std::ostringstream o;
  for (GroupKey k : r.by) o << group_key_name(k) << ',';
  o << "vendor,amount,total,share,hhi\n";
  for (const auto& g : r.groups)
    for (const auto& v : g.vendors) {
      for (const auto& k : g.key) o << csv_field(k) << ',';
      o << csv_field(net.vendors.get(v.vendor).name) << ',' << format_number(v.amount) << ','
        << format_number(g.total) << ',' << format_number(v.share) << ','
        << format_number(g.hhi) << '\n';
    }
  return o.str();
}

std::string render_text(const Network& net, const ExposureResult& r) {
  std::ostringstream o;
  o << std::fixed;
  o << "vendor exposure by ";
  for (std::size_t i = 0; i < r.by.size(); ++i) o << (i ? ", " : "") << group_key_name(r.by[i]);
  if (r.by.empty()) o << "(whole network)";
  o << ", measured in " << measure_name(r.measure) << "\n";
  for (const auto& g : r.groups) {
    o << '\n';
    for (std::size_t i = 0; i < g.key.size(); ++i)
      o << (i ? " / " : "") << (g.key[i].empty() ? "(none)" : g.key[i]);
    if (g.key.empty()) o << "network";
    o << "  total " << std::setprecision(0) << g.total << "  HHI " << g.hhi << '\n';
    for (const auto& v : g.vendors)
      o << "  " << std::left << std::setw(24) << net.vendors.get(v.vendor).name << std::right
        << std::setw(8) << std::setprecision(1) << v.share * 100 << " %  " << std::setprecision(0)
        << v.amount << '\n';
  }
  if (!r.single_vendor_domains.empty()) {
    o << "\nsingle-vendor domains (an operator's whole domain from one vendor):\n";
    for (const auto& s : r.single_vendor_domains)
      o << "  " << s.operator_name << ' ' << kDomainNames[static_cast<int>(s.domain)] << ": "
        << net.vendors.get(s.vendor).name << " (" << s.elements << " elements)\n";
  }
  return o.str();
}

}  // namespace

namespace {
Command add_exposure(CLI::App& root) {
  auto opts = std::make_shared<ExposureOptions>();
  CLI::App* app = root.add_subcommand(
      "exposure", "Each vendor's share per group, with the Herfindahl-Hirschman index");
  app->add_option("BUNDLE", opts->bundle, "Bundle directory")->required();
  app->add_option("--by", opts->by,
                  "Comma-separated grouping keys: operator, region, domain, technology")
      ->capture_default_str();
  app->add_option("--measure", opts->measure, "elements, sites, traffic or population")
      ->capture_default_str();
  app->add_option("--format", opts->format, "text, json or csv")->capture_default_str();
  app->add_option("--out", opts->out, "Write to this file (atomically) instead of stdout");
  return {app, [opts] {
            require_format(opts->format, {"text", "json", "csv"});
            const auto by = parse_by(opts->by);
            const auto measure = parse_measure(opts->measure);
            if (!measure)
              throw UsageError("unknown --measure '" + opts->measure +
                               "' (expected elements, sites, traffic or population)");
            LoadedBundle bundle = load_bundle_with_progress(opts->bundle);
            const ExposureResult r = compute_exposure(bundle.network, by, *measure);
            const Network& net = bundle.network;
            emit(opts->format == "json"  ? render_json(net, r)
                 : opts->format == "csv" ? render_csv(net, r)
                                         : render_text(net, r),
                 opts->out);
            return kOk;
          }};
}

}  // namespace

static const bool registered = register_command("exposure", &add_exposure);

}  // namespace ringfence::cli
