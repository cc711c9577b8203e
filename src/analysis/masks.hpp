// Turning filters and vendor sets into masks over whole columns, so each question
// runs one tight loop over the elements (no per-row indirection).
#pragma once
#include <cstdint>
#include <vector>

#include "ringfence/filter.hpp"
#include "ringfence/network.hpp"

namespace ringfence::analysis {

using Mask = std::vector<std::uint8_t>;

// Per vendor id: 1 if the vendor is in the set (names resolve through the registry,
// tags through registry tags; `all` sets every vendor).
Mask vendor_table(const Network& net, const VendorSpec& spec);
// Per element: 1 if the element passes the filter (and, when given, its vendor is in
// vendor_ok).
Mask element_mask(const Network& net, const Filter& filter, const Mask* vendor_ok = nullptr);
// Per zone: 1 if the zone's properties pass the filter.
Mask zone_mask(const Network& net, const Filter& filter);

}  // namespace ringfence::analysis
