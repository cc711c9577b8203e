// libFuzzer target: the policy (TOML) loader.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ringfence/diagnostics.hpp"
#include "ringfence/policy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ringfence;
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)parse_policy(text, "fuzz.toml");
  } catch (const InputError&) {
  }
  return 0;
}
