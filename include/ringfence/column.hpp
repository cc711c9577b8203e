// The storage of a table's column: a std::vector whose memory may be a snapshot's
// mapped file instead of the heap. A column read from a snapshot (ringfence pack)
// adopts the file's bytes in place, so opening a snapshot copies nothing and touches
// only the pages a command reads. Writing to an adopted column copies the page
// written (the mapping is private: the file never changes); growing it moves it to
// the heap. Everything else is std::vector's.
#pragma once
#include <cstddef>
#include <iterator>
#include <memory>
#include <new>
#include <type_traits>
#include <vector>

namespace ringfence {

namespace column_detail {

// The memory the next allocation of exactly `bytes` bytes on this thread returns
// (set only for the length of Column adoption, below).
struct Adoption {
  void* data = nullptr;
  std::size_t bytes = 0;
};
inline thread_local Adoption pending;

// Whether p lies in a mapping registered by a MappedRegion still alive.
bool is_mapped(const void* p) noexcept;

// Constructing an element from this leaves its memory as it is. (The conversion only
// lets std::vector's assignment compile its branch for a non-empty vector, which
// adopt() never takes.)
struct KeepBytes {
  template <typename T>
  operator T() const noexcept {
    return T{};
  }
};

// Yields KeepBytes `count` times: assigning a vector from a pair of these
// allocates once (taking the pending memory) and constructs nothing.
struct KeepBytesIterator {
  using iterator_category = std::forward_iterator_tag;
  using value_type = KeepBytes;
  using difference_type = std::ptrdiff_t;
  using pointer = const KeepBytes*;
  using reference = KeepBytes;
  std::ptrdiff_t at = 0;
  KeepBytes operator*() const { return {}; }
  KeepBytesIterator& operator++() {
    ++at;
    return *this;
  }
  KeepBytesIterator operator++(int) {
    KeepBytesIterator old = *this;
    ++at;
    return old;
  }
  friend bool operator==(KeepBytesIterator a, KeepBytesIterator b) { return a.at == b.at; }
  friend std::ptrdiff_t operator-(KeepBytesIterator a, KeepBytesIterator b) { return a.at - b.at; }
};

}  // namespace column_detail

template <typename T>
struct ColumnAllocator {
  using value_type = T;
  ColumnAllocator() = default;
  template <typename U>
  ColumnAllocator(const ColumnAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) {
    column_detail::Adoption& a = column_detail::pending;
    if (a.data && a.bytes == n * sizeof(T)) {
      T* p = static_cast<T*>(a.data);
      a = {};
      return p;
    }
    return std::allocator<T>{}.allocate(n);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (!column_detail::is_mapped(p)) std::allocator<T>{}.deallocate(p, n);
  }
  // Only for KeepBytes; any other construction is std::allocator_traits' own.
  template <typename U>
  void construct(U* p, column_detail::KeepBytes) noexcept {
    ::new (static_cast<void*>(p)) U;  // trivial types: no store
  }
  friend bool operator==(const ColumnAllocator&, const ColumnAllocator&) { return true; }
};

template <typename T>
using Column = std::vector<T, ColumnAllocator<T>>;

// Makes `column` hold the `count` elements at `data`, in place: data must lie in a
// MappedRegion that outlives the column (or the column's memory from then on), and
// be aligned for T.
template <typename T>
void adopt(Column<T>& column, void* data, std::size_t count) {
  static_assert(std::is_trivially_copyable_v<T>);
  Column<T>().swap(column);
  if (count == 0) return;
  column_detail::pending = {data, count * sizeof(T)};
  column.assign(column_detail::KeepBytesIterator{0},
                column_detail::KeepBytesIterator{static_cast<std::ptrdiff_t>(count)});
  column_detail::pending = {};
}

// A private, writable mapping of a whole file, registered so that columns adopting
// its bytes never free them; unmapped on destruction. Its pages are read ahead and
// mapped read-only at once; a write to one copies it.
class MappedRegion {
 public:
  // Maps `size` bytes of the open file `fd` (which may be closed afterwards); throws
  // std::system_error when mapping fails.
  MappedRegion(int fd, std::size_t size);
  ~MappedRegion();
  MappedRegion(const MappedRegion&) = delete;
  MappedRegion& operator=(const MappedRegion&) = delete;
  char* data() const { return data_; }
  std::size_t size() const { return size_; }

 private:
  char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace ringfence
