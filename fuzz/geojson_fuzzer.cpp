// libFuzzer target: the zones.geojson reader (see
// fuzz_inputs.hpp; regression inputs in fuzz/regressions/geojson_fuzzer/).
#include <cstddef>
#include <cstdint>

#include "fuzz_inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ringfence::fuzz::geojson_input(data, size);
  return 0;
}
