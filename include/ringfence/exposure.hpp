// Vendor exposure: each vendor's share of a network, per group of elements.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ringfence/network.hpp"

namespace ringfence {

enum class GroupKey : std::uint8_t { kOperator, kRegion, kDomain, kTechnology };
enum class Measure : std::uint8_t { kElements, kSites, kTraffic, kPopulation };

std::optional<GroupKey> parse_group_key(std::string_view name);
std::string_view group_key_name(GroupKey key);
std::optional<Measure> parse_measure(std::string_view name);
std::string_view measure_name(Measure measure);
// A comma-separated list of grouping keys ("operator,domain"; empty items are
// skipped, "" is the whole network). Throws std::invalid_argument naming an unknown
// or repeated key and the option it came from (e.g. "--by").
std::vector<GroupKey> parse_group_keys(std::string_view list, std::string_view option);

// The text of one grouping key for an element (e.g. its operator's name).
std::string_view group_value(const Network& net, std::uint32_t element, GroupKey key);

struct VendorAmount {
  std::uint32_t vendor = 0;
  double amount = 0;  // elements, sites, traffic or population counted for the vendor
  double share = 0;   // amount / group total
};

struct ExposureGroup {
  std::vector<std::string> key;  // one value per `by` key
  double total = 0;              // elements, sites (distinct), traffic or population
  // Herfindahl–Hirschman index, 0..10000, over the vendors' amounts normalised by
  // their sum (for sites and population a site may count for several vendors).
  double hhi = 0;
  std::vector<VendorAmount> vendors;  // largest amount first, then by name
};

struct SingleVendorDomain {
  std::string operator_name;
  Domain domain;
  std::uint32_t vendor;
  std::size_t elements;
};

struct ExposureResult {
  std::vector<GroupKey> by;
  Measure measure = Measure::kElements;
  std::vector<ExposureGroup> groups;  // sorted by key
  std::vector<SingleVendorDomain> single_vendor_domains;  // by operator, then domain
};

ExposureResult compute_exposure(const Network& net, const std::vector<GroupKey>& by,
                                Measure measure);

}  // namespace ringfence
