#include "analysis/paths.hpp"

#include <algorithm>

#include "analysis/reachability.hpp"

namespace ringfence::analysis {

ElementMask reaches_any(const Links& links, const ElementMask& targets,
                        const ElementMask& blocked) {
  // The same reverse breadth-first search as the path_exclusion rule's.
  const DistanceToTargets d = distance_to_targets(links, targets, &blocked);
  ElementMask reached(targets.size(), 0);
  for (std::size_t e = 0; e < reached.size(); ++e) reached[e] = d.links[e] != kUnreached;
  return reached;
}

// Tarjan's algorithm without recursion (a national network's chains are deep enough to
// overflow the call stack). A component is complete only after every component
// reachable from it, which gives the reverse topological numbering.
Condensation condense(const Links& links, const ElementMask& on_path) {
  const std::size_t n = on_path.size();
  Condensation c;
  c.component.assign(n, kNoComponent);
  c.offsets.push_back(0);
  const bool has_links = links.size() > 0;
  constexpr std::uint32_t kUnvisited = UINT32_MAX;
  std::vector<std::uint32_t> index(n, kUnvisited), low(n, 0);
  std::vector<std::uint32_t> stack;
  struct Frame {
    std::uint32_t element, next_link;
  };
  std::vector<Frame> frames;
  std::uint32_t counter = 0;
  auto visit = [&](std::uint32_t v) {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    frames.push_back({v, has_links ? links.out_offsets[v] : 0});
  };
  for (std::uint32_t root = 0; root < n; ++root) {
    if (!on_path[root] || index[root] != kUnvisited) continue;
    visit(root);
    while (!frames.empty()) {
      Frame& f = frames.back();
      const std::uint32_t v = f.element;
      if (has_links && f.next_link < links.out_offsets[v + 1]) {
        const std::uint32_t w = links.out_targets[f.next_link++];
        if (!on_path[w]) continue;
        if (index[w] == kUnvisited)
          visit(w);                               // invalidates f
        else if (c.component[w] == kNoComponent)  // still on the stack
          low[v] = std::min(low[v], index[w]);
        continue;
      }
      frames.pop_back();
      if (low[v] == index[v]) {
        const auto id = static_cast<std::uint32_t>(c.offsets.size() - 1);
        std::uint32_t w;
        do {
          w = stack.back();
          stack.pop_back();
          c.component[w] = id;
          c.members.push_back(w);
        } while (w != v);
        c.offsets.push_back(static_cast<std::uint32_t>(c.members.size()));
      }
      if (!frames.empty()) {
        const std::uint32_t u = frames.back().element;
        low[u] = std::min(low[u], low[v]);
      }
    }
  }
  return c;
}

LabelSets reachable_labels(const Links& links, const Condensation& c,
                           const std::vector<std::uint32_t>& label_of, std::uint32_t label_count) {
  LabelSets sets(c.size(), label_count);
  const bool has_links = links.size() > 0;
  for (std::uint32_t comp = 0; comp < c.size(); ++comp)
    for (std::uint32_t m = c.offsets[comp]; m < c.offsets[comp + 1]; ++m) {
      const std::uint32_t e = c.members[m];
      if (label_of[e] != kNoLabel) sets.set(comp, label_of[e]);
      if (!has_links) continue;
      for (std::uint32_t k = links.out_offsets[e]; k < links.out_offsets[e + 1]; ++k) {
        const std::uint32_t to = c.component[links.out_targets[k]];
        if (to != kNoComponent && to != comp) sets.merge(comp, to);  // to < comp: complete
      }
    }
  return sets;
}

std::vector<double> carried_traffic(const Links& links, const Condensation& c,
                                    const std::vector<double>& own) {
  std::vector<double> carried(c.size(), 0);
  const bool has_links = links.size() > 0;
  auto each_exit = [&](std::uint32_t comp, auto&& fn) {
    if (!has_links) return;
    for (std::uint32_t m = c.offsets[comp]; m < c.offsets[comp + 1]; ++m) {
      const std::uint32_t e = c.members[m];
      for (std::uint32_t k = links.out_offsets[e]; k < links.out_offsets[e + 1]; ++k) {
        const std::uint32_t to = c.component[links.out_targets[k]];
        if (to != kNoComponent && to != comp) fn(to);
      }
    }
  };
  // Sources first: a component's inflow is complete before it forwards.
  for (std::uint32_t comp = static_cast<std::uint32_t>(c.size()); comp-- > 0;) {
    for (std::uint32_t m = c.offsets[comp]; m < c.offsets[comp + 1]; ++m) {
      const double v = own[c.members[m]];
      if (v > 0) carried[comp] += v;
    }
    std::size_t exits = 0;
    each_exit(comp, [&](std::uint32_t) { ++exits; });
    if (exits == 0) continue;
    const double share = carried[comp] / static_cast<double>(exits);
    each_exit(comp, [&](std::uint32_t to) { carried[to] += share; });
  }
  return carried;
}

}  // namespace ringfence::analysis
