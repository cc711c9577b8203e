// Data-path exposure: whose equipment the traffic of each radio element crosses on its
// way to the core, and the blast radius of one vendor, element or site.
//
// A RAN element's path is every element reachable from it over the links (itself
// included) that can still reach a core element; its traffic "crosses" those elements.
// Elements whose links reach no core element have no path and are counted apart.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "ringfence/exposure.hpp"
#include "ringfence/filter.hpp"
#include "ringfence/network.hpp"

namespace ringfence {

inline constexpr std::size_t kDomainCount = kDomainNames.size();

struct PathsOptions {
  std::vector<GroupKey> by{GroupKey::kOperator};
  Measure measure = Measure::kTraffic;  // elements, traffic or population
  std::vector<std::uint32_t> vendors;   // report only these vendor ids; empty = every vendor
  // Only traffic originating within radius_m of a zone passing zone_filter.
  bool zone_origin = false;
  Filter zone_filter;
  double radius_m = 0;
};

struct PathsVendor {
  std::uint32_t vendor = 0;
  double amount = 0;  // measured over the origins whose path crosses the vendor
  double share = 0;   // amount / group total
  std::array<double, kDomainCount> by_domain{};  // amount crossing it in each domain
};

struct PathsGroup {
  std::vector<std::string> key;      // one value per `by` key
  double total = 0;                  // all origins of the group (with or without a path)
  double no_path = 0;                // origins with no path to the core
  std::vector<PathsVendor> vendors;  // largest amount first, then by name
};

struct PathsResult {
  PathsOptions options;
  std::size_t origins = 0;             // RAN elements in scope
  std::vector<std::uint32_t> no_path;  // origins with no path to the core, by row
  std::vector<PathsGroup> groups;      // sorted by key
  // Per origin with a path: the (vendor, domain) pairs its path crosses.
  // Origin with_path[i] crosses crossed[crossed_offsets[i] .. crossed_offsets[i + 1]).
  std::vector<std::uint32_t> with_path;  // element rows
  std::vector<std::uint32_t> crossed_offsets;
  std::vector<std::pair<std::uint32_t, Domain>> crossed;  // by vendor name, then domain
};

// Throws std::invalid_argument for a measure other than elements, traffic, population.
PathsResult compute_paths(const Network& net, const PathsOptions& options);

enum class BlastTargetKind : std::uint8_t { kVendor, kElement, kSite };

struct BlastRadiusOptions {
  BlastTargetKind kind = BlastTargetKind::kVendor;
  std::string target;           // vendor (any spelling), element id or site id
  double zone_radius_m = 5000;  // traffic originating this close to a zone is the zone's
  std::size_t top = 10;         // how many of the target's elements to list by traffic
};

struct BlastAmounts {
  double elements = 0, traffic = 0, population = 0;
};

// Observed: the origins whose path crosses a target element. Cut off: origins that
// have a path to the core, and none once the target elements fail. A site's population
// counts when any of its origins does (for cut off: when all of them are cut off).
struct BlastGroup {
  std::string operator_name, region;  // region empty for an operator's total
  BlastAmounts total, observed, cut_off;
  std::array<BlastAmounts, kDomainCount> observed_in{};  // split by the crossed domain
};

struct BlastZone {
  std::uint32_t zone = 0;
  BlastAmounts observed;
};

struct BlastElement {
  std::uint32_t element = 0;
  double carried = 0;  // traffic through it, split equally over links towards the core
};

struct BlastSite {
  std::uint32_t site = 0;
  BlastAmounts observed;
  std::uint8_t domains = 0;  // bit d: observed in domain d
  bool cut_off = false;      // every origin of the site loses its path
};

struct BlastRadiusResult {
  BlastRadiusOptions options;
  std::vector<std::uint32_t> targets;           // element rows
  BlastGroup network;                           // whole network
  std::vector<BlastGroup> operators;            // by operator name
  std::vector<BlastGroup> regions;              // by operator, then region
  std::vector<BlastZone> zones;                 // most observed traffic first, then zone id
  std::vector<BlastElement> top;                // the target's elements carrying the most traffic
  std::vector<BlastSite> sites;                 // sites observed or cut off, by site row
  std::vector<std::uint32_t> cut_off_elements;  // rows
};

// Throws std::invalid_argument when the vendor, element or site is unknown.
BlastRadiusResult compute_blast_radius(const Network& net, const BlastRadiusOptions& options);

}  // namespace ringfence
