// --threads is the most threads at work at once: rules in parallel, and sites in
// parallel within a zone rule, all come out of one budget.
#include "analysis/thread_budget.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "ringfence/bundle.hpp"
#include "ringfence/check.hpp"
#include "ringfence/generate.hpp"
#include "test_support.hpp"

namespace ringfence {

namespace {

// Counts the threads really inside work() at once.
struct Occupancy {
  std::atomic<unsigned> now{0}, peak{0};
  void enter() {
    const unsigned n = ++now;
    unsigned p = peak.load();
    while (n > p && !peak.compare_exchange_weak(p, n)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  void leave() { --now; }
};

}  // namespace

TEST(ThreadBudget, NestedRunsNeverExceedTheLimit) {
  for (unsigned limit : {1u, 2u, 3u}) {
    analysis::ThreadBudget budget(limit);
    Occupancy occupancy;
    // Four outer workers wanted, each asking for four inner ones.
    budget.run(4, [&] {
      budget.run(4, [&] {
        occupancy.enter();
        occupancy.leave();
      });
    });
    EXPECT_LE(occupancy.peak.load(), limit) << limit;
    EXPECT_LE(budget.peak(), limit) << limit;
    EXPECT_EQ(budget.take(limit), limit - 1) << "all but the caller's unit are back";
  }
}

// Two rules at once on two threads: a short one (30 ms) and a long one, whose 40
// chunks of 20 ms are taken from a counter by a nested run. `short_here` says whether
// the thread at hand runs the short rule. Returns how many threads worked on the long
// rule's chunks at once.
template <typename ShortHere>
unsigned long_rule_peak(analysis::ThreadBudget& budget, const ShortHere& short_here) {
  Occupancy long_rule;
  std::atomic<int> chunks_left{40};
  budget.run(2, [&] {
    if (short_here()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
      return;
    }
    budget.run(2, [&] {
      while (chunks_left-- > 0) {
        long_rule.enter();
        long_rule.leave();
      }
    });
  });
  return long_rule.peak.load();
}

// The short rule's thread, once given back, joins the long one's sites (the nested
// run could have no second thread at its start).
TEST(ThreadBudget, AThreadGivenBackJoinsARunStillAtWork) {
  analysis::ThreadBudget budget(2);
  const std::thread::id caller = std::this_thread::get_id();
  EXPECT_EQ(long_rule_peak(budget, [&] { return std::this_thread::get_id() != caller; }), 2u);
  EXPECT_LE(budget.peak(), 2u);
  EXPECT_EQ(budget.take(2), 1u) << "all but the caller's unit are back";
}

// The same with the short rule on the calling thread: once done, it lends its unit
// to the long rule's sites while it waits for that rule to finish.
TEST(ThreadBudget, ACallerDoneEarlyLendsItsThreadToARunStillAtWork) {
  analysis::ThreadBudget budget(2);
  const std::thread::id caller = std::this_thread::get_id();
  EXPECT_EQ(long_rule_peak(budget, [&] { return std::this_thread::get_id() == caller; }), 2u);
  EXPECT_LE(budget.peak(), 2u);
  EXPECT_EQ(budget.take(2), 1u) << "the caller holds its unit again; the rest are back";
}

TEST(ThreadBudget, TheFirstExceptionIsRethrown) {
  analysis::ThreadBudget budget(2);
  EXPECT_THROW(budget.run(2, [] { throw std::runtime_error("x"); }), std::runtime_error);
}

// A network with enough sites that zone rules measure them in parallel.
TEST(ThreadBudget, EvaluateHonoursThreads) {
  testing::TempDir dir;
  GenerateOptions g;
  g.country = "KR";
  g.sites = 6000;
  g.seed = 5;
  g.out = (dir.path() / "kr").string();
  g.data_dir = std::string(RINGFENCE_SOURCE_DIR) + "/data";
  generate_network(g);
  const LoadedBundle bundle = load_bundle(g.out);
  const Days at = *parse_iso_date("2024-06-01");
  const auto policies = [] {
    return std::vector<Policy>{load_policy("us-kr-sensitive"), load_policy("uk-2020")};
  };
  const CheckResult one = evaluate(bundle.network, policies(), at, 1);
  EXPECT_EQ(one.peak_threads, 1u);
  const CheckResult two = evaluate(bundle.network, policies(), at, 2);
  EXPECT_EQ(two.peak_threads, 2u);
  const CheckResult three = evaluate(bundle.network, policies(), at, 3);
  EXPECT_EQ(three.peak_threads, 3u);
  // Same findings whatever the number of threads.
  ASSERT_EQ(one.findings.size(), three.findings.size());
  ASSERT_GT(one.findings.size(), 0u);
  for (std::size_t i = 0; i < one.findings.size(); ++i) {
    EXPECT_EQ(one.findings[i].element, three.findings[i].element);
    EXPECT_EQ(one.findings[i].rule, three.findings[i].rule);
  }
}

}  // namespace ringfence
