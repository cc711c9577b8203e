// What the report and the web API say about each site: its dominant vendor, the
// equipment it holds, and its findings. Vendors are numbered in name order (the
// report's `vendors` list), so ties and colours do not depend on registry order.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "ringfence/check.hpp"

namespace ringfence::report {

inline constexpr std::uint32_t kNoVendor = UINT32_MAX;

struct SiteTable {
  std::vector<std::uint32_t> vendors;       // registry ids of the vendors in use, by name
  std::vector<std::uint32_t> vendor_index;  // registry id -> index in `vendors`
  // Per site: the vendor with most RAN elements, else most elements (ties: first
  // name), as an index in `vendors`; kNoVendor for a site without elements.
  std::vector<std::uint32_t> dominant;
  // Per site: index into `profiles`, the distinct (vendor index, domain, elements)
  // triples of a site, flattened and sorted by vendor, domain.
  std::vector<std::uint32_t> profile;
  std::vector<std::vector<std::uint32_t>> profiles;
  std::vector<std::uint32_t> findings;  // element findings per site
  std::vector<std::uint8_t> status;     // 0 none, 1 due, 2 overdue (the worst)
  std::size_t group_findings = 0;       // findings without a site
};

SiteTable build_site_table(const Network& net, const CheckResult& result);

// The two halves of build_site_table: what depends on the network alone (vendors,
// dominant, profile, profiles), and the findings of one result (findings, status,
// group_findings), so that `serve` computes the first once and the second per edit.
SiteTable build_site_equipment(const Network& net);
void count_site_findings(const Network& net, const CheckResult& result, SiteTable& table);

}  // namespace ringfence::report
