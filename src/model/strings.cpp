#include "ringfence/strings.hpp"

#include <sys/mman.h>

#include <cstdint>
#include <functional>
#include <stdexcept>

namespace ringfence {

StringPool::StringPool() {
  intern("");
}

std::uint32_t StringPool::intern(std::string_view text) {
  if (auto it = ids_.find(text); it != ids_.end()) return it->second;
  const auto id = static_cast<std::uint32_t>(strings_.size());
  strings_.emplace_back(text);
  ids_.emplace(strings_.back(), id);
  return id;
}

std::optional<std::uint32_t> StringPool::find(std::string_view text) const {
  if (auto it = ids_.find(text); it != ids_.end()) return it->second;
  return std::nullopt;
}

std::size_t StringPool::memory_bytes() const {
  std::size_t bytes = ids_.bucket_count() * sizeof(void*) + ids_.size() * 48;
  for (const auto& s : strings_) bytes += sizeof(std::string) + (s.size() > 15 ? s.capacity() : 0);
  return bytes;
}

namespace {

// Index slots are probed at random: over a 16 MiB index nearly every probe missed the
// TLB as well as the cache with 4 KiB pages. Asks for transparent huge pages over the
// 2 MiB-aligned part of a big buffer, before its first touch (the kernel's default,
// "madvise", gives them only where asked).
void advise_huge_pages(const void* data, std::size_t bytes) {
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  if (bytes < 2 * kHuge) return;
  const auto at = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t begin = (at + kHuge - 1) & ~(kHuge - 1), end = (at + bytes) & ~(kHuge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

// `slots` empty slots, in memory asked to be huge pages.
Column<std::uint64_t> empty_slots(std::size_t slots) {
  Column<std::uint64_t> out;
  out.reserve(slots);
  advise_huge_pages(out.data(), slots * sizeof(std::uint64_t));
  out.assign(slots, 0);
  return out;
}

}  // namespace

void IdColumn::reserve(std::size_t rows, std::size_t chars) {
  offsets_.reserve(rows + 1);
  chars_.reserve(chars);
  // Size the index once for `rows` ids (at most half full), instead of rehashing.
  std::size_t slots = 1024;
  while (slots < (rows + 1) * 2) slots *= 2;
  if (slots > slots_.size()) {
    const std::size_t keep = slots_.size();
    if (keep == 0) {
      slots_ = empty_slots(slots);
    } else {
      while (slots_.size() < slots) grow_index();
    }
  }
}

void IdColumn::shrink_to_fit() {
  chars_.shrink_to_fit();
  offsets_.shrink_to_fit();
}

std::size_t IdColumn::memory_bytes() const {
  return chars_.capacity() + offsets_.capacity() * 4 + slots_.capacity() * 8;
}

void IdColumn::grow_index() {
  Column<std::uint64_t> old = std::move(slots_);
  slots_ = empty_slots(old.empty() ? 1024 : old.size() * 2);
  const std::size_t mask = slots_.size() - 1;
  for (std::uint64_t slot : old) {
    if (slot == 0) continue;
    std::size_t i = hash_of(get(row_of(slot))) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

std::uint32_t IdColumn::find(std::string_view id) const {
  if (slots_.empty()) return kNotFound;
  const std::size_t mask = slots_.size() - 1;
  const std::size_t hash = hash_of(id);
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const std::uint64_t slot = slots_[i];
    if (slot == 0) return kNotFound;
    if (same_hash(slot, hash) && get(row_of(slot)) == id) return row_of(slot);
  }
}

std::uint32_t IdColumn::insert(std::string_view id, bool& inserted) {
  if ((size() + 1) * 2 > slots_.size()) grow_index();
  const std::size_t mask = slots_.size() - 1;
  const std::size_t hash = hash_of(id);
  std::size_t i = hash & mask;
  for (; slots_[i] != 0; i = (i + 1) & mask) {
    if (same_hash(slots_[i], hash) && get(row_of(slots_[i])) == id) {
      inserted = false;
      return row_of(slots_[i]);
    }
  }
  if (chars_.size() + id.size() > UINT32_MAX) throw std::length_error("id column over 4 GiB");
  const auto row = static_cast<std::uint32_t>(size());
  chars_.insert(chars_.end(), id.begin(), id.end());
  offsets_.push_back(static_cast<std::uint32_t>(chars_.size()));
  slots_[i] = slot_of(hash, row);
  inserted = true;
  return row;
}

}  // namespace ringfence
