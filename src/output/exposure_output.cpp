// Exposure results as JSON, CSV and text (the `exposure` command, the report and the
// web API share these).
#include "ringfence/exposure_output.hpp"

#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ringfence/count_noun.hpp"
#include "ringfence/output.hpp"

namespace ringfence {

std::string render_exposure_json(const Network& net, const ExposureResult& r) {
  nlohmann::ordered_json j;
  j["ringfence"] = RINGFENCE_VERSION;
  auto& by = j["by"] = nlohmann::ordered_json::array();
  for (GroupKey k : r.by) by.push_back(group_key_name(k));
  j["measure"] = measure_name(r.measure);
  auto& groups = j["groups"] = nlohmann::ordered_json::array();
  for (const auto& g : r.groups) {
    nlohmann::ordered_json entry;
    auto& key = entry["group"] = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < r.by.size(); ++i)
      key[std::string(group_key_name(r.by[i]))] = g.key[i];
    entry["total"] = g.total;
    entry["hhi"] = g.hhi;
    auto& vendors = entry["vendors"] = nlohmann::ordered_json::array();
    for (const auto& v : g.vendors)
      vendors.push_back(
          {{"vendor", net.vendors.get(v.vendor).name}, {"amount", v.amount}, {"share", v.share}});
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

std::string render_exposure_csv(const Network& net, const ExposureResult& r) {
  std::ostringstream o;
  for (GroupKey k : r.by) o << group_key_name(k) << ',';
  o << "vendor,amount,total,share,hhi\n";
  for (const auto& g : r.groups)
    for (const auto& v : g.vendors) {
      for (const auto& k : g.key) o << csv_field(k) << ',';
      o << csv_field(net.vendors.get(v.vendor).name) << ',' << format_number(v.amount) << ','
        << format_number(g.total) << ',' << format_number(v.share) << ',' << format_number(g.hhi)
        << '\n';
    }
  return o.str();
}

std::string render_exposure_text(const Network& net, const ExposureResult& r) {
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
        << net.vendors.get(s.vendor).name << " (" << count_noun(s.elements, "element") << ")\n";
  }
  return o.str();
}

}  // namespace ringfence
