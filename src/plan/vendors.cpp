// Replacement vendors (see vendors.hpp).
#include "plan/vendors.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "plan/remedies.hpp"
#include "ringfence/diagnostics.hpp"

namespace ringfence::plan {

namespace {

using PairKey = std::pair<std::uint32_t, Domain>;  // (operator string id, domain)

}  // namespace

VendorChoice choose_vendors(const Network& net, const std::vector<Policy>& policies,
                            const Problem& p, const Selection& s,
                            const ReplacementTable& replacement, const std::vector<int>&) {
  const Elements& el = net.elements;
  VendorChoice out;
  out.new_vendor.assign(el.size(), UINT32_MAX);
  out.elements_of_job.resize(p.jobs.size());
  // What each element must avoid beyond the rules: the group's dominant vendor, or
  // (too few vendors) every vendor the group has.
  std::vector<std::vector<std::uint32_t>> avoid(el.size());
  std::vector<std::uint32_t> swapped;
  for (std::uint32_t j = 0; j < p.jobs.size(); ++j) {
    if (!s.visit[j]) continue;
    for (std::uint32_t e : p.jobs[j].mandatory) out.elements_of_job[j].push_back(e);
  }
  for (std::size_t g = 0; g < p.groups.size(); ++g)
    for (std::size_t u = 0; u < p.groups[g].units.size(); ++u) {
      if (!s.unit_on[g][u]) continue;
      const CapUnit& unit = p.groups[g].units[u];
      for (std::uint32_t e : unit.elements) {
        out.elements_of_job[unit.job].push_back(e);
        if (p.groups[g].forbidden_vendor != UINT32_MAX)
          avoid[e].push_back(p.groups[g].forbidden_vendor);
        if (p.groups[g].new_vendor_per_unit) {
          for (std::uint32_t v : p.groups[g].present_vendors) avoid[e].push_back(v);
        }
      }
    }
  for (auto& list : out.elements_of_job) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    swapped.insert(swapped.end(), list.begin(), list.end());
  }
  const auto forbidden = forbidden_replacements(net, policies, swapped);

  // Vendor counts per (operator, domain) and per domain.
  std::map<PairKey, std::map<std::uint32_t, std::size_t>> count_pair;
  std::map<Domain, std::map<std::uint32_t, std::size_t>> count_domain;
  std::set<std::uint32_t> present;
  for (std::uint32_t e = 0; e < el.size(); ++e) {
    const std::uint32_t op = net.sites.operator_id[el.site[e]];
    ++count_pair[{op, el.domain[e]}][el.vendor[e]];
    ++count_domain[el.domain[e]][el.vendor[e]];
    present.insert(el.vendor[e]);
  }
  auto candidates_for = [&](const PairKey& key) {
    std::vector<std::uint32_t> order(present.begin(), present.end());
    auto pair_n = [&](std::uint32_t v) {
      auto it = count_pair[key].find(v);
      return it == count_pair[key].end() ? std::size_t{0} : it->second;
    };
    auto dom_n = [&](std::uint32_t v) {
      auto it = count_domain[key.second].find(v);
      return it == count_domain[key.second].end() ? std::size_t{0} : it->second;
    };
    std::sort(order.begin(), order.end(), [&](auto a, auto b) {
      if (pair_n(a) != pair_n(b)) return pair_n(a) > pair_n(b);
      if (dom_n(a) != dom_n(b)) return dom_n(a) > dom_n(b);
      return net.vendors.get(a).name < net.vendors.get(b).name;
    });
    return order;
  };
  auto allowed = [&](std::uint32_t e, std::uint32_t v) {
    if (v == el.vendor[e] || forbidden[e][v]) return false;
    return std::find(avoid[e].begin(), avoid[e].end(), v) == avoid[e].end();
  };

