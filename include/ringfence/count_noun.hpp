// "1 finding", "2 findings": a count followed by its noun in the right number, for
// text output.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace ringfence {

// plural defaults to singular + "s".
inline std::string count_noun(std::size_t n, std::string_view singular,
                              std::string_view plural = {}) {
  std::string out = std::to_string(n);
  out += ' ';
  if (n == 1)
    out += singular;
  else if (plural.empty())
    (out += singular) += 's';
  else
    out += plural;
  return out;
}

}  // namespace ringfence
