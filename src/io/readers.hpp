// One reader per bundle file. Each appends to the network and records located
// problems in `diag`; the bundle loader decides whether the result is usable.
#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include "io/csv_reader.hpp"
#include "ringfence/bundle.hpp"
#include "ringfence/diagnostics.hpp"
#include "ringfence/network.hpp"

namespace ringfence::io {

void read_vendors(CsvReader& csv, VendorRegistry& registry, Diagnostics& diag);
void read_models(CsvReader& csv, Network& net, Diagnostics& diag);
// Ids of rows refused for a bad field, with their line: a later reference to one is
// reported as a reference to a refused row, not as a missing id.
struct RefusedRows {
  std::unordered_map<std::string, std::size_t> sites, elements;
};

void read_sites(CsvReader& csv, Network& net, Diagnostics& diag, RefusedRows* refused = nullptr);
// raw_counts[i]: how many rows spelled their vendor as strings id i.
// `threads`: 2 or more reads the good rows on two threads (0: one per hardware thread).
void read_elements(CsvReader& csv, Network& net, Diagnostics& diag,
                   std::vector<std::size_t>& raw_counts, RefusedRows* refused = nullptr,
                   unsigned threads = 1);
// `threads`: how many threads look the link ends up (0: one per hardware thread).
void read_links(CsvReader& csv, Network& net, Diagnostics& diag,
                const RefusedRows* refused = nullptr, unsigned threads = 1);
// The rows of links.csv (the reader past its header) resolved on `threads` threads,
// when every row is good; false, the reader rewound and nothing added, when a row
// needs a message (read_links then reads the rows one by one) or the file has quotes.
bool read_links_in_parallel(CsvReader& csv, std::size_t c_from, std::size_t c_to, Network& net,
                            unsigned threads);
// `text` is the file's content; `name` the display name used in messages.
void read_zones(const std::string& text, const std::string& name, Network& net, Diagnostics& diag);
// Throws InputError when `diag` holds errors; otherwise records the vendor spellings
// and warnings and finalizes the network.
void finish_bundle(LoadedBundle& out, const std::vector<std::size_t>& raw_counts,
                   Diagnostics& diag);

}  // namespace ringfence::io
