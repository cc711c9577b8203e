// libFuzzer target: the policy (TOML) loader (see
// fuzz_inputs.hpp; regression inputs in fuzz/regressions/policy_fuzzer/).
#include <cstddef>
#include <cstdint>

#include "fuzz_inputs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ringfence::fuzz::policy_input(data, size);
  return 0;
}
