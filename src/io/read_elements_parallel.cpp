// elements.csv on several threads. Parsing a row's fields (the tokenizer, numbers,
// dates, the site lookup, its texts' local ids) is most of reading the file; adding it
// (the id index, the columns) the rest. Here other threads parse the file a part at a
// time while this one adds the parts parsed, in file order, and parses the next part
// itself whenever the one it needs is not ready. A row that needs a message stops
// them: every row before it is added, and the row-by-row reader goes on from it, so
// every message, its order and the network are those of reading row by row.
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
#include <map>
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
  std::vector<ElementTexts> texts;     // each row's texts, by local id
  std::vector<std::string> fresh;      // the texts first seen in this part, in order,
  std::vector<std::size_t> fresh_row;  // and the row each was first seen in
  std::optional<CsvReader::Mark> stop;
};

// Where a part lies: bytes [begin, stop), its first line, its place in the file.
struct Span {
  std::size_t index, begin, stop, line;
};

constexpr std::size_t kPartBytes = std::size_t{4} << 20;
// How far parsing threads may run ahead of the adding thread, in parts (memory).
constexpr std::size_t kPartsAhead = 3;

// The parts: handed out in file order to whichever thread asks, and taken back
// parsed, by index.
class Parts {
 public:
  Parts(std::string_view text, std::size_t begin, std::size_t line)
      : text_(text), begin_(begin), line_(line) {}

  // The next part to parse; none once the file is handed out, a part has stopped or
  // the reading is cancelled. A parsing thread waits while it would run too far ahead
  // of the adding one (`adder` never waits).
  std::optional<Span> claim(bool adder) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!adder) changed_.wait(lock, [&] { return no_more() || next_ < added_ + kPartsAhead; });
    if (no_more()) return std::nullopt;
    // A part ends after a line break outside quotes (an even number of quotes since
    // the first part began), so the next starts a record.
    const std::size_t end = text_.size();
    std::size_t stop = std::min(end, begin_ + kPartBytes);
    if (stop < end) {
      bool quoted = std::count(text_.data() + begin_, text_.data() + stop, '"') % 2 != 0;
      while (stop < end && (text_[stop] != '\n' || quoted)) quoted ^= text_[stop++] == '"';
      if (stop < end) ++stop;  // past the line break
    }
    const Span span{next_++, begin_, stop, line_};
    line_ += static_cast<std::size_t>(std::count(text_.data() + begin_, text_.data() + stop, '\n'));
    begin_ = stop;
    return span;
  }
  void publish(std::size_t index, Part part) {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (part.stop) stopped_ = true;  // parts after it are not needed
    done_.emplace(index, std::move(part));
    changed_.notify_all();
  }
  // Part `index` once parsed, or nullopt when there is no such part; parses parts
  // itself while it waits (`parse`), as long as there are parts to hand out.
  template <typename Parse>
  std::optional<Part> take(std::size_t index, const Parse& parse) {
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        if (auto it = done_.find(index); it != done_.end()) {
          Part part = std::move(it->second);
          done_.erase(it);
          added_ = index + 1;
          changed_.notify_all();
          return part;
        }
        if (index >= next_ && no_more()) return std::nullopt;
      }
      if (const auto span = claim(true)) {
        parse(*span);
        continue;
      }
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [&] { return done_.count(index) != 0 || index >= next_; });
      if (done_.count(index) == 0) return std::nullopt;  // never handed out
    }
  }
  void cancel() {
    const std::lock_guard<std::mutex> lock(mutex_);
    cancelled_ = true;
    changed_.notify_all();
  }

 private:
  bool no_more() const { return cancelled_ || stopped_ || begin_ >= text_.size(); }
  const std::string_view text_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t begin_, line_;
  std::size_t next_ = 0, added_ = 0;
  std::map<std::size_t, Part> done_;
  bool stopped_ = false, cancelled_ = false;
};

}  // namespace

void read_elements_in_parallel(CsvReader& csv, const ElementColumns& c, Network& net,
                               ElementsBeingRead& state, Diagnostics& diag, unsigned threads) {
  threads = CsvReader::threads_for(threads);
  if (threads < 2 || csv.doubled_quotes_ahead()) return;
  const CsvReader::Mark from = csv.mark();
  const std::size_t end = csv.size_bytes();
  Parts parts(csv.text_view(), from.pos, from.line);

  // Parses one part into the shared parts. Texts are given local ids here, ahead of
  // the string pool, so that adding a row takes them from a table, not from hashing.
  auto parse = [&](const Span& span) {
    Part part;
    try {
      CsvReader view = csv.view(span.begin, span.stop, span.line);
      auto absolute = [&](const CsvReader::Mark& at) {
        return CsvReader::Mark{span.begin + at.pos, at.line, span.begin + at.line_start};
      };
      ElementTextsAhead texts_ahead;
      CsvRow row;
      part.rows.reserve((span.stop - span.begin) / 64 + 1);  // rows are longer than 64 bytes
      part.texts.reserve(part.rows.capacity());
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
        part.texts.push_back(texts_ahead.local_ids(r, part.fresh));
        part.fresh_row.resize(part.fresh.size(), part.rows.size() - 1);
      }
    } catch (...) {
      // Out of memory, say: the row-by-row reader takes over where this part began,
      // and meets the same failure itself.
      part = Part{};
      part.stop = CsvReader::Mark{span.begin, span.line, span.begin};
    }
    parts.publish(span.index, std::move(part));
  };
  std::vector<std::thread> parsers;
  for (unsigned t = 1; t < threads; ++t) {
    try {
      parsers.emplace_back([&] {
        while (const auto span = parts.claim(false)) parse(*span);
      });
    } catch (const std::system_error&) {
      break;  // fewer threads: this one parses the rest
    }
  }
  auto stop_parsers = [&] {
    parts.cancel();
    for (auto& t : parsers) t.join();
  };

  // Adds the rows in file order; at the first that needs a message, hands over.
  std::optional<CsvReader::Mark> hand_over;
  try {
    ElementTexts texts{};
    for (std::size_t index = 0; !hand_over; ++index) {
      std::optional<Part> part = parts.take(index, parse);
      if (!part) break;
      std::vector<std::uint32_t> pool_id;  // by the part's local id
      pool_id.reserve(part->fresh.size());
      std::size_t interned = 0;  // of part->fresh
      for (std::size_t i = 0; i < part->rows.size(); ++i) {
        const ElementRow& r = part->rows[i];
        bool inserted = false;
        net.elements.id.insert(r.id, inserted);
        if (!inserted) {  // a duplicate: the row-by-row reader words it
          hand_over = r.start;
          break;
        }
        // A row's new texts go to the pool as the row is added, not before: were a
        // later row handed over, the pool would hold what row-by-row reading had not.
        for (; interned < part->fresh.size() && part->fresh_row[interned] == i; ++interned)
          pool_id.push_back(net.strings.intern(part->fresh[interned]));
        for (std::size_t k = 0; k < kElementTexts; ++k) texts[k] = pool_id[part->texts[i][k]];
        add_element_row(r, texts, net, state, diag, csv.name());
      }
      if (!hand_over && part->stop) hand_over = part->stop;
    }
  } catch (...) {  // ids over 4 GiB, or out of memory: stop the parsers first
    stop_parsers();
    throw;
  }
  stop_parsers();
  // With every row read, the reader is left at the end.
  csv.rewind(hand_over ? *hand_over : CsvReader::Mark{end, 0, end});
}

}  // namespace ringfence::io
