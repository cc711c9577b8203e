// serviceproviders.xml (expat, streaming) + networks.toml -> MCC-MNC -> network operator.
#include "import/providers.hpp"

#include <expat.h>
#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

#include "io/toml_file.hpp"
#include "ringfence/diagnostics.hpp"

namespace ringfence::import {

namespace {

std::optional<std::uint32_t> parse_uint(std::string_view text) {
  std::uint32_t v = 0;
  if (text.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  return v;
}

struct Provider {
  std::string country;
  std::string name;
  bool primary = false;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ids;  // (mcc, mnc)
  std::size_t order = 0;
};

// Collects providers: <country code=".."><provider primary=".."><name>..</name>
// <gsm><network-id mcc=".." mnc=".."/>...
struct XmlState {
  std::vector<std::string> path;
  std::string country;
  Provider current;
  bool in_provider_name = false;
  std::vector<Provider> providers;
  std::string bad_id;  // first malformed network-id, reported after parsing
};

const char* attribute(const XML_Char** atts, std::string_view name) {
  for (int i = 0; atts[i]; i += 2)
    if (name == atts[i]) return atts[i + 1];
  return nullptr;
}

void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** atts) {
  auto& s = *static_cast<XmlState*>(data);
  const std::string_view element(name);
  if (element == "country") {
    const char* code = attribute(atts, "code");
    s.country = code ? code : "";
  } else if (element == "provider") {
    s.current = Provider{};
    s.current.country = s.country;
    const char* primary = attribute(atts, "primary");
    s.current.primary = primary && std::string_view(primary) == "true";
  } else if (element == "name" && !s.path.empty() && s.path.back() == "provider") {
    s.in_provider_name = true;
  } else if (element == "network-id") {
    const char* mcc = attribute(atts, "mcc");
    const char* mnc = attribute(atts, "mnc");
    auto m = mcc ? parse_uint(mcc) : std::nullopt;
    auto n = mnc ? parse_uint(mnc) : std::nullopt;
    if (m && n)
      s.current.ids.emplace_back(*m, *n);
    else if (s.bad_id.empty())
      s.bad_id = s.current.name;
  }
  s.path.emplace_back(element);
}

void XMLCALL on_end(void* data, const XML_Char* name) {
  auto& s = *static_cast<XmlState*>(data);
  const std::string_view element(name);
  if (element == "name") s.in_provider_name = false;
  if (element == "provider") {
    s.current.order = s.providers.size();
    s.providers.push_back(std::move(s.current));
    s.current = Provider{};
  }
  if (!s.path.empty()) s.path.pop_back();
}

void XMLCALL on_text(void* data, const XML_Char* text, int len) {
  auto& s = *static_cast<XmlState*>(data);
  if (s.in_provider_name && s.current.name.size() < 200)
    s.current.name.append(text, static_cast<std::size_t>(len));
}

std::vector<Provider> read_xml(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError(path, 0, 0,
                     "cannot read the provider list (install the Debian package "
                     "mobile-broadband-provider-info)");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  XmlState state;
  XML_Parser parser = XML_ParserCreate("UTF-8");
  XML_SetUserData(parser, &state);
  XML_SetElementHandler(parser, on_start, on_end);
  XML_SetCharacterDataHandler(parser, on_text);
  const auto status = XML_Parse(parser, text.data(), static_cast<int>(text.size()), 1);
  if (status != XML_STATUS_OK) {
    const auto line = XML_GetCurrentLineNumber(parser);
    const auto column = XML_GetCurrentColumnNumber(parser) + 1;
    const std::string message = XML_ErrorString(XML_GetErrorCode(parser));
    XML_ParserFree(parser);
    throw InputError(path, line, column, "malformed XML: " + message);
  }
  XML_ParserFree(parser);
  if (!state.bad_id.empty())
    throw InputError(
        path, 0, 0, "provider '" + state.bad_id + "' has a network-id without numeric mcc and mnc");
  return state.providers;
}

}  // namespace

std::string default_providers_xml() {
  return "/usr/share/mobile-broadband-provider-info/serviceproviders.xml";
}

ProviderTable load_providers(const std::string& xml_path, const std::string& networks_toml) {
  const std::vector<Provider> providers = read_xml(xml_path);
  ProviderTable table;

  // The sourced network operators of codes that brands share.
  std::unordered_map<std::uint64_t, std::string> overrides;
  if (!networks_toml.empty()) {
    const toml::table doc = io::parse_toml_file(networks_toml);
    const toml::table* nets = doc["networks"].as_table();
    if (!nets) throw InputError(networks_toml, 0, 0, "expected a [networks] table");
    for (const auto& [key, value] : *nets) {
      const std::string code(key.str());
      const auto dash = code.find('-');
      const auto mcc = dash == std::string::npos
                           ? std::nullopt
                           : parse_uint(std::string_view(code).substr(0, dash));
      const auto mnc = dash == std::string::npos
                           ? std::nullopt
                           : parse_uint(std::string_view(code).substr(dash + 1));
      const auto* name = value.as_string();
      if (!mcc || !mnc || !name || name->get().empty()) {
        const auto& src = value.source().begin;
        throw InputError(networks_toml, src.line, src.column,
                         "'" + code + "': expected \"MCC-MNC\" = \"operator name\"");
      }
      overrides[network_key(*mcc, *mnc)] = name->get();
    }
  }

  std::unordered_map<std::uint64_t, std::vector<const Provider*>> listing;
  std::map<std::string, std::set<std::uint32_t>> mccs;
  // Codes a provider lists per MCC: a network lists all of its own, a brand only some.
  std::map<std::pair<const Provider*, std::uint32_t>, std::size_t> per_mcc;
  for (const auto& p : providers) {
    std::set<std::uint64_t> seen;
    for (const auto& [mcc, mnc] : p.ids) {
      if (!p.country.empty()) mccs[p.country].insert(mcc);
      if (!seen.insert(network_key(mcc, mnc)).second) continue;
      listing[network_key(mcc, mnc)].push_back(&p);
      ++per_mcc[{&p, mcc}];
    }
  }
  for (auto& [cc, set] : mccs) table.country_mccs[cc] = {set.begin(), set.end()};

  for (const auto& [key, list] : listing) {
    if (auto it = overrides.find(key); it != overrides.end()) {
      table.network[key] = it->second;
      continue;
    }
    if (list.size() == 1) {
      table.network[key] = list.front()->name;
      continue;
    }
    const auto mcc = static_cast<std::uint32_t>(key >> 32);
    const Provider* best = nullptr;
    for (const Provider* p : list)
      if (p->primary && (!best || p->order < best->order)) best = p;
    if (!best) {
      for (const Provider* p : list) {
        if (!best || per_mcc[{p, mcc}] > per_mcc[{best, mcc}] ||
            (per_mcc[{p, mcc}] == per_mcc[{best, mcc}] && p->order < best->order))
          best = p;
      }
      std::string names;
      for (const Provider* p : list) names += (names.empty() ? "" : ", ") + p->name;
      table.guessed[key] =
          (std::to_string(mcc) + "-" + std::to_string(static_cast<std::uint32_t>(key)) +
           " is listed by " + names + "; taken as " + best->name +
           " (name its network in data/import/networks.toml)");
    }
    table.network[key] = best->name;
  }
  // Codes only the table knows.
  for (const auto& [key, name] : overrides) table.network.emplace(key, name);
  return table;
}

}  // namespace ringfence::import
