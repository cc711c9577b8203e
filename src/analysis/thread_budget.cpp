#include "analysis/thread_budget.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <system_error>
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
  { const std::lock_guard<std::mutex> lock(mutex_); }  // a waiter is asleep, or sees it
  freed_.notify_all();
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
  auto worker = [&] {
    guarded();
    give(1);  // as soon as this thread is done, another computation may use it
  };
  std::vector<std::thread> pool;
  pool.reserve(wanted);
  for (unsigned t = 0; t < extra; ++t) pool.emplace_back(worker);
  // The threads not had now: a recruiter waits for units given back (by rules running
  // beside this one, say) and starts a worker with each while the work lasts.
  unsigned missing = wanted > 1 ? wanted - 1 - extra : 0;
  bool done = false;
  std::vector<std::thread> late;
  std::thread recruiter;
  if (missing > 0)
    recruiter = std::thread([&] {
      std::unique_lock<std::mutex> lock(mutex_);
      while (missing > 0) {
        freed_.wait(lock, [&] { return done || in_use_.load() < limit_; });
        if (done) return;
        if (take(1) == 1) {
          --missing;
          try {
            late.emplace_back(worker);
          } catch (const std::system_error&) {  // no thread to be had: the others finish
            lock.unlock();
            give(1);
            return;
          }
        }
      }
    });
  guarded();
  if (recruiter.joinable()) {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      done = true;
    }
    freed_.notify_all();
    recruiter.join();
  }
  // While it only waits for the others, the calling thread lends its unit: a run
  // nested in one of them (a rule's sites, say) may recruit a thread with it.
  auto join_all = [&] {
    for (auto& t : pool) t.join();
    for (auto& t : late) t.join();
  };
  if (pool.empty() && late.empty())
    join_all();
  else
    lend_while(join_all);
  if (failure) std::rethrow_exception(failure);
}

void ThreadBudget::lend_while(const std::function<void()>& wait) {
  give(1);
  auto take_back = [&] {
    std::unique_lock<std::mutex> lock(mutex_);
    freed_.wait(lock, [&] { return take(1) == 1; });
  };
  try {
    wait();
  } catch (...) {
    take_back();
    throw;
  }
  take_back();
}

}  // namespace ringfence::analysis
