#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "generate/internal.hpp"

namespace ringfence::gen {

namespace {
constexpr std::size_t kBufferBytes = 1 << 20;
}

OutFile::OutFile(const std::string& path) : path_(path), buf_(kBufferBytes) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
}

OutFile::~OutFile() {
  if (fd_ >= 0) ::close(fd_);
}

void OutFile::write_all(const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd_, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("cannot write " + path_ + ": " + std::strerror(errno));
    }
    data += n;
    size -= static_cast<std::size_t>(n);
    written_ += static_cast<std::uint64_t>(n);
  }
}

void OutFile::flush() {
  write_all(buf_.data(), used_);
  used_ = 0;
}

void OutFile::put_uint(std::uint64_t value) {
  if (used_ + 24 > buf_.size()) flush();
  auto [end, ec] = std::to_chars(buf_.data() + used_, buf_.data() + buf_.size(), value);
  used_ = static_cast<std::size_t>(end - buf_.data());
}

void OutFile::put_fixed(double value, int decimals) {
  if (used_ + 64 > buf_.size()) flush();
  // Rounded values that print as "-0.00" are written as "0.00".
  const double scale = decimals >= 0 && decimals < 10 ? std::pow(10.0, decimals) : 1;
  if (value < 0 && value * scale > -0.5) value = 0;
  auto [end, ec] = std::to_chars(buf_.data() + used_, buf_.data() + buf_.size(), value,
                                 std::chars_format::fixed, decimals);
  if (ec != std::errc()) throw std::runtime_error("cannot format a number for " + path_);
  used_ = static_cast<std::size_t>(end - buf_.data());
}

void OutFile::close() {
  flush();
  if (::fsync(fd_) != 0)
    throw std::runtime_error("cannot flush " + path_ + ": " + std::strerror(errno));
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0)
    throw std::runtime_error("cannot close " + path_ + ": " + std::strerror(errno));
}

}  // namespace ringfence::gen
