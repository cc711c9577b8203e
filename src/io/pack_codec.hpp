// The snapshot layout (format version kPackFormatVersion, include/ringfence/pack.hpp).
//
// All integers and floats little-endian, as in memory on the machines ringfence runs
// on (a byte-order mark refuses others). Every column starts at a multiple of 8 bytes.
//
//   header   "RFPACK\r\n" (8 bytes; the CR catches text-mode copies), u32 format
//            version, u32 byte-order mark 0x01020304, u64 fingerprint of the id
//            hash (an IdColumn's index is kept when it matches, rebuilt otherwise)
//   source   str absolute bundle directory; u32 n; n x (str file name, u8 present,
//            u64 size, i64 modification time in ns) for every file a bundle may hold
//   bundle   files read: u64 n; n x (str name, str sha256, u64 bytes);
//            warnings: u64 n; n x (str file, u64 line, u64 column, str message);
//            vendor spellings: u64 vendors; per vendor u64 n; n x (str, u64 count)
//   network  strings (u64 n, then n - 1 strs: id 0 is always ""); vendor registry
//            (u64 n; n x vendor: str name, str country, strs aliases, strs tags,
//            map attributes, u8 known; u64 k; k x (str key, u32 vendor));
//            sites (id column, operator_id, lat, lon, kind, region, population);
//            elements (id column, site, vendor, vendor_raw, domain, function, model,
//            technology, sw_version, installed, azimuth, beamwidth, range_m,
//            traffic, replace_cost); links (from, to, out_offsets, out_targets,
//            in_offsets, in_sources); zones (u64 n; n x (str id, str name,
//            str category, map properties, u8 is_point, f64 lon, f64 lat,
//            u64 polygons; per polygon u64 rings; per ring a column of (lon, lat)));
//            models (u64 n; n x (u32 vendor, u32 model, map attributes))
//   trailer  "RFPACKOK" (a file cut short is refused)
//
// str: u64 length, bytes. strs: u64 n, n x str. map: u64 n, n x (str, str).
// column: u64 count, padding to 8, count x sizeof(T) bytes. id column: column of
// chars, column of u32 offsets, column of u64 index slots (the upper 32 bits of the
// id's hash, then row + 1; 0 empty).
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "ringfence/bundle.hpp"

namespace ringfence {

inline constexpr char kPackMagic[8] = {'R', 'F', 'P', 'A', 'C', 'K', '\r', '\n'};
inline constexpr char kPackTrailer[8] = {'R', 'F', 'P', 'A', 'C', 'K', 'O', 'K'};
inline constexpr std::uint32_t kPackByteOrder = 0x01020304;
// The files a bundle may hold, checked for changes when a snapshot is opened.
inline constexpr const char* kPackSourceFiles[] = {"vendors.csv",  "models.csv", "sites.csv",
                                                   "elements.csv", "links.csv",  "zones.geojson"};

// Appends values to a byte buffer in the layout above.
class PackWriter {
 public:
  template <typename T>
  void value(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    buf_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void raw(const void* data, std::size_t n) { buf_.append(static_cast<const char*>(data), n); }
  void str(std::string_view s) {
    value<std::uint64_t>(s.size());
    raw(s.data(), s.size());
  }
  template <typename T, typename Allocator>
  void column(const std::vector<T, Allocator>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    value<std::uint64_t>(v.size());
    buf_.append((8 - buf_.size() % 8) % 8, '\0');
    raw(v.data(), v.size() * sizeof(T));
  }
  std::string& buffer() { return buf_; }

 private:
  std::string buf_;
};

// Reads values back from a mapped snapshot; any read past the end, or a count that
// cannot fit, throws InputError naming the snapshot.
class PackReader {
 public:
  PackReader(char* data, std::size_t size, std::string name)
      : data_(data), size_(size), name_(std::move(name)) {}
  template <typename T>
  T value() {
    static_assert(std::is_trivially_copyable_v<T>);
    T v;
    std::memcpy(&v, take(sizeof v), sizeof v);
    return v;
  }
  std::string str() {
    const auto n = value<std::uint64_t>();
    return std::string(take(n), n);
  }
  template <typename T>
  void column(std::vector<T>& out) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto n = value<std::uint64_t>();
    take((8 - pos_ % 8) % 8);
    if (n > (size_ - pos_) / sizeof(T)) damaged();
    out.resize(n);
    if (n) std::memcpy(out.data(), take(n * sizeof(T)), n * sizeof(T));
  }
  // A table's column reads the snapshot's bytes in place: the reader's memory must be
  // a MappedRegion that the column's network keeps (Network::backing).
  template <typename T>
  void column(Column<T>& out) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto n = value<std::uint64_t>();
    take((8 - pos_ % 8) % 8);
    if (n > (size_ - pos_) / sizeof(T)) damaged();
    adopt(out, data_ + pos_, n);
    pos_ += n * sizeof(T);
  }
  std::size_t count() {
    const auto n = value<std::uint64_t>();
    if (n > size_ - pos_) damaged();  // every counted item takes at least a byte
    return n;
  }
  const char* take(std::size_t n) {
    if (n > size_ - pos_) damaged();
    const char* p = data_ + pos_;
    pos_ += n;
    return p;
  }
  [[noreturn]] void damaged() const;
  const std::string& name() const { return name_; }

 private:
  char* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
  std::string name_;
};

// The fingerprint of the id hash function: an index written by a build hashing
// differently is rebuilt rather than trusted.
std::uint64_t id_hash_fingerprint();

// Reads and writes the parts of the model whose storage is private.
struct PackCodec {
  static void write(PackWriter& w, const StringPool& pool);
  static void read(PackReader& r, StringPool& pool);
  static void write(PackWriter& w, const VendorRegistry& registry);
  static void read(PackReader& r, VendorRegistry& registry);
  static void write(PackWriter& w, const IdColumn& ids);
  static void read(PackReader& r, IdColumn& ids, bool index_valid);
};

}  // namespace ringfence
