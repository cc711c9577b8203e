// Load benchmark: ringfence::load_bundle on a bundle directory named by
// the environment variable RINGFENCE_BENCH_BUNDLE (bench/make_bundle.py writes one).
//
// Reported per run: wall time of load_bundle (parse, validate, index), and counters
//   elements           rows in the loaded model
//   bytes_per_element  Network::memory_bytes() / elements (target < 150)
//   model_MiB          Network::memory_bytes() in MiB
//   rss_loaded_MiB     growth of the resident set (/proc/self/statm) from before the
//                      process's first load to just after it, while the bundle is
//                      alive and the input buffers are freed: a cross-check of
//                      model_MiB (later loads in the same process reuse a fragmented
//                      heap, so only the first is taken)
//   peak_rss_MiB       peak resident set of this process so far (getrusage)
//   bytes_per_second   bundle file bytes read per second of wall time
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "ringfence/bundle.hpp"

namespace {

double peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) * 1024.0;  // Linux reports KiB
}

// Current resident set (Linux); 0 when unknown.
double current_rss_bytes() {
  long pages_total = 0, pages_resident = 0;
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  const int got = std::fscanf(f, "%ld %ld", &pages_total, &pages_resident);
  std::fclose(f);
  return got == 2 ? static_cast<double>(pages_resident) * static_cast<double>(sysconf(_SC_PAGESIZE))
                  : 0;
}

void BM_LoadBundle(benchmark::State& state) {
  const char* dir = std::getenv("RINGFENCE_BENCH_BUNDLE");
  if (dir == nullptr || *dir == '\0') {
    state.SkipWithError(
        "RINGFENCE_BENCH_BUNDLE is not set (point it at a bundle directory, e.g. one written "
        "by bench/make_bundle.py, or run bench/run.sh BUILD_DIR)");
    return;
  }
  std::size_t elements = 0, model_bytes = 0, file_bytes = 0;
  static const double rss_before_first_load = current_rss_bytes();
  static double rss_first_loaded = 0;
  for (auto _ : state) {
    std::optional<ringfence::LoadedBundle> bundle;
    try {
      bundle.emplace(ringfence::load_bundle(dir));
    } catch (const std::exception& e) {
      state.SkipWithError((std::string("load_bundle failed: ") + e.what()).c_str());
      break;
    }
    benchmark::DoNotOptimize(bundle->network.elements.size());
    state.PauseTiming();  // freeing the model is not part of loading it
    elements = bundle->network.elements.size();
    model_bytes = bundle->network.memory_bytes();
    if (rss_first_loaded == 0) rss_first_loaded = current_rss_bytes();
    file_bytes = 0;
    for (const auto& f : bundle->files) file_bytes += f.bytes;
    bundle.reset();
    state.ResumeTiming();
  }
  if (elements == 0) return;
  state.SetBytesProcessed(static_cast<std::int64_t>(file_bytes) *
                          static_cast<std::int64_t>(state.iterations()));
  state.counters["elements"] = static_cast<double>(elements);
  state.counters["bytes_per_element"] =
      static_cast<double>(model_bytes) / static_cast<double>(elements);
  state.counters["model_MiB"] = static_cast<double>(model_bytes) / (1024.0 * 1024.0);
  state.counters["rss_loaded_MiB"] = (rss_first_loaded - rss_before_first_load) / (1024.0 * 1024.0);
  state.counters["peak_rss_MiB"] = peak_rss_bytes() / (1024.0 * 1024.0);
}

BENCHMARK(BM_LoadBundle)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
