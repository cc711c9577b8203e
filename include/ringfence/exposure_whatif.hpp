// What-if exposure: the shares, HHI and single-vendor domains as if some vendors'
// elements were replaced — by a named vendor (`replace`), or (`without`) by the other
// vendors of the same operator, region and domain in proportion to their element
// counts there (of the same operator and domain when the region has no other vendor).
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "ringfence/exposure.hpp"

namespace ringfence {

struct ExposureWhatIf {
  std::vector<std::uint32_t> without;                            // vendor ids
  std::vector<std::pair<std::uint32_t, std::uint32_t>> replace;  // vendor -> vendor
  bool empty() const { return without.empty() && replace.empty(); }
};

struct WhatIfExposure {
  ExposureResult exposure;
  std::size_t replaced = 0;    // elements reassigned
  std::size_t unreplaced = 0;  // `without` elements whose operator has no other vendor in
                               // the domain: they stay with their vendor
};

// A site (sites, population) counts for a vendor with the largest fraction any of its
// in-scope elements gives that vendor. With an empty what-if, equals compute_exposure.
WhatIfExposure compute_exposure_whatif(const Network& net, const std::vector<GroupKey>& by,
                                       Measure measure, const ExposureWhatIf& what_if);

}  // namespace ringfence
