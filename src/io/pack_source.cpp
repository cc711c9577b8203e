#include "io/pack_source.hpp"

#include <sys/stat.h>

#include "io/pack_codec.hpp"

namespace ringfence::io {

std::vector<SourceFile> source_files(const std::string& directory) {
  std::vector<SourceFile> out;
  for (const char* name : kPackSourceFiles) {
    SourceFile f;
    f.name = name;
    struct stat st {};
    const std::string path = directory + "/" + name;
    if (::stat(path.c_str(), &st) == 0) {
      f.present = true;
      f.size = static_cast<std::uint64_t>(st.st_size);
      f.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace ringfence::io
