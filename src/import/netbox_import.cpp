// import_netbox: NetBox REST API pages (/api/dcim/sites/, /api/dcim/devices/,
// /api/dcim/cables/) -> a bundle.
//
// Each file is one API page ({"count", "next", "previous", "results": [...]}) or a
// bare array of objects; several pages of one endpoint are given as several files.
// Sites give position (latitude/longitude), region and tenant; devices give the element
// (name, device_type.manufacturer -> vendor, device_type.model -> model, role (or the
// pre-3.6 device_role) and device type -> domain and function through the mapping
// file, tenant or a custom field -> operator); cables (a_terminations / b_terminations,
// NetBox 3.3 and later) give links between the devices of their terminations, directed
// from the radio side towards the core (ran, then transport and other, then core and
// oss). Devices whose site has no position cannot be placed: they are left out and
// reported with their ids, as are cables to them.
#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

#include "import/bundle_dir.hpp"
#include "io/fields.hpp"
#include "io/toml_file.hpp"
#include "ringfence/date.hpp"
#include "ringfence/diagnostics.hpp"
#include "ringfence/generate.hpp"
#include "ringfence/import.hpp"
#include "ringfence/output.hpp"

namespace ringfence {

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

struct Role {
  std::string domain, function, technology;
};

struct Mapping {
  std::string path;
  std::string operator_field = "tenant";
  std::string operator_default = "unknown operator";
  std::string installed_field;
  std::map<std::string, Role> roles, device_types;  // lower-case keys
  std::map<std::string, std::string> manufacturers;
  Role fallback{"other", "", ""};
};

[[noreturn]] void toml_fail(const std::string& path, const toml::node& node,
                            const std::string& message) {
  throw InputError(path, node.source().begin.line, node.source().begin.column, message);
}

std::string toml_string(const std::string& path, const toml::node& node, const std::string& what) {
  const auto* s = node.as_string();
  if (!s) toml_fail(path, node, what + ": expected a string");
  return s->get();
}

Role toml_role(const std::string& path, const toml::node& node, const std::string& what) {
  const auto* t = node.as_table();
  if (!t) toml_fail(path, node, what + ": expected { domain = \"...\", function = \"...\" }");
  Role r;
  for (const auto& [key, value] : *t) {
    const std::string k(key.str());
    if (k == "domain") {
      r.domain = toml_string(path, value, what + ".domain");
      static const std::set<std::string> domains = {"ran", "transport", "core", "oss", "other"};
      if (!domains.count(r.domain))
        toml_fail(
            path, value,
            what + ".domain: '" + r.domain + "' (expected ran, transport, core, oss or other)");
    } else if (k == "function") {
      r.function = toml_string(path, value, what + ".function");
    } else if (k == "technology") {
      r.technology = toml_string(path, value, what + ".technology");
    } else {
      toml_fail(path, value,
                what + ": unknown key '" + k + "' (expected domain, function, technology)");
    }
  }
  if (r.domain.empty()) toml_fail(path, node, what + ": domain is required");
  return r;
}

Mapping load_mapping(const std::string& path) {
  const toml::table doc = io::parse_toml_file(path);
  Mapping m;
  m.path = path;
  for (const auto& [key, node] : doc) {
    const std::string k(key.str());
    const auto* t = node.as_table();
    if (!t) toml_fail(path, node, "'" + k + "' must be a table");
    if (k == "operator") {
      for (const auto& [ok, ov] : *t) {
        if (ok.str() == "field")
          m.operator_field = toml_string(path, ov, "operator.field");
        else if (ok.str() == "default")
          m.operator_default = toml_string(path, ov, "operator.default");
        else
          toml_fail(path, ov, "unknown key '" + std::string(ok.str()) + "' in [operator]");
      }
      if (m.operator_field != "tenant" && m.operator_field.rfind("custom_fields.", 0) != 0)
        toml_fail(path, node, "operator.field: expected \"tenant\" or \"custom_fields.<name>\"");
    } else if (k == "installed") {
      for (const auto& [ik, iv] : *t) {
        if (ik.str() != "field")
          toml_fail(path, iv, "unknown key '" + std::string(ik.str()) + "' in [installed]");
        m.installed_field = toml_string(path, iv, "installed.field");
      }
    } else if (k == "roles" || k == "device_types") {
      auto& target = k == "roles" ? m.roles : m.device_types;
      for (const auto& [rk, rv] : *t)
        target[io::to_lower_ascii(std::string(rk.str()))] =
            toml_role(path, rv, k + "." + std::string(rk.str()));
    } else if (k == "manufacturers") {
      for (const auto& [mk, mv] : *t)
        m.manufacturers[io::to_lower_ascii(std::string(mk.str()))] =
            toml_string(path, mv, "manufacturers." + std::string(mk.str()));
    } else if (k == "default") {
      m.fallback = toml_role(path, node, "default");
    } else {
      toml_fail(
          path, node,
          "unknown table [" + k +
              "] (expected operator, installed, roles, device_types, manufacturers, default)");
    }
  }
  return m;
}

// Line and column (1-based) of a byte offset.
std::pair<std::size_t, std::size_t> locate(const std::string& text, std::size_t byte) {
  std::size_t line = 1, start = 0;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i)
    if (text[i] == '\n') ++line, start = i + 1;
  return {line, byte - start + 1};
}

