// A bundle directory written whole or not at all: files go into a temporary directory
// beside the target, which is renamed over it only when complete.
#pragma once
#include <filesystem>
#include <string>

namespace ringfence::import {

class BundleDir {
 public:
  // Checks the target (an existing non-empty directory needs `force`: throws
  // std::invalid_argument) and creates the temporary directory.
  BundleDir(const std::string& out, bool force);
  ~BundleDir();  // removes the temporary directory unless committed
  BundleDir(const BundleDir&) = delete;
  BundleDir& operator=(const BundleDir&) = delete;

  std::string file(const std::string& name) const { return (temp_ / name).string(); }
  void commit();  // renames into place

 private:
  std::filesystem::path target_, temp_;
  bool replace_ = false, committed_ = false;
};

}  // namespace ringfence::import
