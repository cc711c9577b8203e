// The cell export reader: decompressed chunks (read ahead on a second thread), split
// into lines, one pass per line.
#include "import/cell_file.hpp"

#include <fast_float/fast_float.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <optional>
#include <string_view>

#include "import/chunk_source.hpp"

namespace ringfence::import {

namespace {

enum Column : std::size_t {
  kRadioCol,
  kMcc,
  kNet,
  kArea,
  kCell,
  kUnit,
  kLon,
  kLat,
  kRange,
  kSamples,
  kChangeable,
  kCreated,
  kUpdated,
  kSignal,
  kColumns
};

// Every name a column goes by in the exports seen (compared ignoring case).
const std::array<std::vector<std::string_view>, kColumns> kColumnNames = {{
    {"radio"},
    {"mcc"},
    {"net", "mnc"},
    {"area", "lac", "tac"},
    {"cell", "cellid", "cid"},
    {"unit", "psc", "pci"},
    {"lon"},
    {"lat"},
    {"range"},
    {"samples"},
    {"changeable"},
    {"created"},
    {"updated"},
    {"averagesignal", "averagesignalstrength"},
}};

const std::array<std::string_view, kColumns> kWhat = {
    "radio (GSM, UMTS, LTE, NR or CDMA)",
    "mcc (a whole number)",
    "net / mnc (a whole number)",
    "area / lac (a whole number)",
    "cell / cellid (a whole number)",
    "unit (a whole number or empty)",
    "lon (a longitude in [-180, 180])",
    "lat (a latitude in [-90, 90])",
    "range (whole metres)",
    "samples (a whole number)",
    "changeable (a whole number)",
    "created (Unix seconds)",
    "updated (Unix seconds)",
    "averageSignal (a whole number or empty)",
};

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

template <class T>
bool parse_int(std::string_view text, T& out) {
  if (text.empty()) return false;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && p == text.data() + text.size();
}

bool parse_real(std::string_view text, double& out) {
  if (text.empty()) return false;
  auto [p, ec] = fast_float::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && p == text.data() + text.size() && std::isfinite(out);
}

std::optional<Radio> parse_radio(std::string_view text) {
  // The dumps write radio names in capitals: compare exactly first.
  for (std::uint8_t r = 0; r < kRadioCount; ++r)
    if (text == kRadioNames[r]) return static_cast<Radio>(r);
  for (std::uint8_t r = 0; r < kRadioCount; ++r)
    if (iequals(text, kRadioNames[r])) return static_cast<Radio>(r);
  return std::nullopt;
}

class Reader {
 public:
  Reader(const std::string& path, const std::vector<std::uint32_t>& mccs, bool skip_bad,
         CellFileResult& out, Diagnostics& diag)
      : path_(path), skip_bad_(skip_bad), out_(out), diag_(diag) {
    for (std::uint32_t m : mccs)
      if (m < wanted_.size()) wanted_[m] = 1;
    all_ = mccs.empty();
    for (std::size_t c = 0; c < kColumns; ++c) index_[c] = c;
  }

  // Handles one line (without its line break). false: stop reading.
  bool line(std::string_view text) {
    ++line_no_;
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (line_no_ == 1 && text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0) {
      text.remove_prefix(3);
      bom_ = 3;
    } else {
      bom_ = 0;
    }
    if (text.empty()) return true;
    split(text);
    if (line_no_ == 1 && looks_like_header()) return header();
    ++out_.rows;
    row();
    return !diag_.full();
  }

  std::uint64_t line_number() const { return line_no_; }

