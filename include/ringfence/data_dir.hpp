// Where ringfence's run-time data is (share/ringfence: the report template, place
// extracts, country profiles, zones, presets): found from the running binary, never
// from where it was built, so an installed copy works with the sources gone.
#pragma once
#include <string>

namespace ringfence {

// $RINGFENCE_DATA_DIR when set; else share/ringfence beside the binary (a build
// tree); else ../share/ringfence (an installed prefix: bin/ and share/). Throws
// std::runtime_error naming the places looked at when none holds the data.
std::string data_dir();

// The directory the running executable is in ("" when it cannot be told).
std::string executable_dir();

}  // namespace ringfence
