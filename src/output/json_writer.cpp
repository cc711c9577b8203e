#include "output/json_writer.hpp"

#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

#include "ringfence/output.hpp"

namespace ringfence::output {

namespace {

// The first byte of text[from, end) that JSON must escape (a control character, '"'
// or '\\'), or text.size(). Eight bytes at a time: strings are mostly plain, and
// this scan is most of the cost of writing them.
std::size_t next_to_escape(std::string_view text, std::size_t from) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
  auto has_zero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  std::size_t i = from;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    // Bytes under 0x20: subtracting 0x20 borrows into the high bit unless the byte was
    // at least 0x20 (a byte with its own high bit set is not a control character).
    const std::uint64_t control = (w - 0x20 * kOnes) & ~w & kHighs;
    if (control | has_zero(w ^ ('"' * kOnes)) | has_zero(w ^ ('\\' * kOnes))) break;
  }
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == '"' || c == '\\') return i;
  }
  return i;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  // Runs of characters that need no escape are appended whole.
  std::size_t run = 0;
  for (std::size_t i = next_to_escape(text, 0); i < text.size(); i = next_to_escape(text, i + 1)) {
    const auto c = static_cast<unsigned char>(text[i]);
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

void JsonWriter::newline() {
  if (!pretty_) return;
  out_ += '\n';
  out_.append(stack_.size() * 2, ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (stack_.empty()) return;
  if (!stack_.back().empty) out_ += ',';
  stack_.back().empty = false;
  newline();
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  stack_.push_back({false, true});
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  const bool empty = stack_.back().empty;
  stack_.pop_back();
  if (!empty) newline();
  out_ += '}';
  if (stack_.empty() && pretty_) out_ += '\n';
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  stack_.push_back({true, true});
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  const bool empty = stack_.back().empty;
  stack_.pop_back();
  if (!empty) newline();
  out_ += ']';
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
  const bool first = stack_.back().empty;
  stack_.back().empty = false;
  after_key_ = true;
  // Separator, line break, indentation, the key and the colon in one append: keys are
  // short and plain.
  char buf[160];
  const std::size_t indent = pretty_ ? stack_.size() * 2 : 0;
  if (k.size() + indent + 8 <= sizeof buf && next_to_escape(k, 0) == k.size()) {
    char* p = buf;
    if (!first) *p++ = ',';
    if (pretty_) {
      *p++ = '\n';
      std::memset(p, ' ', indent);
      p += indent;
    }
    *p++ = '"';
    std::memcpy(p, k.data(), k.size());
    p += k.size();
    *p++ = '"';
    *p++ = ':';
    if (pretty_) *p++ = ' ';
    out_.append(buf, static_cast<std::size_t>(p - buf));
    return *this;
  }
  if (!first) out_ += ',';
  newline();
  append_json_string(out_, k);
  out_ += pretty_ ? ": " : ":";
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view v) {
  before_value();
  append_json_string(out_, v);
  return *this;
}

JsonWriter& JsonWriter::value(double v) {
  before_value();
  if (std::isnan(v) || std::isinf(v))
    out_ += "null";
  else if (numbers_ == Numbers::kDecimal)
    out_ += nlohmann::json(v).dump();  // its shortest round-trip text, "2.0" for 2
  else
    out_ += format_number(v);
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t v) {
  before_value();
  out_ += std::to_string(v);
  return *this;
}

JsonWriter& JsonWriter::value(std::size_t v) {
  before_value();
  out_ += std::to_string(v);
  return *this;
}

JsonWriter& JsonWriter::value(bool v) {
  before_value();
  out_ += v ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

}  // namespace ringfence::output
