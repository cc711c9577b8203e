#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "ringfence/output.hpp"

namespace ringfence {

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  namespace fs = std::filesystem;
  const fs::path target(path_);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string name = ".";
  name.append(target.filename().string());
  name.append(".XXXXXX");
  temp_ = (dir / name).string();
  fd_ = ::mkstemp(temp_.data());
  if (fd_ < 0) throw std::runtime_error("cannot write " + path_ + ": " + std::strerror(errno));
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(temp_.c_str());
  }
}

void AtomicFile::fail(const char* what) {
  const int err = errno;
  ::close(fd_);
  fd_ = -1;
  ::unlink(temp_.c_str());
  throw std::runtime_error("cannot " + std::string(what) + " " + path_ + ": " + std::strerror(err));
}

void AtomicFile::write(std::string_view bytes) {
  // Large outputs go in pieces of a few megabytes, each handed to the disk as soon as
  // written: the final flush then waits for the last piece only.
  constexpr std::size_t kPiece = std::size_t{4} << 20;
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), std::min(bytes.size(), kPiece));
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("write");
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
    written_ += static_cast<std::size_t>(n);
    if (written_ - synced_ >= kPiece) {
      // Starts writeback without waiting for it; a failure shows again at fsync.
      ::sync_file_range(fd_, static_cast<off_t>(synced_), static_cast<off_t>(written_ - synced_),
                        SYNC_FILE_RANGE_WRITE);
      synced_ = written_;
    }
  }
}

void AtomicFile::commit() {
  if (::fchmod(fd_, 0644) != 0) fail("set permissions of");
  if (::fsync(fd_) != 0) fail("flush");
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(temp_.c_str());
    throw std::runtime_error("cannot close " + path_ + ": " + std::strerror(err));
  }
  if (::rename(temp_.c_str(), path_.c_str()) != 0) {
    const int err = errno;
    ::unlink(temp_.c_str());
    throw std::runtime_error("cannot replace " + path_ + ": " + std::strerror(err));
  }
}

void write_file_atomically(const std::string& path, std::string_view content) {
  AtomicFile file(path);
  file.write(content);
  file.commit();
}

std::filesystem::path make_temp_dir(const std::filesystem::path& target, const char* what) {
  const std::filesystem::path parent =
      target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  // Built by appending: GCC 12 warns falsely (-Wrestrict) on "." + std::string&&.
  std::string name = ".";
  name.append(target.filename().string());
  name.append(".");
  name.append(what);
  name.append("-XXXXXX");
  std::string pattern = (parent / name).string();
  if (!::mkdtemp(pattern.data()))
    throw std::runtime_error("cannot create a directory in " + parent.string() + ": " +
                             std::strerror(errno));
  return pattern;
}

}  // namespace ringfence
