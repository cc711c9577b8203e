// Vendor registry: key normalisation, the built-in aliases and tags, unknown
// vendors, and upsert semantics.
#include "ringfence/registry.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ringfence {
namespace {

std::string canonical(const VendorRegistry& r, std::string_view spelling) {
  const std::uint32_t id = r.resolve(spelling);
  if (id == VendorRegistry::kNone) return "<none>";
  return r.get(id).name;
}

std::uint32_t id_of(const VendorRegistry& r, std::string_view name) {
  const auto id = r.find_exact(name);
  EXPECT_TRUE(id.has_value()) << name;
  return id.value_or(VendorRegistry::kNone);
}

TEST(VendorKey, LowerCasesDropsPunctuationAndCorporateSuffixes) {
  EXPECT_EQ(normalise_vendor_key("HUAWEI TECHNOLOGIES CO., LTD."), "huawei");
  EXPECT_EQ(normalise_vendor_key("Huawei Technologies Co."), "huawei");
  EXPECT_EQ(normalise_vendor_key("Huawei Tech."), "huawei");
  EXPECT_EQ(normalise_vendor_key("ZTE Corporation"), "zte");
  EXPECT_EQ(normalise_vendor_key("Ericsson AB"), "ericsson");
  EXPECT_EQ(normalise_vendor_key("Samsung Electronics Co., Ltd."), "samsung");
  EXPECT_EQ(normalise_vendor_key("Cisco Systems, Inc."), "cisco systems");
  EXPECT_EQ(normalise_vendor_key("Telefonaktiebolaget LM Ericsson"),
            "telefonaktiebolaget lm ericsson");
}

TEST(VendorKey, CollapsesWhitespaceAndSpellsAmpersand) {
  EXPECT_EQ(normalise_vendor_key("  Nokia   Solutions\t&  Networks  "),
            "nokia solutions and networks");
  EXPECT_EQ(normalise_vendor_key("Nokia Solutions and Networks"), "nokia solutions and networks");
  EXPECT_EQ(normalise_vendor_key("Alcatel-Lucent"), "alcatel lucent");
  EXPECT_EQ(normalise_vendor_key("N.S.N"), "n s n");
}

TEST(VendorKey, NeverDropsTheFirstWord) {
  EXPECT_EQ(normalise_vendor_key("Tech"), "tech");
  EXPECT_EQ(normalise_vendor_key("Group Ltd"), "group");
  EXPECT_EQ(normalise_vendor_key("AB"), "ab");
}

TEST(VendorKey, SuffixesOnlyAtTheEnd) {
  // "co" inside the name is kept; only trailing suffix words go.
  EXPECT_EQ(normalise_vendor_key("Co Networks Ltd"), "co networks");
  EXPECT_EQ(normalise_vendor_key("Juniper Networks, Inc."), "juniper networks");
}

TEST(VendorKey, KeepsNonAsciiBytes) {
  EXPECT_EQ(normalise_vendor_key("\xEC\x82\xBC\xEC\x84\xB1 Electronics"),
            "\xEC\x82\xBC\xEC\x84\xB1");
}

TEST(VendorKey, EmptyForPunctuationOnly) {
  EXPECT_EQ(normalise_vendor_key(""), "");
  EXPECT_EQ(normalise_vendor_key(" ,.- "), "");
}

TEST(BuiltinRegistry, HuaweiSpellings) {
  const VendorRegistry r = VendorRegistry::builtin();
  for (const char* s :
       {"Huawei", "HUAWEI TECHNOLOGIES CO., LTD.", "HUAWEI TECHNOLOGIES CO. LTD",
        "Huawei Technologies", "Huawei Tech.", "HW", "hw", "Huawei Technologies Co."})
    EXPECT_EQ(canonical(r, s), "Huawei") << s;
}

TEST(BuiltinRegistry, OtherVendorSpellings) {
  const VendorRegistry r = VendorRegistry::builtin();
  EXPECT_EQ(canonical(r, "ZTE Corporation"), "ZTE");
  EXPECT_EQ(canonical(r, "ZTE Corp."), "ZTE");
  EXPECT_EQ(canonical(r, "Zhongxing Telecommunication Equipment"), "ZTE");
  EXPECT_EQ(canonical(r, "Telefonaktiebolaget LM Ericsson"), "Ericsson");
  EXPECT_EQ(canonical(r, "Ericsson AB"), "Ericsson");
  EXPECT_EQ(canonical(r, "LM Ericsson"), "Ericsson");
  EXPECT_EQ(canonical(r, "Nokia Solutions and Networks"), "Nokia");
  EXPECT_EQ(canonical(r, "Nokia Solutions & Networks"), "Nokia");
  EXPECT_EQ(canonical(r, "NSN"), "Nokia");
  EXPECT_EQ(canonical(r, "Nokia Siemens Networks"), "Nokia");
  EXPECT_EQ(canonical(r, "Samsung Electronics"), "Samsung");
  EXPECT_EQ(canonical(r, "Samsung Electronics Co., Ltd."), "Samsung");
  EXPECT_EQ(canonical(r, "Cisco Systems Inc."), "Cisco");
  EXPECT_EQ(canonical(r, "Juniper Networks"), "Juniper");
}

TEST(BuiltinRegistry, CaseAndPunctuationDoNotMatter) {
  const VendorRegistry r = VendorRegistry::builtin();
  for (const char* s : {"huawei", "HUAWEI", "HuAwEi", " Huawei ", "Huawei.", "Huawei, Ltd",
                        "huawei-technologies", "HUAWEI   TECHNOLOGIES   CO LTD"})
    EXPECT_EQ(canonical(r, s), "Huawei") << s;
  for (const char* s :
       {"ericsson", "ERICSSON (AB)", "Ericsson, AB", "telefonaktiebolaget lm ericsson"})
    EXPECT_EQ(canonical(r, s), "Ericsson") << s;
  EXPECT_EQ(canonical(r, "n.s.n."), "<none>");  // letters split by dots are separate words
  EXPECT_EQ(canonical(r, "nsn"), "Nokia");
}

TEST(BuiltinRegistry, TagsAndCountries) {
  const VendorRegistry r = VendorRegistry::builtin();
  const auto huawei = id_of(r, "Huawei"), zte = id_of(r, "ZTE"), ericsson = id_of(r, "Ericsson"),
             nokia = id_of(r, "Nokia"), samsung = id_of(r, "Samsung"),
             hikvision = id_of(r, "Hikvision");
  EXPECT_TRUE(r.has_tag(huawei, "high_risk"));
  EXPECT_TRUE(r.has_tag(huawei, "fcc_covered"));
  EXPECT_TRUE(r.has_tag(zte, "high_risk"));
  EXPECT_FALSE(r.has_tag(ericsson, "high_risk"));
  EXPECT_FALSE(r.has_tag(nokia, "high_risk"));
  EXPECT_FALSE(r.has_tag(samsung, "high_risk"));
  EXPECT_FALSE(r.has_tag(hikvision, "high_risk"));
  EXPECT_TRUE(r.has_tag(hikvision, "fcc_covered"));
  EXPECT_FALSE(r.has_tag(huawei, "High_Risk"));  // tags are exact
  EXPECT_EQ(r.get(huawei).country, "CN");
  EXPECT_EQ(r.get(ericsson).country, "SE");
  EXPECT_EQ(r.get(nokia).country, "FI");
  EXPECT_EQ(r.get(samsung).country, "KR");
  EXPECT_TRUE(r.get(huawei).known);
  EXPECT_TRUE(r.get(ericsson).tags.empty());
}

TEST(BuiltinRegistry, FindExactIsCaseSensitiveOnTheCanonicalName) {
  const VendorRegistry r = VendorRegistry::builtin();
  EXPECT_TRUE(r.find_exact("Huawei").has_value());
  EXPECT_FALSE(r.find_exact("huawei").has_value());
  EXPECT_FALSE(r.find_exact("HW").has_value());
}

TEST(BuiltinRegistry, UnknownNamesStayUnknown) {
  const VendorRegistry r = VendorRegistry::builtin();
  EXPECT_EQ(r.resolve("SOLiD Inc"), VendorRegistry::kNone);
  EXPECT_EQ(r.resolve("Huawei Device Networks"), VendorRegistry::kNone);
  EXPECT_EQ(r.resolve(""), VendorRegistry::kNone);
  EXPECT_EQ(r.resolve("Ltd"), VendorRegistry::kNone);
}

TEST(BuiltinRegistry, CopiesAreIndependent) {
  VendorRegistry r = VendorRegistry::builtin();
  const std::size_t size = r.size();
  Vendor v;
  v.name = "Acme Radio";
  r.upsert(v);
  EXPECT_EQ(r.size(), size + 1);
  EXPECT_EQ(VendorRegistry::builtin().size(), size);
  EXPECT_EQ(VendorRegistry::builtin().resolve("Acme Radio"), VendorRegistry::kNone);
}

TEST(Registry, AddUnknownKeepsTheSpellingAndResolvesVariants) {
  VendorRegistry r = VendorRegistry::builtin();
  const std::size_t size = r.size();
  const std::uint32_t id = r.add_unknown("SOLiD Inc");
  EXPECT_EQ(r.size(), size + 1);
  EXPECT_EQ(r.get(id).name, "SOLiD Inc");
  EXPECT_FALSE(r.get(id).known);
  EXPECT_TRUE(r.get(id).tags.empty());
  EXPECT_EQ(r.resolve("SOLID INC."), id);
  EXPECT_EQ(r.resolve("solid"), id);
  // Adding again (any spelling with the same key) returns the same vendor.
  EXPECT_EQ(r.add_unknown("Solid, Inc."), id);
  EXPECT_EQ(r.size(), size + 1);
  // A known vendor is never shadowed by add_unknown.
  EXPECT_EQ(r.add_unknown("Huawei Technologies"), id_of(r, "Huawei"));
  EXPECT_EQ(r.size(), size + 1);
}

TEST(Registry, UpsertAddsANewVendorWithItsAliases) {
  VendorRegistry r;
  Vendor v;
  v.name = "Acme Radio";
  v.aliases = {"ACME Radio Systems", "AR"};
  v.country = "US";
  v.tags = {"trusted"};
  v.attributes["no_spy_declaration"] = "true";
  const std::uint32_t id = r.upsert(v);
  EXPECT_EQ(id, 0u);
  EXPECT_EQ(r.size(), 1u);
  EXPECT_EQ(r.resolve("acme radio"), id);
  EXPECT_EQ(r.resolve("ACME Radio Systems Inc."), id);
  EXPECT_EQ(r.resolve("A.R."), VendorRegistry::kNone);
  EXPECT_EQ(r.resolve("ar"), id);
  EXPECT_TRUE(r.get(id).known);
  EXPECT_TRUE(r.has_tag(id, "trusted"));
  EXPECT_EQ(r.get(id).attributes.at("no_spy_declaration"), "true");
}

TEST(Registry, UpsertExtendsAnExistingVendor) {
  VendorRegistry r = VendorRegistry::builtin();
  const std::size_t size = r.size();
  const std::uint32_t huawei = id_of(r, "Huawei");
  const std::size_t aliases_before = r.get(huawei).aliases.size();
  Vendor v;
  v.name = "HUAWEI";                    // resolves to Huawei
  v.aliases = {"Huawei Device", "HW"};  // HW is already an alias
  v.tags = {"entity_list", "high_risk"};
  v.country = "";  // empty: keeps CN
  v.attributes["support_ends"] = "2019-08-19";
  EXPECT_EQ(r.upsert(v), huawei);
  EXPECT_EQ(r.size(), size);
  const Vendor& h = r.get(huawei);
  EXPECT_EQ(h.name, "Huawei");  // the canonical name does not change
  EXPECT_EQ(h.country, "CN");
  EXPECT_EQ(h.aliases.size(), aliases_before + 1);
  EXPECT_EQ(h.aliases.back(), "Huawei Device");
  EXPECT_EQ(h.tags, (std::vector<std::string>{"high_risk", "fcc_covered", "entity_list"}));
  EXPECT_EQ(h.attributes.at("support_ends"), "2019-08-19");
  EXPECT_EQ(r.resolve("Huawei Device Co., Ltd."), huawei);

  // Country and attributes overwrite.
  Vendor again;
  again.name = "Huawei";
  again.country = "XX";
  again.attributes["support_ends"] = "2020-05-15";
  EXPECT_EQ(r.upsert(again), huawei);
  EXPECT_EQ(r.get(huawei).country, "XX");
  EXPECT_EQ(r.get(huawei).attributes.at("support_ends"), "2020-05-15");
  EXPECT_EQ(r.get(huawei).tags.size(), 3u);
}

TEST(Registry, UpsertFindsTheVendorThroughAnAlias) {
  VendorRegistry r = VendorRegistry::builtin();
  const std::size_t size = r.size();
  const std::uint32_t zte = id_of(r, "ZTE");
  Vendor v;
  v.name = "Zhongxing";  // unknown name, but its alias is ZTE's
  v.aliases = {"ZTE Corp"};
  EXPECT_EQ(r.upsert(v), zte);
  EXPECT_EQ(r.size(), size);
  EXPECT_EQ(r.get(zte).name, "ZTE");
  EXPECT_EQ(r.resolve("Zhongxing"), zte);
}

TEST(Registry, UpsertRegistersAVendorFirstSeenUnknown) {
  VendorRegistry r = VendorRegistry::builtin();
  const std::uint32_t unknown = r.add_unknown("Acme Radio");
  ASSERT_FALSE(r.get(unknown).known);
  Vendor v;
  v.name = "Acme Radio Inc.";
  v.country = "US";
  v.tags = {"trusted"};
  EXPECT_EQ(r.upsert(v), unknown);
  EXPECT_TRUE(r.get(unknown).known);
  EXPECT_EQ(r.get(unknown).name, "Acme Radio Inc.");
  EXPECT_EQ(r.get(unknown).country, "US");
  EXPECT_TRUE(r.has_tag(unknown, "trusted"));
  EXPECT_EQ(r.resolve("ACME RADIO"), unknown);
}

}  // namespace
}  // namespace ringfence
