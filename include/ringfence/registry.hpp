// The vendor registry: canonical vendors, the many ways inventories spell them,
// their tags (e.g. high_risk), country and attributes, plus per-model evidence.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ringfence {

struct PackCodec;  // reads and writes snapshots (src/io/pack_codec.hpp)

struct Vendor {
  std::string name;  // canonical spelling
  std::string country;
  std::vector<std::string> aliases;
  std::vector<std::string> tags;
  std::map<std::string, std::string> attributes;  // e.g. no_spy_declaration -> "true"
  bool known = true;  // false: not in the registry, kept as written in the data
};

// Invariant: every alias key (see normalise_vendor_key) maps to exactly one vendor;
// the canonical name of each vendor is one of its keys.
class VendorRegistry {
 public:
  static constexpr std::uint32_t kNone = UINT32_MAX;

  // The registry compiled into ringfence (data/vendors.csv).
  static VendorRegistry builtin();

  // Adds a vendor or, if its name or an alias already resolves, extends it:
  // new aliases and tags are added, country and attributes overwrite.
  std::uint32_t upsert(const Vendor& vendor);
  // Resolves any spelling; kNone when unknown.
  std::uint32_t resolve(std::string_view spelling) const;
  // Adds a vendor that no registry knows, under the spelling given.
  std::uint32_t add_unknown(std::string_view spelling);

  const Vendor& get(std::uint32_t id) const { return vendors_[id]; }
  std::size_t size() const { return vendors_.size(); }
  bool has_tag(std::uint32_t id, std::string_view tag) const;
  std::optional<std::uint32_t> find_exact(std::string_view name) const;

 private:
  friend struct PackCodec;
  void add_key(std::string_view spelling, std::uint32_t id);
  std::vector<Vendor> vendors_;
  std::unordered_map<std::string, std::uint32_t> keys_;
};

// Lower-case, punctuation removed, whitespace collapsed, trailing corporate
// suffixes ("co", "ltd", "technologies", "ab", "inc", ...) dropped:
// "HUAWEI TECHNOLOGIES CO., LTD." -> "huawei".
std::string normalise_vendor_key(std::string_view spelling);

// Evidence about one product model (models.csv): attribute -> value.
struct ModelEvidence {
  std::map<std::string, std::string> attributes;
};

}  // namespace ringfence
