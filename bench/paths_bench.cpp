// Data-path benchmark: the analyses behind `paths`, `blast-radius` and `diff` on a
// bundle directory named by RINGFENCE_BENCH_BUNDLE, loaded once (load not included;
// bench/paths.sh times the whole commands). Counters: elements, links.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "analysis/paths.hpp"
#include "ringfence/bundle.hpp"
#include "ringfence/diff.hpp"
#include "ringfence/paths.hpp"

namespace {

const ringfence::LoadedBundle* bundle() {
  static std::unique_ptr<ringfence::LoadedBundle> loaded = [] {
    const char* dir = std::getenv("RINGFENCE_BENCH_BUNDLE");
    if (dir == nullptr || *dir == '\0') return std::unique_ptr<ringfence::LoadedBundle>();
    return std::make_unique<ringfence::LoadedBundle>(ringfence::load_bundle(dir));
  }();
  return loaded.get();
}

bool ready(benchmark::State& state) {
  if (bundle() != nullptr) return true;
  state.SkipWithError("RINGFENCE_BENCH_BUNDLE is not set (run bench/paths.sh BUILD_DIR)");
  return false;
}

void counters(benchmark::State& state) {
  state.counters["elements"] = static_cast<double>(bundle()->network.elements.size());
  state.counters["links"] = static_cast<double>(bundle()->network.links.size());
}

void BM_Condense(benchmark::State& state) {
  if (!ready(state)) return;
  const auto& net = bundle()->network;
  const ringfence::analysis::ElementMask all(net.elements.size(), 1);
  for (auto _ : state) benchmark::DoNotOptimize(ringfence::analysis::condense(net.links, all));
  counters(state);
}
BENCHMARK(BM_Condense)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Paths(benchmark::State& state) {
  if (!ready(state)) return;
  ringfence::PathsOptions o;
  o.measure = static_cast<ringfence::Measure>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(ringfence::compute_paths(bundle()->network, o));
  counters(state);
}
BENCHMARK(BM_Paths)
    ->Arg(static_cast<int>(ringfence::Measure::kTraffic))
    ->Arg(static_cast<int>(ringfence::Measure::kPopulation))
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_BlastRadiusVendor(benchmark::State& state) {
  if (!ready(state)) return;
  ringfence::BlastRadiusOptions o;
  o.target = "Huawei";
  for (auto _ : state)
    benchmark::DoNotOptimize(ringfence::compute_blast_radius(bundle()->network, o));
  counters(state);
}
BENCHMARK(BM_BlastRadiusVendor)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_DiffWithItself(benchmark::State& state) {
  if (!ready(state)) return;
  const auto& net = bundle()->network;
  for (auto _ : state) benchmark::DoNotOptimize(ringfence::diff_inventories(net, net));
  counters(state);
}
BENCHMARK(BM_DiffWithItself)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
