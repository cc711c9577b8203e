#include "ringfence/date.hpp"

#include <gtest/gtest.h>

namespace ringfence {

TEST(Date, ParsesAndFormatsRoundTrip) {
  EXPECT_EQ(parse_iso_date("1970-01-01"), 0);
  EXPECT_EQ(parse_iso_date("2020-01-28"), days_from_civil(2020, 1, 28));
  EXPECT_EQ(format_iso_date(*parse_iso_date("2023-07-31")), "2023-07-31");
  EXPECT_EQ(*parse_iso_date("2027-12-31") - *parse_iso_date("2027-01-01"), 364);
  EXPECT_EQ(format_iso_date(*parse_iso_date("2024-02-29")), "2024-02-29");
}

TEST(Date, RefusesMalformedAndImpossibleDays) {
  EXPECT_FALSE(parse_iso_date("2023-02-29"));
  EXPECT_FALSE(parse_iso_date("2100-02-29"));
  EXPECT_TRUE(parse_iso_date("2000-02-29"));
  EXPECT_FALSE(parse_iso_date("2023-13-01"));
  EXPECT_FALSE(parse_iso_date("2023-1-01"));
  EXPECT_FALSE(parse_iso_date("2023/01/01"));
  EXPECT_FALSE(parse_iso_date("yesterday"));
  EXPECT_FALSE(parse_iso_date(""));
}

}  // namespace ringfence
