#include "ringfence/column.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <mutex>
#include <system_error>
#include <utility>

namespace ringfence {

namespace {

// The live mappings, as [begin, end) byte ranges. Few (one per open snapshot), and
// consulted only when a column frees its memory.
std::mutex regions_mutex;
std::vector<std::pair<const char*, const char*>> regions;

}  // namespace

bool column_detail::is_mapped(const void* p) noexcept {
  const auto* c = static_cast<const char*>(p);
  const std::lock_guard<std::mutex> lock(regions_mutex);
  return std::any_of(regions.begin(), regions.end(),
                     [&](const auto& r) { return c >= r.first && c < r.second; });
}

MappedRegion::MappedRegion(int fd, std::size_t size) : size_(size) {
  if (size_ == 0) return;
  // Mapped read-only with MAP_POPULATE (the kernel reads the file ahead and fills the
  // page table in one go), then made writable: populating a writable private mapping
  // would copy every page.
  void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  if (p == MAP_FAILED) throw std::system_error(errno, std::generic_category(), "cannot map");
  if (::mprotect(p, size_, PROT_READ | PROT_WRITE) != 0) {
    const int error = errno;
    ::munmap(p, size_);
    throw std::system_error(error, std::generic_category(), "cannot map");
  }
  data_ = static_cast<char*>(p);
  const std::lock_guard<std::mutex> lock(regions_mutex);
  regions.emplace_back(data_, data_ + size_);
}

MappedRegion::~MappedRegion() {
  if (!data_) return;
  {
    const std::lock_guard<std::mutex> lock(regions_mutex);
    regions.erase(std::find(
        regions.begin(), regions.end(),
        std::make_pair(static_cast<const char*>(data_), static_cast<const char*>(data_ + size_))));
  }
  ::munmap(data_, size_);
}

}  // namespace ringfence
