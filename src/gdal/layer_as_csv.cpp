#include "gdal/layer_as_csv.hpp"

#include <algorithm>
#include <cstdio>

#include "gdal/gdal_support.hpp"
#include "ringfence/output.hpp"

namespace ringfence::io {

namespace {

std::string field_csv(const OGRFeature& f, int i) {
  if (!f.IsFieldSetAndNotNull(i)) return {};
  switch (f.GetFieldDefnRef(i)->GetType()) {
    case OFTReal:
      return format_number(f.GetFieldAsDouble(i));
    case OFTDate:
    case OFTDateTime: {
      int y = 0, m = 0, d = 0, hh = 0, mm = 0, tz = 0;
      float ss = 0;
      f.GetFieldAsDateTime(i, &y, &m, &d, &hh, &mm, &ss, &tz);
      char buf[48];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
      return buf;
    }
    default:
      return csv_field(f.GetFieldAsString(i));
  }
}

}  // namespace

LayerAsCsv::LayerAsCsv(OGRLayer& layer, const std::string& display, bool point_columns)
    : layer_(layer.GetName()), display_(display), tag_(display + "#" + layer_) {
  const OGRFeatureDefn* defn = layer.GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i)
    fields_.push_back(defn->GetFieldDefn(i)->GetNameRef());
  const bool add_lat_lon = point_columns && wkbFlatten(layer.GetGeomType()) == wkbPoint &&
                           defn->GetFieldIndex("lat") < 0 && defn->GetFieldIndex("lon") < 0;
  TransformPtr transform;
  if (add_lat_lon) {
    fields_.push_back("lat");
    fields_.push_back("lon");
    transform = transform_to_wgs84(layer.GetSpatialRef(), display, layer_);
  }
  std::uint32_t line = 1;
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    if (i) text_ += ',';
    text_ += csv_field(fields_[i]);
  }
  text_ += '\n';
  ++line;
  layer.ResetReading();
  for (auto& feature : layer) {
    first_line_.push_back(line);
    offset_.push_back(text_.size());
    fid_.push_back(feature->GetFID());
    const std::size_t start = text_.size();
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
      if (i) text_ += ',';
      text_ += field_csv(*feature, i);
    }
    if (add_lat_lon) {
      text_ += ',';
      OGRGeometry* g = feature->GetGeometryRef();
      // An empty lat/lon is reported by the sites reader as a missing required value.
      if (g && !g->IsEmpty() && (!transform || g->transform(transform.get()) == OGRERR_NONE)) {
        const auto* p = g->toPoint();
        text_ += format_number(p->getY()) + ',' + format_number(p->getX());
      } else {
        text_ += ',';
      }
    }
    line += static_cast<std::uint32_t>(
        std::count(text_.begin() + static_cast<long>(start), text_.end(), '\n'));
    text_ += '\n';
    ++line;
  }
}

std::string LayerAsCsv::locate(std::size_t line, std::size_t column) const {
  const std::string layer = "layer '" + layer_ + "'";
  if (line == 0) return layer;
  if (line == 1) return layer + ", attribute names";
  auto it = std::upper_bound(first_line_.begin(), first_line_.end(), line);
  if (it == first_line_.begin()) return layer;
  const std::size_t row = static_cast<std::size_t>(it - first_line_.begin()) - 1;
  std::string where = layer_feature(layer_, fid_[row]);
  if (column == 0 || first_line_[row] != line) return where;
  // Count the commas outside quotes before the column to name the attribute.
  std::size_t field = 0;
  bool quoted = false;
  for (std::size_t p = offset_[row]; p < offset_[row] + column - 1 && p < text_.size(); ++p) {
    if (text_[p] == '"') quoted = !quoted;
    if (text_[p] == ',' && !quoted) ++field;
  }
  if (field < fields_.size()) where += ", attribute '" + fields_[field] + "'";
  return where;
}

void LayerAsCsv::relocate(const Diagnostics& from, Diagnostics& to) const {
  for (const auto& d : from.errors()) {
    if (d.file == tag_)
      to.error(display_, 0, 0, locate(d.line, d.column) + ": " + d.message);
    else
      to.error(d.file, d.line, d.column, d.message);
  }
  for (const auto& d : from.warnings()) {
    if (d.file == tag_)
      to.warning(display_, 0, 0, locate(d.line, d.column) + ": " + d.message);
    else
      to.warning(d.file, d.line, d.column, d.message);
  }
  for (std::size_t i = 0; i < from.suppressed_errors(); ++i)
    to.error(display_, 0, 0, "layer '" + layer_ + "': more errors");
}

}  // namespace ringfence::io
