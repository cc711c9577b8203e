// Whole-file reading and byte-offset bookkeeping shared by every reader.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ringfence::io {

struct TextPosition {
  std::size_t line = 1, column = 1;  // 1-based; column counts bytes
};

// Reads a file whole; throws InputError (naming display_name) if it cannot.
std::string read_whole_file(const std::string& path, const std::string& display_name);
// Line and column of a byte offset.
TextPosition position_of(std::string_view text, std::size_t offset);
// Position of the first invalid UTF-8 sequence, if any.
std::optional<TextPosition> find_invalid_utf8(std::string_view text);

}  // namespace ringfence::io
