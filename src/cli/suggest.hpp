// "Did you mean ...?": the closest of a set of names to a mistyped one.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace ringfence::cli {

// The candidate closest to `typed` by edit distance, or "" when none is close
// enough to be a plausible typo.
std::string closest_name(std::string_view typed, const std::vector<std::string>& candidates);

}  // namespace ringfence::cli
