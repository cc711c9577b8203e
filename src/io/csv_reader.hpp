// RFC 4180 CSV reader over a whole file held in memory.
//
// Accepted: a UTF-8 byte order mark, LF or CRLF line ends, quoted fields with
// embedded commas, quotes ("") and line breaks, empty fields, blank lines (skipped).
// Refused with a located error: invalid UTF-8, a quote inside an unquoted field,
// text after a closing quote, an unterminated quote, a row whose field count
// differs from the header's, a line longer than kMaxLineBytes.
// Fields are views into the buffer; quoted fields are unescaped in place, which is
// safe because the unescaped text is never longer than the quoted one.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ringfence/diagnostics.hpp"

namespace ringfence::io {

struct CsvRow {
  std::vector<std::string_view> fields;
  std::vector<std::size_t> columns;  // 1-based byte column where each field starts
  std::vector<std::size_t> lines;    // line where each field starts
  std::size_t line = 0;              // line where the row starts
};

class CsvReader {
 public:
  static constexpr std::size_t kMaxLineBytes = 1 << 20;

  // Reads the file; throws InputError when it cannot be read or is not UTF-8.
  static CsvReader open_file(const std::string& path, const std::string& display_name);
  static CsvReader from_text(std::string text, const std::string& display_name);

  // The header row; nullopt (and an error recorded) for an empty file.
  bool read_header(Diagnostics& diag);
  const std::vector<std::string>& header() const { return header_; }
  // Index of a header column, or nullopt.
  std::optional<std::size_t> column(std::string_view name) const;
  // Records an error for each missing required column; false if any is missing.
  bool require_columns(const std::vector<std::string_view>& names, Diagnostics& diag) const;

  // Next data row; false at end of file. A malformed row is reported and skipped.
  bool next(CsvRow& row, Diagnostics& diag);
  const std::string& name() const { return name_; }
  std::size_t size_bytes() const { return size(); }
  // Line breaks in the file: an upper bound on the data rows, for reserving columns
  // once instead of letting them grow by doubling.
  std::size_t line_breaks() const;

  // Where the reader stands, to read the same rows again. Reading unescapes quoted
  // fields in place, so rows may be read twice only when `doubled_quotes_ahead()` is
  // false.
  struct Mark {
    std::size_t pos, line, line_start;
  };
  Mark mark() const { return {pos_, line_, line_start_}; }
  void rewind(const Mark& m) {
    pos_ = m.pos;
    line_ = m.line;
    line_start_ = m.line_start;
  }
  // Whether the rest of the text holds two quotes in a row (an escaped quote, or an
  // empty quoted field): without them, reading leaves the text as it was, quoted
  // fields included, so rows may be read twice.
  bool doubled_quotes_ahead() const {
    return text_view().find("\"\"", pos_) != std::string_view::npos;
  }
  // The whole text (after any parsing so far: quoted fields read are unescaped).
  std::string_view text_view() const { return {view_data_ ? view_data_ : text_.data(), size()}; }
  // How many threads a reader of parts may use for `threads` (0: one per core).
  static unsigned threads_for(unsigned threads);
  // A reader of bytes [begin, end) of this one's text, which starts a line (line
  // number `line`), with this one's header: to read parts of a file on several
  // threads. It reads this reader's text in place, so it must not outlive it, and
  // must only be used where the part holds no doubled quote (reading would unescape
  // in place).
  CsvReader view(std::size_t begin, std::size_t end, std::size_t line);

 private:
  CsvReader(std::string text, std::string name);
  // Parses one record at pos_; false at EOF. Reports and returns ok=false on error.
  bool parse_record(CsvRow& row, bool& ok, Diagnostics& diag);

  // The text, writable: reading unescapes quoted fields in place.
  char* data() { return const_cast<char*>(text_view().data()); }
  std::size_t size() const { return view_data_ ? view_size_ : text_.size(); }

  std::string text_;           // the text, unless this reader is a view
  char* view_data_ = nullptr;  // a view's part of another reader's text
  std::size_t view_size_ = 0;
  std::string name_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;
  std::vector<std::string> header_;
};

}  // namespace ringfence::io
