// What a snapshot remembers of the bundle it was made from, to refuse itself when
// the bundle has changed since.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace ringfence::io {

struct SourceFile {
  std::string name;
  bool present = false;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
};

// The state of every file a bundle may hold (kPackSourceFiles) in `directory`.
std::vector<SourceFile> source_files(const std::string& directory);

}  // namespace ringfence::io
