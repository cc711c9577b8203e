// The vendors and models tables of a bundle as plain text, for `ringfence export`.
#include <filesystem>

#include "gdal/gdal_api.hpp"
#include "io/csv_reader.hpp"
#include "io/gis_readers.hpp"
#include "io/text_table.hpp"
#include "ringfence/gis_export.hpp"

namespace ringfence {

namespace io {

void read_text_table(CsvReader& csv, const std::string& name, std::vector<TextTable>& out) {
  Diagnostics diag;
  TextTable table{name, {}, {}};
  if (!csv.read_header(diag)) throw InputError(std::move(diag));
  table.header = csv.header();
  CsvRow row;
  while (csv.next(row, diag)) {
    std::vector<std::string> fields;
    for (auto f : row.fields) fields.emplace_back(f);
    table.rows.push_back(std::move(fields));
  }
  if (diag.has_errors()) throw InputError(std::move(diag));
  out.push_back(std::move(table));
}

}  // namespace io

std::vector<TextTable> read_registry_tables(const std::string& bundle_path) {
  namespace fs = std::filesystem;
  const std::vector<std::string> tables = {"vendors", "models"};
  if (io::is_geopackage_bundle(bundle_path))
    return gdal::api().read_geopackage_tables(bundle_path, tables);
  std::vector<TextTable> out;
  for (const std::string& name : tables) {
    const fs::path path = fs::path(bundle_path) / (name + ".csv");
    std::error_code ec;
    if (!fs::exists(path, ec)) continue;
    auto csv = io::CsvReader::open_file(path.string(), path.string());
    io::read_text_table(csv, name, out);
  }
  return out;
}

}  // namespace ringfence
