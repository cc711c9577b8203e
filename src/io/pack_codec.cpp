#include "io/pack_codec.hpp"

#include <functional>

namespace ringfence {

void PackReader::damaged() const {
  throw InputError(name_, 0, 0,
                   "snapshot is damaged or cut short (run ringfence pack again to rewrite it)");
}

std::uint64_t id_hash_fingerprint() {
  std::uint64_t h = 0;
  for (const char* probe : {"", "S1", "SKT-E0000001", "ringfence"})
    h = h * 1000003 ^ std::hash<std::string_view>{}(probe);
  return h;
}

namespace {

void write_map(PackWriter& w, const std::map<std::string, std::string>& m) {
  w.value<std::uint64_t>(m.size());
  for (const auto& [k, v] : m) {
    w.str(k);
    w.str(v);
  }
}

void read_map(PackReader& r, std::map<std::string, std::string>& m) {
  for (std::size_t n = r.count(); n > 0; --n) {
    std::string k = r.str();
    m[std::move(k)] = r.str();
  }
}

void write_strs(PackWriter& w, const std::vector<std::string>& v) {
  w.value<std::uint64_t>(v.size());
  for (const auto& s : v) w.str(s);
}

void read_strs(PackReader& r, std::vector<std::string>& v) {
  v.resize(r.count());
  for (auto& s : v) s = r.str();
}

}  // namespace

void PackCodec::write(PackWriter& w, const StringPool& pool) {
  w.value<std::uint64_t>(pool.size());
  for (std::size_t i = 1; i < pool.size(); ++i) w.str(pool.strings_[i]);
}

void PackCodec::read(PackReader& r, StringPool& pool) {
  const std::size_t n = r.count();
  if (n == 0 || pool.size() != 1) r.damaged();
  for (std::size_t i = 1; i < n; ++i)
    if (pool.intern(r.str()) != i) r.damaged();  // a repeated string
}

void PackCodec::write(PackWriter& w, const VendorRegistry& registry) {
  w.value<std::uint64_t>(registry.vendors_.size());
  for (const Vendor& v : registry.vendors_) {
    w.str(v.name);
    w.str(v.country);
    write_strs(w, v.aliases);
    write_strs(w, v.tags);
    write_map(w, v.attributes);
    w.value<std::uint8_t>(v.known);
  }
  w.value<std::uint64_t>(registry.keys_.size());
  for (const auto& [key, id] : registry.keys_) {
    w.str(key);
    w.value<std::uint32_t>(id);
  }
}

void PackCodec::read(PackReader& r, VendorRegistry& registry) {
  registry.vendors_.clear();
  registry.keys_.clear();
  registry.vendors_.resize(r.count());
  for (Vendor& v : registry.vendors_) {
    v.name = r.str();
    v.country = r.str();
    read_strs(r, v.aliases);
    read_strs(r, v.tags);
    read_map(r, v.attributes);
    v.known = r.value<std::uint8_t>() != 0;
  }
  for (std::size_t n = r.count(); n > 0; --n) {
    std::string key = r.str();
    const auto id = r.value<std::uint32_t>();
    if (id >= registry.vendors_.size()) r.damaged();
    registry.keys_[std::move(key)] = id;
  }
}

void PackCodec::write(PackWriter& w, const IdColumn& ids) {
  w.column(ids.chars_);
  w.column(ids.offsets_);
  w.column(ids.slots_);
}

void PackCodec::read(PackReader& r, IdColumn& ids, bool index_valid) {
  r.column(ids.chars_);
  r.column(ids.offsets_);
  r.column(ids.slots_);
  // Offsets must rise from 0 to the character count, or get() would read outside.
  if (ids.offsets_.empty() || ids.offsets_.front() != 0 || ids.offsets_.back() != ids.chars_.size())
    r.damaged();
  // These checks run over every row and slot at each load: written without branches,
  // so that they vectorise.
  bool falls = false;
  for (std::size_t i = 1; i < ids.offsets_.size(); ++i)
    falls |= ids.offsets_[i] < ids.offsets_[i - 1];
  if (falls) r.damaged();
  const std::size_t rows = ids.size();
  const std::size_t slots = ids.slots_.size();
  if (slots != 0 && ((slots & (slots - 1)) != 0 || slots < (rows + 1) * 2)) r.damaged();
  bool outside = false;
  for (const std::uint64_t s : ids.slots_) outside |= s != 0 && IdColumn::row_of(s) >= rows;
  if (outside) r.damaged();
  if (index_valid) return;
  // Another hash function wrote this index: rebuild it.
  std::fill(ids.slots_.begin(), ids.slots_.end(), 0);
  if (slots == 0) return;
  const std::size_t mask = slots - 1;
  for (std::uint32_t row = 0; row < rows; ++row) {
    const std::size_t hash = IdColumn::hash_of(ids.get(row));
    std::size_t i = hash & mask;
    while (ids.slots_[i] != 0) i = (i + 1) & mask;
    ids.slots_[i] = IdColumn::slot_of(hash, row);
  }
}

}  // namespace ringfence
