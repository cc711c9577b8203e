// Opening a snapshot: map the file, check its header and its bundle; the columns
// read the mapped bytes in place.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <system_error>
#include <type_traits>

#include "io/pack_codec.hpp"
#include "io/pack_source.hpp"
#include "ringfence/pack.hpp"

namespace ringfence {

namespace {

// Maps a whole snapshot file, naming it in every error.
std::shared_ptr<const MappedRegion> map_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError(path, 0, 0, std::string("cannot open: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw InputError(path, 0, 0, "is not a regular file (expected a snapshot)");
  }
  try {
    auto region = std::make_shared<const MappedRegion>(fd, static_cast<std::size_t>(st.st_size));
    ::close(fd);
    return region;
  } catch (const std::system_error& e) {
    ::close(fd);
    throw InputError(path, 0, 0, std::string("cannot map: ") + e.code().message());
  }
}

std::string repack_hint(const std::string& bundle, const std::string& pack) {
  return " (run `ringfence pack " + bundle + " --out " + pack + "` again)";
}

void check_source(PackReader& r, const std::string& pack) {
  const std::string bundle = r.str();
  const std::uint32_t n = r.value<std::uint32_t>();
  std::vector<io::SourceFile> recorded(n);
  for (auto& f : recorded) {
    f.name = r.str();
    f.present = r.value<std::uint8_t>() != 0;
    f.size = r.value<std::uint64_t>();
    f.mtime_ns = r.value<std::int64_t>();
  }
  const auto now = io::source_files(bundle);
  for (const auto& was : recorded) {
    const io::SourceFile* is = nullptr;
    for (const auto& f : now)
      if (f.name == was.name) is = &f;
    if (!is) r.damaged();
    const std::string path = bundle + "/" + was.name;
    std::string why;
    if (was.present && !is->present)
      why = path + " is gone";
    else if (!was.present && is->present)
      why = path + " was added";
    else if (was.present && is->size != was.size)
      why = path + " is " + std::to_string(is->size) + " bytes, was " + std::to_string(was.size);
    else if (was.present && is->mtime_ns != was.mtime_ns)
      why = path + " was modified";
    if (!why.empty())
      throw InputError(pack, 0, 0,
                       "the bundle this snapshot was made from has changed since: " + why +
                           repack_hint(bundle, pack));
  }
}

void read_network(PackReader& r, Network& net, bool index_valid) {
  PackCodec::read(r, net.strings);
  PackCodec::read(r, net.vendors);
  Sites& s = net.sites;
  PackCodec::read(r, s.id, index_valid);
  r.column(s.operator_id);
  r.column(s.lat);
  r.column(s.lon);
  r.column(s.kind);
  r.column(s.region);
  r.column(s.population);
  Elements& e = net.elements;
  PackCodec::read(r, e.id, index_valid);
  r.column(e.site);
  r.column(e.vendor);
  r.column(e.vendor_raw);
  r.column(e.domain);
  r.column(e.function);
  r.column(e.model);
  r.column(e.technology);
  r.column(e.sw_version);
  r.column(e.installed);
  r.column(e.azimuth);
  r.column(e.beamwidth);
  r.column(e.range_m);
  r.column(e.traffic);
  r.column(e.replace_cost);
  Links& l = net.links;
  for (auto* c : {&l.from, &l.to, &l.out_offsets, &l.out_targets, &l.in_offsets, &l.in_sources})
    r.column(*c);
  net.zones.resize(r.count());
  for (Zone& z : net.zones) {
    z.id = r.str();
    z.name = r.str();
    z.category = r.str();
    for (std::size_t n = r.count(); n > 0; --n) {
      std::string k = r.str();
      z.properties[std::move(k)] = r.str();
    }
    z.is_point = r.value<std::uint8_t>() != 0;
    z.point.lon = r.value<double>();
    z.point.lat = r.value<double>();
    z.polygons.resize(r.count());
    for (Polygon& p : z.polygons) {
      p.resize(r.count());
      for (Ring& ring : p) r.column(ring);
    }
  }
  for (std::size_t n = r.count(); n > 0; --n) {
    const auto vendor = r.value<std::uint32_t>();
    const auto model = r.value<std::uint32_t>();
    auto& attributes = net.models[{vendor, model}].attributes;
    for (std::size_t k = r.count(); k > 0; --k) {
      std::string key = r.str();
      attributes[std::move(key)] = r.str();
    }
  }
}

// Every row index stored in a column must point inside its table: a damaged
// snapshot must not make the analysis read out of bounds.
void check_references(PackReader& r, const Network& net) {
  const std::size_t sites = net.sites.size(), elements = net.elements.size();
  const Sites& s = net.sites;
  const Elements& e = net.elements;
  for (const std::size_t n : {s.id.size(), s.lon.size(), s.operator_id.size(), s.kind.size(),
                              s.region.size(), s.population.size()})
    if (n != sites) r.damaged();
  for (const std::size_t n :
       {e.id.size(), e.vendor.size(), e.vendor_raw.size(), e.domain.size(), e.function.size(),
        e.model.size(), e.technology.size(), e.sw_version.size(), e.installed.size(),
        e.azimuth.size(), e.beamwidth.size(), e.range_m.size(), e.traffic.size(),
        e.replace_cost.size()})
    if (n != elements) r.damaged();
  const std::size_t strings = net.strings.size(), vendors = net.vendors.size();
  // Over every row at each load: the largest value is found (a loop that vectorises),
  // then compared.
  auto within = [&](const auto& column, std::size_t limit) {
    using Value = std::decay_t<decltype(column[0])>;
    Value largest{};
    for (const Value v : column) largest = std::max(largest, v);
    if (!column.empty() && static_cast<std::size_t>(largest) >= limit) r.damaged();
  };
  within(s.operator_id, strings);
  within(s.region, strings);
  within(s.kind, kSiteKindNames.size());
  within(e.site, sites);
  within(e.vendor, vendors);
  for (const auto* c : {&e.vendor_raw, &e.function, &e.model, &e.technology, &e.sw_version})
    within(*c, strings);
  within(e.domain, kDomainNames.size());
  const Links& l = net.links;
  if (l.to.size() != l.from.size() || l.out_offsets.size() != elements + 1 ||
      l.in_offsets.size() != elements + 1 || l.out_targets.size() != l.from.size() ||
      l.in_sources.size() != l.from.size() || l.out_offsets.back() != l.from.size() ||
      l.in_offsets.back() != l.from.size())
    r.damaged();
  bool falls = false;
  for (std::size_t i = 1; i <= elements; ++i) falls |= l.out_offsets[i] < l.out_offsets[i - 1];
  for (std::size_t i = 1; i <= elements; ++i) falls |= l.in_offsets[i] < l.in_offsets[i - 1];
  if (falls) r.damaged();
  for (const auto* c : {&l.from, &l.to, &l.out_targets, &l.in_sources}) within(*c, elements);
  for (const Zone& z : net.zones)
    for (const Polygon& p : z.polygons)
      for (const Ring& ring : p)
        if (ring.size() < 4) r.damaged();
}

}  // namespace

bool looks_like_pack(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char head[sizeof kPackMagic] = {};
  const bool ok = ::read(fd, head, sizeof head) == static_cast<ssize_t>(sizeof head) &&
                  std::memcmp(head, kPackMagic, sizeof head) == 0;
  ::close(fd);
  return ok;
}

LoadedBundle load_pack(const std::string& path) {
  const std::shared_ptr<const MappedRegion> file = map_file(path);
  PackReader r(file->data(), file->size(), path);
  if (file->size() < sizeof kPackMagic ||
      std::memcmp(file->data(), kPackMagic, sizeof kPackMagic) != 0)
    throw InputError(path, 0, 0,
                     "is not a ringfence snapshot (expected a bundle directory or a file "
                     "written by ringfence pack)");
  r.take(sizeof kPackMagic);
  const auto version = r.value<std::uint32_t>();
  if (version != kPackFormatVersion)
    throw InputError(path, 0, 0,
                     "snapshot format version " + std::to_string(version) +
                         ", but this ringfence reads version " +
                         std::to_string(kPackFormatVersion) +
                         " (run ringfence pack on the bundle again)");
  if (r.value<std::uint32_t>() != kPackByteOrder)
    throw InputError(path, 0, 0, "snapshot written on a machine of another byte order");
  const bool index_valid = r.value<std::uint64_t>() == id_hash_fingerprint();
  check_source(r, path);

  LoadedBundle out;
  out.network.backing = file;
  out.files.resize(r.count());
  for (auto& f : out.files) {
    f.name = r.str();
    f.sha256 = r.str();
    f.bytes = r.value<std::uint64_t>();
  }
  for (std::size_t n = r.count(); n > 0; --n) {
    std::string file_name = r.str();
    const auto line = r.value<std::uint64_t>();
    const auto column = r.value<std::uint64_t>();
    out.warnings.warning(std::move(file_name), line, column, r.str());
  }
  out.vendor_spellings.resize(r.count());
  for (auto& spellings : out.vendor_spellings) {
    spellings.resize(r.count());
    for (auto& [spelling, n] : spellings) {
      spelling = r.str();
      n = r.value<std::uint64_t>();
    }
  }
  read_network(r, out.network, index_valid);
  if (std::memcmp(r.take(sizeof kPackTrailer), kPackTrailer, sizeof kPackTrailer) != 0) r.damaged();
  check_references(r, out.network);
  if (out.vendor_spellings.size() != out.network.vendors.size()) r.damaged();
  return out;
}

}  // namespace ringfence
