#include "ringfence/network.hpp"

namespace ringfence {

// Counting sort of the links by one end: offsets per element, the other ends in
// file order.
static void build_csr(std::size_t n, const Column<std::uint32_t>& key,
                      const Column<std::uint32_t>& value, Column<std::uint32_t>& offsets,
                      Column<std::uint32_t>& values) {
  offsets.assign(n + 1, 0);
  for (std::uint32_t k : key) ++offsets[k + 1];
  for (std::size_t i = 0; i < n; ++i) offsets[i + 1] += offsets[i];
  values.resize(key.size());
  std::vector<std::uint32_t> cursor(offsets.begin(), offsets.end() - 1);
  for (std::size_t i = 0; i < key.size(); ++i) values[cursor[key[i]]++] = value[i];
}

void Network::finalize() {
  const std::size_t n = elements.size();
  build_csr(n, links.from, links.to, links.out_offsets, links.out_targets);
  build_csr(n, links.to, links.from, links.in_offsets, links.in_sources);
}

template <typename T, typename Allocator>
static std::size_t bytes_of(const std::vector<T, Allocator>& v) {
  return v.capacity() * sizeof(T);
}

std::size_t Network::memory_bytes() const {
  const Elements& e = elements;
  const Sites& s = sites;
  std::size_t total = strings.memory_bytes();
  total += e.id.memory_bytes() + bytes_of(e.site) + bytes_of(e.vendor) + bytes_of(e.vendor_raw) +
           bytes_of(e.domain) + bytes_of(e.function) + bytes_of(e.model) + bytes_of(e.technology) +
           bytes_of(e.sw_version) + bytes_of(e.installed) + bytes_of(e.azimuth) +
           bytes_of(e.beamwidth) + bytes_of(e.range_m) + bytes_of(e.traffic) +
           bytes_of(e.replace_cost);
  total += s.id.memory_bytes() + bytes_of(s.operator_id) + bytes_of(s.lat) + bytes_of(s.lon) +
           bytes_of(s.kind) + bytes_of(s.region) + bytes_of(s.population);
  total += bytes_of(links.from) + bytes_of(links.to) + bytes_of(links.out_offsets) +
           bytes_of(links.out_targets) + bytes_of(links.in_offsets) + bytes_of(links.in_sources);
  for (const auto& z : zones) {
    total += sizeof(Zone);
    for (const auto& p : z.polygons)
      for (const auto& r : p) total += bytes_of(r);
  }
  return total;
}

}  // namespace ringfence
