// data/places/<CC>.csv: GeoNames places with population and first-level region.
#include <cmath>

#include "generate/internal.hpp"
#include "io/csv_reader.hpp"
#include "io/fields.hpp"
#include "ringfence/diagnostics.hpp"

namespace ringfence::gen {

std::vector<Place> read_places(const std::string& path) {
  Diagnostics diag;
  io::CsvReader csv = io::CsvReader::open_file(path, path);
  std::vector<Place> places;
  if (csv.read_header(diag) &&
      csv.require_columns({"name", "lat", "lon", "population", "region"}, diag)) {
    const std::size_t c_name = *csv.column("name"), c_lat = *csv.column("lat"),
                      c_lon = *csv.column("lon"), c_pop = *csv.column("population"),
                      c_region = *csv.column("region");
    io::CsvRow row;
    while (csv.next(row, diag)) {
      io::FieldReader f(csv, row, diag);
      auto name = f.required(c_name, "name");
      auto region = f.required(c_region, "region");
      auto lat = f.number(c_lat, "lat", -90, 90, true, 0);
      auto lon = f.number(c_lon, "lon", -180, 180, true, 0);
      auto pop = f.number(c_pop, "population", 0, 1e10, true, 0);
      if (!name || !region || !lat || !lon || !pop) continue;
      places.push_back({std::string(*name), std::string(*region), *lat, *lon, *pop});
    }
  }
  if (!diag.has_errors() && places.empty()) diag.error(path, 0, 0, "no places (expected rows)");
  if (diag.has_errors()) throw InputError(std::move(diag));
  return places;
}

double approx_distance_m(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kMetresPerDegree = 111320.0;
  constexpr double kRadPerDegree = 3.14159265358979323846 / 180.0;
  const double dy = (lat2 - lat1) * kMetresPerDegree;
  const double dx =
      (lon2 - lon1) * kMetresPerDegree * std::cos((lat1 + lat2) * 0.5 * kRadPerDegree);
  return std::sqrt(dx * dx + dy * dy);
}

}  // namespace ringfence::gen
