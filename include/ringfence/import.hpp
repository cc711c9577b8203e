// Bundles built from data kept elsewhere: public cell exports (OpenCelliD / Mozilla
// Location Service) and NetBox inventories.
//
// Both importers write the bundle into a temporary directory beside the target and
// rename it into place when complete, so a failed run leaves nothing half-written.
// Bad input throws InputError (file, line, column, what was expected).
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ringfence {

// ---- cells ----------------------------------------------------------------------

struct CellImportOptions {
  std::string input;            // FILE.csv or FILE.csv.gz
  std::string country;          // ISO 3166 alpha-2; empty: every MCC
  std::string vendor_rules;     // rules TOML; empty: vendors left "unknown"
  bool backhaul = false;        // --backhaul synthetic (needs country)
  bool skip_bad = false;        // skip and count bad rows instead of refusing the file
  double site_distance_m = 50;  // cells of one operator this close share a site
  std::string providers_xml;    // empty: Debian's serviceproviders.xml
  std::string data_dir;         // empty: the one built in
  std::string out;              // directory to create
  bool force = false;           // replace a non-empty `out`
  std::function<void(std::uint64_t)> progress;  // rows read so far
  unsigned threads = 0;  // most threads at once (0: one per core); 2 decompress ahead
};

// One MCC-MNC network and what the file held of it.
struct CellNetworkCount {
  std::string code;  // "302-720"
  std::string operator_name;
  bool known = false;                             // named by the provider list
  std::map<std::string, std::uint64_t> by_radio;  // GSM, UMTS, LTE, NR, CDMA -> cells
  std::uint64_t cells = 0;
};

struct CellImportSummary {
  std::uint64_t rows = 0;                 // data rows read (header excluded)
  std::uint64_t kept = 0;                 // cells written as elements
  std::uint64_t other_country = 0;        // rows of MCCs outside --country
  std::uint64_t bad = 0;                  // rows skipped with --skip-bad
  std::vector<std::string> bad_examples;  // the first few, located
  bool header = false;
  std::vector<std::uint32_t> mccs;                    // the country's MCCs (empty: all)
  std::vector<CellNetworkCount> networks;             // sorted by code
  std::map<std::string, std::uint64_t> vendor_cells;  // vendor -> cells (assumed)
  std::uint64_t unassigned = 0;                       // cells no vendor rule matched
  std::size_t sites = 0;
  std::size_t elements = 0;  // all elements, backhaul included
  std::size_t links = 0;
  std::string zones_file;  // data/zones/<cc>.geojson copied in, if any
  std::vector<std::string> warnings;
};

CellImportSummary import_cells(const CellImportOptions& options);

// The import.json written into the bundle (also the command's --format json output).
std::string cell_summary_json(const CellImportOptions& options, const CellImportSummary& s);

// ---- NetBox ---------------------------------------------------------------------

struct NetboxImportOptions {
  std::vector<std::string> sites;    // JSON pages of /api/dcim/sites/
  std::vector<std::string> devices;  // JSON pages of /api/dcim/devices/
  std::vector<std::string> cables;   // JSON pages of /api/dcim/cables/ (optional)
  std::string mapping;               // TOML; empty: data/import/netbox-map.toml
  std::string data_dir;
  std::string out;
  bool force = false;
};

struct NetboxImportSummary {
  std::size_t sites = 0, sites_without_location = 0;
  std::size_t devices = 0, elements = 0;
  std::vector<std::string> unlocated_devices;  // "id name" of devices left out
  std::size_t cables = 0, links = 0, cables_skipped = 0;
  std::map<std::string, std::size_t> by_domain;
  std::vector<std::string> warnings;
};

NetboxImportSummary import_netbox(const NetboxImportOptions& options);

}  // namespace ringfence
