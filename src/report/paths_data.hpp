// The data-path part of the report data: `paths` (traffic shares crossing each vendor,
// per operator, split by domain) and `blast` (the blast radius of every vendor in use).
#pragma once
#include "output/json_writer.hpp"
#include "ringfence/network.hpp"

namespace ringfence::report {

// Writes the keys "paths" and "blast" into an open object.
void write_paths_data(output::JsonWriter& w, const Network& net);

}  // namespace ringfence::report
