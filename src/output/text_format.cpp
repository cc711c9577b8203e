// Field and number text shared by every machine-readable output (CSV, JSON).
#include <charconv>
#include <cmath>

#include "ringfence/output.hpp"

namespace ringfence {

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string format_number(double value) {
  if (std::isnan(value)) return "";
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    char buf[32];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(value));
    return std::string(buf, p);
  }
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, p);
}

}  // namespace ringfence
