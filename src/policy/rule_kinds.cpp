// The table of rule kinds: adding a kind adds its file and one line here.
#include <stdexcept>

#include "policy/rule_helpers.hpp"

namespace ringfence {

namespace {

std::vector<RuleKindDescriptor>& table() {
  // In RuleKind order.
  static std::vector<RuleKindDescriptor> kinds = {
      policy::exclude_kind(),        policy::no_new_installs_kind(), policy::share_cap_kind(),
      policy::zone_exclusion_kind(), policy::min_vendors_kind(),     policy::require_kind(),
      policy::path_exclusion_kind(), policy::support_cutoff_kind(),
  };
  return kinds;
}

}  // namespace

const std::vector<RuleKindDescriptor>& rule_kinds() {
  return table();
}

const RuleKindDescriptor& rule_kind(RuleKind kind) {
  return table().at(static_cast<std::size_t>(kind));
}

const RuleKindDescriptor* find_rule_kind(std::string_view name, RuleKind* id) {
  const auto& kinds = table();
  for (std::size_t i = 0; i < kinds.size(); ++i)
    if (kinds[i].name == name) {
      if (id) *id = static_cast<RuleKind>(i);
      return &kinds[i];
    }
  return nullptr;
}

RuleKind register_rule_kind(RuleKindDescriptor descriptor) {
  auto& kinds = table();
  if (find_rule_kind(descriptor.name))
    throw std::invalid_argument("rule kind '" + std::string(descriptor.name) +
                                "' is already registered");
  if (kinds.size() > UINT8_MAX) throw std::length_error("too many rule kinds");
  kinds.push_back(std::move(descriptor));
  return static_cast<RuleKind>(kinds.size() - 1);
}

std::vector<std::uint32_t> remedy_elements(const Network& net, const Rule& rule,
                                           const Finding& finding) {
  const RuleKindDescriptor& kind = rule_kind(rule.kind);
  if (kind.remedy_elements) return kind.remedy_elements(net, rule, finding);
  return {finding.element};
}

std::string_view rule_kind_name(RuleKind kind) {
  return rule_kind(kind).name;
}

}  // namespace ringfence
