// The solver against SUNDIALS CVODE: every arm of every shipped protocol, integrated by
// the model's own solver at its shipped tolerances and by CVODE (BDF, dense Newton) at
// rtol 1e-12, must agree to a relative 1e-6 at every day for every state: the difference
// at each day is at most 1e-6 of the state's largest value over the course (sampled
// hourly from the reference and just after each dose, so the peaks count) plus 1e-7 of
// its natural scale for states that stay at zero.
#include <gtest/gtest.h>

#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "model/integrator.h"
#include "model/model_fixture.h"
#include "model/rhs.h"
#include "model/rng.h"

namespace il2t::model {
namespace {

constexpr double kReferenceRtol = 1e-12;
constexpr double kAgreement = 1e-6;
constexpr int kSamplesPerDay = 24;
constexpr double kZero = 1e-7;  // a state below this share of its natural scale counts as zero

struct CvodeData {
  const Individual* ind;
  Inputs u;
};

int cvode_rhs(sunrealtype, N_Vector y, N_Vector dy, void* user) {
  auto* d = static_cast<CvodeData*>(user);
  rhs(*d->ind, d->u, N_VGetArrayPointer(y), N_VGetArrayPointer(dy));
  return 0;
}

// Owns CVODE's memory (RAII), so a failed assertion leaks nothing.
class Cvode {
 public:
  Cvode(const Individual& ind, const StateVector& x0) : data_{&ind, {ind.cov.prednisone}} {
    SUNContext_Create(nullptr, &ctx_);
    y_ = N_VNew_Serial(kStateCount, ctx_);
    atol_ = N_VNew_Serial(kStateCount, ctx_);
    for (std::size_t i = 0; i < kStateCount; ++i) {
      NV_Ith_S(y_, i) = x0[i];
      NV_Ith_S(atol_, i) = ind.scale[i] * kReferenceRtol;
    }
    mem_ = CVodeCreate(CV_BDF, ctx_);
    CVodeInit(mem_, cvode_rhs, 0.0, y_);
    CVodeSVtolerances(mem_, kReferenceRtol, atol_);
    CVodeSetUserData(mem_, &data_);
    a_ = SUNDenseMatrix(kStateCount, kStateCount, ctx_);
    ls_ = SUNLinSol_Dense(y_, a_, ctx_);
    CVodeSetLinearSolver(mem_, ls_, a_);
    CVodeSetMaxNumSteps(mem_, 1000000);
  }
  ~Cvode() {
    CVodeFree(&mem_);
    SUNLinSolFree(ls_);
    SUNMatDestroy(a_);
    N_VDestroy(y_);
    N_VDestroy(atol_);
    SUNContext_Free(&ctx_);
  }
  Cvode(const Cvode&) = delete;
  Cvode& operator=(const Cvode&) = delete;

  // Integrates to t1 exactly (stop time), without stepping past it; records the
  // largest magnitude of each state at `samples` equally spaced points on the way.
  bool advance(double t0, double t1, int samples, StateVector& peak) {
    CVodeSetStopTime(mem_, t1);
    sunrealtype t = 0;
    for (int k = 1; k <= samples; ++k) {
      if (CVode(mem_, t0 + (t1 - t0) * k / samples, y_, &t, CV_NORMAL) < 0) return false;
      for (std::size_t i = 0; i < kStateCount; ++i) peak[i] = std::max(peak[i], std::fabs(NV_Ith_S(y_, i)));
    }
    return true;
  }
  void restart(double t) { CVodeReInit(mem_, t, y_); }
  double& at(std::size_t i) { return NV_Ith_S(y_, i); }

 private:
  CvodeData data_;
  SUNContext ctx_ = nullptr;
  N_Vector y_ = nullptr, atol_ = nullptr;
  SUNMatrix a_ = nullptr;
  SUNLinearSolver ls_ = nullptr;
  void* mem_ = nullptr;
};

// Integrates one participant's plan both ways and checks every state every day.
void expect_agreement(const Individual& ind, const CoursePlan& plan) {
  Integrator ours(ind);
  StateVector x = baseline_state(ind);
  Cvode ref(ind, x);
  const Inputs u{ind.cov.prednisone};
  std::vector<StateVector> a, b;
  StateVector peak{};
  std::size_t next = 0;
  for (int day = 1; day <= plan.days; ++day) {
    bool dosed = false;
    for (; next < plan.doses.size() && plan.doses[next].day == day; ++next) {
      const DoseAt& d = plan.doses[next];
      StateVector before = x;
      if (d.kind == DoseAt::Kind::il2) ours.dose_il2(x, d.amount);
      if (d.kind == DoseAt::Kind::sirolimus) ours.dose_sirolimus(x, d.amount);
      for (std::size_t i = 0; i < kStateCount; ++i) ref.at(i) += x[i] - before[i];
      dosed = true;
    }
    if (dosed) {
      ref.restart(day - 1);
      for (std::size_t i = 0; i < kStateCount; ++i) peak[i] = std::max(peak[i], std::fabs(ref.at(i)));
    }
    ASSERT_EQ(ours.advance(day - 1, day, x, u), SolveStatus::ok);
    ASSERT_TRUE(ref.advance(day - 1, day, kSamplesPerDay, peak));
    a.push_back(x);
    StateVector r{};
    for (std::size_t i = 0; i < kStateCount; ++i) r[i] = ref.at(i);
    b.push_back(r);
  }
  for (std::size_t i = 0; i < kStateCount; ++i) {
    double worst = 0;  // the largest excess over the allowed difference
    std::size_t worst_day = 0;
    for (std::size_t k = 0; k < a.size(); ++k) {
      const double excess = std::fabs(a[k][i] - b[k][i]) / (kAgreement * peak[i] + kZero * ind.scale[i]);
      if (excess > worst) { worst = excess; worst_day = k + 1; }
    }
    EXPECT_LE(worst, 1.0) << kStateNames[i] << " on day " << worst_day << ": ours "
                          << (worst_day ? a[worst_day - 1][i] : 0) << ", CVODE " << (worst_day ? b[worst_day - 1][i] : 0)
                          << ", largest value " << peak[i];
  }
}

TEST(CvodeReference, EverySeedRegimenAgreesToOneInAMillion) {
  const Model m = test::shipped_model();
  const auto cases = test::seed_arm_cases(m);
  ASSERT_GE(cases.size(), 10u);
  for (const test::ArmCase& c : cases) {
    SCOPED_TRACE(c.protocol_id + " arm " + c.arm);
    expect_agreement(make_individual(m.bound.p, c.cov), c.plan);
  }
}

// The long tier: participants drawn with inter-individual variability (and CMV
// followed), 20 per drug-giving arm of every protocol.
TEST(CvodeReference, VariedParticipantsAgreeLong) {
  const Model m = test::shipped_model();
  for (const test::ArmCase& c : test::seed_arm_cases(m)) {
    for (std::uint64_t id = 0; id < 20; ++id) {
      SCOPED_TRACE(c.protocol_id + " arm " + c.arm + " participant " + std::to_string(id));
      Stream eta(2027, 0, id, Purpose::variability);
      Covariates cov = c.cov;
      if (id % 2 == 0) cov.cmv_copies = m.bound.p.cmv_baseline_copies;
      expect_agreement(make_individual(m.individual_parameters(eta), cov), c.plan);
    }
  }
}

}  // namespace
}  // namespace il2t::model
