// `exposure` results as JSON (documented in the README), CSV and text.
#pragma once
#include <string>

#include "ringfence/exposure.hpp"

namespace ringfence {

std::string render_exposure_json(const Network& net, const ExposureResult& r);
std::string render_exposure_csv(const Network& net, const ExposureResult& r);
std::string render_exposure_text(const Network& net, const ExposureResult& r);

}  // namespace ringfence
