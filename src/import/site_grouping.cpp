// Leader clustering over latitude rows; see site_grouping.hpp.
#include "import/site_grouping.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace ringfence::import {

namespace {
constexpr double kMetresPerDegree = 111320.0;
constexpr double kRadPerDegree = 3.14159265358979323846 / 180.0;
}  // namespace

SiteGroups group_sites(const std::vector<double>& lat, const std::vector<double>& lon,
                       const std::vector<std::uint32_t>& op_rank,
                       const std::vector<std::uint64_t>& tie, double distance_m) {
  const std::size_t n = lat.size();
  std::vector<std::int64_t> row(n);
  for (std::size_t i = 0; i < n; ++i)
    row[i] = static_cast<std::int64_t>(std::floor((lat[i] + 90.0) * kMetresPerDegree / distance_m));
  // Sorted as plain structs (not through the columns): one cache line per comparison.
  struct Item {
    std::uint32_t op;
    std::int64_t row;
    double lon, lat;
    std::uint64_t tie;
    std::uint32_t idx;
  };
  std::vector<Item> items(n);
  for (std::size_t i = 0; i < n; ++i)
    items[i] = {op_rank[i], row[i], lon[i], lat[i], tie[i], static_cast<std::uint32_t>(i)};
  std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    if (a.op != b.op) return a.op < b.op;
    if (a.row != b.row) return a.row < b.row;
    if (a.lon != b.lon) return a.lon < b.lon;
    if (a.lat != b.lat) return a.lat < b.lat;
    return a.tie < b.tie;
  });
  std::vector<std::uint32_t> order(n);
  for (std::size_t k = 0; k < n; ++k) order[k] = items[k].idx;
  items.clear();
  items.shrink_to_fit();

  std::vector<std::uint32_t> site_of(n);
  std::vector<double> seed_lat, seed_lon;
  std::vector<std::uint32_t> site_op;
  std::vector<std::uint32_t> prev, cur;  // sites started in the previous / current row
  std::size_t prev_ptr = 0;
  std::uint32_t cur_op = UINT32_MAX;
  std::int64_t cur_row = 0;
  const double d2_max = distance_m * distance_m;
  for (std::uint32_t c : order) {
    if (op_rank[c] != cur_op || row[c] != cur_row) {
      if (op_rank[c] == cur_op && row[c] == cur_row + 1)
        prev.swap(cur);
      else
        prev.clear();
      cur.clear();
      prev_ptr = 0;
      cur_op = op_rank[c];
      cur_row = row[c];
    }
    const double coslat = std::max(std::cos(lat[c] * kRadPerDegree), 0.01);
    const double dlon = distance_m / (kMetresPerDegree * coslat) * 1.01;
    std::uint32_t best = UINT32_MAX;
    double best_d2 = d2_max;
    auto consider = [&](std::uint32_t s) {
      const double dy = (lat[c] - seed_lat[s]) * kMetresPerDegree;
      const double dx = (lon[c] - seed_lon[s]) * kMetresPerDegree * coslat;
      const double d2 = dx * dx + dy * dy;
      if (d2 <= best_d2 && (best == UINT32_MAX || d2 < best_d2 || s < best)) {
        best_d2 = d2;
        best = s;
      }
    };
    while (prev_ptr < prev.size() && seed_lon[prev[prev_ptr]] < lon[c] - dlon) ++prev_ptr;
    for (std::size_t i = prev_ptr; i < prev.size() && seed_lon[prev[i]] <= lon[c] + dlon; ++i)
      consider(prev[i]);
    for (std::size_t i = cur.size(); i-- > 0 && seed_lon[cur[i]] >= lon[c] - dlon;)
      consider(cur[i]);
    if (best == UINT32_MAX) {
      best = static_cast<std::uint32_t>(seed_lat.size());
      seed_lat.push_back(lat[c]);
      seed_lon.push_back(lon[c]);
      site_op.push_back(op_rank[c]);
      cur.push_back(best);
    }
    site_of[c] = best;
  }

  // Group the cells by site, keeping the processing order inside a site.
  SiteGroups g;
  const std::size_t sites = seed_lat.size();
  g.first.assign(sites + 1, 0);
  for (std::uint32_t c = 0; c < n; ++c) ++g.first[site_of[c] + 1];
  for (std::size_t s = 0; s < sites; ++s) g.first[s + 1] += g.first[s];
  std::vector<std::uint32_t> fill(g.first.begin(), g.first.end() - 1);
  g.order.resize(n);
  for (std::uint32_t c : order) g.order[fill[site_of[c]]++] = c;
  g.lat.assign(sites, 0);
  g.lon.assign(sites, 0);
  for (std::size_t s = 0; s < sites; ++s) {
    double sy = 0, sx = 0;
    for (std::uint32_t k = g.first[s]; k < g.first[s + 1]; ++k) {
      sy += lat[g.order[k]];
      sx += lon[g.order[k]];
    }
    const double count = static_cast<double>(g.first[s + 1] - g.first[s]);
    g.lat[s] = sy / count;
    g.lon[s] = sx / count;
  }
  g.op = std::move(site_op);
  return g;
}

}  // namespace ringfence::import
