// `paths` and `blast-radius` results as text, JSON (documented in the README), CSV
// and GeoJSON.
#pragma once
#include <string>

#include "ringfence/paths.hpp"

namespace ringfence {

std::string render_paths_text(const Network& net, const PathsResult& r);
std::string render_paths_json(const Network& net, const PathsResult& r);
// One row per origin: the (vendor, domain) pairs its path crosses.
std::string render_paths_csv(const Network& net, const PathsResult& r);

std::string render_blast_text(const Network& net, const BlastRadiusResult& r);
std::string render_blast_json(const Network& net, const BlastRadiusResult& r);
// The observed or cut-off sites as points, for GIS.
std::string render_blast_geojson(const Network& net, const BlastRadiusResult& r);

}  // namespace ringfence
