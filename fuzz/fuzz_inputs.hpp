// What each fuzz target does with one input, shared by the libFuzzer targets and the
// regression replay of the unit tests (tests/unit/fuzz_regressions_test.cpp), so the
// inputs in fuzz/regressions/<target>/ take the same paths in both.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "io/csv_reader.hpp"
#include "io/readers.hpp"
#include "ringfence/diagnostics.hpp"
#include "ringfence/policy.hpp"

namespace ringfence::fuzz {

// csv_fuzzer: the first byte chooses the table (0 any CSV, 1 sites, 2 elements against
// two fixed sites S1 and S2, 3 models), so one corpus covers every reader; the whole
// input, first byte included, is the file.
inline void csv_input(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
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
}

// geojson_fuzzer: the zones.geojson reader.
inline void geojson_input(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  Network net;
  Diagnostics diag;
  io::read_zones(text, "zones.geojson", net, diag);
}

// policy_fuzzer: the policy (TOML) loader.
inline void policy_input(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)parse_policy(text, "fuzz.toml");
  } catch (const InputError&) {
  }
}

}  // namespace ringfence::fuzz
