// `exposure` results as JSON (documented in the README), CSV and text.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "ringfence/exposure.hpp"

namespace ringfence {

// What a what-if exposure assumed (`exposure --without`, `--replace`): written as the
// "what_if" key, after "measure".
struct WhatIfNote {
  std::vector<std::string> without;
  std::vector<std::pair<std::string, std::string>> replace;  // vendor, by
  std::size_t reassigned = 0, kept = 0;
};

std::string render_exposure_json(const Network& net, const ExposureResult& r,
                                 const WhatIfNote* what_if = nullptr);
std::string render_exposure_csv(const Network& net, const ExposureResult& r);
std::string render_exposure_text(const Network& net, const ExposureResult& r);

}  // namespace ringfence
