// An OGR attribute table as CSV text, so a GeoPackage bundle's tables go through the
// same readers (and the same checks) as a bundle directory's CSV files. Diagnostics
// the CSV readers report on that text are translated back to layer and feature.
#pragma once
#include <gdal_priv.h>

#include <cstdint>
#include <string>
#include <vector>

#include "ringfence/diagnostics.hpp"

namespace ringfence::io {

class LayerAsCsv {
 public:
  // `point_columns`: when the layer has point geometry and no lat/lon attributes,
  // add them from the geometry (reprojected to WGS84).
  LayerAsCsv(OGRLayer& layer, const std::string& display, bool point_columns);

  const std::string& text() const { return text_; }
  // The name CSV diagnostics carry for this layer (never a real file name).
  const std::string& tag() const { return tag_; }
  // Copies `from` into `to`, relocating this layer's CSV positions to features.
  void relocate(const Diagnostics& from, Diagnostics& to) const;

 private:
  std::string locate(std::size_t line, std::size_t column) const;

  std::string layer_, display_, tag_, text_;
  std::vector<std::string> fields_;
  std::vector<std::uint32_t> first_line_;  // first CSV line of each feature's record
  std::vector<std::size_t> offset_;        // byte offset of each record
  std::vector<long long> fid_;
};

}  // namespace ringfence::io
