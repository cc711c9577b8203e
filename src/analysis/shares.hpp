// Comparing shares against limits without floating-point surprises: 0.35 * 20 must
// be exactly 7 sites, and a share exactly at the cap complies.
#pragma once
#include <cmath>

#include "ringfence/exposure.hpp"

namespace ringfence::analysis {

inline constexpr double kShareTolerance = 1e-9;

// amount / total > limit, with a relative tolerance.
inline bool exceeds(double amount, double total, double limit) {
  return total > 0 && amount > limit * total * (1 + kShareTolerance) + kShareTolerance;
}

// How much must go for amount / total <= limit.
inline double excess_over(double amount, double total, double limit, Measure measure) {
  const double allowed = limit * total;
  if (measure == Measure::kElements || measure == Measure::kSites)
    return amount - std::floor(allowed * (1 + kShareTolerance) + kShareTolerance);
  return amount - allowed;
}

}  // namespace ringfence::analysis
