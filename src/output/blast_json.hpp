// The pieces of the blast-radius JSON, shared by `blast-radius --format json`, the
// report data and the web API.
#pragma once
#include "output/json_writer.hpp"
#include "ringfence/paths.hpp"

namespace ringfence::output {

// Into an open object: target, zone_radius_m, network, operators, zones, top_elements;
// with `full`, also regions and cut_off_elements.
void write_blast_fields(JsonWriter& w, const Network& net, const BlastRadiusResult& r, bool full);
// "site_marks": [[site row, observed (0/1), cut off (0/1)], ...], by site row.
void write_blast_site_marks(JsonWriter& w, const BlastRadiusResult& r);

}  // namespace ringfence::output
