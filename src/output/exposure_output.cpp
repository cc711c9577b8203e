// Exposure results as JSON, CSV and text (the `exposure` command, the report and the
// web API share these).
#include "ringfence/exposure_output.hpp"

#include <iomanip>
#include <sstream>

#include "output/json_writer.hpp"
#include "ringfence/count_noun.hpp"
#include "ringfence/output.hpp"

namespace ringfence {

std::string render_exposure_json(const Network& net, const ExposureResult& r,
                                 const WhatIfNote* what_if) {
  std::string out;
  output::JsonWriter w(out, true, output::JsonWriter::Numbers::kDecimal);
  w.begin_object().field("ringfence", RINGFENCE_VERSION);
  w.key("by").begin_array();
  for (GroupKey k : r.by) w.value(group_key_name(k));
  w.end_array().field("measure", measure_name(r.measure));
  if (what_if) {
    w.key("what_if").begin_object().key("without").begin_array();
    for (const auto& v : what_if->without) w.value(v);
    w.end_array().key("replace").begin_array();
    for (const auto& [vendor, by] : what_if->replace)
      w.begin_object().field("vendor", vendor).field("by", by).end_object();
    w.end_array()
        .field("reassigned", what_if->reassigned)
        .field("kept", what_if->kept)
        .end_object();
  }
  w.key("groups").begin_array();
  for (const auto& g : r.groups) {
    w.begin_object().key("group").begin_object();
    for (std::size_t i = 0; i < r.by.size(); ++i) w.field(group_key_name(r.by[i]), g.key[i]);
    w.end_object().field("total", g.total).field("hhi", g.hhi);
    w.key("vendors").begin_array();
    for (const auto& v : g.vendors)
      w.begin_object()
          .field("vendor", net.vendors.get(v.vendor).name)
          .field("amount", v.amount)
          .field("share", v.share)
          .end_object();
    w.end_array().end_object();
  }
  w.end_array().key("single_vendor_domains").begin_array();
  for (const auto& s : r.single_vendor_domains)
    w.begin_object()
        .field("operator", s.operator_name)
        .field("domain", kDomainNames[static_cast<int>(s.domain)])
        .field("vendor", net.vendors.get(s.vendor).name)
        .field("elements", s.elements)
        .end_object();
  w.end_array().end_object();
  return out;
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
