// Writing results: whole files are replaced atomically, so a reader never sees a
// half-written output and a failed run leaves the previous file intact.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>

namespace ringfence {

// Writes to a temporary file beside `path`, flushes it to disk, then renames it over
// `path`. Throws std::runtime_error (naming the path) on failure, leaving no
// temporary file behind.
void write_file_atomically(const std::string& path, std::string_view content);

// A new empty directory beside `target`, named after it (".NAME.WHAT-XXXXXX"): a
// directory output is written there, then renamed over `target`. Throws
// std::runtime_error naming the parent directory on failure.
std::filesystem::path make_temp_dir(const std::filesystem::path& target, const char* what);

// CSV field quoting (RFC 4180): quoted only when needed.
std::string csv_field(std::string_view text);

// Shortest text that reads back as the same double (for stable machine output).
std::string format_number(double value);

}  // namespace ringfence
