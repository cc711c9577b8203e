#include "ringfence/exposure_whatif.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "analysis/grouping.hpp"

namespace ringfence {

namespace {

struct Share {
  std::uint32_t vendor;
  double fraction;
};

double zero_if_missing(double v) {
  return v == v ? v : 0;
}

}  // namespace

WhatIfExposure compute_exposure_whatif(const Network& net, const std::vector<GroupKey>& by,
                                       Measure measure, const ExposureWhatIf& what_if) {
  const Elements& el = net.elements;
  const std::size_t n = el.size();
  WhatIfExposure out;
  ExposureResult& result = out.exposure;
  result.by = by;
  result.measure = measure;

  // Each vendor after --replace; removed vendors marked.
  std::vector<std::uint32_t> mapped(net.vendors.size());
  for (std::uint32_t v = 0; v < mapped.size(); ++v) mapped[v] = v;
  for (const auto& [from, to] : what_if.replace) mapped[from] = to;
  std::vector<std::uint8_t> removed(net.vendors.size(), 0);
  for (std::uint32_t v : what_if.without) removed[v] = 1;

  // Element counts of the remaining vendors per (operator, region, domain) and per
  // (operator, domain): the proportions a removed vendor's elements are split in.
  using RegionKey = std::tuple<std::uint32_t, std::uint32_t, Domain>;
  using DomainKey = std::pair<std::uint32_t, Domain>;
  std::map<RegionKey, std::map<std::uint32_t, double>> per_region;
  std::map<DomainKey, std::map<std::uint32_t, double>> per_domain;
  for (std::uint32_t e = 0; e < n; ++e) {
    const std::uint32_t v = mapped[el.vendor[e]];
    if (removed[v]) continue;
    const std::uint32_t s = el.site[e];
    per_region[{net.sites.operator_id[s], net.sites.region[s], el.domain[e]}][v] += 1;
    per_domain[{net.sites.operator_id[s], el.domain[e]}][v] += 1;
  }
  // Each element's vendors with fractions, as offsets into `shares`.
  std::vector<std::uint32_t> offsets(n + 1, 0);
  std::vector<Share> shares;
  shares.reserve(n);
  for (std::uint32_t e = 0; e < n; ++e) {
    const std::uint32_t v = mapped[el.vendor[e]];
    if (v != el.vendor[e]) ++out.replaced;
    const std::map<std::uint32_t, double>* split = nullptr;
    if (removed[v]) {
      const std::uint32_t s = el.site[e];
      auto r = per_region.find({net.sites.operator_id[s], net.sites.region[s], el.domain[e]});
      if (r != per_region.end()) {
        split = &r->second;
      } else if (auto d = per_domain.find({net.sites.operator_id[s], el.domain[e]});
                 d != per_domain.end()) {
        split = &d->second;
      }
    }
    if (split) {
      if (v == el.vendor[e]) ++out.replaced;
      double sum = 0;
      for (const auto& [w, count] : *split) sum += count;
      for (const auto& [w, count] : *split) shares.push_back({w, count / sum});
    } else {
      if (removed[v]) ++out.unreplaced;
      shares.push_back({v, 1.0});
    }
    offsets[e + 1] = static_cast<std::uint32_t>(shares.size());
  }

  const analysis::Grouping grouping = analysis::group_elements(net, by, {});
  const std::size_t groups = grouping.keys.size();
  std::vector<double> total(groups, 0);
  std::vector<std::map<std::uint32_t, double>> amounts(groups);
  if (measure == Measure::kElements || measure == Measure::kTraffic) {
    for (std::uint32_t e = 0; e < n; ++e) {
      const std::uint32_t g = grouping.group_of[e];
      const double w = measure == Measure::kElements ? 1.0 : zero_if_missing(el.traffic[e]);
      total[g] += w;
      for (std::uint32_t k = offsets[e]; k < offsets[e + 1]; ++k)
        amounts[g][shares[k].vendor] += w * shares[k].fraction;
    }
  } else {
    // (group, site, vendor, fraction): a site counts once per group, and for each vendor
    // with the largest fraction one of its elements gives it.
    std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t, double>> rows;
    for (std::uint32_t e = 0; e < n; ++e)
      for (std::uint32_t k = offsets[e]; k < offsets[e + 1]; ++k)
        rows.emplace_back(grouping.group_of[e], el.site[e], shares[k].vendor, shares[k].fraction);
    std::sort(rows.begin(), rows.end());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto [g, site, v, fraction] = rows[i];
      const double w =
          measure == Measure::kSites ? 1.0 : zero_if_missing(net.sites.population[site]);
      const bool new_site =
          i == 0 || std::get<0>(rows[i - 1]) != g || std::get<1>(rows[i - 1]) != site;
      if (new_site) total[g] += w;
      const bool last_of_vendor = i + 1 == rows.size() || std::get<0>(rows[i + 1]) != g ||
                                  std::get<1>(rows[i + 1]) != site || std::get<2>(rows[i + 1]) != v;
      if (last_of_vendor) amounts[g][v] += w * fraction;  // sorted: the largest comes last
    }
  }

  for (std::size_t g = 0; g < groups; ++g) {
    ExposureGroup group;
    group.key = grouping.keys[g];
    group.total = total[g];
    double sum = 0;
    for (const auto& [vendor, amount] : amounts[g]) {
      if (amount <= 0) continue;
      group.vendors.push_back({vendor, amount, total[g] > 0 ? amount / total[g] : 0});
      sum += amount;
    }
    for (const auto& v : group.vendors) {
      const double s = sum > 0 ? v.amount / sum : 0;
      group.hhi += 10000.0 * s * s;
    }
    std::sort(group.vendors.begin(), group.vendors.end(), [&](const auto& a, const auto& b) {
      if (a.amount != b.amount) return a.amount > b.amount;
      return net.vendors.get(a.vendor).name < net.vendors.get(b.vendor).name;
    });
    result.groups.push_back(std::move(group));
  }
  std::sort(result.groups.begin(), result.groups.end(),
            [](const auto& a, const auto& b) { return a.key < b.key; });

  std::map<std::pair<std::string_view, Domain>,
           std::pair<std::size_t, std::map<std::uint32_t, double>>>
      domains;
  for (std::uint32_t e = 0; e < n; ++e) {
    auto& [count, vendors] = domains[{net.site_operator(el.site[e]), el.domain[e]}];
    ++count;
    for (std::uint32_t k = offsets[e]; k < offsets[e + 1]; ++k)
      vendors[shares[k].vendor] += shares[k].fraction;
  }
  for (const auto& [key, entry] : domains)
    if (entry.second.size() == 1)
      result.single_vendor_domains.push_back(
          {std::string(key.first), key.second, entry.second.begin()->first, entry.first});
  return out;
}

}  // namespace ringfence
