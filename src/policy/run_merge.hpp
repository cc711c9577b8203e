// Sorting items that mostly come in order already: element findings come in row
// order, and a bundle often lists each operator's elements in id order, so the rows
// form a few ascending runs. The runs are found in one pass and merged by index, then
// each item is moved once: no large item goes through a sort, and items already in
// order cost one pass. Stable.
#pragma once
#include <algorithm>
#include <cstdint>
#include <vector>

namespace ringfence::policy {

template <typename T, typename Less>
void sort_by_merging_runs(std::vector<T>& items, const Less& less) {
  const std::size_t n = items.size();
  std::vector<std::size_t> runs{0};  // where each run starts, then n
  for (std::size_t i = 1; i < n; ++i)
    if (less(items[i], items[i - 1])) runs.push_back(i);
  if (runs.size() == 1) return;
  runs.push_back(n);
  std::vector<std::uint32_t> order(n), merged(n);
  for (std::uint32_t i = 0; i < n; ++i) order[i] = i;
  const auto by_index = [&](std::uint32_t a, std::uint32_t b) { return less(items[a], items[b]); };
  while (runs.size() > 2) {
    std::vector<std::size_t> next{0};
    for (std::size_t r = 0; r + 1 < runs.size(); r += 2) {
      const std::size_t lo = runs[r], mid = runs[r + 1];
      const std::size_t hi = r + 2 < runs.size() ? runs[r + 2] : mid;
      std::merge(order.begin() + lo, order.begin() + mid, order.begin() + mid, order.begin() + hi,
                 merged.begin() + lo, by_index);
      next.push_back(hi);
    }
    order.swap(merged);
    runs.swap(next);
  }
  std::vector<T> sorted;
  sorted.reserve(n);
  for (const std::uint32_t i : order) sorted.push_back(std::move(items[i]));
  items.swap(sorted);
}

}  // namespace ringfence::policy
