// Interned strings and unique id columns: the model stores small integers, never
// repeated strings.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ringfence/column.hpp"

namespace ringfence {

struct PackCodec;  // reads and writes snapshots (src/io/pack_codec.hpp)

// Maps each distinct string to a dense id. Id 0 is always the empty string, so a
// missing optional text field costs nothing special. Views returned stay valid for
// the pool's lifetime (storage is a deque, which never moves its elements).
class StringPool {
 public:
  StringPool();
  std::uint32_t intern(std::string_view text);
  std::optional<std::uint32_t> find(std::string_view text) const;
  std::string_view get(std::uint32_t id) const { return strings_[id]; }
  std::size_t size() const { return strings_.size(); }
  std::size_t memory_bytes() const;

 private:
  friend struct PackCodec;
  std::deque<std::string> strings_;
  std::unordered_map<std::string_view, std::uint32_t> ids_;
};

// A column of unique string ids, stored back to back, with an open-addressing hash
// index of row numbers (the index holds 4-byte row numbers, not strings, so the
// character buffer may grow freely).
class IdColumn {
 public:
  static constexpr std::uint32_t kNotFound = UINT32_MAX;

  // Appends id; returns the existing row instead (and appends nothing) if present.
  std::uint32_t insert(std::string_view id, bool& inserted);
  std::uint32_t find(std::string_view id) const;
  // A hint that `id` is about to be looked up: starts loading its first index slot,
  // so that cache miss overlaps other work.
  void prefetch(std::string_view id) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash_of(id) & (slots_.size() - 1)]);
  }
  std::string_view get(std::uint32_t row) const {
    return {chars_.data() + offsets_[row], offsets_[row + 1] - offsets_[row]};
  }
  std::size_t size() const { return offsets_.size() - 1; }
  void reserve(std::size_t rows, std::size_t chars);
  void shrink_to_fit();
  std::size_t memory_bytes() const;

 private:
  friend struct PackCodec;
  static std::size_t hash_of(std::string_view s) { return std::hash<std::string_view>{}(s); }
  void grow_index();
  Column<char> chars_;
  Column<std::uint32_t> offsets_{0};
  // Each slot: the upper 32 bits of the id's hash, then row + 1 (0 = empty). Probes
  // compare the hash bits first, so a slot taken by another id costs no look at the
  // ids' characters (two more cache misses).
  Column<std::uint64_t> slots_;
  static std::uint64_t slot_of(std::size_t hash, std::uint32_t row) {
    return (static_cast<std::uint64_t>(hash) & 0xffffffff00000000ull) | (row + 1ull);
  }
  static std::uint32_t row_of(std::uint64_t slot) { return static_cast<std::uint32_t>(slot) - 1; }
  static bool same_hash(std::uint64_t slot, std::size_t hash) {
    return ((slot ^ static_cast<std::uint64_t>(hash)) & 0xffffffff00000000ull) == 0;
  }
};

}  // namespace ringfence
