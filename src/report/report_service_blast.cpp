// ReportService::blast_radius: GET /api/blast-radius of `ringfence serve`.
#include <cstdlib>
#include <stdexcept>

#include "output/blast_json.hpp"
#include "ringfence/report_service.hpp"

namespace ringfence {

namespace {

ApiResponse blast_error(const std::string& message) {
  std::string body;
  output::JsonWriter w(body, false);
  w.begin_object().field("error", message).end_object();
  return {400, "application/json", std::move(body)};
}

}  // namespace

ApiResponse ReportService::blast_radius(const QueryParams& params) const {
  BlastRadiusOptions options;
  int targets = 0;
  for (const auto& [name, value] : params) {
    if (name == "vendor" || name == "element" || name == "site") {
      ++targets;
      options.kind = name == "vendor"    ? BlastTargetKind::kVendor
                     : name == "element" ? BlastTargetKind::kElement
                                         : BlastTargetKind::kSite;
      options.target = value;
    } else if (name == "zone_radius") {
      char* end = nullptr;
      const double m = std::strtod(value.c_str(), &end);
      if (value.empty() || *end != '\0' || !(m >= 0 && m <= 1e7))
        return blast_error("zone_radius '" + value + "' is not metres from 0 to 10000000");
      options.zone_radius_m = m;
    } else {
      return blast_error("unknown parameter '" + name +
                         "' (expected vendor, element, site or zone_radius)");
    }
  }
  if (targets != 1) return blast_error("give exactly one of vendor, element or site");
  const Network& net = bundle_.network;
  BlastRadiusResult r;
  try {
    r = compute_blast_radius(net, options);
  } catch (const std::invalid_argument& e) {
    return blast_error(e.what());
  }
  std::string body;
  output::JsonWriter w(body, false);
  w.begin_object();
  output::write_blast_fields(w, net, r, true);
  output::write_blast_site_marks(w, r);
  w.end_object();
  return {200, "application/json", std::move(body)};
}

}  // namespace ringfence
