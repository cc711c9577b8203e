#include "io/fields.hpp"

#include <fast_float/fast_float.h>

#include <cmath>
#include <cstdio>

namespace ringfence::io {

std::optional<double> parse_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') {
    text.remove_prefix(1);
    if (!text.empty() && text.front() == '-') return std::nullopt;  // "+-5"
  }
  double value = 0;
  auto [ptr, ec] = fast_float::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

void FieldReader::error(std::size_t col, std::string message) const {
  diag_.error(csv_.name(), row_.lines[col], row_.columns[col], std::move(message));
}

void FieldReader::warning(std::size_t col, std::string message) const {
  diag_.warning(csv_.name(), row_.lines[col], row_.columns[col], std::move(message));
}

std::optional<std::string_view> FieldReader::required(std::size_t col,
                                                      std::string_view what) const {
  if (row_.fields[col].empty()) {
    error(col, "empty " + std::string(what) + " (expected a value)");
    return std::nullopt;
  }
  return row_.fields[col];
}

static std::string format_bound(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::optional<double> FieldReader::number(std::size_t col, std::string_view what, double lo,
                                          double hi, bool is_required, double empty_value) const {
  std::string_view t = row_.fields[col];
  if (t.empty()) {
    if (!is_required) return empty_value;
    error(col, "empty " + std::string(what) + " (expected a number)");
    return std::nullopt;
  }
  auto v = parse_number(t);
  if (!v) {
    error(col, std::string(what) + " '" + std::string(t.substr(0, 40)) +
                   "' is not a number (expected a finite decimal number)");
    return std::nullopt;
  }
  if (*v < lo || *v > hi) {
    error(col, std::string(what) + " " + std::string(t) + " is out of range (expected " +
                   format_bound(lo) + " to " + format_bound(hi) + ")");
    return std::nullopt;
  }
  return v;
}

std::optional<Days> FieldReader::date(std::size_t col, std::string_view what) const {
  std::string_view t = row_.fields[col];
  if (t.empty()) return kNoDate;
  auto d = parse_iso_date(t);
  if (!d) {
    error(col, std::string(what) + " '" + std::string(t.substr(0, 40)) +
                   "' is not a date (expected YYYY-MM-DD)");
    return std::nullopt;
  }
  return d;
}

}  // namespace ringfence::io
