// The text tables (vendors, models) of a bundle stored as one GeoPackage.
#include "gdal/gdal_api.hpp"
#include "gdal/gdal_support.hpp"
#include "gdal/layer_as_csv.hpp"
#include "io/text_table.hpp"

namespace ringfence::gdal {

std::vector<TextTable> read_geopackage_tables(const std::string& path,
                                              const std::vector<std::string>& names) {
  std::vector<TextTable> out;
  GDALDatasetUniquePtr ds = io::open_vector(path, path);
  for (const std::string& name : names) {
    OGRLayer* layer = ds->GetLayerByName(name.c_str());
    if (!layer) continue;
    io::LayerAsCsv table(*layer, path, false);
    auto csv = io::CsvReader::from_text(table.text(), table.tag());
    io::read_text_table(csv, name, out);
  }
  return out;
}

}  // namespace ringfence::gdal
