// One budget of worker threads for a whole computation: the caller's --threads is
// the most threads that ever run at once, however the work nests (rules evaluated
// in parallel, each measuring its sites in parallel).
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>

namespace ringfence::analysis {

class ThreadBudget {
 public:
  // 0 means one per hardware thread.
  explicit ThreadBudget(unsigned threads);
  unsigned limit() const { return limit_; }
  // Takes up to `want` threads from what is left; returns how many it got.
  unsigned take(unsigned want);
  void give(unsigned count);
  // The most threads that were running at once, the calling thread included.
  unsigned peak() const { return peak_.load(); }

  // Runs work() on the calling thread and on as many extra threads as the budget
  // allows (at most `wanted` in all); waits for all of them. Threads the budget could
  // not give at once join later, as other computations give theirs back, while the
  // calling thread is still at work: so work() must take its work from a shared
  // counter, and a late call find nothing left. The calling thread must hold one unit
  // of the budget already (the first run holds it from construction). The first
  // exception thrown is rethrown here.
  void run(unsigned wanted, const std::function<void()>& work);

  // Gives the calling thread's unit to other work while `wait()` blocks (for other
  // threads' results), then takes a unit back, waiting for one if need be. The caller
  // must hold no lock that the holders of units may need.
  void lend_while(const std::function<void()>& wait);

 private:
  unsigned limit_;
  std::atomic<unsigned> in_use_{1};
  std::atomic<unsigned> peak_{1};
  // Signalled when units are given back, for runs waiting to recruit late threads.
  std::mutex mutex_;
  std::condition_variable freed_;
};

}  // namespace ringfence::analysis
