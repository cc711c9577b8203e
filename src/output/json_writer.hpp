// A small streaming JSON writer: findings can number in the millions, and building
// a DOM first would double the memory. Output is deterministic: keys in call order,
// numbers in their shortest round-trip form.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ringfence::output {

class JsonWriter {
 public:
  // How doubles are written: kShortest as "2" or "0.25"; kDecimal always with a
  // fraction or exponent ("2.0"), as the exposure, validate and generate summaries
  // have always written them.
  enum class Numbers { kShortest, kDecimal };
  explicit JsonWriter(std::string& out, bool pretty = true, Numbers numbers = Numbers::kShortest)
      : out_(out), pretty_(pretty), numbers_(numbers) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view v);
  JsonWriter& value(const char* v) { return value(std::string_view(v)); }
  JsonWriter& value(double v);  // NaN is written as null
  JsonWriter& value(std::size_t v);
  JsonWriter& value(std::int64_t v);
  JsonWriter& value(bool v);
  JsonWriter& null();
  // A writer for a part of the array this writer is in, written to `out` (to render
  // parts in parallel): the same nesting and separators. `after_part`: another part
  // comes before this one (so an item precedes it whatever this writer has written).
  // `take_state` continues this writer after the last part, whose text was written
  // elsewhere.
  JsonWriter part(std::string& out, bool after_part) const {
    JsonWriter w(out, pretty_, numbers_);
    w.stack_ = stack_;
    if (after_part) w.stack_.back().empty = false;
    return w;
  }
  void take_state(const JsonWriter& part) { stack_ = part.stack_; }
  // key + value in one call.
  template <typename T>
  JsonWriter& field(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }

 private:
  void before_value();
  void newline();
  std::string& out_;
  bool pretty_;
  Numbers numbers_;
  struct Level {
    bool array;
    bool empty;
  };
  std::vector<Level> stack_;
  bool after_key_ = false;
};

void append_json_string(std::string& out, std::string_view text);

}  // namespace ringfence::output
