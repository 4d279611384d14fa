// One participant's 24-week trajectory under the He 2020 regimen (1 MIU every other
// day for 2 weeks, 2 weeks off, 3 cycles; the typical SLE participant), solved by the
// model's Dormand–Prince solver at the shipped tolerances, against the SUNDIALS
// methods on the same equations, doses and tolerances in the same run: CVODE (BDF and
// Adams, dense direct linear solver), ARKODE's explicit tables (Dormand–Prince 7-4-5,
// Verner 8-5-6, Fehlberg 13-7-8) and ARKODE's IMEX ARK5(4)8L with the stiff linear
// decays (plasma IL-2, the depots) implicit; and the full stochastic course
// (variability, daily events, visits); and the lane solver the trial engine uses
// (several participants at once, one SIMD lane each), for copies of the typical
// participant, for participants with their own variability against the same ones one
// at a time, and for whole courses. Prints trajectories per second per core, the
// steps and right-hand-side evaluations, and the ratios.
#include <benchmark/benchmark.h>

#include <chrono>
#include <vector>

#include <arkode/arkode_arkstep.h>
#include <arkode/arkode_erkstep.h>
#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

#include "model/course.h"
#include "model/course_lanes.h"
#include "model/integrator_lanes.h"
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
  long steps = 0, evals = 0, dose_day_steps = 0;
  for (auto _ : state) {
    Integrator in(ind);
    StateVector x = baseline_state(ind);
    dose_day_steps = 0;
    for (int day = 1; day <= kDays; ++day) {
      const long before = in.stats().steps;
      if (dose_day(day)) in.dose_il2(x, 1.0);
      in.advance(day - 1, day, x, u);
      if (dose_day(day)) dose_day_steps += in.stats().steps - before;
    }
    benchmark::DoNotOptimize(x);
    steps = in.stats().steps;
    evals = in.stats().evaluations;
  }
  state.counters["steps"] = static_cast<double>(steps);
  state.counters["evals"] = static_cast<double>(evals);
  state.counters["steps_per_dose_day"] = static_cast<double>(dose_day_steps) / 21.0;
  state.counters["trajectories/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

// The equations' constants are built once per trajectory, as the model's own
// Integrator does, so the peers pay for the equations only.
struct CvodeUser {
  const Individual* ind;
  Drivers d;
  ScalarConstants k;
};

int cvode_rhs(sunrealtype, N_Vector y, N_Vector dy, void* user) {
  auto* c = static_cast<CvodeUser*>(user);
  rhs(c->k, c->d, N_VGetArrayPointer(y), N_VGetArrayPointer(dy));
  return 0;
}

void cvode_trajectory(benchmark::State& state, int method) {
  const Model& m = model();
  const Individual ind = make_individual(m.bound.p, m.typical_covariates(Disease::sle));
  CvodeUser user{&ind, drivers(ind, Inputs{ind.cov.prednisone}), rhs_constants(ind)};
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
  long steps = 0, evals = 0;
  auto count = [&] {
    long s1 = 0, f1 = 0;
    CVodeGetNumSteps(mem, &s1);
    CVodeGetNumRhsEvals(mem, &f1);
    steps += s1;
    evals += f1;
  };
  for (auto _ : state) {
    steps = evals = 0;
    for (std::size_t i = 0; i < kStateCount; ++i) NV_Ith_S(y, i) = x0[i];
    CVodeReInit(mem, 0.0, y);
    for (int day = 1; day <= kDays; ++day) {
      if (dose_day(day)) {
        count();
        NV_Ith_S(y, kIl2Depot) += ind.il2_f * ind.pmol_per_miu;
        CVodeReInit(mem, day - 1, y);
      }
      CVodeSetStopTime(mem, day);
      sunrealtype t = 0;
      CVode(mem, day, y, &t, CV_NORMAL);
    }
    count();
    benchmark::DoNotOptimize(NV_Ith_S(y, kTreg));
  }
  state.counters["steps"] = static_cast<double>(steps);
  state.counters["evals"] = static_cast<double>(evals);
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

// ARKODE: explicit tables, or IMEX with the linear decays of plasma IL-2 (clearance and
// consumption linearised at the day's cell counts) and of both depots implicit.
struct ArkUser {
  const Individual* ind;
  Drivers d;
  ScalarConstants k;  // built once, as CvodeUser's
  double lambda = 0;  // plasma IL-2's linear decay rate, 1/day
};

double plasma_decay(const Individual& ind, const double* x) {
  return ind.il2_kel + ind.treg.consume * x[kTreg] / ind.treg.kd +
         ind.tconv.consume * (x[kTconv] + x[kTfh] + x[kTh17]) / ind.tconv.kd + ind.cd8.consume * x[kCd8] / ind.cd8.kd +
         ind.nkb.consume * (x[kNkBright] + x[kNkDim]) / ind.nkb.kd;
}

int ark_full(sunrealtype, N_Vector y, N_Vector dy, void* user) {
  auto* a = static_cast<ArkUser*>(user);
  rhs(a->k, a->d, N_VGetArrayPointer(y), N_VGetArrayPointer(dy));
  return 0;
}
int ark_explicit(sunrealtype, N_Vector y, N_Vector dy, void* user) {
  auto* a = static_cast<ArkUser*>(user);
  const double* x = N_VGetArrayPointer(y);
  double* f = N_VGetArrayPointer(dy);
  rhs(a->k, a->d, x, f);
  f[kIl2Plasma] += a->lambda * x[kIl2Plasma];
  f[kIl2Depot] += a->ind->il2_ka * x[kIl2Depot];
  f[kIl2Transit] += a->ind->il2_ktr * x[kIl2Transit] - a->ind->il2_ka * x[kIl2Depot];
  f[kRapaGut] += a->ind->rapa_ka * x[kRapaGut];
  return 0;
}
int ark_implicit(sunrealtype, N_Vector y, N_Vector dy, void* user) {
  auto* a = static_cast<ArkUser*>(user);
  const double* x = N_VGetArrayPointer(y);
  double* f = N_VGetArrayPointer(dy);
  for (std::size_t i = 0; i < kStateCount; ++i) f[i] = 0;
  f[kIl2Plasma] = -a->lambda * x[kIl2Plasma];
  f[kIl2Depot] = -a->ind->il2_ka * x[kIl2Depot];
  f[kIl2Transit] = a->ind->il2_ka * x[kIl2Depot] - a->ind->il2_ktr * x[kIl2Transit];
  f[kRapaGut] = -a->ind->rapa_ka * x[kRapaGut];
  return 0;
}

// table >= 0: ERKStep with that table; table < 0: ARKStep IMEX of order 5.
void arkode_trajectory(benchmark::State& state, int table) {
  const Model& m = model();
  const Individual ind = make_individual(m.bound.p, m.typical_covariates(Disease::sle));
  ArkUser user{&ind, drivers(ind, Inputs{ind.cov.prednisone}), rhs_constants(ind), 0};
  SUNContext ctx;
  SUNContext_Create(nullptr, &ctx);
  N_Vector y = N_VNew_Serial(kStateCount, ctx), atol = N_VNew_Serial(kStateCount, ctx);
  const StateVector x0 = baseline_state(ind);
  for (std::size_t i = 0; i < kStateCount; ++i) NV_Ith_S(atol, i) = ind.atol[i];
  for (std::size_t i = 0; i < kStateCount; ++i) NV_Ith_S(y, i) = x0[i];
  const bool imex = table < 0;
  SUNMatrix a = SUNDenseMatrix(kStateCount, kStateCount, ctx);
  SUNLinearSolver ls = SUNLinSol_Dense(y, a, ctx);
  void* mem = imex ? ARKStepCreate(ark_explicit, ark_implicit, 0.0, y, ctx) : ERKStepCreate(ark_full, 0.0, y, ctx);
  auto setup = [&] {
    if (imex) {
      ARKStepSVtolerances(mem, ind.p.rtol, atol);
      ARKStepSetUserData(mem, &user);
      ARKStepSetMaxNumSteps(mem, 1000000);
      ARKStepSetLinearSolver(mem, ls, a);
      ARKStepSetLinear(mem, 1);
      ARKStepSetOrder(mem, 5);
    } else {
      ERKStepSVtolerances(mem, ind.p.rtol, atol);
      ERKStepSetUserData(mem, &user);
      ERKStepSetMaxNumSteps(mem, 1000000);
      ERKStepSetTableNum(mem, static_cast<ARKODE_ERKTableID>(table));
    }
  };
  setup();
  long steps = 0, evals = 0;
  auto count = [&] {
    long s1 = 0, f1 = 0, f2 = 0;
    if (imex) { ARKStepGetNumSteps(mem, &s1); ARKStepGetNumRhsEvals(mem, &f1, &f2); }
    else { ERKStepGetNumSteps(mem, &s1); ERKStepGetNumRhsEvals(mem, &f1); }
    steps += s1;
    evals += f1;
  };
  for (auto _ : state) {
    steps = evals = 0;
    for (std::size_t i = 0; i < kStateCount; ++i) NV_Ith_S(y, i) = x0[i];
    for (int day = 1; day <= kDays; ++day) {
      if (day == 1 || dose_day(day)) {
        if (day > 1) count();
        if (dose_day(day)) NV_Ith_S(y, kIl2Depot) += ind.il2_f * ind.pmol_per_miu;
        if (imex) ARKStepReInit(mem, ark_explicit, ark_implicit, day - 1, y);
        else ERKStepReInit(mem, ark_full, day - 1, y);
        setup();
      }
      user.lambda = plasma_decay(ind, N_VGetArrayPointer(y));
      sunrealtype t = 0;
      if (imex) { ARKStepSetStopTime(mem, day); ARKStepEvolve(mem, day, y, &t, ARK_NORMAL); }
      else { ERKStepSetStopTime(mem, day); ERKStepEvolve(mem, day, y, &t, ARK_NORMAL); }
    }
    count();
    benchmark::DoNotOptimize(NV_Ith_S(y, kTreg));
  }
  state.counters["steps"] = static_cast<double>(steps);
  state.counters["evals"] = static_cast<double>(evals);
  state.counters["trajectories/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  if (imex) ARKStepFree(&mem);
  else ERKStepFree(&mem);
  SUNLinSolFree(ls);
  SUNMatDestroy(a);
  N_VDestroy(y);
  N_VDestroy(atol);
  SUNContext_Free(&ctx);
}

void BM_Trajectory_ArkodeDormandPrince(benchmark::State& s) { arkode_trajectory(s, ARKODE_DORMAND_PRINCE_7_4_5); }
void BM_Trajectory_ArkodeVerner6(benchmark::State& s) { arkode_trajectory(s, ARKODE_VERNER_8_5_6); }
void BM_Trajectory_ArkodeFehlberg8(benchmark::State& s) { arkode_trajectory(s, ARKODE_FEHLBERG_13_7_8); }
void BM_Trajectory_ArkodeImex5(benchmark::State& s) { arkode_trajectory(s, -1); }

// He 2020's doses over 24 weeks, with 8 visits.
CoursePlan he2020_plan() {
  CoursePlan plan;
  plan.days = kDays + 1;
  for (int day = 1; day <= kDays; ++day)
    if (dose_day(day)) plan.doses.push_back({DoseAt::Kind::il2, day, 1.0, true});
  for (int w : {0, 2, 4, 8, 12, 16, 20, 24}) plan.visits.push_back({7 * w + 1, w});
  return plan;
}

// The whole course: variability, the ODE, daily infections and flares, reactions to
// each injection, and 8 visits with the clinician's items and the steroid rule.
void BM_Course(benchmark::State& state) {
  const Model& m = model();
  const CoursePlan plan = he2020_plan();
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

// The same courses as the trial engine runs them: 64 participants a batch through
// CourseLanes; the time reported is per course.
void BM_CoursesInLanes(benchmark::State& state) {
  const Model& m = model();
  const CoursePlan plan = he2020_plan();
  constexpr std::size_t kBatch = 64;
  const BaselineTargets targets = m.typical_targets(Disease::sle);
  std::vector<Individual> inds(kBatch);
  std::vector<CourseBuffers> bufs(kBatch);
  std::vector<CourseResult> results(kBatch);
  std::vector<CourseJob> jobs(kBatch);
  for (std::size_t i = 0; i < kBatch; ++i) bufs[i].reserve(plan);
  CourseLanes lanes;
  std::uint64_t id = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < kBatch; ++i) {
      Stream eta(1, 0, ++id, Purpose::variability);
      inds[i] = make_individual(m.individual_parameters(eta), m.typical_covariates(Disease::sle));
      jobs[i] = {&inds[i], &targets, &plan, {1, 0, id}, &bufs[i], &results[i]};
    }
    lanes.simulate(m.tables, jobs);
    benchmark::DoNotOptimize(results[0].ok);
    state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / kBatch);
  }
}

// The lane solver (model/integrator_lanes.h), as the trial engine uses it: kLanes
// trajectories solved together, one SIMD lane each; the time reported is per
// trajectory. `drawn`: kLanes participants with their own variability (lanes idle
// while others still step), else kLanes copies of the typical participant.
std::vector<Individual> participants(bool drawn) {
  const Model& m = model();
  std::vector<Individual> v;
  for (std::size_t l = 0; l < kLanes; ++l) {
    Stream eta(1, 0, l + 1, Purpose::variability);
    v.push_back(make_individual(drawn ? m.individual_parameters(eta) : m.bound.p, m.typical_covariates(Disease::sle)));
  }
  return v;
}

void lanes_trajectory(benchmark::State& state, bool drawn) {
  const std::vector<Individual> inds = participants(drawn);
  IntegratorLanes integ;
  LaneState x;
  std::array<Inputs, kLanes> u;
  std::array<SolveStatus, kLanes> status;
  long steps = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t l = 0; l < kLanes; ++l) {
      integ.assign(l, inds[l]);
      put_lane(x, l, baseline_state(inds[l]));
      u[l] = Inputs{inds[l].cov.prednisone};
    }
    for (int day = 1; day <= kDays; ++day) {
      if (dose_day(day))
        for (std::size_t l = 0; l < kLanes; ++l) x[kIl2Depot][l] += inds[l].il2_f * 1.0 * inds[l].pmol_per_miu;
      LaneVec t0{}, t1{};
      t0 += day - 1;
      t1 += day;
      integ.advance(t0, t1, x, u, status);
    }
    benchmark::DoNotOptimize(x);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.SetIterationTime(s / static_cast<double>(kLanes));
    steps = 0;
    for (std::size_t l = 0; l < kLanes; ++l) steps += integ.stats(l).steps;
  }
  state.counters["lanes"] = static_cast<double>(kLanes);
  state.counters["steps"] = static_cast<double>(steps) / static_cast<double>(kLanes);
}

