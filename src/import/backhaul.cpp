// Aggregation and core behind imported radio sites; see backhaul.hpp.
#include "import/backhaul.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "generate/random.hpp"
#include "ringfence/diagnostics.hpp"
#include "ringfence/generate.hpp"
#include "ringfence/output.hpp"

namespace ringfence::import {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string first_word(const std::string& s) {
  return s.substr(0, s.find(' '));
}

// The profile's operator for an imported operator name: the same name, or one name
// beginning with the other's first word ("Bell" and "Bell Mobility").
const ProfileOperator* match_operator(const Profile& profile, const std::string& name) {
  const std::string n = lower(name);
  for (const auto& op : profile.operators)
    if (lower(op.name) == n) return &op;
  for (const auto& op : profile.operators) {
    const std::string p = lower(op.name);
    if (first_word(p) == first_word(n) && first_word(p).size() >= 2) return &op;
  }
  return nullptr;
}

const std::string& pick(const VendorMix& mix, double u) {
  double cum = 0;
  for (const auto& v : mix) {
    cum += v.share;
    if (u < cum) return v.vendor;
  }
  return mix.back().vendor;
}

// Interleaves the bits of two 32-bit grid coordinates (Z-order / Morton code).
std::uint64_t morton(std::uint32_t x, std::uint32_t y) {
  auto spread = [](std::uint64_t v) {
    v = (v | (v << 16)) & 0x0000FFFF0000FFFFULL;
    v = (v | (v << 8)) & 0x00FF00FF00FF00FFULL;
    v = (v | (v << 4)) & 0x0F0F0F0F0F0F0F0FULL;
    v = (v | (v << 2)) & 0x3333333333333333ULL;
    v = (v | (v << 1)) & 0x5555555555555555ULL;
    return v;
  };
  return spread(x) | (spread(y) << 1);
}

struct Core {
  std::string id;
  double lat = 0, lon = 0;
};

}  // namespace

