// Counts in text output agree with their noun: "1 finding", "2 findings".
#include "ringfence/count_noun.hpp"

#include <gtest/gtest.h>

#include <string>

#include "ringfence/bundle.hpp"
#include "ringfence/check.hpp"
#include "ringfence/check_output.hpp"
#include "ringfence/policy.hpp"

namespace ringfence {
namespace {

TEST(CountNoun, SingularOnlyForOne) {
  EXPECT_EQ(count_noun(0, "finding"), "0 findings");
  EXPECT_EQ(count_noun(1, "finding"), "1 finding");
  EXPECT_EQ(count_noun(2, "finding"), "2 findings");
  EXPECT_EQ(count_noun(1, "more warning"), "1 more warning");
  EXPECT_EQ(count_noun(12, "sensitive zone"), "12 sensitive zones");
  EXPECT_EQ(count_noun(1, "policy", "policies"), "1 policy");
  EXPECT_EQ(count_noun(3, "policy", "policies"), "3 policies");
}

// The rules block of `check` on the example under uk-2020: rules with one finding say so.
TEST(CountNoun, CheckTextOfTheExample) {
  const std::string dir = std::string(RINGFENCE_SOURCE_DIR) + "/examples/korea-small";
  const LoadedBundle bundle = load_bundle(dir);
  const CheckResult r =
      evaluate(bundle.network, {load_policy("uk-2020")}, *parse_iso_date("2024-01-01"), 1);
  const std::string text = render_check_text(bundle.network, r, {dir, bundle.files});
  const std::string head = text.substr(0, text.find("\n\nuk-2020/access-share-cap:"));
  EXPECT_EQ(head,
            "ringfence check of " + dir +
                " at 2024-01-01: 50 findings, 26 overdue, 24 due\n"
                "policy uk-2020: United Kingdom high-risk vendor regime (2020 decisions, "
                "2022 designated vendor direction)\n"
                "\nrules:\n"
                "  uk-2020/access-share-cap (share_cap): 1 finding, 1 overdue, deadline "
                "2023-07-31\n"
                "  uk-2020/core-exclusion (exclude): 2 findings, 2 overdue, deadline "
                "2023-12-31\n"
                "  uk-2020/core-transmission (exclude): 1 finding, 0 overdue, deadline "
                "2025-12-31\n"
                "  uk-2020/fibre-share-cap (share_cap): 1 finding, 1 overdue, deadline "
                "2023-10-31\n"
                "  uk-2020/full-5g-removal (exclude): 23 findings, 0 overdue, deadline "
                "2027-12-31\n"
                "  uk-2020/no-new-5g (no_new_installs): 10 findings, 10 overdue\n"
                "  uk-2020/sensitive-sites (zone_exclusion): 12 findings, 12 overdue, deadline "
                "2023-01-28");
}

}  // namespace
}  // namespace ringfence
