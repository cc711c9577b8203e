// libFuzzer target: the zones.geojson reader.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ringfence;
  const std::string text(reinterpret_cast<const char*>(data), size);
  Network net;
  Diagnostics diag;
  io::read_zones(text, "zones.geojson", net, diag);
  return 0;
}
