// The built-in policies, compiled in from data/presets/*.toml.
#pragma once
#include <string_view>
#include <utility>
#include <vector>

namespace ringfence {
// (id, TOML text) for every preset, by id.
std::vector<std::pair<std::string_view, std::string_view>> preset_texts();
// The TOML text of a preset, or nullptr.
const std::string_view* find_preset(std::string_view id);
}  // namespace ringfence
