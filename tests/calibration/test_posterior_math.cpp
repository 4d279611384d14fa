// The parts of the posterior calibration that need no simulation: the space-filling
// design, Gauss–Hermite quadrature, the quadratic emulator, the ensemble sampler and
// the emulated posterior's likelihood, each against a case whose answer is known.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "calibration/emulated_posterior.h"
#include "calibration/emulator.h"
#include "calibration/ensemble.h"
#include "calibration/posterior.h"
#include "calibration/quadrature.h"
#include "calibration/space_filling.h"
#include "model/parameter_set.h"

namespace il2t::calibration {
namespace {

TEST(SpaceFilling, EveryCoordinateFallsOnceInEachSlice) {
  const auto p = latin_hypercube(40, 5, 7);
  ASSERT_EQ(p.size(), 40u);
  for (std::size_t k = 0; k < 5; ++k) {
    std::vector<int> hits(40, 0);
    for (const auto& x : p) {
      ASSERT_GE(x[k], 0.0);
      ASSERT_LT(x[k], 1.0);
      ++hits[static_cast<std::size_t>(x[k] * 40)];
    }
    for (int h : hits) EXPECT_EQ(h, 1);
  }
  EXPECT_EQ(latin_hypercube(40, 5, 7), p);   // the same seed, the same design
  EXPECT_NE(latin_hypercube(40, 5, 8), p);
}

TEST(Quadrature, GaussHermiteIntegratesNormalMomentsExactly) {
  const Quadrature q = gauss_hermite(16);
  double m0 = 0, m2 = 0, m4 = 0, m6 = 0, m1 = 0;
  for (std::size_t i = 0; i < q.z.size(); ++i) {
    const double z = q.z[i], w = q.w[i];
    m0 += w, m1 += w * z, m2 += w * z * z, m4 += w * std::pow(z, 4), m6 += w * std::pow(z, 6);
  }
  EXPECT_NEAR(m0, 1, 1e-13);
  EXPECT_NEAR(m1, 0, 1e-13);
  EXPECT_NEAR(m2, 1, 1e-12);
  EXPECT_NEAR(m4, 3, 1e-11);
  EXPECT_NEAR(m6, 15, 1e-10);
  // E[exp(Z)] = exp(1/2), not a polynomial: close at 16 nodes.
  double e = 0;
  for (std::size_t i = 0; i < q.z.size(); ++i) e += q.w[i] * std::exp(q.z[i]);
  EXPECT_NEAR(e, std::exp(0.5), 1e-10);
}

// y0 = 1 + 2x − 3y + 0.5xy + x² + 0.3x²y − 0.2y³ (a cubic), y1 = exp(2x) (no polynomial).
std::vector<double> truth(const std::vector<double>& x) {
  return {1 + 2 * x[0] - 3 * x[1] + 0.5 * x[0] * x[1] + x[0] * x[0] + 0.3 * x[0] * x[0] * x[1] - 0.2 * std::pow(x[1], 3),
          std::exp(2 * x[0])};
}

TEST(Emulator, RecoversACubicExactlyAndSaysWhereItCannot) {
  const Box box{{-2, 0}, {2, 4}};
  std::vector<std::vector<double>> x, y;
  for (const auto& u : latin_hypercube(60, 2, 3)) {
    x.push_back({box.lo[0] + u[0] * 4, box.lo[1] + u[1] * 4});
    y.push_back(truth(x.back()));
  }
  const auto e = Emulator::fit(box, x, y);
  ASSERT_TRUE(e) << e.error();
  EXPECT_EQ(e->coefficients(0), 10u);  // constant, 2 linear, 3 quadratic, 4 cubic
  EXPECT_LT(e->loo_rmse()[0], 1e-6);
  EXPECT_GT(e->loo_rmse()[1], 0.1);  // exp(2x) over [-2, 2]: the cubic misses
  for (const std::vector<double>& p : {std::vector<double>{0.3, 1.7}, {-1.9, 3.9}, {1.0, 0.5}}) {
    double out[2];
    e->predict(p.data(), out);
    EXPECT_NEAR(out[0], truth(p)[0], 1e-6);
    // Along input 1 through p: exact for the cubic output.
    double c0[2], c1[2], c2[2], c3[2];
    e->along(p.data(), 1, {c0, c1, c2, c3});
    for (double t : {0.0, 2.5, 4.0}) {
      const double s = e->scaled(1, t);
      EXPECT_NEAR(c0[0] + s * (c1[0] + s * (c2[0] + s * c3[0])), truth({p[0], t})[0], 1e-6);
      // For either output, the emulator's own polynomial along the input.
      const std::vector<double> moved = {p[0], t};
      e->predict(moved.data(), out);
      for (int j = 0; j < 2; ++j)
        EXPECT_NEAR(c0[j] + s * (c1[j] + s * (c2[j] + s * c3[j])), out[j], 1e-9 * (1 + std::abs(out[j])));
    }
  }
  // Too few points for the coefficients: refused with the counts.
  const auto none = Emulator::fit(box, {x.begin(), x.begin() + 5}, {y.begin(), y.begin() + 5});
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().text().find("10 coefficients per output but only 5 design points"), std::string::npos)
      << none.error();
}

TEST(Emulator, TakesEachOutputsMostInfluentialInputsAsItsActiveOnes) {
  // Six inputs; output 0 moves with inputs 1 and 4 (a sigmoid in 4), output 1 with 0 and 5.
  const std::size_t d = 6;
  Box box;
  box.lo.assign(d, -1);
  box.hi.assign(d, 1);
  std::vector<std::vector<double>> x, y;
  for (const auto& u : latin_hypercube(200, d, 5)) {
    std::vector<double> p;
    for (double v : u) p.push_back(2 * v - 1);
    x.push_back(p);
    y.push_back({std::tanh(3 * p[4]) + 0.5 * p[1], p[0] * p[5] + 0.2 * p[0]});
  }
  const auto e = Emulator::fit(box, x, y, {}, 2);
  ASSERT_TRUE(e) << e.error();
  EXPECT_EQ(e->active(0), (std::vector<std::size_t>{1, 4}));
  EXPECT_EQ(e->active(1), (std::vector<std::size_t>{0, 5}));
  EXPECT_LT(e->loo_rmse()[1], 1e-6);  // x0·x5 is a monomial of its active inputs
}

// A correlated normal: mean (1, −2), SDs (1, 0.5), correlation 0.8.
double log_normal2(const double* x) {
  const double a = (x[0] - 1) / 1.0, b = (x[1] + 2) / 0.5, r = 0.8;
  return -0.5 * (a * a - 2 * r * a * b + b * b) / (1 - r * r);
}

TEST(Ensemble, SamplesAKnownCorrelatedNormalTheSameOnAnyThreadCount) {
  std::vector<std::vector<double>> start;
  for (int w = 0; w < 16; ++w) start.push_back({0.1 * w, -2 + 0.05 * w});
  EnsembleSettings s;
  s.burn_in = 500;
  s.steps = 4000;
  s.thin = 1;
  s.seed = 11;
  const EnsembleResult r = sample_ensemble(log_normal2, start, s);
  ASSERT_EQ(r.error, "");
  double m0 = 0, m1 = 0;
  for (const auto& d : r.draws) m0 += d[0], m1 += d[1];
  const double n = static_cast<double>(r.draws.size());
  m0 /= n, m1 /= n;
  double v0 = 0, v1 = 0, c = 0;
  for (const auto& d : r.draws) v0 += (d[0] - m0) * (d[0] - m0), v1 += (d[1] - m1) * (d[1] - m1), c += (d[0] - m0) * (d[1] - m1);
  v0 /= n, v1 /= n, c /= n;
  // Tolerances: 5 Monte Carlo SEs at the reported effective sample size.
  const double ess = std::min(r.ess[0], r.ess[1]);
  ASSERT_GT(ess, 500);
  EXPECT_NEAR(m0, 1, 5 / std::sqrt(ess));
  EXPECT_NEAR(m1, -2, 5 * 0.5 / std::sqrt(ess));
  EXPECT_NEAR(std::sqrt(v0), 1, 5 * 0.71 / std::sqrt(ess));
  EXPECT_NEAR(c / std::sqrt(v0 * v1), 0.8, 5 * 0.36 / std::sqrt(ess));
  EXPECT_GT(r.acceptance, 0.3);
  s.threads = 2;
  EXPECT_EQ(sample_ensemble(log_normal2, start, s).draws, r.draws);
  // A walker where the density is zero is refused.
  start[3] = {0, 0};
  EXPECT_NE(sample_ensemble([](const double* x) { return x[0] == 0 ? -INFINITY : 0.0; }, start, s).error, "");
}

FreeParameter uniform(const std::string& name, double lo, double hi) {
  FreeParameter p;
  p.name = name, p.lower = lo, p.upper = hi;
  p.prior.reason = "test";
  return p;
}

// An emulator whose one output is asin √p linear in θ0, and a second output constant.
Emulator linear_emulator(double intercept, double slope) {
  const Box box{{-1}, {1}};
  std::vector<std::vector<double>> x, y;
  for (int i = 0; i < 20; ++i) {
    const double t = -1 + 2.0 * i / 19;
    x.push_back({t});
    y.push_back({intercept + slope * t, std::log(2.0)});
  }
  return *Emulator::fit(box, x, y);
}

TEST(EmulatedPosterior, BinomialRowIsZeroAtItsOwnRateAndTrialEffectsIntegrateOverTheShare) {
  const Emulator e = linear_emulator(std::asin(std::sqrt(0.4)), 0.2);
  ASSERT_LT(e.loo_rmse()[0], 1e-9);
  Observed row;
  row.kind = TermKind::binomial;
  row.k = 12, row.n = 30, row.mean = 0;
  const EmulatedPosterior alone(e, {uniform("a", -1, 1)}, {row}, {});
  const double at_rate = 0;  // p(0) = 0.4 = 12/30
  EXPECT_NEAR(alone.log_likelihood(&at_rate, alone.rows()), 0, 1e-9);
  const double off = 0.5;
  const double p = proportion_of(std::asin(std::sqrt(0.4)) + 0.1);
  EXPECT_NEAR(alone.log_likelihood(&off, alone.rows()),
              12 * std::log(p / 0.4) + 18 * std::log((1 - p) / 0.6), 1e-9);
  // The same row in a trial whose effect shifts θ0 by u ~ N(0, 0.2²) (every node within the box): the likelihood is
  // E_u[L(θ0 + u)], here against a fine trapezoid rule.
  Observed grouped = row;
  grouped.group = 0;
  const EmulatedPosterior with(e, {uniform("a", -1, 1), uniform("sd", 0, 1)}, {grouped}, {{"t", 0, 1, 0, 1}});
  const double theta[2] = {0.2, 0.2};
  double integral = 0;
  const int steps = 20001;
  for (int i = 0; i < steps; ++i) {
    const double z = -8 + 16.0 * i / (steps - 1);
    const double q = proportion_of(std::asin(std::sqrt(0.4)) + 0.2 * (0.2 + 0.2 * z));
    const double l = 12 * std::log(q / 0.4) + 18 * std::log((1 - q) / 0.6);
    integral += std::exp(l - 0.5 * z * z) / std::sqrt(2 * std::numbers::pi) * 16.0 / (steps - 1);
  }
  EXPECT_NEAR(with.log_likelihood(theta, with.rows()), std::log(integral), 1e-6);
  // A pooled row of two trials carries an effect with SD / √2.
  const EmulatedPosterior pooled(e, {uniform("a", -1, 1), uniform("sd", 0, 1)}, {grouped}, {{"t", 0, 1, 0, 2}});
  const double halved[2] = {0.2, 0.2 / std::sqrt(2.0)};
  EXPECT_NEAR(pooled.log_likelihood(theta, pooled.rows()), with.log_likelihood(halved, with.rows()), 1e-12);
}

// −½ dᵀΣ⁻¹d − ½ log|Σ| of a bivariate normal: the normal rows' likelihood, written out.
double bivariate(double d1, double d2, double v1, double v2, double c) {
  const double det = v1 * v2 - c * c;
  return -0.5 * (v2 * d1 * d1 - 2 * c * d1 * d2 + v1 * d2 * d2) / det - 0.5 * std::log(det);
}

TEST(EmulatedPosterior, RowsOfOneTrialArmAreJointlyNormalWithTheirCorrelation) {
  const Emulator e = linear_emulator(1.0, 0.5);  // mean 1 + 0.5 θ, SD 2, no emulator error
  Observed a;
  a.kind = TermKind::normal;
  a.mean = 0, a.spread = 1, a.cluster = 0, a.slot = 0, a.y = 2.0;
  Observed b = a;
  b.slot = 1, b.y = 0.5;
  const double t = 0.4;  // mean 1.2
  const EmulatedPosterior joint(e, {uniform("a", -1, 1)}, {a, b}, {}, {{{0, 1}, {1, 0.6, 0.6, 1}, {0, 0}}});
  EXPECT_NEAR(joint.log_likelihood(&t, joint.rows()), bivariate(0.8, -0.7, 4, 4, 0.6 * 4), 1e-9);
  // With the identity it is the two rows apart.
  Observed a1 = a, b1 = b;
  a1.cluster = a1.slot = b1.cluster = b1.slot = -1;
  const EmulatedPosterior apart(e, {uniform("a", -1, 1)}, {a1, b1}, {});
  const EmulatedPosterior identity(e, {uniform("a", -1, 1)}, {a, b}, {}, {{{0, 1}, {1, 0, 0, 1}, {0, 0}}});
  EXPECT_NEAR(identity.log_likelihood(&t, identity.rows()), apart.log_likelihood(&t, apart.rows()), 1e-12);
  // A data set missing one row keeps the other's own term.
  EXPECT_NEAR(joint.log_likelihood(&t, {a}), apart.log_likelihood(&t, {a1}), 1e-12);
}

TEST(EmulatedPosterior, RowsEstimatingOneValueShareOneEmulatorError) {
  // An emulator with an error of its own: its one output is 1 + 0.5 θ plus scatter.
  const Box box{{-1}, {1}};
  std::vector<std::vector<double>> x, y;
  for (int i = 0; i < 40; ++i) {
    const double t = -1 + 2.0 * i / 39;
    x.push_back({t});
    y.push_back({1 + 0.5 * t + 0.3 * std::sin(37.0 * i), std::log(2.0)});
  }
  const Emulator e = *Emulator::fit(box, x, y);
  const double se = e.error()[0];
  ASSERT_GT(se, 0.1);
  Observed a;
  a.kind = TermKind::normal;
  a.mean = 0, a.spread = 1, a.y = 2.0;
  Observed b = a;
  b.y = 0.5;
  const double t = 0.4;
  double out[2];
  e.predict(&t, out);
  const double mu = out[0];
  const double v = 4 + se * se;
  // Own errors: two independent normals.
  const EmulatedPosterior apart(e, {uniform("a", -1, 1)}, {a, b}, {});
  EXPECT_NEAR(apart.log_likelihood(&t, apart.rows()), bivariate(2.0 - mu, 0.5 - mu, v, v, 0), 1e-9);
  // One shared error δ: their covariance is δ's variance (5-point Gauss–Hermite over δ).
  a.error_set = b.error_set = 0;
  const EmulatedPosterior shared(e, {uniform("a", -1, 1)}, {a, b}, {});
  EXPECT_EQ(shared.shared_set(a), 0);
  EXPECT_NEAR(shared.log_likelihood(&t, shared.rows()), bivariate(2.0 - mu, 0.5 - mu, v, v, se * se), 1e-4);
}

// An emulator of one input on [-1, 1] fitted to `points` points of f(t, i).
template <class F>
Emulator emulator_of(int points, std::size_t outputs, F f) {
  const Box box{{-1}, {1}};
  std::vector<std::vector<double>> x, y;
  for (int i = 0; i < points; ++i) {
    const double t = -1 + 2.0 * i / (points - 1);
    x.push_back({t});
    std::vector<double> row(outputs);
    for (std::size_t j = 0; j < outputs; ++j) row[j] = f(t, i, j);
    y.push_back(row);
  }
  return *Emulator::fit(box, x, y);
}

double scatter(int i) { return 0.3 * std::sin(37.0 * i); }

TEST(Emulator, ErrorCorrelationIsThatOfTheLeaveOneOutResidualsShrunk) {
  // A negated and a shifted copy of an output with scatter err exactly with it.
  const Emulator e = emulator_of(40, 3, [](double t, int i, std::size_t j) {
    const double v = 1 + 0.5 * t + scatter(i);
    return j == 1 ? -v : j == 2 ? v + 3 : v;
  });
  const std::vector<double> q = e.error_correlation({0, 1, 2});
  ASSERT_EQ(q.size(), 9u);
  EXPECT_EQ(q[0], 1.0);
  EXPECT_NEAR(q[1], -(1 - Emulator::kErrorShrink), 1e-9);
  EXPECT_NEAR(q[2], 1 - Emulator::kErrorShrink, 1e-9);
  EXPECT_NEAR(q[5], -(1 - Emulator::kErrorShrink), 1e-9);
  EXPECT_EQ(q[3], q[1]);
  // With fewer points in common than kMinCorrelationPoints: the identity.
  const Emulator few = emulator_of(40, 2, [](double t, int i, std::size_t j) {
    const double v = 1 + 0.5 * t + scatter(i);
    return j == 1 && i >= 19 ? NAN : v;  // output 1 has 19 points
  });
  EXPECT_EQ(few.error_correlation({0, 1}), (std::vector<double>{1, 0, 0, 1}));
}

TEST(EmulatedPosterior, OneArmsRowsEmulatorErrorsCorrelateAsTheirResiduals) {
  // Two outputs with the same scatter (their emulator errors correlate fully, shrunk to
  // 0.95) and a spread of 2.
  const Emulator e = emulator_of(40, 3, [](double t, int i, std::size_t j) {
    return j == 2 ? std::log(2.0) : 1 + 0.5 * t + scatter(i);
  });
  const double se = e.error()[0];
  ASSERT_GT(se, 0.1);
  ASSERT_NEAR(e.error()[1], se, 1e-12);
  Observed a;
  a.kind = TermKind::normal;
  a.mean = 0, a.spread = 2, a.cluster = 0, a.slot = 0, a.y = 2.0;
  Observed b = a;
  b.mean = 1, b.slot = 1, b.y = 0.5;
  const double t = 0.4;
  double out[3];
  e.predict(&t, out);
  const EmulatedPosterior joint(e, {uniform("a", -1, 1)}, {a, b}, {}, {{{0, 1}, {1, 0.6, 0.6, 1}, {0, 1}}});
  const double q = 1 - Emulator::kErrorShrink;
  EXPECT_NEAR(joint.error_correlation(0)[1], q, 1e-9);
  EXPECT_NEAR(joint.log_likelihood(&t, joint.rows()),
              bivariate(2.0 - out[0], 0.5 - out[1], 4 + se * se, 4 + se * se, 0.6 * 4 + q * se * se), 1e-9);
  // A synthetic data set without a row that comes before the cluster's (the layout's
  // row 0, here not given): Q comes from the cluster's own outputs, not from the rows
  // given, so it and the cluster's likelihood are unchanged.
  const EmulatedPosterior lacking(e, {uniform("a", -1, 1)}, {a, b}, {}, {{{1, 2}, {1, 0.6, 0.6, 1}, {0, 1}}});
  EXPECT_EQ(lacking.error_correlation(0), joint.error_correlation(0));
  EXPECT_NEAR(lacking.log_likelihood(&t, lacking.rows()), joint.log_likelihood(&t, joint.rows()), 1e-12);
}

TEST(EmulatedPosterior, AFewEventRowKeepsItsBinomialMarginInItsCluster) {
  // Output 0: asin √p, at θ = 0.4 that of 0.1; output 1: a mean, 1.2 there; output 2: a
  // spread of 2. Exact fits: no emulator error.
  const double c0 = std::asin(std::sqrt(0.1)) - 0.08;
  const Emulator e = emulator_of(20, 3, [c0](double t, int, std::size_t j) {
    return j == 0 ? c0 + 0.2 * t : j == 1 ? 1 + 0.5 * t : std::log(2.0);
  });
  ASSERT_LT(e.error()[0], 1e-9);
  Observed few;
  few.kind = TermKind::binomial;
  few.k = 2, few.n = 30, few.mean = 0, few.cluster = 0, few.slot = 0;
  Observed normal;
  normal.kind = TermKind::normal;
  normal.y = 2.0, normal.mean = 1, normal.spread = 2, normal.cluster = 0, normal.slot = 1;
  const double rho = 0.5;
  const EmulatedPosterior post(e, {uniform("a", -1, 1)}, {few, normal}, {}, {{{0, 1}, {1, rho, rho, 1}, {0, 1}}});
  const double t = 0.4;
  // The binomial's margin (R: 2 of 30 at p = 0.1, tests/reference/calibration_binomial_margin.R)
  // and the normal row's score, (2 − 1.2) / 2, joined by a Gaussian copula of correlation ρ.
  const double log_p = -0.20736382056816693, zb = -0.53153764929346969, za = 0.4;
  const double copula = -0.5 * (za * za - 2 * rho * za * zb + zb * zb) / (1 - rho * rho) - 0.5 * std::log(1 - rho * rho);
  const double expected = copula - std::log(2.0) + log_p + 0.5 * zb * zb;
  EXPECT_NEAR(post.log_likelihood(&t, post.rows()), expected, 1e-7);
  // With 5 events it is no longer few: the row is normal on the asin scale.
  Observed many = few;
  many.k = 5;
  const EmulatedPosterior normal_too(e, {uniform("a", -1, 1)}, {many, normal}, {}, {{{0, 1}, {1, rho, rho, 1}, {0, 1}}});
  const double s = 0.5 / std::sqrt(30.0), d = std::asin(std::sqrt(5.0 / 30)) - std::asin(std::sqrt(0.1));
  EXPECT_NEAR(normal_too.log_likelihood(&t, normal_too.rows()), bivariate(d, 0.8, s * s, 4, rho * s * 2), 1e-7);
}

// −½ dᵀV⁻¹d − ½ log|V| of a trivariate normal (V symmetric, row-major), by cofactors.
double trivariate(const double* d, const double* v) {
  const double c00 = v[4] * v[8] - v[5] * v[7], c01 = v[5] * v[6] - v[3] * v[8], c02 = v[3] * v[7] - v[4] * v[6];
  const double c11 = v[0] * v[8] - v[2] * v[6], c12 = v[1] * v[6] - v[0] * v[7], c22 = v[0] * v[4] - v[1] * v[3];
  const double det = v[0] * c00 + v[1] * c01 + v[2] * c02;
  const double quad = (c00 * d[0] * d[0] + c11 * d[1] * d[1] + c22 * d[2] * d[2] +
                       2 * (c01 * d[0] * d[1] + c02 * d[0] * d[2] + c12 * d[1] * d[2])) / det;
  return -0.5 * quad - 0.5 * std::log(det);
}

TEST(EmulatedPosterior, ARowOfAnErrorSetJoinsItsArmsClusterWithTheSetsError) {
  // Output 0 with scatter (the set's value), output 1 with other scatter, output 2 a
  // spread of 2. Row a (trial 0) and row c (trial 1) estimate output 0 and share one
  // emulator error δ; row b is a's arm's other row, its sampling error correlated ρ with
  // a's. No trial effects (their SD 0). The joint of (a, b, c) is then normal with
  // var a = 4 + δ², var b = 4 + e_b², var c = 4 + δ², cov(a, b) = 4ρ, cov(a, c) = δ².
  const Emulator e = emulator_of(40, 3, [](double t, int i, std::size_t j) {
    return j == 2 ? std::log(2.0) : j == 0 ? 1 + 0.5 * t + scatter(i) : 0.5 - 0.2 * t + 0.25 * std::cos(23.0 * i);
  });
  const double sd = e.error()[0], sb = e.error()[1];
  ASSERT_GT(sd, 0.1);
  ASSERT_GT(sb, 0.1);
  Observed a;
  a.kind = TermKind::normal;
  a.mean = 0, a.spread = 2, a.y = 2.0, a.group = 0, a.error_set = 0, a.cluster = 0, a.slot = 0;
  Observed b = a;
  b.mean = 1, b.y = -0.3, b.error_set = -1, b.slot = 1;
  Observed c = a;
  c.y = 0.4, c.group = 1, c.cluster = c.slot = -1;
  const double rho = 0.7, t = 0.4;
  const std::vector<TrialGroup> trials{{"t0", 0, std::nullopt, 0, 1}, {"t1", 0, std::nullopt, 0, 1}};
  const EmulatedPosterior post(e, {uniform("a", -1, 1)}, {a, b, c}, trials, {{{0, 1}, {1, rho, rho, 1}, {0, 1}}});
  EXPECT_EQ(post.own_error(a), 0.0);
  EXPECT_EQ(post.own_error(b), sb);
  double out[3];
  e.predict(&t, out);
  const double d[3] = {2.0 - out[0], -0.3 - out[1], 0.4 - out[0]};
  const double v[9] = {4 + sd * sd, 4 * rho, sd * sd, 4 * rho, 4 + sb * sb, 0, sd * sd, 0, 4 + sd * sd};
  // 5-point Gauss–Hermite over δ, as for any error set.
  EXPECT_NEAR(post.log_likelihood(&t, post.rows()), trivariate(d, v), 1e-3);
}

// A share's next box reaches beyond the region of its draws by its trials' effects;
// that region, not the box, is its prior in the next wave.
TEST(Posterior, AShareReachesBeyondItsPriorRegionByItsTrialsEffects) {
  PosteriorLayout l;
  l.inputs = {0, 1};
  FreeParameter share = uniform("share", std::exp(-3.0), std::exp(3.0));
  share.log_scale = true;
  l.theta = {share, uniform("other", -1, 1), uniform("sd", 0, 1)};
  l.groups = {{"one", 0, 2, 0, 1}, {"pooled", 0, 2, 0, 4}};
  std::vector<std::vector<double>> draws;
  for (int i = 0; i <= 1000; ++i) {
    const double u = -0.5 + i / 1000.0;  // share and other from −0.5 to 0.5
    draws.push_back({u, u, 0.1 + 0.1 * i / 1000.0});  // SD 0.1 to 0.2
  }
  Box prior;
  const Box b = next_box(l, l.theta, model::ParameterSet{}, draws, prior);
  // The region: the 0.1 % and 99.9 % quantiles (±0.499) widened by a quarter of their range.
  const double lo = -0.499 - 0.25 * 0.998, hi = 0.499 + 0.25 * 0.998;
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_NEAR(prior.lo[i], lo, 1e-9);
    EXPECT_NEAR(prior.hi[i], hi, 1e-9);
  }
  EXPECT_NEAR(b.lo[1], lo, 1e-9);  // not a share: the box is the region
  // The share: by 3 × 1.25 × the SD's 99.9 % quantile (0.1999), the unpooled trial reaching furthest.
  EXPECT_NEAR(b.lo[0], lo - kShareSdReach * 0.1999, 1e-9);
  EXPECT_NEAR(b.hi[0], hi + kShareSdReach * 0.1999, 1e-9);
}

TEST(EmulatedPosterior, NormalRowUsesTheEmulatedSpreadAndThePriorBounds) {
  const Emulator e = linear_emulator(1.0, 0.5);
  Observed row;
  row.kind = TermKind::normal;
  row.y = 2.0, row.mean = 0, row.spread = 1;  // SD exp(log 2) = 2
  FreeParameter a = uniform("a", -1, 1);
  a.prior.shape = PriorShape::normal, a.prior.centre = 0, a.prior.sd = 0.5;
  const EmulatedPosterior post(e, {a}, {row}, {});
  const double t = 0.4;  // mean 1.2
  EXPECT_NEAR(post.log_likelihood(&t, post.rows()), -0.5 * 0.64 / 4 - 0.5 * std::log(4.0), 1e-9);
  EXPECT_NEAR(post.log_prior(&t), -0.5 * 0.64, 1e-12);
  const double outside = 1.5;
  EXPECT_EQ(post.log_density(&outside), -INFINITY);
  EXPECT_NEAR(post.expected(&t)[0], 1.2, 1e-9);
}

}  // namespace
}  // namespace il2t::calibration
