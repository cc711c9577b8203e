// links.csv resolved on every thread. Each link end is an element id looked up in a
// hash index of a million or more ids: the lookups wait on memory, not on the parser,
// and were most of reading the file. Rows are parsed first (without a doubled quote,
// reading leaves the text as it was, so rows can be read again), then looked up in
// parallel with the next lookups' index slots prefetched, then added in order. Any
// row that needs a message sends the file back to the row-by-row reader, so errors
// are worded and ordered exactly as they always were.
#include <algorithm>
#include <atomic>
#include <system_error>
#include <thread>

#include "io/readers.hpp"

namespace ringfence::io {

bool read_links_in_parallel(CsvReader& csv, std::size_t c_from, std::size_t c_to, Network& net,
                            unsigned threads) {
  threads = CsvReader::threads_for(threads);
  if (threads < 2 || csv.doubled_quotes_ahead()) return false;
  const CsvReader::Mark start = csv.mark();
  auto give_up = [&] {
    csv.rewind(start);
    return false;
  };
  // Both ends of each row, from then to, pointing into the reader's text.
  std::vector<std::string_view> ends;
  ends.reserve(2 * csv.line_breaks());
  Diagnostics parse_problems;
  CsvRow row;
  while (csv.next(row, parse_problems)) {
    if (row.fields[c_from].empty() || row.fields[c_to].empty()) return give_up();
    ends.push_back(row.fields[c_from]);
    ends.push_back(row.fields[c_to]);
  }
  if (parse_problems.has_errors()) return give_up();

  const IdColumn& ids = net.elements.id;
  std::vector<std::uint32_t> rows(ends.size());
  std::atomic<bool> missing{false};
  std::atomic<std::size_t> next{0};
  constexpr std::size_t kChunk = 1 << 14, kAhead = 16;
  auto work = [&] {
    for (std::size_t begin = next.fetch_add(kChunk); begin < ends.size();
         begin = next.fetch_add(kChunk)) {
      const std::size_t end = std::min(ends.size(), begin + kChunk);
      for (std::size_t i = begin; i < end; ++i) {
        if (i + kAhead < end) ids.prefetch(ends[i + kAhead]);
        rows[i] = ids.find(ends[i]);
        if (rows[i] == IdColumn::kNotFound) missing = true;
      }
    }
  };
  // The loader's threads are its own (io sits below analysis and its thread budget).
  std::vector<std::thread> helpers;
  for (unsigned t = 1; t < threads && t * kChunk < ends.size(); ++t) {
    try {
      helpers.emplace_back(work);
    } catch (const std::system_error&) {  // no thread to be had: fewer do the work
      break;
    }
  }
  work();
  for (auto& h : helpers) h.join();
  if (missing) return give_up();
  Links& links = net.links;
  links.from.reserve(links.from.size() + rows.size() / 2);
  links.to.reserve(links.to.size() + rows.size() / 2);
  for (std::size_t i = 0; i < rows.size(); i += 2) {
    links.from.push_back(rows[i]);
    links.to.push_back(rows[i + 1]);
  }
  return true;
}

}  // namespace ringfence::io
