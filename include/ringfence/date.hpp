// Calendar dates as days since 1970-01-01 (proleptic Gregorian), the unit every
// column and rule uses. kNoDate marks an empty optional date.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ringfence {

using Days = std::int32_t;
inline constexpr Days kNoDate = INT32_MIN;

// Parses strict ISO "YYYY-MM-DD"; nullopt when malformed or not a real day.
std::optional<Days> parse_iso_date(std::string_view text);
std::string format_iso_date(Days days);
Days days_from_civil(int year, unsigned month, unsigned day);
Days today_utc();

}  // namespace ringfence