void one_at_a_time(benchmark::State& state, bool drawn) {
  const std::vector<Individual> inds = participants(drawn);
  long steps = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    steps = 0;
    for (const Individual& ind : inds) {
      Integrator in(ind);
      StateVector x = baseline_state(ind);
      const Inputs u{ind.cov.prednisone};
      for (int day = 1; day <= kDays; ++day) {
        if (dose_day(day)) in.dose_il2(x, 1.0);
        in.advance(day - 1, day, x, u);
      }
      benchmark::DoNotOptimize(x);
      steps += in.stats().steps;
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.SetIterationTime(s / static_cast<double>(inds.size()));
  }
  state.counters["steps"] = static_cast<double>(steps) / static_cast<double>(kLanes);
}

void BM_Trajectory_Lanes(benchmark::State& s) { lanes_trajectory(s, false); }
void BM_Drawn_OneAtATime(benchmark::State& s) { one_at_a_time(s, true); }
void BM_Drawn_Lanes(benchmark::State& s) { lanes_trajectory(s, true); }

BENCHMARK(BM_Trajectory_DormandPrince)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Trajectory_Lanes)->Unit(benchmark::kMicrosecond)->UseManualTime();
BENCHMARK(BM_Drawn_OneAtATime)->Unit(benchmark::kMicrosecond)->UseManualTime();
BENCHMARK(BM_Drawn_Lanes)->Unit(benchmark::kMicrosecond)->UseManualTime();
BENCHMARK(BM_Trajectory_CvodeBdf)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Trajectory_CvodeAdams)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Trajectory_ArkodeDormandPrince)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Trajectory_ArkodeVerner6)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Trajectory_ArkodeFehlberg8)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Trajectory_ArkodeImex5)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Course)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CoursesInLanes)->Unit(benchmark::kMicrosecond)->UseManualTime();

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  il2t::bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.print_ratios("BM_Trajectory_DormandPrince", "the model's solver");
  benchmark::Shutdown();
  return 0;
}
