// Synthetic backhaul for imported radio sites (`import cells --backhaul synthetic`).
//
// Public cell exports show radio sites only. So that data-path analyses have links to
// walk, this adds what `ringfence generate` builds behind the radio network, from the
// same country profile (data/profiles/<cc>.toml) and equipment catalogue: per operator,
// core data centres at the profile's core places (LTE core mme, sgw, pgw, hss; NR core
// amf, smf, upf, udm; an NMS at the first), and one aggregation site per
// `sites_per_aggregation` radio sites (the sites taken in Z-order, so each group is
// compact), with two routers linked to the nearest core. Vendors follow the profile's
// transport and core mixes. An operator the profile does not name takes the profile's
// first operator's mixes and core places. All of it is an assumption and marked so.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "generate/internal.hpp"

namespace ringfence::import {

struct BackhaulSites {
  std::vector<std::string> operators;  // by operator rank
  std::vector<double> lat, lon;        // radio sites
  std::vector<std::uint32_t> op;       // operator rank of each radio site
};

struct BackhaulResult {
  std::vector<std::string> router_of_site;  // element id each radio site links to
  std::size_t sites = 0, elements = 0, links = 0;
};

// Writes aggregation and core rows into the open files (headers already written).
BackhaulResult write_backhaul(const BackhaulSites& radio, const std::string& data_dir,
                              const std::string& country, std::uint64_t seed, gen::OutFile& sites,
                              gen::OutFile& elements, gen::OutFile& links);

}  // namespace ringfence::import
