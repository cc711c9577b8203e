// Grouping elements by keys (operator, region, domain, technology) and measuring
// each group: shared by exposure, share caps and multi-vendor rules.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ringfence/exposure.hpp"
#include "ringfence/network.hpp"

namespace ringfence::analysis {

inline constexpr std::uint32_t kNoGroup = UINT32_MAX;

struct Grouping {
  std::vector<std::uint32_t> group_of;         // per element; kNoGroup when not in scope
  std::vector<std::vector<std::string>> keys;  // per group: one value per key
};

// Groups the elements with mask[e] != 0 (all when mask is empty).
Grouping group_elements(const Network& net, const std::vector<GroupKey>& by,
                        const std::vector<std::uint8_t>& mask);

// The elements with mask[e] != 0 (all when mask is empty)
// whose group under `by` has exactly these key values.
std::vector<std::uint32_t> members_of_group(const Network& net, const std::vector<GroupKey>& by,
                                            const std::vector<std::uint8_t>& mask,
                                            const std::vector<std::string>& key);

// Per group: the total measured, and the amount per vendor class. `class_of_vendor`
// maps each vendor id to a class (identity for per-vendor amounts; 0/1 for "in a
// vendor set or not"). With sites and population, a site counts once in the total
// and once for each class present among its in-scope elements.
struct GroupAmounts {
  std::vector<double> total;
  std::vector<std::map<std::uint32_t, double>> by_class;
};
GroupAmounts measure_groups(const Network& net, const Grouping& grouping, Measure measure,
                            const std::vector<std::uint32_t>& class_of_vendor);

// class_of_vendor for per-vendor amounts.
std::vector<std::uint32_t> identity_classes(const Network& net);

}  // namespace ringfence::analysis
