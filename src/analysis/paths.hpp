// Reachability over the links (Network::links, CSR both ways) for the data-path
// analyses (paths, blast radius); the shortest path to a target set, which the
// path_exclusion rule uses, is in analysis/reachability.hpp.
//
// Traffic flows along a link from `from` to `to`, towards the core. Every search here is
// linear in elements + links and safe with cycles and diamonds: reachability is a
// breadth-first search, and whatever is propagated along paths (label sets, carried
// traffic) runs over the condensation of the graph into strongly connected components,
// so a cycle is one node and each element is visited once.
#pragma once
#include <cstdint>
#include <vector>

#include "analysis/masks.hpp"
#include "ringfence/network.hpp"

namespace ringfence::analysis {

using ElementMask = Mask;  // per element, 0 or 1

// Elements from which an element of `targets` can be reached over the links (targets
// included). Elements with blocked[e] are neither reached nor passed through (a
// failed element); `blocked` may be empty.
ElementMask reaches_any(const Links& links, const ElementMask& targets,
                        const ElementMask& blocked = {});

// The elements with on_path[e] condensed into strongly connected components over the
// links between them. Components are numbered in reverse topological order: every
// link leaving a component leads to one with a smaller number (sinks first).
inline constexpr std::uint32_t kNoComponent = UINT32_MAX;
struct Condensation {
  std::vector<std::uint32_t> component;  // per element; kNoComponent when not on path
  std::vector<std::uint32_t> offsets;    // per component + 1, into members
  std::vector<std::uint32_t> members;
  std::size_t size() const { return offsets.empty() ? 0 : offsets.size() - 1; }
};
Condensation condense(const Links& links, const ElementMask& on_path);

// A set of labels (small integers < label_count) per component, as packed bits.
class LabelSets {
 public:
  LabelSets(std::size_t rows, std::uint32_t label_count)
      : words_((label_count + 63) / 64), bits_(rows * words_, 0) {}
  std::uint32_t words() const { return words_; }
  bool test(std::size_t row, std::uint32_t label) const {
    return (bits_[row * words_ + label / 64] >> (label % 64)) & 1;
  }
  void set(std::size_t row, std::uint32_t label) {
    bits_[row * words_ + label / 64] |= std::uint64_t{1} << (label % 64);
  }
  void merge(std::size_t row, std::size_t from) {
    for (std::uint32_t w = 0; w < words_; ++w) bits_[row * words_ + w] |= bits_[from * words_ + w];
  }
  const std::uint64_t* row(std::size_t r) const { return bits_.data() + r * words_; }

 private:
  std::uint32_t words_;
  std::vector<std::uint64_t> bits_;
};

inline constexpr std::uint32_t kNoLabel = UINT32_MAX;
// Per component of `c`: the labels of every element reachable from it over on-path
// elements (itself included). label_of[e] is kNoLabel for an element without one.
LabelSets reachable_labels(const Links& links, const Condensation& c,
                           const std::vector<std::uint32_t>& label_of, std::uint32_t label_count);

// Traffic carried by each component of `c` when every element forwards its own traffic
// plus what it receives, split equally over its links to other on-path components
// (within a cycle, the component forwards as one). own[e] is an element's own amount.
std::vector<double> carried_traffic(const Links& links, const Condensation& c,
                                    const std::vector<double>& own);

}  // namespace ringfence::analysis
