// elements.csv on two threads. Parsing a row's fields (the tokenizer, numbers, dates,
// the site lookup) was about half of reading the file, and adding it (the id index,
// the string pool, the columns) the other half; both were on one core. Here a second
// thread parses the file a part at a time while this one adds the rows parsed so far,
// in file order. A row that needs a message stops both: every row before it is
// added, and the row-by-row reader goes on from it, so every message, its order and
// the network are those of reading row by row.
//
// Parts are read in place. Reading a quoted field unescapes it in place, which leaves
// the text unchanged unless it holds a doubled quote: a file with one is read row by
// row. A part ends at a line break outside quotes (an even number of quotes since the
// first part began). Were it to end inside a record all the same (a stray quote
// upsets the count), its last record would be an unclosed quote, an error: the
// row-by-row reader would go on from that record's start, with the whole text.
#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <system_error>
#include <thread>

#include "io/element_rows.hpp"

namespace ringfence::io {

namespace {

// One part of the file, parsed: its good rows, and where the first row that needs a
// message starts, if any.
struct Part {
  std::vector<ElementRow> rows;
  std::optional<CsvReader::Mark> stop;
};

constexpr std::size_t kPartBytes = std::size_t{4} << 20;
constexpr std::size_t kPartsAhead = 2;

class PartQueue {
 public:
  void push(Part part) {
    std::unique_lock<std::mutex> lock(mutex_);
    room_.wait(lock, [&] { return parts_.size() < kPartsAhead || cancelled_; });
    parts_.push_back(std::move(part));
    ready_.notify_one();
  }
  // False once the producer has finished and every part was taken.
  bool pop(Part& part) {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [&] { return !parts_.empty() || finished_; });
    if (parts_.empty()) return false;
    part = std::move(parts_.front());
    parts_.pop_front();
    room_.notify_one();
    return true;
  }
  void finish() {
    std::lock_guard<std::mutex> lock(mutex_);
    finished_ = true;
    ready_.notify_one();
  }
  // The parser failed (out of memory, say) at `at`: no more parts.
  void fail(const CsvReader::Mark& at) {
    std::lock_guard<std::mutex> lock(mutex_);
    failed_ = at;
    finished_ = true;
    ready_.notify_one();
  }
  std::optional<CsvReader::Mark> failure() {
    std::lock_guard<std::mutex> lock(mutex_);
    return failed_;
  }
  void cancel() {
    std::lock_guard<std::mutex> lock(mutex_);
    cancelled_ = true;
    room_.notify_one();
  }
  bool cancelled() {
    std::lock_guard<std::mutex> lock(mutex_);
    return cancelled_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::deque<Part> parts_;
  bool finished_ = false, cancelled_ = false;
  std::optional<CsvReader::Mark> failed_;
};

}  // namespace

void read_elements_in_parallel(CsvReader& csv, const ElementColumns& c, Network& net,
                               ElementsBeingRead& state, Diagnostics& diag, unsigned threads) {
  threads = CsvReader::threads_for(threads);
  if (threads < 2 || csv.doubled_quotes_ahead()) return;
  const CsvReader::Mark from = csv.mark();
  const std::size_t end = csv.size_bytes();
  const std::string_view text = csv.text_view();
  PartQueue queue;

  // Parses the file part by part, from `begin` (line `line`): each part ends after a
  // line break, so the next starts a record (there is no quote).
  auto parse_parts = [&](std::size_t& begin, std::size_t& line) {
    CsvRow row;
    while (begin < end && !queue.cancelled()) {
      std::size_t stop = std::min(end, begin + kPartBytes);
      if (stop < end) {
        bool quoted = std::count(text.data() + begin, text.data() + stop, '"') % 2 != 0;
        while (stop < end && (text[stop] != '\n' || quoted)) quoted ^= text[stop++] == '"';
        if (stop < end) ++stop;  // past the line break
      }
      CsvReader view = csv.view(begin, stop, line);
      auto absolute = [&](const CsvReader::Mark& at) {
        return CsvReader::Mark{begin + at.pos, at.line, begin + at.line_start};
      };
      Part part;
      part.rows.reserve((stop - begin) / 64 + 1);  // rows are longer than 64 bytes
      while (true) {
        const CsvReader::Mark at = view.mark();
        Diagnostics problems;
        const bool more = view.next(row, problems);
        ElementRow r;
        if (problems.has_errors() || (more && !parse_element_row(FieldReader(view, row, problems),
                                                                 row, c, net, nullptr, r))) {
          part.stop = absolute(at);
          break;
        }
        if (!more) break;
        r.start = absolute(at);
        part.rows.push_back(r);
      }
      const bool stopped = part.stop.has_value();
      queue.push(std::move(part));
      if (stopped) return;
      line += static_cast<std::size_t>(std::count(text.data() + begin, text.data() + stop, '\n'));
      begin = stop;
    }
  };
  std::thread parser;
  try {
    parser = std::thread([&] {
      std::size_t begin = from.pos, line = from.line;
      try {
        parse_parts(begin, line);
        queue.finish();
      } catch (...) {
        // Out of memory, say: the row-by-row reader takes over where this part began,
        // and meets the same failure itself.
        queue.fail(CsvReader::Mark{begin, line, begin});
      }
    });
  } catch (const std::system_error&) {
    return;  // no second thread to be had: the row-by-row reader reads it all
  }

  // Adds the rows in file order; at the first that needs a message, hands over.
  std::optional<CsvReader::Mark> hand_over;
  try {
    Part part;
    while (!hand_over && queue.pop(part)) {
      for (const ElementRow& r : part.rows) {
        bool inserted = false;
        net.elements.id.insert(r.id, inserted);
        if (!inserted) {  // a duplicate: the row-by-row reader words it
          hand_over = r.start;
          break;
        }
        add_element_row(r, c, net, state, diag, csv.name());
      }
      if (!hand_over && part.stop) hand_over = part.stop;
    }
    if (!hand_over) hand_over = queue.failure();
  } catch (...) {  // ids over 4 GiB, or out of memory: stop the parser first
    queue.cancel();
    parser.join();
    throw;
  }
  queue.cancel();
  parser.join();
  // With every row read, the reader is left at the end.
  csv.rewind(hand_over ? *hand_over : CsvReader::Mark{end, 0, end});
}

}  // namespace ringfence::io
