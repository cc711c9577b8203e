#include "ringfence/network.hpp"

namespace ringfence {

void Network::finalize() {
  const std::size_t n = elements.size();
  links.out_offsets.assign(n + 1, 0);
  for (std::uint32_t f : links.from) ++links.out_offsets[f + 1];
  for (std::size_t i = 0; i < n; ++i) links.out_offsets[i + 1] += links.out_offsets[i];
  links.out_targets.resize(links.size());
  std::vector<std::uint32_t> cursor(links.out_offsets.begin(), links.out_offsets.end() - 1);
  for (std::size_t k = 0; k < links.size(); ++k)
    links.out_targets[cursor[links.from[k]]++] = links.to[k];
}

template <typename T>
static std::size_t bytes_of(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

std::size_t Network::memory_bytes() const {
  const Elements& e = elements;
  const Sites& s = sites;
  std::size_t total = strings.memory_bytes();
  total += e.id.memory_bytes() + bytes_of(e.site) + bytes_of(e.vendor) + bytes_of(e.vendor_raw) +
           bytes_of(e.domain) + bytes_of(e.function) + bytes_of(e.model) +
           bytes_of(e.technology) + bytes_of(e.sw_version) + bytes_of(e.installed) +
           bytes_of(e.azimuth) + bytes_of(e.beamwidth) + bytes_of(e.range_m) +
           bytes_of(e.traffic) + bytes_of(e.replace_cost);
  total += s.id.memory_bytes() + bytes_of(s.operator_id) + bytes_of(s.lat) + bytes_of(s.lon) +
           bytes_of(s.kind) + bytes_of(s.region) + bytes_of(s.population);
  total += bytes_of(links.from) + bytes_of(links.to) + bytes_of(links.out_offsets) +
           bytes_of(links.out_targets);
  for (const auto& z : zones) {
    total += sizeof(Zone);
    for (const auto& p : z.polygons)
      for (const auto& r : p) total += bytes_of(r);
  }
  return total;
}

}  // namespace ringfence
