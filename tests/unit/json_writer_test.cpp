// The JSON writer's strings and keys: every byte that must be escaped is, wherever it
// falls in the eight-byte words the scan reads, and nothing else is; keys are written
// as the general path would write them.
#include "output/json_writer.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace ringfence::output {
namespace {

// Escaped the slow way, byte by byte.
std::string expected_json_string(const std::string& text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"')
      out += "\\\"";
    else if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c < 0x20)
      out += std::string("\\u00") + kHex[c >> 4] + kHex[c & 15];
    else
      out += ch;
  }
  return out + "\"";
}

TEST(JsonWriter, EscapesEveryByteThatNeedsItAtEveryPosition) {
  // Plain text of every length up to 40 with one special byte at every position, and
  // bytes just around the special ones (0x1f, 0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7f, UTF-8).
  const std::string specials = std::string("\"\\\n\r\t\x01\x1f", 7) + std::string(1, '\0');
  const std::string plain = "abc \x20!#[]\x7f\xc3\xa9\xe2\x82\xac z";
  int checked = 0;
  for (std::size_t length = 0; length <= 40; ++length) {
    std::string base;
    for (std::size_t i = 0; i < length; ++i) base += plain[i % plain.size()];
    std::string out;
    append_json_string(out, base);
    EXPECT_EQ(out, expected_json_string(base));
    for (std::size_t at = 0; at < length; ++at)
      for (const char special : specials) {
        std::string text = base;
        text[at] = special;
        out.clear();
        append_json_string(out, text);
        ASSERT_EQ(out, expected_json_string(text)) << length << ' ' << at << ' ' << int(special);
        ++checked;
      }
  }
  EXPECT_EQ(checked, 820 * 8);
}

TEST(JsonWriter, KeysPlainOrEscapedPrettyOrCompact) {
  for (const bool pretty : {true, false}) {
    std::string out;
    JsonWriter w(out, pretty);
    w.begin_object();
    w.field("plain", std::string_view("v"));
    w.field("needs \"escaping\"", std::int64_t{2});
    w.key(std::string(200, 'k')).begin_array().value(true).end_array();
    w.end_object();
    const nlohmann::json parsed = nlohmann::json::parse(out);
    EXPECT_EQ(parsed["plain"], "v");
    EXPECT_EQ(parsed["needs \"escaping\""], 2);
    EXPECT_EQ(parsed[std::string(200, 'k')], nlohmann::json::array({true}));
    EXPECT_EQ(out, pretty ? "{\n  \"plain\": \"v\",\n  \"needs \\\"escaping\\\"\": 2,\n  \"" +
                                std::string(200, 'k') + "\": [\n    true\n  ]\n}\n"
                          : "{\"plain\":\"v\",\"needs \\\"escaping\\\"\":2,\"" +
                                std::string(200, 'k') + "\":[true]}");
  }
}

}  // namespace
}  // namespace ringfence::output
