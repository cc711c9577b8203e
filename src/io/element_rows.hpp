// elements.csv a row at a time, in two steps shared by the row-by-row reader and the
// reader of parts on other threads: parse a row's fields (any thread: it only reads
// the sites), then add it to the network (in file order, one thread).
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/fields.hpp"
#include "io/readers.hpp"

namespace ringfence::io {

// The columns of elements.csv, by index in its header.
struct ElementColumns {
  std::size_t id, site, vendor, domain;
  std::optional<std::size_t> function, model, technology, sw_version, installed, azimuth, beamwidth,
      range_m, traffic, replace_cost;
  explicit ElementColumns(const CsvReader& csv);
};

// One row's fields, all valid, with the places messages about it name.
struct ElementRow {
  std::string_view id, vendor, function, model, technology, sw_version;
  std::uint32_t site = 0;
  std::uint8_t domain = 0;
  Days installed = kNoDate;
  double azimuth = 0, beamwidth = 0, range_m = 0, traffic = 0, replace_cost = 0;
  std::size_t line = 0, id_line = 0, id_column = 0, vendor_line = 0, vendor_column = 0;
  CsvReader::Mark start{};  // where the reader stood before the row
};

// Parses one row into `out`; false, with the row's errors recorded through `f`, when a
// field is bad (`out.id` is then the id when it was given).
bool parse_element_row(const FieldReader& f, const CsvRow& row, const ElementColumns& c,
                       const Network& net, const RefusedRows* refused, ElementRow& out);

// A row's text fields as the string pool holds them, in the order they are interned
// (which fixes the pool's ids): the vendor as written, function (lower case), model,
// technology (lower case), sw_version. A missing field is "" (id 0).
constexpr std::size_t kElementTexts = 5;
using ElementTexts = std::array<std::uint32_t, kElementTexts>;
struct ElementText {
  std::string_view text;
  bool lower;  // kept in lower case
};
std::array<ElementText, kElementTexts> element_texts(const ElementRow& r);
ElementTexts intern_element_texts(const ElementRow& r, StringPool& pool);

// The same ahead of the pool, on the thread that parses rows: a row's texts get local
// ids, and each text seen for the first time is appended to `fresh` (as the pool will
// hold it). Interning the fresh texts in the order given, a part after another, gives
// each local id its pool id, and the pool the ids interning row by row gives (a text
// is new to the pool where it is first seen in either order).
class ElementTextsAhead {
 public:
  ElementTexts local_ids(const ElementRow& r, std::vector<std::string>& fresh);

 private:
  // Texts as written, to local ids: an open-addressing table per field. A column holds
  // few distinct texts, so the table stays in cache, and a short text is hashed in a
  // few word loads (std::hash cost as much as the rest of the lookup).
  struct Slot {
    std::string_view text;
    std::uint32_t id = kEmpty;
  };
  static constexpr std::uint32_t kEmpty = UINT32_MAX;
  std::uint32_t& find_or_add(std::vector<Slot>& table, std::size_t& used, std::string_view text);
  std::array<std::vector<Slot>, kElementTexts> tables_;
  std::array<std::size_t, kElementTexts> used_{};
  std::uint32_t next_ = 0;
};

// What adding rows keeps between them: each element's line (for duplicate messages)
// and each vendor spelling's vendor.
struct ElementsBeingRead {
  std::vector<std::size_t> lines;
  std::vector<std::uint32_t> vendor_of_raw;
  std::vector<std::size_t>& raw_counts;
};

// Adds a parsed row whose id has just been inserted; warns (in `diag`, as file `file`)
// of a vendor spelling the registry does not know, the first time it is seen.
void add_element_row(const ElementRow& r, const ElementTexts& texts, Network& net,
                     ElementsBeingRead& state, Diagnostics& diag, const std::string& file);

// The rows of elements.csv from where `csv` stands, parsed on another thread a part
// at a time while this one adds them, when the rest of the file has no quote and
// `threads` allows two. Stops at the first row that needs a message (a bad field, a
// duplicate id, a malformed record), every row before it added and `csv` rewound to
// it, for the row-by-row reader to go on; at the end of the file otherwise.
void read_elements_in_parallel(CsvReader& csv, const ElementColumns& c, Network& net,
                               ElementsBeingRead& state, Diagnostics& diag, unsigned threads);

}  // namespace ringfence::io
