// The vendors and models tables of a bundle as plain text, for `ringfence export`.
#include <filesystem>

#include "io/csv_reader.hpp"
#include "io/gdal_support.hpp"
#include "io/gis_readers.hpp"
#include "io/layer_as_csv.hpp"
#include "ringfence/gis_export.hpp"

namespace ringfence {

namespace {

void read_table(io::CsvReader& csv, const char* name, std::vector<TextTable>& out) {
  Diagnostics diag;
  TextTable table{name, {}, {}};
  if (!csv.read_header(diag)) throw InputError(std::move(diag));
  table.header = csv.header();
  io::CsvRow row;
  while (csv.next(row, diag)) {
    std::vector<std::string> fields;
    for (auto f : row.fields) fields.emplace_back(f);
    table.rows.push_back(std::move(fields));
  }
  if (diag.has_errors()) throw InputError(std::move(diag));
  out.push_back(std::move(table));
}

}  // namespace

std::vector<TextTable> read_registry_tables(const std::string& bundle_path) {
  namespace fs = std::filesystem;
  std::vector<TextTable> out;
  static const char* const kTables[] = {"vendors", "models"};
  if (io::is_geopackage_bundle(bundle_path)) {
    GDALDatasetUniquePtr ds = io::open_vector(bundle_path, bundle_path);
    for (const char* name : kTables) {
      OGRLayer* layer = ds->GetLayerByName(name);
      if (!layer) continue;
      io::LayerAsCsv table(*layer, bundle_path, false);
      auto csv = io::CsvReader::from_text(table.text(), table.tag());
      read_table(csv, name, out);
    }
    return out;
  }
  for (const char* name : kTables) {
    const fs::path path = fs::path(bundle_path) / (std::string(name) + ".csv");
    std::error_code ec;
    if (!fs::exists(path, ec)) continue;
    auto csv = io::CsvReader::open_file(path.string(), path.string());
    read_table(csv, name, out);
  }
  return out;
}

}  // namespace ringfence
