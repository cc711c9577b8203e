// Reading an OpenCelliD / Mozilla Location Service cell export into columns.
//
// The layout is `radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,
// created,updated,averageSignal`, plain or gzip (read through zlib, which passes plain
// files through). The header is optional (OpenCelliD's per-country files have none);
// when present, columns are found by name, also under the names other exports use
// (`mnc`, `lac`/`tac`, `cellid`/`cid`, `averageSignalStrength`). Quirks of the real
// dumps are accepted: an empty `unit`, `unit` -1, `averageSignal` 0.
//
// A bad row (wrong field count, a field that is not a number, a coordinate out of
// range, an unknown radio) is an error at its line and column; a gzip stream that ends
// early is an error at the line where the data stopped. With skip_bad such rows are
// counted and skipped instead.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ringfence/diagnostics.hpp"

namespace ringfence::import {

enum Radio : std::uint8_t { kGsm = 0, kUmts, kLte, kNr, kCdma, kRadioCount };
inline constexpr const char* kRadioNames[] = {"GSM", "UMTS", "LTE", "NR", "CDMA"};

// What a row says of one cell, kept together: the bundle is written in site order, so
// a cell's fields are read at random and should share a cache line.
struct CellRecord {
  std::uint64_t cell = 0;
  std::int64_t created = 0;  // Unix seconds; 0: none
  std::uint64_t line = 0;    // where the row is in the file
  std::uint32_t mcc = 0, mnc = 0, area = 0;
  std::uint32_t range_m = 0;  // 0: none
  std::uint8_t radio = 0;
};

// One cell per row, in file order; positions in columns of their own for site grouping.
struct CellTable {
  std::vector<CellRecord> rec;
  std::vector<double> lat, lon;
  std::size_t size() const { return rec.size(); }
};

struct CellFileResult {
  CellTable cells;
  std::uint64_t rows = 0;                 // data rows, header excluded
  std::uint64_t other_country = 0;        // rows whose MCC is not wanted
  std::uint64_t bad = 0;                  // skipped (skip_bad)
  std::vector<std::string> bad_examples;  // the first few, located
  bool header = false;
};

// Reads `path`; keeps rows whose MCC is in `mccs` (all when empty). Throws InputError
// (every located problem, up to Diagnostics::kMaxErrors) unless skip_bad.
// At most `threads` threads at once (0: one per core): with two or more, the file is
// decompressed on a second thread while this one parses.
CellFileResult read_cell_file(const std::string& path, const std::vector<std::uint32_t>& mccs,
                              bool skip_bad, const std::function<void(std::uint64_t)>& progress,
                              unsigned threads = 0);

}  // namespace ringfence::import