// The objects of one API page (its `results`) or of a bare array.
std::vector<json> read_page(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, 0, "cannot read the file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    const std::size_t byte = e.byte > 0 ? e.byte - 1 : 0;
    const auto [line, column] = locate(text, byte);
    std::string what = e.what();
    if (auto p = what.find("syntax error"); p != std::string::npos) what = what.substr(p);
    throw InputError(path, line, column, "malformed JSON: " + what);
  }
  const json* results = &doc;
  if (doc.is_object()) {
    auto it = doc.find("results");
    if (it == doc.end() || !it->is_array())
      throw InputError(path, 1, 1,
                       "expected a NetBox API page (an object with a \"results\" array) or an "
                       "array of objects");
    results = &*it;
  } else if (!doc.is_array()) {
    throw InputError(path, 1, 1, "expected a NetBox API page or an array of objects");
  }
  std::vector<json> out;
  for (std::size_t i = 0; i < results->size(); ++i) {
    const json& item = (*results)[i];
    if (!item.is_object() || !item.contains("id") || !item["id"].is_number_integer())
      throw InputError(path, 0, 0,
                       "results[" + std::to_string(i) + "]: expected an object with an integer id");
    out.push_back(item);
  }
  return out;
}

std::string text_at(const json& obj, std::initializer_list<const char*> path) {
  const json* cur = &obj;
  for (const char* key : path) {
    if (!cur->is_object()) return {};
    auto it = cur->find(key);
    if (it == cur->end() || it->is_null()) return {};
    cur = &*it;
  }
  if (cur->is_string()) return cur->get<std::string>();
  if (cur->is_number()) return cur->dump();
  return {};
}

// A nested object's field, or a custom field "custom_fields.<name>".
std::string field(const json& obj, const std::string& spec) {
  if (spec.rfind("custom_fields.", 0) == 0)
    return text_at(obj, {"custom_fields", spec.c_str() + 14});
  return text_at(obj, {spec.c_str(), "name"});
}

struct SiteInfo {
  std::string id;  // slug, else name
  std::string region, tenant;
  double lat = 0, lon = 0;
  bool located = false;
};

int domain_rank(const std::string& domain) {
  if (domain == "ran") return 0;
  if (domain == "core" || domain == "oss") return 2;
  return 1;
}

}  // namespace

