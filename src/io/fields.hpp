// Typed parsing of CSV fields with located, explained errors.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "io/csv_reader.hpp"
#include "ringfence/date.hpp"
#include "ringfence/diagnostics.hpp"

namespace ringfence::io {

// Parses a finite decimal number; nullopt for anything else (including nan, inf).
std::optional<double> parse_number(std::string_view text);

// A cursor over one row that reports problems at the field's own line and column.
class FieldReader {
 public:
  FieldReader(const CsvReader& csv, const CsvRow& row, Diagnostics& diag)
      : csv_(csv), row_(row), diag_(diag) {}

  std::string_view text(std::size_t col) const { return row_.fields[col]; }
  void error(std::size_t col, std::string message) const;
  void warning(std::size_t col, std::string message) const;

  // Required text: an error when empty.
  std::optional<std::string_view> required(std::size_t col, std::string_view what) const;
  // A number within [lo, hi]; `empty_value` when the field is empty and optional.
  std::optional<double> number(std::size_t col, std::string_view what, double lo, double hi,
                               bool required, double empty_value) const;
  // An ISO date; kNoDate when empty; nullopt on error.
  std::optional<Days> date(std::size_t col, std::string_view what) const;

 private:
  const CsvReader& csv_;
  const CsvRow& row_;
  Diagnostics& diag_;
};

std::string to_lower_ascii(std::string_view text);

}  // namespace ringfence::io
