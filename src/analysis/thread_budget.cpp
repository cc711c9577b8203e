#include "analysis/thread_budget.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace ringfence::analysis {

ThreadBudget::ThreadBudget(unsigned threads)
    : limit_(threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : threads) {}

unsigned ThreadBudget::take(unsigned want) {
  unsigned used = in_use_.load();
  for (;;) {
    const unsigned got = std::min(want, limit_ > used ? limit_ - used : 0u);
    if (got == 0) return 0;
    if (in_use_.compare_exchange_weak(used, used + got)) {
      unsigned peak = peak_.load();
      while (used + got > peak && !peak_.compare_exchange_weak(peak, used + got)) {
      }
      return got;
    }
  }
}

void ThreadBudget::give(unsigned count) {
  in_use_ -= count;
}

void ThreadBudget::run(unsigned wanted, const std::function<void()>& work) {
  const unsigned extra = wanted > 1 ? take(wanted - 1) : 0;
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto guarded = [&] {
    try {
      work();
    } catch (...) {
      const std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(extra);
  for (unsigned t = 0; t < extra; ++t)
    pool.emplace_back([&] {
      guarded();
      give(1);  // as soon as this thread is done, another computation may use it
    });
  guarded();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace ringfence::analysis
