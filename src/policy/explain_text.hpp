// The pieces rule kinds explain their findings with, so every explanation reads
// alike: "Huawei gnb E1 at site S1 (LG U+)", "2.3 km", "41.7 %".
#pragma once
#include <string>
#include <vector>

#include "ringfence/check.hpp"

namespace ringfence::policy {

std::string percent(double share);
std::string distance_text(double metres);
std::string amount_text(double v);
std::string join(const std::vector<std::string>& items, const char* sep);
std::string filter_text(const Filter& f);
std::string vendors_text(const VendorSpec& v);
// "Huawei gnb LGU-E0001 at site LGU-S001 (LG U+)"
std::string element_text(const Network& net, std::uint32_t e);
// "operator LG U+, region Seoul", or "the whole network"
std::string group_text(const Rule& rule, const Finding& f);

}  // namespace ringfence::policy
