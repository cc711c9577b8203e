// compute_paths: per RAN element, the vendors (and the domains where) its traffic
// crosses on the way to the core, aggregated per group.
#include <algorithm>
#include <bit>
#include <stdexcept>

#include "analysis/grouping.hpp"
#include "analysis/path_scope.hpp"
#include "analysis/paths.hpp"
#include "ringfence/paths.hpp"

namespace ringfence {

PathsResult compute_paths(const Network& net, const PathsOptions& options) {
  if (options.measure == Measure::kSites)
    throw std::invalid_argument("paths measure must be elements, traffic or population");
  const Elements& el = net.elements;
  const std::size_t n = el.size();
  PathsResult r;
  r.options = options;

  const analysis::ElementMask on_path =
      analysis::reaches_any(net.links, analysis::domain_elements(net, Domain::kCore));
  analysis::ElementMask origin = analysis::domain_elements(net, Domain::kRan);
  if (options.zone_origin) {
    std::vector<std::uint8_t> needed(net.sites.size(), 0);
    for (std::uint32_t e = 0; e < n; ++e)
      if (origin[e]) needed[el.site[e]] = 1;
    const auto near = analysis::sites_near_zones(net, analysis::zone_mask(net, options.zone_filter),
                                                 options.radius_m, needed);
    for (std::uint32_t e = 0; e < n; ++e) origin[e] = origin[e] && near[el.site[e]];
  }

  // Labels: (vendor, domain) pairs of the vendors present on paths, numbered in vendor
  // name order so each origin's pairs come out sorted by name, then domain.
  std::vector<std::uint32_t> compact(net.vendors.size(), analysis::kNoLabel);
  for (std::uint32_t e = 0; e < n; ++e)
    if (on_path[e]) compact[el.vendor[e]] = 0;
  std::vector<std::uint32_t> vendor_of;
  for (std::uint32_t v = 0; v < compact.size(); ++v)
    if (compact[v] == 0) vendor_of.push_back(v);
  std::sort(vendor_of.begin(), vendor_of.end(), [&](std::uint32_t a, std::uint32_t b) {
    return net.vendors.get(a).name < net.vendors.get(b).name;
  });
  for (std::uint32_t i = 0; i < vendor_of.size(); ++i) compact[vendor_of[i]] = i;
  const auto vendors = static_cast<std::uint32_t>(vendor_of.size());
  std::vector<std::uint32_t> label_of(n, analysis::kNoLabel);
  for (std::uint32_t e = 0; e < n; ++e)
    if (on_path[e])
      label_of[e] = compact[el.vendor[e]] * kDomainCount + static_cast<std::uint32_t>(el.domain[e]);
  const analysis::Condensation cond = analysis::condense(net.links, on_path);
  const analysis::LabelSets sets =
      analysis::reachable_labels(net.links, cond, label_of, vendors * kDomainCount);
  const std::uint32_t words = sets.words();

  const analysis::Grouping grouping = analysis::group_elements(net, options.by, origin);
  const std::size_t groups = grouping.keys.size();
  std::vector<double> total(groups, 0), no_path(groups, 0), amount(groups * vendors, 0),
      in_domain(groups * vendors * kDomainCount, 0);
  std::vector<std::uint64_t> merged(words);
  std::vector<std::size_t> last_run(vendors, SIZE_MAX);
  // One run: origins counted together (one element, or one site's origins in a group
  // for population), with the union of their paths' labels in `merged`.
  auto add_run = [&](std::size_t run, std::uint32_t g, double weight, bool any_path) {
    total[g] += weight;
    if (!any_path) no_path[g] += weight;
    for (std::uint32_t w = 0; w < words; ++w)
      for (std::uint64_t bits = merged[w]; bits; bits &= bits - 1) {
        const std::uint32_t label = w * 64 + static_cast<std::uint32_t>(std::countr_zero(bits));
        const std::uint32_t v = label / kDomainCount;
        in_domain[(g * vendors + v) * kDomainCount + label % kDomainCount] += weight;
        if (last_run[v] != run) {
          last_run[v] = run;
          amount[g * vendors + v] += weight;
        }
      }
  };
  auto load_labels = [&](std::uint32_t e) {
    if (!on_path[e]) return false;
    const std::uint64_t* row = sets.row(cond.component[e]);
    for (std::uint32_t w = 0; w < words; ++w) merged[w] |= row[w];
    return true;
  };

  if (options.measure == Measure::kPopulation) {
    struct Entry {
      std::uint32_t group, site, element;
    };
    std::vector<Entry> entries;
    for (std::uint32_t e = 0; e < n; ++e)
      if (origin[e]) entries.push_back({grouping.group_of[e], el.site[e], e});
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      return a.group != b.group ? a.group < b.group : a.site < b.site;
    });
    for (std::size_t i = 0, run = 0; i < entries.size(); ++run) {
      std::fill(merged.begin(), merged.end(), 0);
      bool any_path = false;
      std::size_t j = i;
      for (; j < entries.size() && entries[j].group == entries[i].group &&
             entries[j].site == entries[i].site;
           ++j)
        any_path = load_labels(entries[j].element) || any_path;
      add_run(run, entries[i].group, analysis::population_of(net, entries[i].site), any_path);
      i = j;
    }
  } else {
    for (std::uint32_t e = 0; e < n; ++e) {
      if (!origin[e]) continue;
      std::fill(merged.begin(), merged.end(), 0);
      const bool any_path = load_labels(e);
      const double weight =
          options.measure == Measure::kElements ? 1.0 : analysis::traffic_of(net, e);
      add_run(e, grouping.group_of[e], weight, any_path);
    }
  }

  // Per-origin pairs, and the origins without a path.
  r.crossed_offsets.push_back(0);
  for (std::uint32_t e = 0; e < n; ++e) {
    if (!origin[e]) continue;
    ++r.origins;
    if (!on_path[e]) {
      r.no_path.push_back(e);
      continue;
    }
    r.with_path.push_back(e);
    const std::uint64_t* row = sets.row(cond.component[e]);
    for (std::uint32_t w = 0; w < words; ++w)
      for (std::uint64_t bits = row[w]; bits; bits &= bits - 1) {
        const std::uint32_t label = w * 64 + static_cast<std::uint32_t>(std::countr_zero(bits));
        r.crossed.emplace_back(vendor_of[label / kDomainCount],
                               static_cast<Domain>(label % kDomainCount));
      }
    r.crossed_offsets.push_back(static_cast<std::uint32_t>(r.crossed.size()));
  }

  for (std::uint32_t g = 0; g < groups; ++g) {
    PathsGroup out;
    out.key = grouping.keys[g];
    out.total = total[g];
    out.no_path = no_path[g];
    auto add_vendor = [&](std::uint32_t vendor_id) {
      PathsVendor pv;
      pv.vendor = vendor_id;
      const std::uint32_t v = vendor_id < compact.size() ? compact[vendor_id] : analysis::kNoLabel;
      if (v != analysis::kNoLabel) {
        pv.amount = amount[g * vendors + v];
        for (std::size_t d = 0; d < kDomainCount; ++d)
          pv.by_domain[d] = in_domain[(g * vendors + v) * kDomainCount + d];
      }
      pv.share = out.total > 0 ? pv.amount / out.total : 0;
      out.vendors.push_back(pv);
    };
    if (options.vendors.empty()) {
      for (std::uint32_t v = 0; v < vendors; ++v)
        if (amount[g * vendors + v] > 0) add_vendor(vendor_of[v]);
    } else {
      for (std::uint32_t vendor_id : options.vendors) add_vendor(vendor_id);
    }
    std::sort(out.vendors.begin(), out.vendors.end(), [&](const auto& a, const auto& b) {
      if (a.amount != b.amount) return a.amount > b.amount;
      return net.vendors.get(a.vendor).name < net.vendors.get(b.vendor).name;
    });
    r.groups.push_back(std::move(out));
  }
  std::sort(r.groups.begin(), r.groups.end(),
            [](const auto& a, const auto& b) { return a.key < b.key; });
  return r;
}

}  // namespace ringfence