  // Elements per (operator, domain).
  std::map<PairKey, std::vector<std::uint32_t>> by_pair;
  for (std::uint32_t e : swapped)
    by_pair[{net.sites.operator_id[el.site[e]], el.domain[e]}].push_back(e);
  std::map<PairKey, std::vector<std::uint32_t>> order_of;
  std::map<PairKey, std::size_t> choice;  // index into order_of
  for (auto& [key, elements] : by_pair) {
    const std::string op(net.strings.get(key.first));
    const std::string domain(kDomainNames[static_cast<int>(key.second)]);
    auto fixed = replacement.find({op, domain});
    if (fixed != replacement.end()) {
      const std::uint32_t v = net.vendors.resolve(fixed->second);
      if (v == VendorRegistry::kNone)
        throw OptionError("{replacement}: vendor '" + fixed->second + "' for " + op + " " + domain +
                          " is not in the vendor registry (expected a known vendor)");
      for (std::uint32_t e : elements)
        if (forbidden[e][v])
          throw OptionError("{replacement}: vendor '" + fixed->second + "' for " + op + " " +
                            domain + " is forbidden by a rule for element " +
                            std::string(el.id.get(e)) + " (expected an allowed vendor)");
      order_of[key] = {v};
    } else {
      order_of[key] = candidates_for(key);
    }
    choice[key] = 0;
  }
  // Assign: the chosen vendor if allowed for the element, else the next allowed one;
  // a unit that must bring a new vendor takes the k-th allowed vendor the group lacks.
  auto assign_all = [&]() {
    for (auto& [key, elements] : by_pair) {
      const auto& order = order_of[key];
      for (std::uint32_t e : elements) {
        std::uint32_t pick = UINT32_MAX;
        for (std::size_t i = 0; i < order.size() && pick == UINT32_MAX; ++i) {
          const std::uint32_t v = order[(choice[key] + i) % order.size()];
          if (allowed(e, v)) pick = v;
        }
        out.new_vendor[e] = pick;
      }
    }
  };
  assign_all();

  bool has_min_vendors = false;
  std::vector<Policy> min_vendor_policies;
  for (const Policy& policy : policies) {
    Policy only = policy;
    only.rules.clear();
    for (const Rule& r : policy.rules)
      if (r.kind == RuleKind::kMinVendors) only.rules.push_back(r);
    if (!only.rules.empty()) {
      has_min_vendors = true;
      min_vendor_policies.push_back(std::move(only));
    }
  }
  if (has_min_vendors) {
    Network scratch = net;
    auto count_findings = [&]() {
      for (std::uint32_t e : swapped)
        scratch.elements.vendor[e] =
            out.new_vendor[e] == UINT32_MAX ? el.vendor[e] : out.new_vendor[e];
      return evaluate(scratch, min_vendor_policies, days_from_civil(9999, 12, 31), 1)
          .findings.size();
    };
    for (auto& [key, elements] : by_pair) {
      if (order_of[key].size() < 2) continue;
      std::size_t best = 0, best_count = SIZE_MAX;
      for (std::size_t c = 0; c < order_of[key].size() && c < 6; ++c) {
        choice[key] = c;
        assign_all();
        const std::size_t n = count_findings();
        if (n < best_count) {
          best_count = n;
          best = c;
        }
      }
      choice[key] = best;
      assign_all();
    }
  }

  for (std::uint32_t j = 0; j < p.jobs.size(); ++j) {
    auto& list = out.elements_of_job[j];
    std::vector<std::uint32_t> kept;
    for (std::uint32_t e : list) {
      if (out.new_vendor[e] == UINT32_MAX)
        out.problems.push_back("element " + std::string(el.id.get(e)) +
                               ": no vendor in the network is allowed by every policy here");
      else
        kept.push_back(e);
    }
    list.swap(kept);
  }
  // Too few vendors: spread the group's new units over distinct new vendors.
  for (std::size_t g = 0; g < p.groups.size(); ++g) {
    if (!p.groups[g].new_vendor_per_unit) continue;
    std::size_t k = 0;
    for (std::size_t u = 0; u < p.groups[g].units.size(); ++u) {
      if (!s.unit_on[g][u]) continue;
      const CapUnit& unit = p.groups[g].units[u];
      if (unit.elements.empty()) continue;
      const std::uint32_t first = unit.elements.front();
      const PairKey key{net.sites.operator_id[el.site[first]], el.domain[first]};
      std::vector<std::uint32_t> fresh;
      for (std::uint32_t v : order_of[key])
        if (allowed(first, v)) fresh.push_back(v);
      if (fresh.empty()) continue;
      const std::uint32_t v = fresh[k++ % fresh.size()];
      for (std::uint32_t e : unit.elements)
        if (allowed(e, v)) out.new_vendor[e] = v;
    }
  }
  return out;
}

}  // namespace ringfence::plan
