// Which network an MCC-MNC code belongs to, from Debian's mobile-broadband-provider-info
// (serviceproviders.xml, read at run time) and data/import/networks.toml.
//
// The provider list names brands: several (MVNOs such as giffgaff or Congstar) may list
// the code of the network they ride on. The operator of a cell is the network's, so a
// code listed by several providers is resolved, in this order, by networks.toml (the
// network operator, sourced), by the provider marked primary="true", and otherwise by
// the provider listing the most codes of that MCC (ties: the first in the file) — the
// last case is reported as a warning so the table can be extended.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace ringfence::import {

inline std::uint64_t network_key(std::uint32_t mcc, std::uint32_t mnc) {
  return (static_cast<std::uint64_t>(mcc) << 32) | mnc;
}

struct ProviderTable {
  std::unordered_map<std::uint64_t, std::string> network;          // network_key -> operator
  std::map<std::string, std::vector<std::uint32_t>> country_mccs;  // "ca" -> {302}
  // Codes resolved by the last-resort rule -> a warning, shown when a file uses them.
  std::unordered_map<std::uint64_t, std::string> guessed;
};

// Throws InputError naming the file (and line for XML or TOML syntax errors).
ProviderTable load_providers(const std::string& xml_path, const std::string& networks_toml);

// /usr/share/mobile-broadband-provider-info/serviceproviders.xml
std::string default_providers_xml();

}  // namespace ringfence::import
