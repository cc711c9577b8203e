#include "io/csv_reader.hpp"

#include <simdjson.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

#include "io/text_checks.hpp"

namespace ringfence::io {

CsvReader::CsvReader(std::string text, std::string name)
    : text_(std::move(text)), name_(std::move(name)) {
  if (text_.size() >= 3 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    pos_ = 3;
    line_start_ = 3;
  }
}

CsvReader CsvReader::from_text(std::string text, const std::string& display_name) {
  if (auto bad = find_invalid_utf8(text)) {
    throw InputError(display_name, bad->line, bad->column,
                     "invalid UTF-8 byte sequence (expected UTF-8 text)");
  }
  return CsvReader(std::move(text), display_name);
}

CsvReader CsvReader::view(std::size_t begin, std::size_t end, std::size_t line) {
  CsvReader part(std::string(), name_);
  part.header_ = header_;
  part.view_data_ = data() + begin;
  part.view_size_ = end - begin;
  part.line_ = line;
  return part;
}

unsigned CsvReader::threads_for(unsigned threads) {
  return threads != 0 ? threads : std::max(1u, std::thread::hardware_concurrency());
}

CsvReader CsvReader::open_file(const std::string& path, const std::string& display_name) {
  return from_text(read_whole_file(path, display_name), display_name);
}

bool CsvReader::parse_record(CsvRow& row, bool& ok, Diagnostics& diag) {
  ok = true;
  row.fields.clear();
  row.columns.clear();
  row.lines.clear();
  const std::size_t n = size();
  char* buf = data();
  // Skip blank lines.
  while (pos_ < n && (buf[pos_] == '\n' || buf[pos_] == '\r')) {
    if (buf[pos_] == '\n') {
      ++line_;
      line_start_ = pos_ + 1;
    }
    ++pos_;
  }
  if (pos_ >= n) return false;
  row.line = line_;
  auto fail = [&](std::size_t at, std::string message) {
    diag.error(name_, line_, at - line_start_ + 1, std::move(message));
    ok = false;
    // Resynchronise at the next line end outside this record.
    while (pos_ < n && buf[pos_] != '\n') ++pos_;
  };
  while (true) {
    const std::size_t start = pos_;
    row.columns.push_back(start - line_start_ + 1);
    row.lines.push_back(line_);
    if (start - line_start_ > kMaxLineBytes) {
      fail(line_start_ + kMaxLineBytes, "line longer than " + std::to_string(kMaxLineBytes) +
                                            " bytes (expected one CSV record per line)");
      return true;
    }
    if (pos_ < n && buf[pos_] == '"') {
      const std::size_t open_line = line_, open_col = start - line_start_ + 1;
      ++pos_;
      std::size_t out = pos_;
      const std::size_t content = pos_;
      bool closed = false;
      while (pos_ < n) {
        char c = buf[pos_];
        if (c == '"') {
          if (pos_ + 1 < n && buf[pos_ + 1] == '"') {
            buf[out++] = '"';
            pos_ += 2;
            continue;
          }
          ++pos_;
          closed = true;
          break;
        }
        if (c == '\n') {
          ++line_;
          line_start_ = pos_ + 1;
        }
        buf[out++] = c;
        ++pos_;
        if (pos_ - content > kMaxLineBytes) break;
      }
      if (!closed && pos_ < n) {
        // A quoted field can hold line breaks, but not a megabyte of them.
        diag.error(name_, open_line, open_col,
                   "quoted field longer than " + std::to_string(kMaxLineBytes) +
                       " bytes (expected a closing '\"' before it)");
        ok = false;
        pos_ = n;
        return true;
      }
      if (!closed) {
        diag.error(name_, open_line, open_col,
                   "quoted field is never closed (expected a closing '\"')");
        ok = false;
        pos_ = n;
        return true;
      }
      row.fields.emplace_back(buf + content, out - content);
      if (pos_ < n && buf[pos_] != ',' && buf[pos_] != '\n' && buf[pos_] != '\r') {
        fail(pos_, "text after a closing quote (expected ',' or end of line)");
        return true;
      }
    } else {
      while (pos_ < n && buf[pos_] != ',' && buf[pos_] != '\n' && buf[pos_] != '\r') {
        if (buf[pos_] == '"') {
          fail(pos_, "quote inside an unquoted field (expected the whole field in quotes)");
          return true;
        }
        ++pos_;
      }
      if (pos_ - line_start_ > kMaxLineBytes) {
        // Reported where the line passes the limit.
        fail(line_start_ + kMaxLineBytes, "line longer than " + std::to_string(kMaxLineBytes) +
                                              " bytes (expected one CSV record per line)");
        return true;
      }
      std::string_view f(buf + start, pos_ - start);
      while (!f.empty() && (f.front() == ' ' || f.front() == '\t')) f.remove_prefix(1);
      while (!f.empty() && (f.back() == ' ' || f.back() == '\t')) f.remove_suffix(1);
      row.fields.push_back(f);
    }
    if (pos_ >= n) return true;
    char c = buf[pos_];
    if (c == ',') {
      ++pos_;
      continue;
    }
    if (c == '\r') ++pos_;
    if (pos_ < n && buf[pos_] == '\n') {
      ++pos_;
      ++line_;
      line_start_ = pos_;
    } else if (pos_ < n) {
      fail(pos_ - 1, "carriage return inside a record (expected CRLF or LF line ends)");
    }
    return true;
  }
}

std::size_t CsvReader::line_breaks() const {
  const std::string_view text = text_view();
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
}

bool CsvReader::read_header(Diagnostics& diag) {
  CsvRow row;
  bool ok = false;
  if (!parse_record(row, ok, diag)) {
    diag.error(name_, 1, 1, "empty file (expected a header line)");
    return false;
  }
  if (!ok) return false;
  for (std::size_t i = 0; i < row.fields.size(); ++i) {
    std::string name(row.fields[i]);
    for (std::size_t j = 0; j < header_.size(); ++j) {
      if (header_[j] == name && !name.empty()) {
        diag.error(name_, row.line, row.columns[i],
                   "column '" + name + "' appears twice in the header (expected unique names)");
        return false;
      }
    }
    header_.push_back(std::move(name));
  }
  return true;
}

std::optional<std::size_t> CsvReader::column(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return i;
  return std::nullopt;
}

bool CsvReader::require_columns(const std::vector<std::string_view>& names,
                                Diagnostics& diag) const {
  bool all = true;
  for (auto name : names) {
    if (!column(name)) {
      diag.error(name_, 1, 1, "missing required column '" + std::string(name) + "'");
      all = false;
    }
  }
  return all;
}

bool CsvReader::next(CsvRow& row, Diagnostics& diag) {
  while (true) {
    bool ok = false;
    if (!parse_record(row, ok, diag)) return false;
    if (!ok) {
      if (diag.full()) return false;
      continue;
    }
    if (row.fields.size() != header_.size()) {
      std::size_t col = row.fields.size() > header_.size() ? row.columns[header_.size()] : 1;
      diag.error(name_, row.line, col,
                 "row has " + std::to_string(row.fields.size()) + " fields (expected " +
                     std::to_string(header_.size()) + ", as in the header)");
      if (diag.full()) return false;
      continue;
    }
    return true;
  }
}

}  // namespace ringfence::io
