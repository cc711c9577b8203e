#include "import/bundle_dir.hpp"

#include <stdlib.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "ringfence/diagnostics.hpp"
#include "ringfence/output.hpp"

namespace ringfence::import {

namespace fs = std::filesystem;

BundleDir::BundleDir(const std::string& out, bool force) {
  if (out.empty()) throw OptionError("{out} is required");
  target_ = fs::absolute(fs::path(out)).lexically_normal();
  std::error_code ec;
  if (fs::exists(target_, ec)) {
    if (!fs::is_directory(target_, ec))
      throw std::invalid_argument(out + " exists and is not a directory");
    if (!fs::is_empty(target_, ec)) {
      if (!force)
        throw std::invalid_argument(out + " exists and is not empty (use --force to replace it)");
      replace_ = true;
    }
  } else if (target_.has_parent_path() && !fs::is_directory(target_.parent_path(), ec)) {
    throw std::invalid_argument("the parent directory of " + out + " does not exist");
  }
  temp_ = make_temp_dir(target_, "importing");
  // mkdtemp makes the directory private (0700); the bundle is an ordinary directory.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  fs::permissions(temp_, static_cast<fs::perms>(0777 & ~mask));
}

BundleDir::~BundleDir() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(temp_, ec);
}

void BundleDir::commit() {
  std::error_code ec;
  if (replace_) {
    const fs::path old = make_temp_dir(target_, "replaced");
    fs::rename(target_, old);
    try {
      fs::rename(temp_, target_);
    } catch (...) {
      fs::rename(old, target_, ec);
      throw;
    }
    fs::remove_all(old, ec);
  } else {
    fs::rename(temp_, target_);  // replaces an empty directory, if any
  }
  committed_ = true;
}

}  // namespace ringfence::import