BackhaulResult write_backhaul(const BackhaulSites& radio, const std::string& data_dir,
                              const std::string& country, std::uint64_t seed, gen::OutFile& sites,
                              gen::OutFile& elements, gen::OutFile& links) {
  const Profile profile = load_country_profile(data_dir, country);
  const gen::Catalogue catalogue = gen::load_catalogue(data_dir + "/profiles/equipment.toml");
  const std::vector<gen::Place> places = gen::read_places(data_dir + "/" + profile.places_file);
  const std::string source = "assumed:backhaul-" + lower(profile.code);

  BackhaulResult out;
  out.router_of_site.resize(radio.lat.size());
  std::size_t agg_no = 0, core_no = 0;
  auto element = [&](const std::string& id, const std::string& site, const std::string& vendor,
                     std::string_view domain, std::string_view function,
                     std::string_view technology) {
    const gen::CatalogueModel* model = catalogue.find(vendor, function, "macro");
    elements.put(id);
    elements.put(',');
    elements.put(site);
    elements.put(',');
    elements.put(csv_field(vendor));
    elements.put(',');
    elements.put(domain);
    elements.put(',');
    elements.put(function);
    elements.put(',');
    elements.put(model ? csv_field(model->name) : std::string());
    elements.put(',');
    elements.put(technology);
    elements.put(",,,");
    elements.put(source);
    elements.put('\n');
    ++out.elements;
  };
  auto link = [&](const std::string& from, const std::string& to) {
    links.put(from);
    links.put(',');
    links.put(to);
    links.put('\n');
    ++out.links;
  };
  auto site_row = [&](const std::string& id, const std::string& op, double lat, double lon,
                      std::string_view kind, const std::string& region) {
    sites.put(id);
    sites.put(',');
    sites.put(csv_field(op));
    sites.put(',');
    sites.put(format_number(std::round(lat * 1e6) / 1e6));
    sites.put(',');
    sites.put(format_number(std::round(lon * 1e6) / 1e6));
    sites.put(',');
    sites.put(kind);
    sites.put(',');
    sites.put(csv_field(region));
    sites.put('\n');
    ++out.sites;
  };

  for (std::uint32_t rank = 0; rank < radio.operators.size(); ++rank) {
    std::vector<std::uint32_t> members;
    for (std::uint32_t s = 0; s < radio.op.size(); ++s)
      if (radio.op[s] == rank) members.push_back(s);
    if (members.empty()) continue;
    const std::string& name = radio.operators[rank];
    const ProfileOperator* op = match_operator(profile, name);
    if (!op) op = &profile.operators.front();
    gen::Rng rng = gen::Rng::stream(seed, 77, rank);

    // Core data centres.
    std::vector<Core> cores;
    std::vector<std::array<std::string, 4>> core_uplinks;  // sgw, mme, upf, amf
    for (const auto& place_name : op->core_places) {
      auto it = std::find_if(places.begin(), places.end(),
                             [&](const gen::Place& p) { return p.name == place_name; });
      if (it == places.end()) continue;
      Core core;
      core.id = "C" + std::to_string(++core_no);
      core.lat = it->lat;
      core.lon = it->lon;
      site_row(core.id, name, core.lat, core.lon, "core_dc", it->region);
      const std::string& lte = pick(op->core_lte, rng.uniform());
      const std::string& nr = pick(op->core_nr, rng.uniform());
      const std::string& db = pick(op->core_lte, rng.uniform());
      for (const char* f : {"mme", "sgw", "pgw"})
        element(core.id + "-" + f, core.id, lte, "core", f, "lte");
      element(core.id + "-hss", core.id, db, "core", "hss", "lte");
      for (const char* f : {"amf", "smf", "upf"})
        element(core.id + "-" + f, core.id, nr, "core", f, "nr");
      element(core.id + "-udm", core.id, db, "core", "udm", "nr");
      link(core.id + "-sgw", core.id + "-pgw");
      link(core.id + "-mme", core.id + "-hss");
      link(core.id + "-amf", core.id + "-smf");
      link(core.id + "-amf", core.id + "-udm");
      if (cores.empty() && !op->nms_vendor.empty())
        element(core.id + "-nms", core.id, op->nms_vendor, "oss", "nms", "");
      core_uplinks.push_back(
          {core.id + "-sgw", core.id + "-mme", core.id + "-upf", core.id + "-amf"});
      cores.push_back(core);
    }
    if (cores.empty())
      throw InputError(profile.path, 0, 0,
                       op->name + ": no core place found in " + profile.places_file);

    // Aggregation: radio sites in Z-order, cut into groups.
    std::vector<std::uint64_t> key(members.size());
    for (std::size_t i = 0; i < members.size(); ++i) {
      const auto s = members[i];
      key[i] = morton(static_cast<std::uint32_t>((radio.lon[s] + 180.0) * 1e4),
                      static_cast<std::uint32_t>((radio.lat[s] + 90.0) * 1e4));
    }
    std::vector<std::size_t> idx(members.size());
    std::iota(idx.begin(), idx.end(), 0);
    std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
      return key[a] != key[b] ? key[a] < key[b] : members[a] < members[b];
    });
    const std::size_t per = std::max<std::size_t>(1, profile.sites_per_aggregation);
    for (std::size_t start = 0; start < idx.size(); start += per) {
      const std::size_t end = std::min(idx.size(), start + per);
      double lat = 0, lon = 0;
      for (std::size_t k = start; k < end; ++k) {
        lat += radio.lat[members[idx[k]]];
        lon += radio.lon[members[idx[k]]];
      }
      lat /= static_cast<double>(end - start);
      lon /= static_cast<double>(end - start);
      const std::string id = "A" + std::to_string(++agg_no);
      std::size_t nearest = 0;
      double best = 1e300;
      for (std::size_t c = 0; c < cores.size(); ++c) {
        const double d = gen::approx_distance_m(lat, lon, cores[c].lat, cores[c].lon);
        if (d < best) {
          best = d;
          nearest = c;
        }
      }
      site_row(id, name, lat, lon, "aggregation", "");
      const std::string& vendor = pick(op->transport, rng.uniform());
      for (const char* r : {"-r1", "-r2"}) {
        element(id + r, id, vendor, "transport", "router", "fibre");
        for (const auto& to : core_uplinks[nearest]) link(id + r, to);
      }
      for (std::size_t k = start; k < end; ++k)
        out.router_of_site[members[idx[k]]] = id + ((k - start) % 2 == 0 ? "-r1" : "-r2");
    }
  }
  return out;
}

}  // namespace ringfence::import
