// diff_inventories and diff_findings: elements matched by id through the id index of
// the other inventory (one hash lookup per element), findings by a text key.
#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_set>

#include "ringfence/diff.hpp"

namespace ringfence {

namespace {

std::string_view text(const Network& net, std::uint32_t string_id) {
  return net.strings.get(string_id);
}

bool same_place(const Network& a, std::uint32_t sa, const Network& b, std::uint32_t sb) {
  return a.sites.id.get(sa) == b.sites.id.get(sb) && a.sites.lat[sa] == b.sites.lat[sb] &&
         a.sites.lon[sa] == b.sites.lon[sb];
}

}  // namespace

InventoryDiff diff_inventories(const Network& before, const Network& after) {
  const Elements& oe = before.elements;
  const Elements& ne = after.elements;
  InventoryDiff d;
  d.old_elements = oe.size();
  d.new_elements = ne.size();
  std::map<std::pair<std::string_view, std::string_view>, DiffCounts> groups;
  auto counts = [&](const Network& net, std::uint32_t e) -> DiffCounts& {
    return groups[{net.site_operator(net.elements.site[e]), net.vendor_name(e)}];
  };
  auto change = [&](std::uint32_t o, std::uint32_t n, ElementChangeKind kind, std::string_view was,
                    std::string_view now) {
    d.changes.push_back({o, n, kind, std::string(was), std::string(now)});
  };
  for (std::uint32_t n = 0; n < ne.size(); ++n) {
    const std::uint32_t o = oe.id.find(ne.id.get(n));
    if (o == IdColumn::kNotFound) {
      ++counts(after, n).added;
      change(kNoRow, n, ElementChangeKind::kAdded, {}, after.sites.id.get(ne.site[n]));
      continue;
    }
    const std::size_t before_changes = d.changes.size();
    DiffCounts& c = counts(after, n);
    if (!same_place(before, oe.site[o], after, ne.site[n])) {
      ++c.moved;
      change(o, n, ElementChangeKind::kMoved, before.sites.id.get(oe.site[o]),
             after.sites.id.get(ne.site[n]));
    }
    if (before.vendor_name(o) != after.vendor_name(n)) {
      ++c.vendor_in;
      ++counts(before, o).vendor_out;
      change(o, n, ElementChangeKind::kVendor, before.vendor_name(o), after.vendor_name(n));
    }
    if (text(before, oe.model[o]) != text(after, ne.model[n])) {
      ++c.model;
      change(o, n, ElementChangeKind::kModel, text(before, oe.model[o]), text(after, ne.model[n]));
    }
    if (text(before, oe.sw_version[o]) != text(after, ne.sw_version[n])) {
      ++c.software;
      change(o, n, ElementChangeKind::kSoftware, text(before, oe.sw_version[o]),
             text(after, ne.sw_version[n]));
    }
    if (d.changes.size() != before_changes) ++d.changed_elements;
  }
  for (std::uint32_t o = 0; o < oe.size(); ++o)
    if (ne.id.find(oe.id.get(o)) == IdColumn::kNotFound) {
      ++counts(before, o).removed;
      change(o, kNoRow, ElementChangeKind::kRemoved, before.sites.id.get(oe.site[o]), {});
    }
  for (auto& [key, c] : groups) {
    d.total.added += c.added;
    d.total.removed += c.removed;
    d.total.moved += c.moved;
    d.total.vendor_in += c.vendor_in;
    d.total.vendor_out += c.vendor_out;
    d.total.model += c.model;
    d.total.software += c.software;
    if (c.added + c.removed + c.moved + c.vendor_in + c.vendor_out + c.model + c.software > 0)
      d.groups.push_back({std::string(key.first), std::string(key.second), c});
  }
  auto id_of = [&](const ElementChange& c) {
    return c.new_row != kNoRow ? ne.id.get(c.new_row) : oe.id.get(c.old_row);
  };
  std::sort(d.changes.begin(), d.changes.end(),
            [&](const ElementChange& a, const ElementChange& b) {
              const auto ia = id_of(a), ib = id_of(b);
              return ia != ib ? ia < ib : a.kind < b.kind;
            });
  return d;
}

namespace {

std::string finding_key(const Network& net, const CheckResult& r, const Finding& f) {
  std::string key = r.rules[f.rule].rule_id;
  key += '\x1f';
  if (f.element != kNoRow) key += net.elements.id.get(f.element);
  for (const auto& g : f.group) {
    key += '\x1f';
    key += g;
  }
  return key;
}

}  // namespace

FindingsDiff diff_findings(const Network& net_before, const CheckResult& before,
                           const Network& net_after, const CheckResult& after) {
  FindingsDiff d;
  std::unordered_set<std::string> old_keys, new_keys;
  old_keys.reserve(before.findings.size());
  for (const auto& f : before.findings) old_keys.insert(finding_key(net_before, before, f));
  new_keys.reserve(after.findings.size());
  for (std::uint32_t i = 0; i < after.findings.size(); ++i) {
    std::string key = finding_key(net_after, after, after.findings[i]);
    if (!old_keys.count(key)) {
      d.appeared.push_back(i);
      if (after.findings[i].status == Status::kOverdue) ++d.appeared_overdue;
    }
    new_keys.insert(std::move(key));
  }
  for (std::uint32_t i = 0; i < before.findings.size(); ++i)
    if (!new_keys.count(finding_key(net_before, before, before.findings[i])))
      d.disappeared.push_back(i);
  return d;
}

}  // namespace ringfence
