// One participant's 24-week trajectory under the He 2020 regimen (1 MIU every other
// day for 2 weeks, 2 weeks off, 3 cycles; the typical SLE participant), solved by the
// model's Dormand–Prince solver at the shipped tolerances, against SUNDIALS CVODE
// (BDF and Adams, dense direct linear solver) on the same equations, doses and
// tolerances in the same run; and the full stochastic course (variability, daily
// events, visits). Prints trajectories per second per core and the ratios.
#include <benchmark/benchmark.h>

#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

#include "model/course.h"
#include "model/integrator.h"
#include "model/model.h"
#include "model/rhs.h"
#include "ratio_reporter.h"

namespace {

using namespace il2t::model;

const Model& model() {
  static const Model m = [] {
    ModelLoad ml = load_model(default_model_dir());
    if (!ml.model) throw std::runtime_error("the shipped model does not load");
    return std::move(*ml.model);
  }();
  return m;
}

constexpr int kDays = 168;  // 24 weeks

bool dose_day(int day) {
  const int d = (day - 1) % 28;
  return day <= 84 && d < 14 && d % 2 == 0;
}

void BM_Trajectory_DormandPrince(benchmark::State& state) {
  const Model& m = model();
  const Individual ind = make_individual(m.bound.p, m.typical_covariates(Disease::sle));
  const Inputs u{ind.cov.prednisone};
  long steps = 0;
  for (auto _ : state) {
    Integrator in(ind);
    StateVector x = baseline_state(ind);
    for (int day = 1; day <= kDays; ++day) {
      if (dose_day(day)) in.dose_il2(x, 1.0);
      in.advance(day - 1, day, x, u);
    }
    benchmark::DoNotOptimize(x);
    steps = in.stats().steps;
  }
  state.counters["steps"] = static_cast<double>(steps);
  state.counters["trajectories/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

struct CvodeUser {
  const Individual* ind;
  Drivers d;
};

int cvode_rhs(sunrealtype, N_Vector y, N_Vector dy, void* user) {
  auto* c = static_cast<CvodeUser*>(user);
  rhs(*c->ind, c->d, N_VGetArrayPointer(y), N_VGetArrayPointer(dy));
  return 0;
}

void cvode_trajectory(benchmark::State& state, int method) {
  const Model& m = model();
  const Individual ind = make_individual(m.bound.p, m.typical_covariates(Disease::sle));
  CvodeUser user{&ind, drivers(ind, Inputs{ind.cov.prednisone})};
  SUNContext ctx;
  SUNContext_Create(nullptr, &ctx);
  N_Vector y = N_VNew_Serial(kStateCount, ctx), atol = N_VNew_Serial(kStateCount, ctx);
  const StateVector x0 = baseline_state(ind);
  for (std::size_t i = 0; i < kStateCount; ++i) NV_Ith_S(atol, i) = ind.atol[i];
  void* mem = CVodeCreate(method, ctx);
  for (std::size_t i = 0; i < kStateCount; ++i) NV_Ith_S(y, i) = x0[i];
  CVodeInit(mem, cvode_rhs, 0.0, y);
  CVodeSVtolerances(mem, ind.p.rtol, atol);
  CVodeSetUserData(mem, &user);
  SUNMatrix a = SUNDenseMatrix(kStateCount, kStateCount, ctx);
  SUNLinearSolver ls = SUNLinSol_Dense(y, a, ctx);
  CVodeSetLinearSolver(mem, ls, a);
  CVodeSetMaxNumSteps(mem, 1000000);
  for (auto _ : state) {
    for (std::size_t i = 0; i < kStateCount; ++i) NV_Ith_S(y, i) = x0[i];
    CVodeReInit(mem, 0.0, y);
    for (int day = 1; day <= kDays; ++day) {
      if (dose_day(day)) {
        NV_Ith_S(y, kIl2Depot) += ind.il2_f * ind.pmol_per_miu;
        CVodeReInit(mem, day - 1, y);
      }
      CVodeSetStopTime(mem, day);
      sunrealtype t = 0;
      CVode(mem, day, y, &t, CV_NORMAL);
    }
    benchmark::DoNotOptimize(NV_Ith_S(y, kTreg));
  }
  state.counters["trajectories/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  CVodeFree(&mem);
  SUNLinSolFree(ls);
  SUNMatDestroy(a);
  N_VDestroy(y);
  N_VDestroy(atol);
  SUNContext_Free(&ctx);
}

void BM_Trajectory_CvodeBdf(benchmark::State& state) { cvode_trajectory(state, CV_BDF); }
void BM_Trajectory_CvodeAdams(benchmark::State& state) { cvode_trajectory(state, CV_ADAMS); }

// The whole course: variability, the ODE, daily infections and flares, reactions to
// each injection, and 8 visits with the clinician's items and the steroid rule.
void BM_Course(benchmark::State& state) {
  const Model& m = model();
  CoursePlan plan;
  plan.days = kDays + 1;
  for (int day = 1; day <= kDays; ++day)
    if (dose_day(day)) plan.doses.push_back({DoseAt::Kind::il2, day, 1.0, true});
  for (int w : {0, 2, 4, 8, 12, 16, 20, 24}) plan.visits.push_back({7 * w + 1, w});
  CourseBuffers buffers;
  buffers.reserve(plan);
  std::uint64_t id = 0;
  for (auto _ : state) {
    Stream eta(1, 0, ++id, Purpose::variability);
    const Individual ind = make_individual(m.individual_parameters(eta), m.typical_covariates(Disease::sle));
    benchmark::DoNotOptimize(
        simulate_course(ind, m.tables, m.typical_targets(Disease::sle), plan, {1, 0, id}, buffers).ok);
  }
  state.counters["courses/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

BENCHMARK(BM_Trajectory_DormandPrince)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Trajectory_CvodeBdf)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Trajectory_CvodeAdams)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Course)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  il2t::bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.print_ratios("BM_Trajectory_DormandPrince", "the model's solver");
  benchmark::Shutdown();
  return 0;
}
