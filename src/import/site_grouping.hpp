// Cells of one operator standing together become one site.
//
// Cells are taken in a fixed order (operator, then rows of `distance_m` of latitude,
// then longitude); each joins the nearest existing site whose first cell lies within
// `distance_m`, or starts a new site. Every cell is therefore within distance_m of its
// site's first cell (no chains of cells drifting across a city), the result does not
// depend on the order of the rows in the file, and the search only looks at the
// current and the previous latitude row, whose sites are kept sorted by longitude:
// no hash table, one pass after one sort.
#pragma once
#include <cstdint>
#include <vector>

namespace ringfence::import {

struct SiteGroups {
  std::vector<std::uint32_t> order;  // cell indices, grouped by site, sites in order
  std::vector<std::uint32_t> first;  // site s holds order[first[s] .. first[s + 1])
  std::vector<double> lat, lon;      // site position: the mean of its cells
  std::vector<std::uint32_t> op;     // operator rank of the site
  std::size_t size() const { return lat.size(); }
};

// `op_rank` gives each cell's operator (ranked by name); `tie` breaks ties in the order
// (a unique key per cell).
SiteGroups group_sites(const std::vector<double>& lat, const std::vector<double>& lon,
                       const std::vector<std::uint32_t>& op_rank,
                       const std::vector<std::uint64_t>& tie, double distance_m);

}  // namespace ringfence::import
