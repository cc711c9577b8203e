#include "report/site_table.hpp"

#include <algorithm>
#include <unordered_map>

namespace ringfence::report {

namespace {

struct VectorHash {
  std::size_t operator()(const std::vector<std::uint32_t>& v) const {
    std::size_t h = v.size();
    for (std::uint32_t x : v) h = h * 1000003u ^ x;
    return h;
  }
};

}  // namespace

SiteTable build_site_table(const Network& net, const CheckResult& result) {
  SiteTable t = build_site_equipment(net);
  count_site_findings(net, result, t);
  return t;
}

SiteTable build_site_equipment(const Network& net) {
  const std::size_t sites = net.sites.size();
  const Elements& el = net.elements;
  SiteTable t;

  std::vector<std::uint8_t> used(net.vendors.size(), 0);
  for (std::uint32_t v : el.vendor) used[v] = 1;
  for (std::uint32_t v = 0; v < used.size(); ++v)
    if (used[v]) t.vendors.push_back(v);
  std::sort(t.vendors.begin(), t.vendors.end(), [&](std::uint32_t a, std::uint32_t b) {
    return net.vendors.get(a).name < net.vendors.get(b).name;
  });
  t.vendor_index.assign(net.vendors.size(), kNoVendor);
  for (std::uint32_t i = 0; i < t.vendors.size(); ++i) t.vendor_index[t.vendors[i]] = i;

  // Elements grouped by site (counting sort).
  std::vector<std::uint32_t> offsets(sites + 1, 0);
  for (std::uint32_t s : el.site) ++offsets[s + 1];
  for (std::size_t s = 0; s < sites; ++s) offsets[s + 1] += offsets[s];
  std::vector<std::uint32_t> order(el.size());
  {
    std::vector<std::uint32_t> next(offsets.begin(), offsets.end() - 1);
    for (std::uint32_t e = 0; e < el.size(); ++e) order[next[el.site[e]]++] = e;
  }

  t.dominant.assign(sites, kNoVendor);
  t.profile.assign(sites, 0);
  std::unordered_map<std::vector<std::uint32_t>, std::uint32_t, VectorHash> ids;
  std::vector<std::uint32_t> pairs, triples;
  constexpr auto kRan = static_cast<std::uint32_t>(Domain::kRan);
  for (std::size_t s = 0; s < sites; ++s) {
    pairs.clear();
    for (std::uint32_t i = offsets[s]; i < offsets[s + 1]; ++i) {
      const std::uint32_t e = order[i];
      pairs.push_back(t.vendor_index[el.vendor[e]] * 8 + static_cast<std::uint32_t>(el.domain[e]));
    }
    std::sort(pairs.begin(), pairs.end());
    triples.clear();
    std::uint32_t best = kNoVendor, best_ran = 0, best_all = 0;
    std::uint32_t current = kNoVendor, ran = 0, all = 0;
    auto close_vendor = [&] {
      // Vendors arrive in name order, so a strict improvement keeps the first name.
      if (current != kNoVendor && (ran > best_ran || (ran == best_ran && all > best_all))) {
        best = current;
        best_ran = ran;
        best_all = all;
      }
    };
    for (std::size_t i = 0; i < pairs.size();) {
      std::size_t j = i;
      while (j < pairs.size() && pairs[j] == pairs[i]) ++j;
      const std::uint32_t vendor = pairs[i] / 8, domain = pairs[i] % 8;
      const auto count = static_cast<std::uint32_t>(j - i);
      triples.insert(triples.end(), {vendor, domain, count});
      if (vendor != current) {
        close_vendor();
        current = vendor;
        ran = all = 0;
      }
      all += count;
      if (domain == kRan) ran += count;
      i = j;
    }
    close_vendor();
    t.dominant[s] = best;
    auto [it, inserted] = ids.emplace(triples, static_cast<std::uint32_t>(t.profiles.size()));
    if (inserted) t.profiles.push_back(triples);
    t.profile[s] = it->second;
  }
  return t;
}

void count_site_findings(const Network& net, const CheckResult& result, SiteTable& t) {
  const std::size_t sites = net.sites.size();
  const Elements& el = net.elements;
  t.group_findings = 0;
  t.findings.assign(sites, 0);
  t.status.assign(sites, 0);
  for (const auto& f : result.findings) {
    if (f.element == kNoRow) {
      ++t.group_findings;
      continue;
    }
    const std::uint32_t s = el.site[f.element];
    ++t.findings[s];
    t.status[s] = std::max<std::uint8_t>(t.status[s], f.status == Status::kOverdue ? 2 : 1);
  }
}

}  // namespace ringfence::report
