// The network in memory: columnar tables of sites, elements, links and zones.
// Every column of a table has the same length; rows refer to each other by index
// (element -> site, link -> element), never by string.
#pragma once
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ringfence/column.hpp"
#include "ringfence/date.hpp"
#include "ringfence/registry.hpp"
#include "ringfence/strings.hpp"

namespace ringfence {

enum class Domain : std::uint8_t { kRan, kTransport, kCore, kOss, kOther };
inline constexpr std::array<std::string_view, 5> kDomainNames = {"ran", "transport", "core", "oss",
                                                                 "other"};

enum class SiteKind : std::uint8_t { kMacro, kSmall, kIndoor, kAggregation, kCoreDc, kExchange };
inline constexpr std::array<std::string_view, 6> kSiteKindNames = {
    "macro", "small", "indoor", "aggregation", "core_dc", "exchange"};

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

struct Sites {
  IdColumn id;
  Column<std::uint32_t> operator_id;  // into Network::strings
  Column<double> lat, lon;
  Column<SiteKind> kind;
  Column<std::uint32_t> region;  // into Network::strings, 0 = none
  Column<double> population;     // NaN = not given
  std::size_t size() const { return lat.size(); }
};

struct Elements {
  IdColumn id;
  Column<std::uint32_t> site;        // row in Sites
  Column<std::uint32_t> vendor;      // id in VendorRegistry (canonical)
  Column<std::uint32_t> vendor_raw;  // the spelling in the file, into strings
  Column<Domain> domain;
  Column<std::uint32_t> function;             // lower-cased, into strings, 0 = none
  Column<std::uint32_t> model;                // into strings, 0 = none
  Column<std::uint32_t> technology;           // lower-cased, into strings, 0 = none
  Column<std::uint32_t> sw_version;           // into strings, 0 = none
  Column<Days> installed;                     // kNoDate = not given
  Column<float> azimuth, beamwidth, range_m;  // NaN = not given
  Column<double> traffic, replace_cost;       // NaN = not given
  std::size_t size() const { return site.size(); }
};

// Directed links from -> to, with compressed adjacency (CSR) both ways, built by
// Network::finalize().
struct Links {
  Column<std::uint32_t> from, to;
  Column<std::uint32_t> out_offsets;  // size elements + 1
  Column<std::uint32_t> out_targets;  // successors, in file order
  Column<std::uint32_t> in_offsets;   // size elements + 1
  Column<std::uint32_t> in_sources;   // predecessors, in file order
  std::size_t size() const { return from.size(); }
};

struct LonLat {
  double lon = 0, lat = 0;
};
using Ring = std::vector<LonLat>;   // closed: first == last
using Polygon = std::vector<Ring>;  // outer ring, then holes

struct Zone {
  std::string id, name, category;
  std::map<std::string, std::string> properties;  // every scalar property, as text
  bool is_point = false;
  LonLat point;
  std::vector<Polygon> polygons;  // Polygon: one; MultiPolygon: several
};

class Network {
 public:
  // The snapshot whose bytes the columns read in place, if any (declared first so that
  // it is destroyed last).
  std::shared_ptr<const MappedRegion> backing;
  StringPool strings;  // operators, regions, functions, models, technologies, ...
  VendorRegistry vendors = VendorRegistry::builtin();
  Sites sites;
  Elements elements;
  Links links;
  std::vector<Zone> zones;
  // (vendor id, model string id) -> evidence from models.csv
  std::map<std::pair<std::uint32_t, std::uint32_t>, ModelEvidence> models;

  // Builds derived indexes (link adjacency); called once after loading.
  void finalize();
  // Approximate resident bytes of the loaded model.
  std::size_t memory_bytes() const;

  std::string_view site_operator(std::uint32_t site) const {
    return strings.get(sites.operator_id[site]);
  }
  std::string_view vendor_name(std::uint32_t element) const {
    return vendors.get(elements.vendor[element]).name;
  }
};

}  // namespace ringfence
