#include "report/paths_data.hpp"

#include <algorithm>

#include "output/blast_json.hpp"
#include "ringfence/paths.hpp"

namespace ringfence::report {

void write_paths_data(output::JsonWriter& w, const Network& net) {
  const PathsResult paths = compute_paths(net, {});
  w.key("paths").begin_object();
  w.field("measure", "traffic").field("origins", paths.origins);
  w.field("no_path", paths.no_path.size());
  w.key("groups").begin_array();
  for (const auto& g : paths.groups) {
    w.begin_object().field("operator", g.key[0]).field("total", g.total);
    w.field("no_path", g.no_path).key("vendors").begin_array();
    for (const auto& v : g.vendors) {
      w.begin_array().value(net.vendors.get(v.vendor).name).value(v.amount).value(v.share);
      w.begin_array();
      for (double d : v.by_domain) w.value(d);
      w.end_array().end_array();
    }
    w.end_array().end_object();
  }
  w.end_array().end_object();

  // Every vendor with elements, by name.
  std::vector<std::uint8_t> used(net.vendors.size(), 0);
  for (std::uint32_t v : net.elements.vendor) used[v] = 1;
  std::vector<std::uint32_t> vendors;
  for (std::uint32_t v = 0; v < used.size(); ++v)
    if (used[v]) vendors.push_back(v);
  std::sort(vendors.begin(), vendors.end(), [&](std::uint32_t a, std::uint32_t b) {
    return net.vendors.get(a).name < net.vendors.get(b).name;
  });
  BlastRadiusOptions options;
  w.key("blast").begin_object().field("zone_radius_m", options.zone_radius_m);
  w.key("vendors").begin_array();
  for (std::uint32_t v : vendors) {
    options.target = net.vendors.get(v).name;
    const BlastRadiusResult r = compute_blast_radius(net, options);
    w.begin_object();
    output::write_blast_fields(w, net, r, false);
    output::write_blast_site_marks(w, r);
    w.end_object();
  }
  w.end_array().end_object();
}

}  // namespace ringfence::report
