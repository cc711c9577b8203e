// A rule kind added from outside the library, as a new kind would be: one
// descriptor and one registration, nothing else touched. Its own test binary, so the
// kind is not seen by the tests that pin the built-in kinds' messages.
#include <gtest/gtest.h>

#include <string>

#include "analysis/masks.hpp"
#include "ringfence/bundle.hpp"
#include "ringfence/check.hpp"
#include "ringfence/diagnostics.hpp"
#include "ringfence/rule_kinds.hpp"

namespace ringfence {

namespace {

// too_new_model: each element of `vendors` installed after `after` whose model is
// not recorded. Reuses the existing keys, so the loader needs nothing new.
void evaluate_toy(const RuleContext& ctx, std::vector<Finding>& out) {
  const analysis::Mask vendors = analysis::vendor_table(ctx.net, ctx.rule.vendors);
  const analysis::Mask scope = analysis::element_mask(ctx.net, ctx.rule.where, &vendors);
  for (std::uint32_t e = 0; e < scope.size(); ++e)
    if (scope[e] && ctx.net.elements.installed[e] != kNoDate &&
        ctx.net.elements.installed[e] > ctx.rule.after && ctx.net.elements.model[e] == 0) {
      Finding f;
      f.rule = ctx.rule_index;
      f.element = e;
      out.push_back(f);
    }
}

std::string explain_toy(const Network& net, const Rule&, const Finding& f) {
  return std::string(net.elements.id.get(f.element)) + " has no recorded model";
}

const RuleKind kToy = register_rule_kind([] {
  RuleKindDescriptor d;
  d.name = "too_new_model";
  d.keys = {"vendors", "after"};
  d.required = {{"after", "the date after which a model must be recorded"}};
  d.evaluate = evaluate_toy;
  d.explain = explain_toy;
  d.remedy = Remedy::kSwapElementOrEvidence;
  return d;
}());

const std::string kKorea = std::string(RINGFENCE_SOURCE_DIR) + "/examples/korea-small";

}  // namespace

TEST(ToyRuleKind, IsParsedEvaluatedAndExplainedLikeABuiltInKind) {
  EXPECT_EQ(rule_kind_name(kToy), "too_new_model");
  EXPECT_EQ(static_cast<std::size_t>(kToy), rule_kinds().size() - 1);
  const Policy policy = parse_policy(R"(
[policy]
id = "toy"
[[rule]]
id = "recent-huawei"
kind = "too_new_model"
vendors = ["Huawei"]
after = 2019-01-01
deadline = 2030-01-01
)",
                                     "toy.toml");
  ASSERT_EQ(policy.rules.size(), 1u);
  EXPECT_EQ(policy.rules[0].kind, kToy);

  const LoadedBundle bundle = load_bundle(kKorea);
  const Network& net = bundle.network;
  const CheckResult result = evaluate(net, {policy}, *parse_iso_date("2025-01-01"), 1);
  // The expected set, computed directly from the columns.
  std::vector<std::string> expected;
  const std::uint32_t huawei = net.vendors.resolve("Huawei");
  for (std::uint32_t e = 0; e < net.elements.size(); ++e)
    if (net.elements.vendor[e] == huawei && net.elements.installed[e] != kNoDate &&
        net.elements.installed[e] > *parse_iso_date("2019-01-01") && net.elements.model[e] == 0)
      expected.emplace_back(net.elements.id.get(e));
  std::sort(expected.begin(), expected.end());
  std::vector<std::string> found;
  for (const Finding& f : result.findings) {
    found.emplace_back(net.elements.id.get(f.element));
    EXPECT_EQ(f.status, Status::kDue);
    EXPECT_EQ(explain(net, result, f), found.back() + " has no recorded model");
    EXPECT_EQ(remedy_elements(net, policy.rules[0], f), std::vector<std::uint32_t>{f.element});
  }
  EXPECT_EQ(found, expected);
}

TEST(ToyRuleKind, ItsRequiredKeyAndTheKindListAreChecked) {
  try {
    parse_policy("[policy]\nid = \"toy\"\n[[rule]]\nid = \"r\"\nkind = \"too_new_model\"\n",
                 "toy.toml");
    FAIL() << "a rule without 'after' was accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics().errors().at(0).to_string(),
              "toy.toml:3:1: rule 'r': missing 'after' (the date after which a model must be "
              "recorded)");
  }
  try {
    parse_policy("[policy]\nid = \"toy\"\n[[rule]]\nid = \"r\"\nkind = \"too_old\"\n", "toy.toml");
    FAIL() << "an unknown kind was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(e.diagnostics().errors().at(0).message.find(
                  "path_exclusion, support_cutoff or too_new_model)"),
              std::string::npos)
        << e.diagnostics().errors().at(0).message;
  }
  EXPECT_THROW(register_rule_kind(RuleKindDescriptor{"exclude", {}, {}, evaluate_toy}),
               std::invalid_argument);
}

}  // namespace ringfence
