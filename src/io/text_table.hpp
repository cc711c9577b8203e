// A CSV table read whole as text (a bundle's vendors or models table, for export).
#pragma once
#include <string>
#include <vector>

#include "io/csv_reader.hpp"
#include "ringfence/gis_export.hpp"

namespace ringfence::io {

// Reads the header and every row of `csv` into a table named `name`, appended to
// `out`. Throws InputError with the reader's located errors.
void read_text_table(CsvReader& csv, const std::string& name, std::vector<TextTable>& out);

}  // namespace ringfence::io
