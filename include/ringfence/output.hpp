// Writing results: whole files are replaced atomically, so a reader never sees a
// half-written output and a failed run leaves the previous file intact.
#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace ringfence {

// Writes to a temporary file beside `path`, flushes it to disk, then renames it over
// `path`. Throws std::runtime_error (naming the path) on failure, leaving no
// temporary file behind.
void write_file_atomically(const std::string& path, std::string_view content);

// The same, for an output produced in pieces: a temporary file beside `path` takes the
// pieces as they come (its writeback to disk starts at once, so commit() waits for
// little), and commit() flushes it and renames it over `path`. A file never committed
// is removed. Errors throw std::runtime_error naming the path.
class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  void write(std::string_view bytes);
  void commit();

 private:
  [[noreturn]] void fail(const char* what);
  std::string path_, temp_;
  int fd_ = -1;
  std::size_t written_ = 0, synced_ = 0;
};

// Where an output's pieces go, in order.
using ByteSink = std::function<void(std::string_view)>;

// A new empty directory beside `target`, named after it (".NAME.WHAT-XXXXXX"): a
// directory output is written there, then renamed over `target`. Throws
// std::runtime_error naming the parent directory on failure.
std::filesystem::path make_temp_dir(const std::filesystem::path& target, const char* what);

// CSV field quoting (RFC 4180): quoted only when needed.
std::string csv_field(std::string_view text);

// Shortest text that reads back as the same double (for stable machine output).
std::string format_number(double value);

}  // namespace ringfence
