// The replacement vendor of every element a plan swaps.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "plan/problem.hpp"
#include "ringfence/plan.hpp"

namespace ringfence::plan {

struct VendorChoice {
  std::vector<std::vector<std::uint32_t>> elements_of_job;  // swapped, by element row
  std::vector<std::uint32_t> new_vendor;                    // per element; UINT32_MAX: none
  std::vector<std::string> problems;                        // elements left unswapped, why
};

// Per (operator, domain), vendors are tried in order of their share of that
// operator's domain, then of the domain network-wide (a programme office extends a
// supplier it has), skipping any vendor a rule of the policies forbids for the
// element (remedies.cpp). With min_vendors rules the choice per (operator, domain)
// is the first vendor that leaves the fewest min_vendors findings once the whole plan
// is applied, so that replacing one vendor by another does not break a multi-vendor
// rule. --replacement fixes the choice; a fixed vendor that a rule forbids is an error.
VendorChoice choose_vendors(const Network& net, const std::vector<Policy>& policies,
                            const Problem& p, const Selection& s,
                            const ReplacementTable& replacement, const std::vector<int>& months);

}  // namespace ringfence::plan
