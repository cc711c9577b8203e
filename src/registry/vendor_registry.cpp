#include <algorithm>
#include <array>
#include <cctype>

#include "ringfence/registry.hpp"

namespace ringfence {

namespace {
// Words that say what kind of company it is, not which one.
constexpr std::array<std::string_view, 26> kCorporateSuffixes = {
    "co",          "corp",       "corporation", "company", "inc",     "incorporated", "ltd",
    "limited",     "llc",        "plc",         "gmbh",    "ag",      "ab",           "oy",
    "oyj",         "sa",         "nv",          "bv",      "kk",      "spa",          "pte",
    "technologies", "technology", "tech",       "electronics", "group"};

bool is_suffix(std::string_view word) {
  return std::find(kCorporateSuffixes.begin(), kCorporateSuffixes.end(), word) !=
         kCorporateSuffixes.end();
}
}  // namespace

std::string normalise_vendor_key(std::string_view spelling) {
  std::vector<std::string> words(1);
  for (unsigned char c : spelling) {
    if (std::isalnum(c) || c >= 0x80) {
      words.back() += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
    } else if (c == '&') {
      if (!words.back().empty()) words.emplace_back();
      words.back() = "and";
      words.emplace_back();
    } else if (!words.back().empty()) {
      words.emplace_back();  // punctuation and spaces separate words
    }
  }
  if (words.back().empty()) words.pop_back();
  // Drop trailing corporate suffixes, but never the first word ("Tech" alone stays).
  while (words.size() > 1 && is_suffix(words.back())) words.pop_back();
  std::string key;
  for (const auto& w : words) {
    if (!key.empty()) key += ' ';
    key += w;
  }
  return key;
}

void VendorRegistry::add_key(std::string_view spelling, std::uint32_t id) {
  std::string key = normalise_vendor_key(spelling);
  if (!key.empty()) keys_[key] = id;
}

std::uint32_t VendorRegistry::resolve(std::string_view spelling) const {
  auto it = keys_.find(normalise_vendor_key(spelling));
  return it == keys_.end() ? kNone : it->second;
}

std::optional<std::uint32_t> VendorRegistry::find_exact(std::string_view name) const {
  for (std::uint32_t i = 0; i < vendors_.size(); ++i)
    if (vendors_[i].name == name) return i;
  return std::nullopt;
}

std::uint32_t VendorRegistry::upsert(const Vendor& v) {
  std::uint32_t id = resolve(v.name);
  for (std::size_t i = 0; id == kNone && i < v.aliases.size(); ++i) id = resolve(v.aliases[i]);
  if (id == kNone || !vendors_[id].known) {
    if (id == kNone) {
      id = static_cast<std::uint32_t>(vendors_.size());
      vendors_.push_back(v);
    } else {
      vendors_[id] = v;  // a vendor first seen unknown is now registered
    }
    vendors_[id].known = true;
  } else {
    Vendor& existing = vendors_[id];
    for (const auto& a : v.aliases)
      if (std::find(existing.aliases.begin(), existing.aliases.end(), a) == existing.aliases.end())
        existing.aliases.push_back(a);
    for (const auto& t : v.tags)
      if (std::find(existing.tags.begin(), existing.tags.end(), t) == existing.tags.end())
        existing.tags.push_back(t);
    if (!v.country.empty()) existing.country = v.country;
    for (const auto& [k, val] : v.attributes) existing.attributes[k] = val;
  }
  add_key(v.name, id);
  for (const auto& a : v.aliases) add_key(a, id);
  return id;
}

std::uint32_t VendorRegistry::add_unknown(std::string_view spelling) {
  if (auto id = resolve(spelling); id != kNone) return id;
  Vendor v;
  v.name = std::string(spelling);
  v.known = false;
  const auto id = static_cast<std::uint32_t>(vendors_.size());
  vendors_.push_back(std::move(v));
  add_key(spelling, id);
  return id;
}

bool VendorRegistry::has_tag(std::uint32_t id, std::string_view tag) const {
  const auto& tags = vendors_[id].tags;
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

}  // namespace ringfence
