// Properties of the model and its solver: mass balance, a steady state without drug,
// dose–response, the timing of the Treg response and its return, doses applied exactly
// once, waning exposure on daily dosing, and reproducible stochastic courses.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "instruments/sri.h"
#include "model/course.h"
#include "model/integrator.h"
#include "model/observe.h"
#include "model/model_fixture.h"
#include "model/rhs.h"
#include "model/solver.h"

namespace il2t::model {
namespace {

// Daily states (at the start of each day) of the typical SLE participant under `plan`.
std::vector<StateVector> run_days(const Individual& ind, const CoursePlan& plan) {
  Integrator in(ind);
  StateVector x = baseline_state(ind);
  const Inputs u{ind.cov.prednisone};
  std::vector<StateVector> out;
  std::size_t next = 0;
  for (int day = 1; day <= plan.days; ++day) {
    out.push_back(x);
    for (; next < plan.doses.size() && plan.doses[next].day == day; ++next) in.dose_il2(x, plan.doses[next].amount);
    EXPECT_EQ(in.advance(day - 1, day, x, u), SolveStatus::ok);
  }
  out.push_back(x);
  return out;
}

Individual typical(const Model& m) { return make_individual(m.bound.p, m.typical_covariates(Disease::sle)); }

std::pair<double, int> peak_of(const std::vector<StateVector>& xs, State s) {
  auto it = std::max_element(xs.begin(), xs.end(), [s](const StateVector& a, const StateVector& b) { return a[s] < b[s]; });
  return {(*it)[s], static_cast<int>(it - xs.begin()) + 1};
}

TEST(ModelProperties, Il2MassBalance) {
  const Model m = test::shipped_model();
  const Individual ind = typical(m);
  // The model plus two accumulators: IL-2 cleared linearly and consumed by cells, pmol.
  constexpr std::size_t N = kStateCount + 2;
  std::array<double, N> atol{};
  for (std::size_t i = 0; i < kStateCount; ++i) atol[i] = ind.atol[i] * 1e-3;
  atol[kStateCount] = atol[kStateCount + 1] = 1e-9;
  SolverSettings s;
  s.rtol = 1e-11;
  DormandPrince<N> solver(s, atol);
  const Drivers d = drivers(ind, Inputs{ind.cov.prednisone});
  auto f = [&](double, const double* y, double* dy) {
    rhs(ind, d, y, dy);
    const Il2Fluxes fl = il2_fluxes(ind, y);
    dy[kStateCount] = fl.linear;
    dy[kStateCount + 1] = fl.consumption;
  };
  std::array<double, N> y{};
  const StateVector x0 = baseline_state(ind);
  std::copy(x0.begin(), x0.end(), y.begin());
  const double absorbed = ind.il2_f * ind.pmol_per_miu;  // 1 MIU
  y[kIl2Depot] = absorbed;
  double t0 = 0;
  for (double t : {0.25, 0.5, 1.0, 2.0, 5.0}) {
    ASSERT_EQ(solver.integrate(f, t0, t, y, [](auto&) { return false; }), SolveStatus::ok);
    t0 = t;
    const double held = y[kIl2Depot] + y[kIl2Transit] + y[kIl2Plasma] * ind.il2_v;
    EXPECT_NEAR(held + y[kStateCount] + y[kStateCount + 1], absorbed, 1e-8 * absorbed) << "t = " << t;
  }
  // Most of the dose is gone by day 5, and cells took a real share of it.
  EXPECT_LT(y[kIl2Depot] + y[kIl2Transit] + y[kIl2Plasma] * ind.il2_v, 1e-6 * absorbed);
  EXPECT_GT(y[kStateCount + 1], 0.05 * absorbed);
  EXPECT_GT(y[kStateCount], 0.5 * absorbed);
}

TEST(ModelProperties, SteadyStateWithoutDrug) {
  // Standard care holding activity where it is (soc_fraction 1): nothing changes.
  const Model m = test::shipped_model({{"activity.soc_fraction", 1.0}});
  Covariates c = m.typical_covariates(Disease::sle);
  c.cmv_copies = m.bound.p.cmv_baseline_copies;  // CMV on its plateau
  const Individual ind = make_individual(m.bound.p, c);
  CoursePlan plan;
  plan.days = 168;
  const auto xs = run_days(ind, plan);
  const StateVector x0 = baseline_state(ind);
  for (std::size_t i = 0; i < kStateCount; ++i)
    EXPECT_NEAR(xs.back()[i], x0[i], 1e-12 * std::max(1.0, std::fabs(x0[i]))) << kStateNames[i];
}

TEST(ModelProperties, WholeNumberHelperSuppressionMatchesPow) {
  // A whole-number cells.helper_suppression is computed by repeated squaring instead of
  // pow: the right-hand side must agree with pow's to rounding, and a value just off the
  // whole number (pow's path) must sit next to it.
  for (const double sigma : {0.0, 1.0, 2.0, 3.0, 5.0}) {
    const Model m = test::shipped_model({{"cells.helper_suppression", sigma}});
    Individual ind = typical(m);
    ASSERT_EQ(ind.helper_power, static_cast<int>(sigma));
    StateVector x = baseline_state(ind);
    x[kTreg] *= 2.7;  // Treg above baseline: the helpers are held down
    x[kIl2Plasma] = 12;
    StateVector fast{}, slow{};
    const Inputs u{ind.cov.prednisone};
    rhs(ind, u, x.data(), fast.data());
    ind.helper_power = -1;  // force pow
    rhs(ind, u, x.data(), slow.data());
    for (std::size_t i = 0; i < kStateCount; ++i)
      EXPECT_NEAR(fast[i], slow[i], 1e-14 * std::max(1.0, std::fabs(slow[i]))) << kStateNames[i] << " sigma " << sigma;
    const double expected = std::pow(1 / 2.7, sigma);
    const double growth = (1 + ind.tconv.emax * x[kSigTconv]) * expected;
    EXPECT_NEAR(fast[kTfh], ind.tfh.turnover * x[kTfh] * (growth - x[kTfh] * ind.tfh.inv_baseline), 1e-12);
  }
  EXPECT_EQ(make_individual(test::shipped_model({{"cells.helper_suppression", 4.955}}).bound.p,
                            test::shipped_model().typical_covariates(Disease::sle)).helper_power, -1);
}

TEST(ModelProperties, TregResponseIsMonotoneInDose) {
  const Model m = test::shipped_model();
  const Individual ind = typical(m);
  double previous = ind.treg.baseline;
  for (double miu : {0.1, 0.2, 0.5, 1.0, 2.0, 4.0}) {
    const std::string regimen = std::to_string(miu) + " MIU sc every other day for 2 weeks, then 2 weeks off; 3 cycles";
    const auto xs = run_days(ind, test::plan_from_regimen(regimen, 168));
    const double peak = peak_of(xs, kTreg).first;
    EXPECT_GT(peak, previous * 1.001) << miu << " MIU";
    previous = peak;
  }
}

// Glucocorticoid amplifies IL-2's drive of Treg (models/cells.toml treg_steroid_*): the
// driver is 1 + gain·P/(P + half); without IL-2 the steroid leaves Treg at baseline, and
// with it a higher prednisone dose gives a higher Treg peak, more so the larger the gain.
TEST(ModelProperties, SteroidAmplifiesTheTregResponseToIl2Only) {
  const Model m = test::shipped_model();
  ModelParams params = m.bound.p;
  params.treg_steroid_gain = 1.5;
  params.treg_steroid_half = 10;
  const Covariates cov = m.typical_covariates(Disease::sle);
  const Individual ind = make_individual(params, cov);
  for (double p : {0.0, 10.0, 30.0})
    EXPECT_DOUBLE_EQ(drivers(ind, Inputs{p}).treg_steroid, 1 + 1.5 * p / (p + 10)) << p;
  const CoursePlan dosed = test::plan_from_regimen("1 MIU sc every other day for 2 weeks, then 2 weeks off; 3 cycles", 84);
  auto peak_at = [&](double prednisone, double gain, const CoursePlan& plan) {
    ModelParams pp = params;
    pp.treg_steroid_gain = gain;
    Covariates c = cov;
    c.prednisone = prednisone;
    const Individual i = make_individual(pp, c);
    return peak_of(run_days(i, plan), kTreg).first / i.treg.baseline;
  };
  CoursePlan undosed = dosed;
  undosed.doses.clear();
  EXPECT_NEAR(peak_at(30, 1.5, undosed), 1.0, 1e-9);
  const double p0 = peak_at(0, 1.5, dosed), p10 = peak_at(10, 1.5, dosed), p30 = peak_at(30, 1.5, dosed);
  EXPECT_GT(p10, p0 * 1.05);
  EXPECT_GT(p30, p10 * 1.01);
  EXPECT_DOUBLE_EQ(peak_at(0, 0, dosed), p0);      // no prednisone: the gain does not matter
  EXPECT_DOUBLE_EQ(peak_at(30, 0, dosed), peak_at(0, 0, dosed));  // no gain: the dose does not matter
}

TEST(ModelProperties, TregPeaksWithinWeeksOfDailyDosingAndReturnsAfterStopping) {
  // koreth2011-peak: 1 MIU/m² daily for 8 weeks, median Treg peak at week 4; Tregs
  // declined when treatment stopped. The fitted model (NK and Treg cells expanding and
  // consuming IL-2, with the fitted Treg Hill of 1.53) reaches its maximum early in the
  // second week and declines towards a plateau (docs/validation.md names this a miss
  // against Koreth's week 4): the maximum must fall after the first week and within
  // week 8, the count at week 4 (day 29) must keep at least 70 % of it, and the count
  // must be back within 10 % of baseline 8 weeks after the last dose.
  const Model m = test::shipped_model();
  const Individual ind = typical(m);
  const auto xs = run_days(ind, test::plan_from_regimen("1 MIU/m2 sc daily for 8 weeks", 16 * 7));
  const auto [peak, day] = peak_of(xs, kTreg);
  EXPECT_GE(day, 7);
  EXPECT_LE(day, 8 * 7 + 1);
  EXPECT_GE(xs[28][kTreg], 0.70 * peak);
  EXPECT_GT(peak, 2 * ind.treg.baseline);
  EXPECT_NEAR(xs[16 * 7][kTreg], ind.treg.baseline, 0.10 * ind.treg.baseline);
}

TEST(ModelProperties, SingleDoseTregMaximumWithinAWeek) {
  // dilt1d-single-dose: the Treg increase after one dose is read as its maximum within
  // 7 days; the model's maximum must come after the dose and within that window.
  const Model m = test::shipped_model();
  const Individual ind = typical(m);
  const auto xs = run_days(ind, test::plan_from_regimen("0.1 MIU/m2 sc once", 28));
  const auto [peak, day] = peak_of(xs, kTreg);
  EXPECT_GT(peak, ind.treg.baseline * 1.001);
  EXPECT_GE(day, 2);
  EXPECT_LE(day, 8);
}

TEST(ModelProperties, DailyDosingExposureWanes) {
  // Consumption grows with the Treg and NK pools, so the same daily dose gives less
  // plasma IL-2 after weeks of dosing (Blood Adv 2019;3:2550).
  const Model m = test::shipped_model();
  const Individual ind = typical(m);
  const auto xs = run_days(ind, test::plan_from_regimen("1 MIU/m2 sc daily for 12 weeks", 84));
  const double day1 = xs[1][kIl2Auc] - xs[0][kIl2Auc];
  const double day42 = xs[42][kIl2Auc] - xs[41][kIl2Auc];
  EXPECT_LT(day42, 0.9 * day1);
}

TEST(ModelProperties, DosesAreAppliedExactlyOnceAtTheirTime) {
  // Integrating day by day and integrating from dose to dose only must agree: a dose at
  // an interval boundary is neither missed nor applied twice.
  const Model m = test::shipped_model();
  const Individual ind = typical(m);
  const CoursePlan plan = test::plan_from_regimen("1 MIU sc every other day for 2 weeks, then 2 weeks off; 3 cycles", 168);
  const auto daily = run_days(ind, plan);
  Integrator in(ind);
  StateVector x = baseline_state(ind);
  const Inputs u{ind.cov.prednisone};
  double t = 0;
  for (const DoseAt& d : plan.doses) {
    if (d.day - 1 > t) {
      ASSERT_EQ(in.advance(t, d.day - 1, x, u), SolveStatus::ok);
    }
    t = d.day - 1;
    const double before = x[kIl2Depot];
    in.dose_il2(x, d.amount);
    EXPECT_DOUBLE_EQ(x[kIl2Depot] - before, ind.il2_f * ind.pmol_per_miu * d.amount);
  }
  ASSERT_EQ(in.advance(t, 168, x, u), SolveStatus::ok);
  const StateVector& y = daily.back();
  EXPECT_NEAR(x[kIl2Auc], y[kIl2Auc], 1e-5 * y[kIl2Auc]);
  EXPECT_NEAR(x[kTreg], y[kTreg], 1e-6 * y[kTreg]);
  // Without receptor consumption the PK is linear: 21 doses give exactly 21 times the
  // exposure of one — no dose lost or doubled at a boundary.
  const Model lin = test::shipped_model({{"receptors.treg_count", 0}, {"receptors.tconv_count", 0},
                                         {"receptors.cd8_count", 0}, {"receptors.nk_count", 0}});
  const Individual li = typical(lin);
  const double all = run_days(li, plan).back()[kIl2Auc];
  const double one = run_days(li, test::plan_from_regimen("1 MIU sc once", 168)).back()[kIl2Auc];
  EXPECT_NEAR(all / one, 21.0, 21.0 * 1e-6);
}

TEST(ModelProperties, CmvLoadStaysBelowItsCeiling) {
  // Without immune control the load grows logistically to cmv.max_copies, no further.
  const Model m = test::shipped_model({{"cmv.control_ratio", 0.0}});
  Covariates c = m.typical_covariates(Disease::sle);
  c.cmv_copies = m.bound.p.cmv_baseline_copies;
  const Individual ind = make_individual(m.bound.p, c);
  CoursePlan plan;
  plan.days = 120;
  const auto xs = run_days(ind, plan);
  const double ceiling = std::log(m.bound.p.cmv_max_copies);
  EXPECT_GT(xs.back()[kCmvLog], ceiling - 1e-3);
  for (const StateVector& x : xs) EXPECT_LE(x[kCmvLog], ceiling + 1e-6);
}

TEST(ModelProperties, WashedOutDrugIsExactlyZero) {
  const Model m = test::shipped_model();
  const Individual ind = typical(m);
  const auto xs = run_days(ind, test::plan_from_regimen("1 MIU sc once", 21));
  EXPECT_GT(xs[1][kIl2Plasma], 0);
  EXPECT_EQ(xs[20][kIl2Plasma], 0.0);
  EXPECT_EQ(xs[20][kIl2Depot], 0.0);
  EXPECT_EQ(xs[20][kIl2Transit], 0.0);
}

TEST(ModelProperties, SameKeysGiveIdenticalCourses) {
  const Model m = test::shipped_model();
  Stream eta(7, 0, 3, Purpose::variability);
  const Individual ind = make_individual(m.individual_parameters(eta), m.typical_covariates(Disease::sle));
  CoursePlan plan = test::plan_from_regimen("1 MIU sc every other day for 2 weeks, then 2 weeks off; 3 cycles", 168);
  for (int w : {0, 2, 4, 8, 12, 16, 20, 24}) plan.visits.push_back({w * 7 + 1, w});
  auto run = [&](std::uint64_t participant) {
    CourseBuffers b;
    b.reserve(plan);
    EXPECT_TRUE(simulate_course(ind, m.tables, m.typical_targets(Disease::sle), plan, {7, 0, participant}, b).ok);
    return b;
  };
  const CourseBuffers a = run(3), b = run(3), c = run(4);
  ASSERT_EQ(a.daily.size(), b.daily.size());
  for (std::size_t k = 0; k < a.daily.size(); ++k) EXPECT_EQ(a.daily[k].x, b.daily[k].x) << "day " << k + 1;
  ASSERT_EQ(a.visits.size(), b.visits.size());
  for (std::size_t k = 0; k < a.visits.size(); ++k) {
    EXPECT_EQ(a.visits[k].sledai, b.visits[k].sledai);
    EXPECT_EQ(a.visits[k].pga, b.visits[k].pga);
  }
  ASSERT_EQ(a.events.size(), b.events.size());
  bool differs = a.events.size() != c.events.size();
  for (std::size_t k = 0; k < a.visits.size() && !differs; ++k)
    differs = a.visits[k].pga != c.visits[k].pga || a.visits[k].treg_pct_obs != c.visits[k].treg_pct_obs;
  EXPECT_TRUE(differs) << "another participant's draws should differ";
}

// Participant `participant`'s SLE course under `plan` (seed 7), or nothing when the
// course fails.
std::optional<CourseBuffers> sle_course(const Model& m, const CoursePlan& plan, std::uint64_t participant) {
  Stream eta(7, 0, participant, Purpose::variability);
  const Individual ind = make_individual(m.individual_parameters(eta), m.typical_covariates(Disease::sle));
  CourseBuffers b;
  b.reserve(plan);
  if (!simulate_course(ind, m.tables, m.typical_targets(Disease::sle), plan, {7, 0, participant}, b).ok) return std::nullopt;
  return b;
}

// The course's SRI-4 (shown by `il2trial patient`) is defined as the trial analysis
// defines it: against the first visit as recorded, rater error in its PGA included.
// The first visit is never a responder; every later one is sri() of the two records.
TEST(ModelProperties, CourseSriComparesWithTheFirstVisitAsRecorded) {
  const Model m = test::shipped_model();
  CoursePlan plan = test::plan_from_regimen("1 MIU sc every other day for 2 weeks, then 2 weeks off; 3 cycles", 169);
  for (int w : {0, 2, 4, 8, 12, 16, 20, 24}) plan.visits.push_back({w * 7 + 1, w});
  int responders = 0, baseline_pga_differs = 0;
  for (std::uint64_t participant = 0; participant < 40; ++participant) {
    const auto run = sle_course(m, plan, participant);
    ASSERT_TRUE(run);
    const CourseBuffers& b = *run;
    ASSERT_EQ(b.visits.size(), plan.visits.size());
    const VisitRow& first = b.visits.front();
    EXPECT_FALSE(first.sri4);
    baseline_pga_differs += first.pga != m.typical_targets(Disease::sle).pga;
    const instruments::SriVisit base{first.sledai, first.bilag, first.pga};
    for (std::size_t k = 1; k < b.visits.size(); ++k) {
      const VisitRow& v = b.visits[k];
      const auto res = instruments::sri(base, instruments::SriVisit{v.sledai, v.bilag, v.pga}, 4);
      ASSERT_TRUE(res.ok());
      EXPECT_EQ(v.sri4, res->responder) << "participant " << participant << " visit " << k;
      responders += v.sri4;
    }
  }
  EXPECT_GT(responders, 20);            // the check is not vacuous
  EXPECT_GT(baseline_pga_differs, 20);  // the recorded baseline PGA carries rater error
}

// A visit row's values by test (what the engine emits and composites are derived
// from) are its named members; without a visit on study day 1 there is no SRI-4
// baseline, as the trial's endpoints have none.
TEST(ModelProperties, VisitValuesAreTheRowsMembersAndSriNeedsADayOneVisit) {
  using measures::Id;
  const Model m = test::shipped_model();
  CoursePlan plan = test::plan_from_regimen("1 MIU sc every other day for 2 weeks, then 2 weeks off; 3 cycles", 169);
  for (int w : {2, 4, 8, 12, 24}) plan.visits.push_back({w * 7 + 1, w});
  int would_respond = 0;
  for (std::uint64_t participant = 0; participant < 20; ++participant) {
    const auto run = sle_course(m, plan, participant);
    ASSERT_TRUE(run);
    const CourseBuffers& b = *run;
    const VisitRow& first = b.visits.front();
    for (const VisitRow& v : b.visits) {
      auto at = [&](Id t) { return v.value[static_cast<std::size_t>(t)]; };
      EXPECT_EQ(at(Id::sledai_2k), v.sledai);
      EXPECT_EQ(at(Id::pga), v.pga);
      for (std::size_t k = 0; k < instruments::kBilagDomainCount; ++k)
        EXPECT_EQ(v.value[static_cast<std::size_t>(Id::bilag_first) + k],
                  static_cast<double>(v.bilag.grade(static_cast<instruments::BilagDomain>(k))));
      EXPECT_TRUE(std::isnan(at(Id::essdai)));
      EXPECT_TRUE(std::isnan(at(Id::jadas27)));
      EXPECT_EQ(at(Id::treg_pct), v.treg_pct_obs);
      EXPECT_EQ(at(Id::prednisone), v.prednisone);
      EXPECT_EQ(at(Id::treg), v.treg_obs);
      EXPECT_FALSE(v.sri4) << "no visit on day 1, so no baseline";
      const auto res = instruments::sri(instruments::SriVisit{first.sledai, first.bilag, first.pga},
                                        instruments::SriVisit{v.sledai, v.bilag, v.pga}, 4);
      would_respond += res.ok() && res->responder;
    }
  }
  EXPECT_GT(would_respond, 5);  // against the first visit some would have responded
}

TEST(ModelProperties, VariabilityDrawsFollowTheirDistribution) {
  // The log of an individual clearance over many draws: mean 0 around the typical
  // value, SD as in models/variability.toml, and the stated correlation with volume.
  const Model m = test::shipped_model();
  const auto& names = m.bound.eta_names;
  const auto ic = static_cast<std::size_t>(std::find(names.begin(), names.end(), "il2_pk.clearance") - names.begin());
  const auto iv = static_cast<std::size_t>(std::find(names.begin(), names.end(), "il2_pk.volume") - names.begin());
  ASSERT_LT(ic, names.size());
  ASSERT_LT(iv, names.size());
  const int n = 20000;
  double sc = 0, sv = 0, scc = 0, svv = 0, scv = 0;
  for (int k = 0; k < n; ++k) {
    Stream r(11, 0, static_cast<std::uint64_t>(k), Purpose::variability);
    const ModelParams p = m.individual_parameters(r);
    const double a = std::log(p.il2_cl / m.bound.p.il2_cl), b = std::log(p.il2_v / m.bound.p.il2_v);
    sc += a; sv += b; scc += a * a; svv += b * b; scv += a * b;
  }
  const double mc = sc / n, mv = sv / n;
  const double sdc = std::sqrt(scc / n - mc * mc), sdv = std::sqrt(svv / n - mv * mv);
  EXPECT_NEAR(mc, 0, 0.01);
  EXPECT_NEAR(sdc, m.bound.eta_sd[ic], 0.01);
  EXPECT_NEAR((scv / n - mc * mv) / (sdc * sdv), m.bound.eta_corr[ic * names.size() + iv], 0.02);
}

}  // namespace
}  // namespace il2t::model

