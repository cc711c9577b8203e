// ringfence pack: a loaded bundle written in the snapshot layout of pack_codec.hpp.
#include <filesystem>

#include "io/pack_codec.hpp"
#include "io/pack_source.hpp"
#include "ringfence/output.hpp"
#include "ringfence/pack.hpp"

namespace ringfence {

namespace {

void write_network(PackWriter& w, const Network& net) {
  PackCodec::write(w, net.strings);
  PackCodec::write(w, net.vendors);
  const Sites& s = net.sites;
  PackCodec::write(w, s.id);
  w.column(s.operator_id);
  w.column(s.lat);
  w.column(s.lon);
  w.column(s.kind);
  w.column(s.region);
  w.column(s.population);
  const Elements& e = net.elements;
  PackCodec::write(w, e.id);
  w.column(e.site);
  w.column(e.vendor);
  w.column(e.vendor_raw);
  w.column(e.domain);
  w.column(e.function);
  w.column(e.model);
  w.column(e.technology);
  w.column(e.sw_version);
  w.column(e.installed);
  w.column(e.azimuth);
  w.column(e.beamwidth);
  w.column(e.range_m);
  w.column(e.traffic);
  w.column(e.replace_cost);
  const Links& l = net.links;
  for (const auto* c :
       {&l.from, &l.to, &l.out_offsets, &l.out_targets, &l.in_offsets, &l.in_sources})
    w.column(*c);
  w.value<std::uint64_t>(net.zones.size());
  for (const Zone& z : net.zones) {
    w.str(z.id);
    w.str(z.name);
    w.str(z.category);
    w.value<std::uint64_t>(z.properties.size());
    for (const auto& [k, v] : z.properties) {
      w.str(k);
      w.str(v);
    }
    w.value<std::uint8_t>(z.is_point);
    w.value(z.point.lon);
    w.value(z.point.lat);
    w.value<std::uint64_t>(z.polygons.size());
    for (const Polygon& p : z.polygons) {
      w.value<std::uint64_t>(p.size());
      for (const Ring& r : p) w.column(r);
    }
  }
  w.value<std::uint64_t>(net.models.size());
  for (const auto& [key, evidence] : net.models) {
    w.value(key.first);
    w.value(key.second);
    w.value<std::uint64_t>(evidence.attributes.size());
    for (const auto& [k, v] : evidence.attributes) {
      w.str(k);
      w.str(v);
    }
  }
}

}  // namespace

void write_pack(const LoadedBundle& bundle, const std::string& bundle_dir,
                const std::string& out_path) {
  namespace fs = std::filesystem;
  const std::string absolute = fs::absolute(fs::path(bundle_dir)).lexically_normal().string();
  PackWriter w;
  w.raw(kPackMagic, sizeof kPackMagic);
  w.value(kPackFormatVersion);
  w.value(kPackByteOrder);
  w.value(id_hash_fingerprint());
  w.str(absolute);
  const auto sources = io::source_files(absolute);
  w.value<std::uint32_t>(static_cast<std::uint32_t>(sources.size()));
  for (const auto& f : sources) {
    // A file rewritten while it was being loaded would be remembered with the new
    // size and time but the old content.
    for (const auto& read : bundle.files)
      if (read.name == f.name && (!f.present || f.size != read.bytes))
        throw InputError(absolute + "/" + f.name, 0, 0,
                         "changed while it was being packed (run ringfence pack again)");
    w.str(f.name);
    w.value<std::uint8_t>(f.present);
    w.value(f.size);
    w.value(f.mtime_ns);
  }
  w.value<std::uint64_t>(bundle.files.size());
  for (const auto& f : bundle.files) {
    w.str(f.name);
    w.str(f.sha256);
    w.value<std::uint64_t>(f.bytes);
  }
  w.value<std::uint64_t>(bundle.warnings.warnings().size());
  for (const auto& d : bundle.warnings.warnings()) {
    w.str(d.file);
    w.value<std::uint64_t>(d.line);
    w.value<std::uint64_t>(d.column);
    w.str(d.message);
  }
  w.value<std::uint64_t>(bundle.vendor_spellings.size());
  for (const auto& spellings : bundle.vendor_spellings) {
    w.value<std::uint64_t>(spellings.size());
    for (const auto& [spelling, n] : spellings) {
      w.str(spelling);
      w.value<std::uint64_t>(n);
    }
  }
  write_network(w, bundle.network);
  w.raw(kPackTrailer, sizeof kPackTrailer);
  write_file_atomically(out_path, w.buffer());
}

}  // namespace ringfence
