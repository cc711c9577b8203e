// Snapshots of a loaded bundle (`ringfence pack`): the network's columns written as
// they lie in memory, so that a later run reads them through a memory map instead
// of parsing CSV. Every command accepts a snapshot in place of a bundle directory.
//
// A snapshot remembers the bundle it came from (its absolute path, and the size and
// modification time of each bundle file, present or absent). It is refused, with a
// message saying why, when any of those files has changed since, when the bundle is
// gone, when it was written by another format version, or when it is damaged.
// The layout is documented in src/io/pack_codec.hpp.
#pragma once
#include <cstdint>
#include <string>

#include "ringfence/bundle.hpp"

namespace ringfence {

// Bumped whenever the layout or the meaning of a field changes.
inline constexpr std::uint32_t kPackFormatVersion = 2;

// Writes a snapshot of `bundle`, loaded from `bundle_dir`, to `out_path` atomically.
void write_pack(const LoadedBundle& bundle, const std::string& bundle_dir,
                const std::string& out_path);

// Reads a snapshot; throws InputError (naming the snapshot and the reason) when it is
// not a snapshot, is damaged, has another format version, or its bundle changed.
LoadedBundle load_pack(const std::string& path);

// Whether `path` is a regular file that starts like a snapshot.
bool looks_like_pack(const std::string& path);

}  // namespace ringfence
