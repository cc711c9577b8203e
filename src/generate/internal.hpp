// Pieces of the generator that the public header does not show: place data, the
// equipment catalogue, and the buffered file writer.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "generate/land_mask.hpp"
#include "ringfence/generate.hpp"

namespace ringfence::gen {

// A GeoNames place (data/places/<CC>.csv).
struct Place {
  std::string name;
  std::string region;
  double lat = 0, lon = 0;
  double population = 0;  // 0 when GeoNames gives none
  // A point on land near the place (the place itself when the land mask holds it),
  // rounded to 5 decimals: where a site drawn in the sea is moved towards.
  double land_lat = 0, land_lon = 0;
};

// Reads name,lat,lon,population,region; throws InputError naming file, line, column.
std::vector<Place> read_places(const std::string& path);

// Approximate ground distance in metres (equirectangular; good to < 1 % below 100 km),
// enough for choosing the nearest of a few candidates.
double approx_distance_m(double lat1, double lon1, double lat2, double lon2);

// Product families and software releases (data/profiles/equipment.toml).
struct CatalogueModel {
  std::string vendor;
  std::string function;            // enb, gnb, router, mme, ..., ems, nms
  std::vector<std::string> kinds;  // site kinds it is used at; empty: any
  std::string name;
  std::vector<std::string> sw;  // software releases, oldest first
};

struct Catalogue {
  std::vector<CatalogueModel> models;
  // Canonical vendor name -> other spellings seen in inventories.
  std::map<std::string, std::vector<std::string>> spellings;

  // The first model of `vendor` for `function` used at `kind`; nullptr when none.
  const CatalogueModel* find(std::string_view vendor, std::string_view function,
                             std::string_view kind) const;
};

Catalogue load_catalogue(const std::string& path);

// Certification and declaration evidence per model (data/profiles/evidence.toml),
// written to models.csv.
struct ModelRecord {
  bool certified = false, declaration = false;
};
struct Evidence {
  std::string certified_by, source;
  // (vendor, model name) -> record, for every model of the catalogue
  std::map<std::pair<std::string, std::string>, ModelRecord> models;
};

// Throws InputError naming the file, line and column of a bad value.
Evidence load_evidence(const std::string& path, const Catalogue& catalogue);

// An output file written through a large buffer with plain write(2) calls.
class OutFile {
 public:
  explicit OutFile(const std::string& path);  // throws std::runtime_error
  ~OutFile();
  OutFile(const OutFile&) = delete;
  OutFile& operator=(const OutFile&) = delete;

  void put(std::string_view text) {
    if (used_ + text.size() > buf_.size()) flush();
    if (text.size() > buf_.size()) return write_all(text.data(), text.size());
    for (char c : text) buf_[used_++] = c;
  }
  void put(char c) {
    if (used_ == buf_.size()) flush();
    buf_[used_++] = c;
  }
  void put_uint(std::uint64_t value);
  // Fixed-point with `decimals` digits after the point (std::to_chars: exact, locale-free).
  void put_fixed(double value, int decimals);
  // Flushes, syncs to disk and closes; throws std::runtime_error on failure.
  void close();
  std::uint64_t bytes() const { return written_ + used_; }

 private:
  void flush();
  void write_all(const char* data, std::size_t size);
  int fd_ = -1;
  std::string path_;
  std::vector<char> buf_;
  std::size_t used_ = 0;
  std::uint64_t written_ = 0;
};

// Writes the bundle files into `dir`, an existing empty directory.
GenerateSummary write_bundle(const Profile& profile, const Catalogue& catalogue,
                             const std::vector<Place>& places, const LandMask& land,
                             const std::string& data_dir, std::size_t radio_sites,
                             std::uint64_t seed, const std::string& dir,
                             const std::function<void(std::size_t, std::size_t)>& progress);

}  // namespace ringfence::gen