NetboxImportSummary import_netbox(const NetboxImportOptions& options) {
  const std::string data_dir = options.data_dir.empty() ? default_data_dir() : options.data_dir;
  const Mapping map = load_mapping(options.mapping.empty() ? data_dir + "/import/netbox-map.toml"
                                                           : options.mapping);
  import::BundleDir dir(options.out, options.force);
  NetboxImportSummary summary;

  // Sites.
  std::map<std::int64_t, SiteInfo> sites;
  std::set<std::string> site_ids;
  for (const auto& path : options.sites) {
    for (const json& s : read_page(path)) {
      SiteInfo info;
      info.id = text_at(s, {"slug"});
      if (info.id.empty()) info.id = text_at(s, {"name"});
      if (info.id.empty()) info.id = "site-" + s["id"].dump();
      info.region = text_at(s, {"region", "name"});
      info.tenant = text_at(s, {"tenant", "name"});
      const auto lat = s.find("latitude"), lon = s.find("longitude");
      if (lat != s.end() && lon != s.end() && lat->is_number() && lon->is_number()) {
        info.lat = lat->get<double>();
        info.lon = lon->get<double>();
        if (info.lat < -90 || info.lat > 90 || info.lon < -180 || info.lon > 180)
          throw InputError(
              path, 0, 0,
              "site " + s["id"].dump() + " (" + info.id + "): latitude/longitude out of range");
        info.located = true;
      }
      if (!site_ids.insert(info.id).second)
        throw InputError(path, 0, 0,
                         "site " + s["id"].dump() + ": slug '" + info.id +
                             "' given twice (expected unique sites)");
      const auto id = s["id"].get<std::int64_t>();
      if (!sites.emplace(id, info).second)
        throw InputError(path, 0, 0, "site id " + std::to_string(id) + " given twice");
    }
  }

  // Devices.
  struct Element {
    std::string id, site, vendor, domain, function, model, technology, installed, op;
  };
  std::map<std::int64_t, Element> elements;  // by device id
  std::map<std::string, std::size_t> name_count;
  std::vector<std::pair<std::int64_t, json>> devices;
  for (const auto& path : options.devices)
    for (json& d : read_page(path)) {
      const auto id = d["id"].get<std::int64_t>();
      devices.emplace_back(id, std::move(d));
      ++name_count[text_at(devices.back().second, {"name"})];
    }
  summary.devices = devices.size();
  std::set<std::int64_t> seen_devices;
  for (const auto& [id, d] : devices) {
    if (!seen_devices.insert(id).second)
      throw InputError(options.devices.front(), 0, 0,
                       "device id " + std::to_string(id) + " given twice");
    const std::string name = text_at(d, {"name"});
    const auto site_id = d.contains("site") && d["site"].is_object() && d["site"].contains("id")
                             ? d["site"]["id"].get<std::int64_t>()
                             : -1;
    auto site = sites.find(site_id);
    if (site == sites.end() || !site->second.located) {
      summary.unlocated_devices.push_back(std::to_string(id) + (name.empty() ? "" : " " + name));
      continue;
    }
    Element e;
    e.id = name.empty()           ? "device-" + std::to_string(id)
           : name_count[name] > 1 ? name + "#" + std::to_string(id)
                                  : name;
    e.site = site->second.id;
    const std::string maker = text_at(d, {"device_type", "manufacturer", "name"});
    const std::string maker_slug = text_at(d, {"device_type", "manufacturer", "slug"});
    auto mv = map.manufacturers.find(io::to_lower_ascii(maker));
    if (mv == map.manufacturers.end()) mv = map.manufacturers.find(io::to_lower_ascii(maker_slug));
    e.vendor = mv != map.manufacturers.end() ? mv->second : maker;
    if (e.vendor.empty()) e.vendor = "unknown";
    e.model = text_at(d, {"device_type", "model"});
    // Role (NetBox 3.6+ "role", earlier "device_role"), then the device type overrides.
    const Role* role = nullptr;
    for (const char* key : {"role", "device_role"})
      for (const char* part : {"slug", "name"}) {
        if (role) break;
        const std::string v = io::to_lower_ascii(text_at(d, {key, part}));
        if (auto it = map.roles.find(v); !v.empty() && it != map.roles.end()) role = &it->second;
      }
    for (const char* part : {"slug", "model"}) {
      const std::string v = io::to_lower_ascii(text_at(d, {"device_type", part}));
      if (auto it = map.device_types.find(v); !v.empty() && it != map.device_types.end()) {
        role = &it->second;
        break;
      }
    }
    if (!role) role = &map.fallback;
    e.domain = role->domain;
    e.function = role->function;
    e.technology = role->technology;
    e.op = map.operator_field == "tenant" ? text_at(d, {"tenant", "name"})
                                          : field(d, map.operator_field);
    if (e.op.empty() && map.operator_field == "tenant") e.op = site->second.tenant;
    if (e.op.empty()) e.op = map.operator_default;
    if (!map.installed_field.empty()) {
      const std::string when = field(d, map.installed_field);
      if (!when.empty()) {
        if (!parse_iso_date(when))
          throw InputError(options.devices.front(), 0, 0,
                           "device " + std::to_string(id) + ": " + map.installed_field + " '" +
                               when + "' is not a date (expected YYYY-MM-DD)");
        e.installed = when;
      }
    }
    ++summary.by_domain[e.domain];
    elements.emplace(id, std::move(e));
  }
  summary.elements = elements.size();

  // A site row per site with an element; its operator is that of its first element.
  std::map<std::string, const Element*> site_first;
  std::map<std::string, std::set<std::string>> site_domains;
  for (const auto& [id, e] : elements) {
    site_first.emplace(e.site, &e);
    site_domains[e.site].insert(e.domain);
  }

  // Cables.
  std::vector<std::pair<std::string, std::string>> links;
  std::set<std::pair<std::string, std::string>> link_set;
  for (const auto& path : options.cables) {
    for (const json& c : read_page(path)) {
      ++summary.cables;
      auto ends = [&](const char* side) {
        std::vector<std::int64_t> out;
        auto it = c.find(side);
        if (it == c.end() || !it->is_array()) return out;
        for (const json& t : *it) {
          const json* dev = nullptr;
          if (t.contains("object") && t["object"].is_object() && t["object"].contains("device"))
            dev = &t["object"]["device"];
          if (dev && dev->is_object() && dev->contains("id") && (*dev)["id"].is_number_integer())
            out.push_back((*dev)["id"].get<std::int64_t>());
        }
        return out;
      };
      const auto a = ends("a_terminations"), b = ends("b_terminations");
      bool linked = false;
      for (auto x : a)
        for (auto y : b) {
          auto ex = elements.find(x), ey = elements.find(y);
          if (ex == elements.end() || ey == elements.end() || x == y) continue;
          const Element* from = &ex->second;
          const Element* to = &ey->second;
          if (domain_rank(from->domain) > domain_rank(to->domain)) std::swap(from, to);
          if (link_set.insert({from->id, to->id}).second) links.emplace_back(from->id, to->id);
          linked = true;
        }
      if (!linked) ++summary.cables_skipped;
    }
  }
  summary.links = links.size();

  std::string sites_csv = "site_id,operator,lat,lon,kind,region,netbox_id\n";
  for (const auto& [nid, s] : sites) {
    auto first = site_first.find(s.id);
    if (first == site_first.end()) continue;
    const auto& doms = site_domains[s.id];
    const char* kind = doms.count("core") || doms.count("oss") ? "core_dc"
                       : doms.count("ran")                     ? "macro"
                                                               : "aggregation";
    sites_csv += csv_field(s.id) + "," + csv_field(first->second->op) + "," + format_number(s.lat) +
                 "," + format_number(s.lon) + "," + kind + "," + csv_field(s.region) + "," +
                 std::to_string(nid) + "\n";
    ++summary.sites;
  }
  for (const auto& [nid, s] : sites)
    if (!s.located) ++summary.sites_without_location;
  std::string elements_csv =
      "element_id,site_id,vendor,domain,function,model,technology,installed,netbox_id\n";
  for (const auto& [nid, e] : elements)
    elements_csv += csv_field(e.id) + "," + csv_field(e.site) + "," + csv_field(e.vendor) + "," +
                    e.domain + "," + csv_field(e.function) + "," + csv_field(e.model) + "," +
                    csv_field(e.technology) + "," + e.installed + "," + std::to_string(nid) + "\n";
  std::string links_csv = "from,to\n";
  for (const auto& [from, to] : links) links_csv += csv_field(from) + "," + csv_field(to) + "\n";
  write_file_atomically(dir.file("sites.csv"), sites_csv);
  write_file_atomically(dir.file("elements.csv"), elements_csv);
  write_file_atomically(dir.file("links.csv"), links_csv);
  dir.commit();

  if (!summary.unlocated_devices.empty()) {
    std::string ids;
    for (std::size_t i = 0; i < summary.unlocated_devices.size() && i < 20; ++i)
      ids += (i ? ", " : "") + summary.unlocated_devices[i];
    if (summary.unlocated_devices.size() > 20) ids += ", ...";
    summary.warnings.push_back(std::to_string(summary.unlocated_devices.size()) +
                               " devices left out: their site has no latitude/longitude or is "
                               "not in the sites pages (id name: " +
                               ids + ")");
  }
  return summary;
}

}  // namespace ringfence
