#include "policy/presets.hpp"

#include "builtin_presets.hpp"

namespace ringfence {

std::vector<std::pair<std::string_view, std::string_view>> preset_texts() {
  return {std::begin(kBuiltinPresets), std::end(kBuiltinPresets)};
}

const std::string_view* find_preset(std::string_view id) {
  for (const auto& entry : kBuiltinPresets)
    if (entry.first == id) return &entry.second;
  return nullptr;
}

}  // namespace ringfence
