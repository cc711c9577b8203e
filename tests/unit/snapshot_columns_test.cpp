// A network read from a snapshot reads the file's bytes in place: its columns lie in
// the mapping, writing to one changes neither the file nor a later reading of it, and
// growing one moves it to ordinary memory.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>

#include "ringfence/bundle.hpp"
#include "ringfence/diagnostics.hpp"
#include "ringfence/pack.hpp"
#include "test_support.hpp"

namespace ringfence {
namespace {

std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

template <typename T>
bool lies_in(const Column<T>& column, const MappedRegion& region) {
  const auto* p = reinterpret_cast<const char*>(column.data());
  return p >= region.data() && p + column.size() * sizeof(T) <= region.data() + region.size();
}

TEST(SnapshotColumns, ReadInPlaceAndCopiedOnWrite) {
  testing::TempDir dir;
  const std::string bundle = (dir.path() / "korea").string();
  const std::string pack = (dir.path() / "korea.rfpack").string();
  std::filesystem::copy(std::filesystem::path(RINGFENCE_SOURCE_DIR) / "examples/korea-small",
                        bundle);
  const LoadedBundle from_csv = load_bundle(bundle);
  write_pack(from_csv, bundle, pack);
  const std::string bytes = file_bytes(pack);

  LoadedBundle snap = load_pack(pack);
  Network& net = snap.network;
  ASSERT_TRUE(net.backing);
  ASSERT_EQ(net.elements.size(), from_csv.network.elements.size());
  EXPECT_TRUE(lies_in(net.elements.vendor, *net.backing));
  EXPECT_TRUE(lies_in(net.sites.lat, *net.backing));
  EXPECT_TRUE(lies_in(net.links.out_offsets, *net.backing));
  EXPECT_EQ(net.elements.vendor, from_csv.network.elements.vendor);
  EXPECT_EQ(net.sites.lat, from_csv.network.sites.lat);
  EXPECT_EQ(net.elements.id.get(3), from_csv.network.elements.id.get(3));
  EXPECT_EQ(net.elements.id.find(from_csv.network.elements.id.get(5)), 5u);

  // Written in place: the page is the process's own copy.
  const std::uint32_t vendor0 = net.elements.vendor[0];
  net.elements.vendor[0] = vendor0 + 1;
  EXPECT_TRUE(lies_in(net.elements.vendor, *net.backing));
  EXPECT_EQ(net.elements.vendor[0], vendor0 + 1);
  // Grown: moved to the heap, every value kept.
  const std::size_t sites = net.sites.size();
  net.sites.lat.push_back(1.5);
  EXPECT_FALSE(lies_in(net.sites.lat, *net.backing));
  EXPECT_EQ(net.sites.lat.size(), sites + 1);
  EXPECT_EQ(net.sites.lat[sites - 1], from_csv.network.sites.lat[sites - 1]);
  EXPECT_EQ(net.sites.lat[sites], 1.5);
  // A copy of the network owns its columns.
  Network copy = net;
  EXPECT_FALSE(lies_in(copy.elements.vendor, *net.backing));
  EXPECT_EQ(copy.elements.vendor, net.elements.vendor);

  EXPECT_EQ(file_bytes(pack), bytes);
  EXPECT_EQ(load_pack(pack).network.elements.vendor[0], vendor0);
}

// A snapshot whose columns point outside their tables is refused as damaged, whichever
// column and wherever in it: the last row, a value among the others, a falling offset.
TEST(SnapshotColumns, ValuesOutsideTheirTablesAreRefused) {
  testing::TempDir dir;
  const std::string bundle = (dir.path() / "korea").string();
  std::filesystem::copy(std::filesystem::path(RINGFENCE_SOURCE_DIR) / "examples/korea-small",
                        bundle);
  const LoadedBundle good = load_bundle(bundle);
  const std::string pack = (dir.path() / "k.rfpack").string();
  auto refused = [&](const std::function<void(Network&)>& damage) {
    LoadedBundle b = load_bundle(bundle);
    damage(b.network);
    write_pack(b, bundle, pack);
    try {
      load_pack(pack);
    } catch (const InputError& e) {
      return std::string(e.what()).find("snapshot is damaged") != std::string::npos;
    }
    return false;
  };
  const auto sites = static_cast<std::uint32_t>(good.network.sites.size());
  const std::size_t last = good.network.elements.size() - 1;
  EXPECT_FALSE(refused([&](Network& n) { n.elements.site[last] = sites - 1; }));
  EXPECT_TRUE(refused([&](Network& n) { n.elements.site[last] = sites; }));
  EXPECT_TRUE(refused([&](Network& n) { n.elements.site[17] = 4000000000u; }));
  EXPECT_TRUE(refused([&](Network& n) { n.elements.domain[3] = static_cast<Domain>(5); }));
  EXPECT_TRUE(refused([&](Network& n) { n.sites.kind[0] = static_cast<SiteKind>(200); }));
  EXPECT_TRUE(refused([&](Network& n) { n.links.out_offsets[5] = n.links.out_offsets[4] - 1; }));
  EXPECT_TRUE(refused([&](Network& n) { n.links.to[0] = static_cast<std::uint32_t>(last + 1); }));
}

}  // namespace
}  // namespace ringfence
