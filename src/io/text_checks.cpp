#include "io/text_checks.hpp"

#include <simdjson.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include "ringfence/diagnostics.hpp"

namespace ringfence::io {

std::string read_whole_file(const std::string& path, const std::string& display_name) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError(display_name, 0, 0, "is a directory (expected a file)");
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw InputError(display_name, 0, 0, std::string("cannot open: ") + std::strerror(errno));
  // Read in one go into a buffer sized from the file; keep reading in case the file
  // grew meanwhile (or is not a regular file and reports no size).
  std::string text;
  const auto size = std::filesystem::file_size(path, ec);
  std::size_t used = 0;
  text.resize(ec ? std::size_t{1} << 16 : static_cast<std::size_t>(size) + 1);
  while (true) {
    const std::size_t got = std::fread(text.data() + used, 1, text.size() - used, f.get());
    used += got;
    if (used < text.size()) break;
    text.resize(text.size() * 2);
  }
  text.resize(used);
  if (std::ferror(f.get()))
    throw InputError(display_name, 0, 0, std::string("cannot read: ") + std::strerror(errno));
  return text;
}

TextPosition position_of(std::string_view text, std::size_t offset) {
  TextPosition p;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++p.line;
      line_start = i + 1;
    }
  }
  p.column = offset - line_start + 1;
  return p;
}

std::optional<TextPosition> find_invalid_utf8(std::string_view text) {
  if (simdjson::validate_utf8(text.data(), text.size())) return std::nullopt;
  // Slow path only to locate the first bad sequence.
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    std::size_t len = c < 0x80           ? 1
                      : (c >> 5) == 0x6  ? 2
                      : (c >> 4) == 0xE  ? 3
                      : (c >> 3) == 0x1E ? 4
                                         : 0;
    bool ok = len > 0 && i + len <= n;
    for (std::size_t k = 1; ok && k < len; ++k) ok = (s[i + k] & 0xC0) == 0x80;
    if (ok && len == 2) ok = c >= 0xC2;
    if (ok && len == 3) {
      unsigned cp = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
      ok = cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF);
    }
    if (ok && len == 4) {
      unsigned cp = ((c & 0x07) << 18) | ((s[i + 1] & 0x3F) << 12) | ((s[i + 2] & 0x3F) << 6) |
                    (s[i + 3] & 0x3F);
      ok = cp >= 0x10000 && cp <= 0x10FFFF;
    }
    if (!ok) return position_of(text, i);
    i += len;
  }
  return position_of(text, n);
}

}  // namespace ringfence::io
