#include "ringfence/data_dir.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace ringfence {

namespace fs = std::filesystem;

std::string executable_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

std::string data_dir() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("RINGFENCE_DATA_DIR"); env && *env)
    candidates.emplace_back(env);
  if (const std::string exe = executable_dir(); !exe.empty()) {
    candidates.push_back(fs::path(exe) / "share" / "ringfence");
    candidates.push_back(fs::path(exe).parent_path() / "share" / "ringfence");
  }
  std::string looked;
  for (const auto& c : candidates) {
    std::error_code ec;
    // The country profiles mark a complete data directory.
    if (fs::is_directory(c / "profiles", ec)) return c.string();
    looked += (looked.empty() ? "" : ", ") + c.string();
  }
  throw std::runtime_error("ringfence's data (share/ringfence) is missing (looked at " + looked +
                           "); build with `make build`, install with `cmake --install`, or set "
                           "RINGFENCE_DATA_DIR to the directory that holds it");
}

}  // namespace ringfence
