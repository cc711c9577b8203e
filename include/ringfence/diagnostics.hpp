// Problems found in input, each tied to a place (file, line, column). A load that
// records any error is refused as a whole: nothing half-loaded is analysed.
#pragma once
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ringfence {

// Where a problem is: a line and column in a text file, or, in a source that has no
// lines (a GeoPackage, a Shapefile, a JSON API page), the record: "layer zones,
// feature 12".
struct Diagnostic {
  std::string file;
  std::size_t line = 0;    // 1-based; 0 when the problem concerns the whole file
  std::size_t column = 0;  // 1-based byte column; 0 when unknown
  std::string message;     // "what is wrong (what was expected)"
  std::string record;      // instead of line and column, where a source has no lines

  std::string to_string() const;  // FILE:LINE:COLUMN: message, or FILE: RECORD: message
};

class Diagnostics {
 public:
  // Past this many errors the reader stops collecting: one broken column in a
  // million-row file should not print a million lines.
  static constexpr std::size_t kMaxErrors = 100;

  void error(std::string file, std::size_t line, std::size_t column, std::string message);
  // A problem in a source without lines, located by its record ("layer x, feature 3").
  void error_at_record(std::string file, std::string record, std::string message);
  void warning(std::string file, std::size_t line, std::size_t column, std::string message);

  bool has_errors() const { return !errors_.empty() || suppressed_errors_ > 0; }
  bool full() const { return errors_.size() >= kMaxErrors; }
  const std::vector<Diagnostic>& errors() const { return errors_; }
  const std::vector<Diagnostic>& warnings() const { return warnings_; }
  std::size_t suppressed_errors() const { return suppressed_errors_; }
  std::size_t suppressed_warnings() const { return suppressed_warnings_; }

 private:
  std::vector<Diagnostic> errors_;
  std::vector<Diagnostic> warnings_;
  std::size_t suppressed_errors_ = 0;
  std::size_t suppressed_warnings_ = 0;
};

// Options out of range. The message names options in braces ("{sites} must be at
// least 1"): a caller shows them as its own options are spelt (the CLI as --sites),
// so library code never names a command-line flag.
struct OptionError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
  // The message with each {name} replaced by prefix + name.
  std::string with_options_as(std::string_view prefix) const;
};

// Thrown when input is refused; carries every diagnostic collected so far.
class InputError : public std::runtime_error {
 public:
  explicit InputError(Diagnostics diagnostics);
  InputError(std::string file, std::size_t line, std::size_t column, std::string message);
  // Located by record, for sources without lines.
  static InputError at_record(std::string file, std::string record, std::string message);
  const Diagnostics& diagnostics() const { return diagnostics_; }

 private:
  Diagnostics diagnostics_;
};

}  // namespace ringfence
