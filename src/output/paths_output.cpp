// Text, JSON and CSV of `paths` results.
#include "ringfence/paths_output.hpp"

#include <iomanip>
#include <sstream>

#include "output/json_writer.hpp"
#include "ringfence/output.hpp"

namespace ringfence {

using output::JsonWriter;

namespace {

constexpr std::size_t kPathsTextListLimit = 50;

void write_group_key(JsonWriter& w, const std::vector<GroupKey>& by,
                     const std::vector<std::string>& key) {
  w.key("group").begin_object();
  for (std::size_t i = 0; i < by.size(); ++i) w.field(group_key_name(by[i]), key[i]);
  w.end_object();
}

}  // namespace

std::string render_paths_json(const Network& net, const PathsResult& r) {
  std::string out;
  JsonWriter w(out);
  const PathsOptions& o = r.options;
  w.begin_object();
  w.field("ringfence", RINGFENCE_VERSION);
  w.key("by").begin_array();
  for (GroupKey k : o.by) w.value(group_key_name(k));
  w.end_array();
  w.field("measure", measure_name(o.measure));
  w.key("origin");
  if (o.zone_origin) {
    w.begin_object().key("zones").begin_object();
    for (const auto& [key, values] : o.zone_filter.any_of) {
      w.key(key).begin_array();
      for (const auto& v : values) w.value(v);
      w.end_array();
    }
    w.end_object().field("radius_m", o.radius_m).end_object();
  } else {
    w.null();
  }
  w.field("origins", r.origins);
  w.field("with_path", r.with_path.size());
  w.field("no_path", r.no_path.size());
  w.key("groups").begin_array();
  for (const auto& g : r.groups) {
    w.begin_object();
    write_group_key(w, o.by, g.key);
    w.field("total", g.total).field("no_path", g.no_path);
    w.key("vendors").begin_array();
    for (const auto& v : g.vendors) {
      w.begin_object();
      w.field("vendor", net.vendors.get(v.vendor).name);
      w.field("amount", v.amount).field("share", v.share);
      w.key("by_domain").begin_object();
      for (std::size_t d = 0; d < kDomainCount; ++d) w.field(kDomainNames[d], v.by_domain[d]);
      w.end_object();
      w.end_object();
    }
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("no_path_elements").begin_array();
  for (std::uint32_t e : r.no_path) w.value(net.elements.id.get(e));
  w.end_array();
  w.end_object();
  out += '\n';
  return out;
}

std::string render_paths_csv(const Network& net, const PathsResult& r) {
  std::string out = "element_id,site_id,operator,region,traffic,has_path,crosses\n";
  auto row = [&](std::uint32_t e, bool has_path, std::size_t from, std::size_t to) {
    const std::uint32_t s = net.elements.site[e];
    out += csv_field(net.elements.id.get(e)) + ',' + csv_field(net.sites.id.get(s)) + ',' +
           csv_field(net.site_operator(s)) + ',' + csv_field(net.strings.get(net.sites.region[s])) +
           ',' + format_number(net.elements.traffic[e]) + ',' + (has_path ? "true" : "false") + ',';
    std::string crosses;
    for (std::size_t i = from; i < to; ++i) {
      if (i > from) crosses += ';';
      crosses += net.vendors.get(r.crossed[i].first).name;
      crosses += ':';
      crosses += kDomainNames[static_cast<int>(r.crossed[i].second)];
    }
    out += csv_field(crosses) + '\n';
  };
  // Both lists are in row order: merge them.
  std::size_t i = 0, j = 0;
  while (i < r.with_path.size() || j < r.no_path.size()) {
    if (j == r.no_path.size() || (i < r.with_path.size() && r.with_path[i] < r.no_path[j])) {
      row(r.with_path[i], true, r.crossed_offsets[i], r.crossed_offsets[i + 1]);
      ++i;
    } else {
      row(r.no_path[j++], false, 0, 0);
    }
  }
  return out;
}

std::string render_paths_text(const Network& net, const PathsResult& r) {
  std::ostringstream o;
  const PathsOptions& opt = r.options;
  o << std::fixed;
  o << "whose equipment the traffic crosses on its way to the core, by ";
  for (std::size_t i = 0; i < opt.by.size(); ++i) o << (i ? ", " : "") << group_key_name(opt.by[i]);
  if (opt.by.empty()) o << "(whole network)";
  o << ", measured in " << measure_name(opt.measure) << '\n';
  if (opt.zone_origin) {
    o << "origin: RAN elements within " << std::setprecision(0) << opt.radius_m << " m of zones";
    for (const auto& [key, values] : opt.zone_filter.any_of) {
      o << ' ' << key << '=';
      for (std::size_t i = 0; i < values.size(); ++i) o << (i ? "," : "") << values[i];
    }
    o << '\n';
  }
  o << r.origins << " RAN elements, " << r.with_path.size() << " with a path to the core, "
    << r.no_path.size() << " without\n";
  for (const auto& g : r.groups) {
    o << '\n';
    for (std::size_t i = 0; i < g.key.size(); ++i)
      o << (i ? " / " : "") << (g.key[i].empty() ? "(none)" : g.key[i]);
    if (g.key.empty()) o << "network";
    o << "  total " << std::setprecision(0) << g.total;
    if (g.no_path > 0) o << "  no path " << g.no_path;
    o << '\n';
    for (const auto& v : g.vendors) {
      o << "  " << std::left << std::setw(24) << net.vendors.get(v.vendor).name << std::right
        << std::setw(7) << std::setprecision(1) << v.share * 100 << " %  ";
      bool first = true;
      for (std::size_t d = 0; d < kDomainCount; ++d) {
        if (v.by_domain[d] <= 0) continue;
        o << (first ? "" : ", ") << kDomainNames[d] << ' ' << std::setprecision(1)
          << (g.total > 0 ? v.by_domain[d] / g.total * 100 : 0) << " %";
        first = false;
      }
      o << '\n';
    }
  }
  if (!r.no_path.empty()) {
    o << "\nno path to the core (" << r.no_path.size() << "):";
    for (std::size_t i = 0; i < r.no_path.size() && i < kPathsTextListLimit; ++i)
      o << ' ' << net.elements.id.get(r.no_path[i]);
    if (r.no_path.size() > kPathsTextListLimit)
      o << " ... (" << r.no_path.size() - kPathsTextListLimit << " more; --format json lists all)";
    o << '\n';
  }
  return o.str();
}

}  // namespace ringfence
