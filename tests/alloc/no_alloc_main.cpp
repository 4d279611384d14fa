// The simulator's per-replicate statistics allocate nothing: this separate test program
// counts every heap allocation (its own operator new) around the calls, after warm-up.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <random>
#include <vector>

#include "stats/hot_path.h"
#include "stats/survival.h"
#include "stats/tables.h"

namespace {
std::atomic<long> g_allocations{0};
}

void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

int main() {
  using namespace il2t::stats;
  std::mt19937_64 rng(7);
  std::exponential_distribution<double> e(0.1);
  std::vector<double> time, event, group;
  for (int i = 0; i < 500; ++i) {
    time.push_back(std::round(e(rng) * 10) / 10);
    event.push_back(i % 5 ? 1 : 0);
    group.push_back(i % 2);
  }
  LogRankWorkspace ws(time.size());
  const Table2x2 table = {{{52, 28}, {38, 42}}};
  int failures = 0;
  // Same answers as the general functions.
  const auto general = log_rank(time, event, group);
  const auto fast = log_rank_two_groups(time, event, group, ws);
  if (!general || std::fabs(general.value->test.statistic.value() - fast.chisq) > 1e-9 * fast.chisq) {
    std::printf("log_rank_two_groups differs from log_rank\n");
    ++failures;
  }
  if (std::fabs(fisher_exact(table).value->p_value.value() - fisher_two_sided_p(table)) > 1e-12) {
    std::printf("fisher_two_sided_p differs from fisher_exact\n");
    ++failures;
  }
  // No allocation across many replicates.
  const long before = g_allocations.load();
  double sink = 0;
  for (int r = 0; r < 1000; ++r) {
    sink += log_rank_two_groups(time, event, group, ws).chisq;
    sink += fisher_two_sided_p(table);
  }
  const long allocated = g_allocations.load() - before;
  if (allocated != 0) {
    std::printf("the hot path allocated %ld times in 1000 replicates\n", allocated);
    ++failures;
  }
  std::printf("%d passed, %d failed\n", 3 - failures, failures);
  return failures == 0 && sink > 0 ? 0 : 1;
}