namespace il2t::model {
namespace {

// An improving descriptor (activity in the lower share of its span above its threshold)
// is graded one step milder; above that it has its grade; at or below the threshold it
// is absent and the domain, active before, is D.
TEST(ModelProperties, ImprovingDescriptorsAreGradedOneStepMilder) {
  const Model m = test::shipped_model();
  DiseaseBaseline b;
  b.sledai_threshold.fill(INFINITY);
  const auto arthritis = static_cast<std::size_t>(instruments::SledaiItem::arthritis);  // musculoskeletal B
  const auto myositis = static_cast<std::size_t>(instruments::SledaiItem::myositis);    // musculoskeletal A
  b.sledai_threshold[arthritis] = 0.2;
  b.sledai_threshold[myositis] = 0.6;
  const auto grade = [&](double a, double improving, std::array<bool, instruments::kBilagDomainCount>& ever) {
    return bilag_at(m.tables, b, a, improving, sledai_at(b, a), ever).grade(instruments::BilagDomain::musculoskeletal);
  };
  std::array<bool, instruments::kBilagDomainCount> ever{};
  EXPECT_EQ(grade(1.0, 0.5, ever), instruments::BilagGrade::A);   // both full
  EXPECT_EQ(grade(0.75, 0.5, ever), instruments::BilagGrade::B);  // myositis improving (0.6 < a <= 0.8): B
  EXPECT_EQ(grade(0.65, 0.5, ever), instruments::BilagGrade::B);  // arthritis full (a > 0.6)
  EXPECT_EQ(grade(0.5, 0.5, ever), instruments::BilagGrade::C);   // myositis gone, arthritis improving (0.2 < a <= 0.6)
  EXPECT_EQ(grade(0.1, 0.5, ever), instruments::BilagGrade::D);   // nothing present, active before
  std::array<bool, instruments::kBilagDomainCount> fresh{};
  EXPECT_EQ(grade(0.3, 0.0, fresh), instruments::BilagGrade::B);  // improving = 0: all or none
}

}  // namespace
}  // namespace il2t::model
