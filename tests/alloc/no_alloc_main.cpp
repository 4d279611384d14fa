// The simulator's hot path allocates nothing — the per-replicate statistics and one
// participant's simulated course: this separate test program counts every heap
// allocation (its own operator new) around the calls, after warm-up.
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <new>
#include <random>
#include <vector>

#include "model/course.h"
#include "model/course_lanes.h"
#include "model/model.h"
#include "stats/cox.h"
#include "stats/hot_path.h"
#include "stats/mcpmod.h"
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
void* operator new(std::size_t n, std::align_val_t a) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  const auto al = static_cast<std::size_t>(a);
  if (void* p = std::aligned_alloc(al, (n + al - 1) / al * al)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

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
  std::vector<std::vector<double>> xs;
  for (double g : group) xs.push_back({g});
  const auto cg = cox(time, event, xs);
  const auto c1 = cox_one_covariate(time, event, group, ws);
  if (!cg || std::fabs(cg.value->coef[0] - c1.coef) > 1e-9 || std::fabs(cg.value->se[0] - c1.se) > 1e-9) {
    std::printf("cox_one_covariate differs from cox\n");
    ++failures;
  }
  // MCP-Mod: 4 doses × 40, the design from the general function.
  std::vector<double> dose, resp;
  std::normal_distribution<double> noise(0, 3);
  for (double d : {0.0, 0.2, 0.5, 1.0})
    for (int i = 0; i < 40; ++i) {
      dose.push_back(d);
      resp.push_back(-2 - 6 * d / (0.1 + d) + noise(rng));
    }
  const std::vector<CandidateModel> models = {{"linear", {}}, {"emax", {0.2}}, {"quadratic", {-0.7}}};
  const auto general_mct = mct_test(dose, resp, models, true, 0.025, false);
  McpDesign design{general_mct.value->contrasts, {}, {40, 40, 40, 40}};
  for (double d : dose) design.level.push_back(d == 0 ? 0 : d == 0.2 ? 1 : d == 0.5 ? 2 : 3);
  McpWorkspace mws(4);
  std::vector<double> t(models.size());
  mct_statistics(design, resp, mws, t);
  for (std::size_t m = 0; m < t.size(); ++m) {
    if (std::fabs(t[m] - general_mct.value->t[m]) > 1e-9) {
      std::printf("mct_statistics differs from mct_test\n");
      ++failures;
      break;
    }
  }
  // No allocation across many replicates.
  const long before = g_allocations.load();
  double sink = 0;
  for (int r = 0; r < 1000; ++r) {
    sink += log_rank_two_groups(time, event, group, ws).chisq;
    sink += fisher_two_sided_p(table);
    sink += cox_one_covariate(time, event, group, ws).coef;
    mct_statistics(design, resp, mws, t);
    sink += t[0];
  }
  const long allocated = g_allocations.load() - before;
  if (allocated != 0) {
    std::printf("the hot path allocated %ld times in 1000 replicates\n", allocated);
    ++failures;
  }
  // One participant's course: variability, the ODE, daily events, visits (He 2020 regimen).
  using namespace il2t::model;
  ModelLoad ml = load_model(default_model_dir());
  if (!ml.model) {
    std::printf("the shipped model does not load\n");
    return 1;
  }
  const Model& m = *ml.model;
  CoursePlan plan;
  plan.days = 169;
  for (int cycle = 0; cycle < 3; ++cycle)
    for (int k = 0; k < 7; ++k) plan.doses.push_back({DoseAt::Kind::il2, 28 * cycle + 2 * k + 1, 1.0, true});
  for (int w : {0, 2, 4, 8, 12, 16, 20, 24}) plan.visits.push_back({7 * w + 1, w});
  CourseBuffers buffers;
  buffers.reserve(plan);
  // Every disease's observations (SLE with CMV followed), in turn.
  auto participant = [&](std::uint64_t id) {
    const Disease d = id % 3 == 0 ? Disease::sle : id % 3 == 1 ? Disease::pss : Disease::jia;
    Covariates c = m.typical_covariates(d);
    if (d == Disease::sle) c.cmv_copies = m.bound.p.cmv_baseline_copies;
    Stream eta(42, 0, id, Purpose::variability);
    const Individual ind = make_individual(m.individual_parameters(eta), c);
    return simulate_course(ind, m.tables, m.typical_targets(d), plan, {42, 0, id}, buffers).ok;
  };
  bool ok = participant(0) && participant(1) && participant(2);
  const long before_course = g_allocations.load();
  for (std::uint64_t id = 3; id < 63; ++id) ok = participant(id) && ok;
  const long course_allocations = g_allocations.load() - before_course;
  if (!ok || course_allocations != 0) {
    std::printf("simulating 60 participants allocated %ld times (ok %d)\n", course_allocations, ok);
    ++failures;
  }
  // The same participants' courses in the lane solver (as the trial engine runs them):
  // the second pass over reserved buffers allocates nothing.
  std::vector<Individual> inds;
  std::vector<BaselineTargets> targets;
  for (std::uint64_t id = 0; id < 60; ++id) {
    const Disease d = id % 3 == 0 ? Disease::sle : id % 3 == 1 ? Disease::pss : Disease::jia;
    Covariates c = m.typical_covariates(d);
    if (d == Disease::sle) c.cmv_copies = m.bound.p.cmv_baseline_copies;
    Stream eta(42, 0, id, Purpose::variability);
    inds.push_back(make_individual(m.individual_parameters(eta), c));
    targets.push_back(m.typical_targets(d));
  }
  std::vector<CourseBuffers> bufs(60);
  std::vector<CourseResult> results(60);
  std::vector<CourseJob> jobs;
  for (std::size_t i = 0; i < 60; ++i) {
    bufs[i].reserve(plan);
    jobs.push_back({&inds[i], &targets[i], &plan, {42, 0, i}, &bufs[i], &results[i]});
  }
  auto lanes = std::make_unique<CourseLanes>();
  lanes->simulate(m.tables, jobs);
  const long before_lanes = g_allocations.load();
  lanes->simulate(m.tables, jobs);
  const long lane_allocations = g_allocations.load() - before_lanes;
  bool lanes_ok = true;
  for (const CourseResult& r : results) lanes_ok = lanes_ok && r.ok;
  if (!lanes_ok || lane_allocations != 0) {
    std::printf("60 participants in the lane solver allocated %ld times (ok %d)\n", lane_allocations, lanes_ok);
    ++failures;
  }
  std::printf("%d passed, %d failed\n", 7 - failures, failures);
  return failures == 0 && std::isfinite(sink) ? 0 : 1;
}