 private:
  void split(std::string_view text) {
    fields_.clear();
    starts_.clear();
    std::size_t start = 0;
    for (;;) {
      const std::size_t comma = text.find(',', start);
      fields_.push_back(
          text.substr(start, comma == std::string_view::npos ? comma : comma - start));
      starts_.push_back(start + 1 + bom_);
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    line_end_ = text.size() + 1 + bom_;
  }

  bool looks_like_header() const { return !fields_.empty() && iequals(fields_[0], "radio"); }

  bool header() {
    out_.header = true;
    header_fields_ = fields_.size();
    for (std::size_t c = 0; c < kColumns; ++c) {
      index_[c] = SIZE_MAX;
      for (std::size_t i = 0; i < fields_.size(); ++i)
        for (auto name : kColumnNames[c])
          if (iequals(fields_[i], name)) index_[c] = i;
      if (index_[c] == SIZE_MAX) {
        std::string names;
        for (auto name : kColumnNames[c])
          names += (names.empty() ? "" : " or ") + std::string(name);
        diag_.error(path_, 1, 1, "the header has no column " + names);
      }
    }
    return !diag_.has_errors();
  }

  void bad(std::size_t column, const std::string& message) {
    if (skip_bad_) {
      if (row_bad_) return;
      row_bad_ = true;
      ++out_.bad;
      if (out_.bad_examples.size() < 5)
        out_.bad_examples.push_back(path_ + ":" + std::to_string(line_no_) + ":" +
                                    std::to_string(column) + ": " + message);
      return;
    }
    row_bad_ = true;
    diag_.error(path_, line_no_, column, message);
  }

  std::size_t col(std::size_t c) const { return starts_[index_[c]]; }

  // The field of column c, checked as an integer of type T (empty allowed when
  // `optional`); reports and returns false otherwise.
  template <class T>
  bool integer(std::size_t c, T& value, bool optional) {
    const std::string_view text = fields_[index_[c]];
    if (optional && text.empty()) {
      value = 0;
      return true;
    }
    if (parse_int(text, value)) return true;
    bad(col(c),
        "'" + std::string(text.substr(0, 40)) + "' is not a valid " + std::string(kWhat[c]));
    return false;
  }

  void row() {
    row_bad_ = false;
    const std::size_t expected = out_.header ? header_fields_ : kColumns;
    if (fields_.size() != expected) {
      bad(fields_.size() > expected ? starts_[expected] : line_end_,
          std::to_string(fields_.size()) + " fields (expected " + std::to_string(expected) +
              ": radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,"
              "averageSignal)");
      return;
    }
    std::uint32_t mcc = 0;
    if (!integer(kMcc, mcc, false)) return;
    if (mcc > 999) {
      bad(col(kMcc), "'" + std::string(fields_[index_[kMcc]].substr(0, 40)) +
                         "' is not a valid mcc (three digits)");
      return;
    }
    if (!all_ && !wanted_[mcc]) {
      ++out_.other_country;
      return;
    }
    const auto radio = parse_radio(fields_[index_[kRadioCol]]);
    if (!radio)
      bad(col(kRadioCol), "'" + std::string(fields_[index_[kRadioCol]].substr(0, 40)) +
                              "' is not a " + std::string(kWhat[kRadioCol]));
    std::uint32_t mnc = 0, area = 0, range = 0;
    std::uint64_t cell = 0;
    std::int64_t unit = 0, samples = 0, changeable = 0, created = 0, updated = 0, signal = 0;
    if (integer(kNet, mnc, false) && mnc > 99999)
      bad(col(kNet), "'" + std::string(fields_[index_[kNet]].substr(0, 40)) +
                         "' is not a valid net / mnc (at most five digits)");
    integer(kArea, area, false);
    integer(kCell, cell, false);
    integer(kUnit, unit, true);
    integer(kRange, range, true);
    integer(kSamples, samples, true);
    integer(kChangeable, changeable, true);
    integer(kCreated, created, true);
    integer(kUpdated, updated, true);
    integer(kSignal, signal, true);
    double lat = 0, lon = 0;
    if (!parse_real(fields_[index_[kLat]], lat) || lat < -90 || lat > 90)
      bad(col(kLat), "'" + std::string(fields_[index_[kLat]].substr(0, 40)) + "' is not a " +
                         std::string(kWhat[kLat]));
    if (!parse_real(fields_[index_[kLon]], lon) || lon < -180 || lon > 180)
      bad(col(kLon), "'" + std::string(fields_[index_[kLon]].substr(0, 40)) + "' is not a " +
                         std::string(kWhat[kLon]));
    if (created < 0) bad(col(kCreated), "a negative " + std::string(kWhat[kCreated]));
    if (row_bad_) return;
    CellTable& t = out_.cells;
    CellRecord r;
    r.cell = cell;
    r.created = created;
    r.line = line_no_;
    r.mcc = mcc;
    r.mnc = mnc;
    r.area = area;
    r.range_m = range;
    r.radio = *radio;
    t.rec.push_back(r);
    t.lat.push_back(lat);
    t.lon.push_back(lon);
  }

  const std::string& path_;
  bool skip_bad_;
  CellFileResult& out_;
  Diagnostics& diag_;
  std::array<std::uint8_t, 1000> wanted_{};
  bool all_ = false;
  std::array<std::size_t, kColumns> index_{};
  std::size_t header_fields_ = 0;
  std::vector<std::string_view> fields_;
  std::vector<std::size_t> starts_;
  std::size_t line_end_ = 0;
  std::size_t bom_ = 0;
  std::uint64_t line_no_ = 0;
  bool row_bad_ = false;
};

}  // namespace

CellFileResult read_cell_file(const std::string& path, const std::vector<std::uint32_t>& mccs,
                              bool skip_bad, const std::function<void(std::uint64_t)>& progress,
                              unsigned threads) {
  analysis::ThreadBudget budget(threads);
  ChunkSource source(path, budget);
  CellFileResult out;
  Diagnostics diag;
  Reader reader(path, mccs, skip_bad, out, diag);
  constexpr std::size_t kMaxLine = 1 << 20;
  std::string carry;  // an unfinished line from the end of the chunk before
  std::uint64_t next_report = 1'000'000;
  bool stop = false;
  while (!stop) {
    ChunkSource::Chunk chunk = source.next();
    if (!chunk.ok) {
      if (chunk.truncated)
        throw InputError(
            path, reader.line_number() + 1, carry.size() + 1,
            "the compressed data ends early (" + chunk.error + "; expected a complete gzip file)");
      throw InputError(path, reader.line_number() + 1, carry.size() + 1,
                       "cannot read: " + chunk.error);
    }
    if (chunk.bytes.empty()) {
      if (!carry.empty()) reader.line(carry);
      break;
    }
    const char* data = chunk.bytes.data();
    const std::size_t size = chunk.bytes.size();
    std::size_t pos = 0;
    if (!carry.empty()) {
      const void* nl = std::memchr(data, '\n', size);
      const std::size_t end =
          nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - data) : size;
      carry.append(data, end);
      if (nl) {
        stop = !reader.line(carry);
        carry.clear();
        pos = end + 1;
      } else {
        pos = size;
      }
    }
    while (!stop && pos < size) {
      const void* nl = std::memchr(data + pos, '\n', size - pos);
      if (!nl) {
        carry.assign(data + pos, size - pos);
        break;
      }
      const auto end = static_cast<std::size_t>(static_cast<const char*>(nl) - data);
      stop = !reader.line(std::string_view(data + pos, end - pos));
      pos = end + 1;
    }
    if (carry.size() > kMaxLine)
      throw InputError(path, reader.line_number() + 1, kMaxLine + 1,
                       "a line longer than 1 MiB (expected one cell per line)");
    if (progress && out.rows >= next_report) {
      progress(out.rows);
      next_report = out.rows + 1'000'000;
    }
  }
  if (diag.has_errors()) throw InputError(std::move(diag));
  if (out.rows == 0 && !skip_bad)
    throw InputError(path, 0, 0, "no cell rows (expected radio,mcc,net,area,cell,... lines)");
  return out;
}

}  // namespace ringfence::import
