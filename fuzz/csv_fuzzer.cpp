// libFuzzer target: the CSV reader and the sites/elements/links table readers.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/csv_reader.hpp"
#include "io/readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ringfence;
  const std::string text(reinterpret_cast<const char*>(data), size);
  // The first byte chooses the table, so one corpus covers every reader.
  const int table = size > 0 ? data[0] % 4 : 0;
  try {
    Network net;
    Diagnostics diag;
    if (table == 0) {
      auto csv = io::CsvReader::from_text(text, "fuzz.csv");
      io::CsvRow row;
      if (csv.read_header(diag))
        while (csv.next(row, diag)) {
        }
    } else if (table == 1) {
      auto csv = io::CsvReader::from_text(text, "sites.csv");
      io::read_sites(csv, net, diag);
    } else if (table == 2) {
      auto sites = io::CsvReader::from_text("site_id,operator,lat,lon\nS1,A,1,2\nS2,B,3,4\n", "s");
      io::read_sites(sites, net, diag);
      auto csv = io::CsvReader::from_text(text, "elements.csv");
      std::vector<std::size_t> counts;
      io::read_elements(csv, net, diag, counts);
      net.finalize();
    } else {
      auto csv = io::CsvReader::from_text(text, "models.csv");
      io::read_models(csv, net, diag);
    }
  } catch (const InputError&) {
  }
  return 0;
}
