// Policy evaluation benchmark: ringfence::evaluate on a bundle directory named by the
// environment variable RINGFENCE_BENCH_BUNDLE, loaded once. Each run evaluates one
// policy set (all of its rules, in parallel on the given thread count) and sorts the
// findings; output formatting is not included.
//
// Benchmarks: uk-2020 on 1 and 2 threads, us-kr-sensitive (zones and paths), and all
// presets in one pass. Counters: findings per run, elements.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "ringfence/bundle.hpp"
#include "ringfence/check.hpp"
#include "ringfence/policy.hpp"

namespace {

const ringfence::LoadedBundle* bundle() {
  static std::unique_ptr<ringfence::LoadedBundle> loaded = [] {
    const char* dir = std::getenv("RINGFENCE_BENCH_BUNDLE");
    if (dir == nullptr || *dir == '\0') return std::unique_ptr<ringfence::LoadedBundle>();
    return std::make_unique<ringfence::LoadedBundle>(ringfence::load_bundle(dir));
  }();
  return loaded.get();
}

void run(benchmark::State& state, const std::vector<std::string>& names, unsigned threads) {
  const ringfence::LoadedBundle* b = bundle();
  if (b == nullptr) {
    state.SkipWithError("RINGFENCE_BENCH_BUNDLE is not set (run bench/run.sh BUILD_DIR)");
    return;
  }
  std::vector<ringfence::Policy> policies;
  for (const auto& n : names) policies.push_back(ringfence::load_policy(n));
  const ringfence::Days at = *ringfence::parse_iso_date("2024-01-01");
  std::size_t findings = 0;
  for (auto _ : state) {
    const ringfence::CheckResult r = ringfence::evaluate(b->network, policies, at, threads);
    findings = r.findings.size();
    benchmark::DoNotOptimize(findings);
  }
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["elements"] = static_cast<double>(b->network.elements.size());
}

void BM_Uk2020(benchmark::State& state) {
  run(state, {"uk-2020"}, static_cast<unsigned>(state.range(0)));
}
BENCHMARK(BM_Uk2020)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_UsKrSensitive(benchmark::State& state) { run(state, {"us-kr-sensitive"}, 2); }
BENCHMARK(BM_UsKrSensitive)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_AllPresets(benchmark::State& state) {
  std::vector<std::string> names;
  for (const auto& p : ringfence::list_presets()) names.push_back(p.id);
  run(state, names, 2);
}
BENCHMARK(BM_AllPresets)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
