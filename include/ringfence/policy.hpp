// Policies: a TOML file, or a built-in preset, holding typed rules.
#pragma once
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "ringfence/date.hpp"
#include "ringfence/exposure.hpp"
#include "ringfence/filter.hpp"

namespace ringfence {

enum class RuleKind : std::uint8_t {
  kExclude,
  kNoNewInstalls,
  kShareCap,
  kZoneExclusion,
  kMinVendors,
  kRequire,
  kPathExclusion,
  kSupportCutoff,
};
std::string_view rule_kind_name(RuleKind kind);

enum class Footprint : std::uint8_t { kSite, kSector };

struct Rule {
  std::string id, description, source;
  RuleKind kind = RuleKind::kExclude;
  std::size_t line = 0;  // where the rule starts in its file
  VendorSpec vendors;
  Filter where;
  Days effective = kNoDate, deadline = kNoDate, after = kNoDate;
  // share_cap and min_vendors
  std::vector<GroupKey> per;
  Measure measure = Measure::kElements;
  double max_share = std::numeric_limits<double>::quiet_NaN();
  // zone_exclusion (and from_zones of path_exclusion)
  Filter zones;
  double radius_m = 0;
  Footprint footprint = Footprint::kSite;
  // min_vendors
  int min = 0;
  double max_single_share = std::numeric_limits<double>::quiet_NaN();
  // require: attribute -> expected value, as normalised text ("true", "KISA", ...)
  std::vector<std::pair<std::string, std::string>> attributes;
  // path_exclusion
  Filter from, through, from_zones;
  bool has_from_zones = false;
  double from_radius_m = 0;
};

struct Policy {
  std::string id, title, source;
  std::string origin;  // file path, or "preset:<id>"
  std::vector<Rule> rules;
};

struct PresetInfo {
  std::string id, title, source;
  std::size_t rules = 0;
};

// A preset name (see list_presets) or a path to a TOML file. Throws InputError
// naming the file, line and column, the rule and what is wrong.
Policy load_policy(const std::string& name_or_path);
Policy parse_policy(std::string_view toml_text, const std::string& display_name);
std::vector<PresetInfo> list_presets();
// Boolean-like attribute values compare equal across spellings: yes/1/true -> "true".
std::string normalise_attribute_value(std::string_view value);

}  // namespace ringfence
