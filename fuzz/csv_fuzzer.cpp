// libFuzzer target: the CSV reader and the sites/elements/models table readers (see
// fuzz_inputs.hpp; regression inputs in fuzz/regressions/csv_fuzzer/).
#include <cstddef>
#include <cstdint>

#include "fuzz_inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ringfence::fuzz::csv_input(data, size);
  return 0;
}
