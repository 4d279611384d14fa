#include "stats/rates.h"

#include "stats/boost_policy.h"  // first: no exceptions from Boost.Math
#include <boost/math/distributions/binomial.hpp>
#include <cmath>
#include <limits>

#include "stats/checks.h"
#include "stats/distributions.h"
#include "stats/proportions.h"

namespace il2t::stats {

namespace {

double dbinom(double k, double n, double p) { return boost::math::pdf(boost::math::binomial_distribution<>(n, p), k); }
double pbinom(double k, double n, double p) { return k < 0 ? 0.0 : (k >= n ? 1.0 : dist::binom_cdf(k, n, p)); }

}  // namespace

Outcome<TestResult> binomial_test(double x, double n, double p, double conf) {
  const char* fn = "binomial_test";
  if (auto e = first_error(check_count(fn, "x", x), check_positive_count(fn, "n", n), check_at_most(fn, "x", x, "n", n),
                           check_probability_open(fn, "p", p));
      !e.empty())
    return Outcome<TestResult>::fail(e);
  // R's two-sided p-value: the tables no more probable than the observed, with a 1e-7
  // relative tolerance, found on the other side of the mean.
  const double rel = 1 + 1e-7, d = dbinom(x, n, p), m = n * p;
  double pv = 1;
  if (x < m) {
    double y = 0;
    for (double i = std::ceil(m); i <= n; ++i) y += dbinom(i, n, p) <= d * rel;
    pv = pbinom(x, n, p) + (1 - pbinom(n - y, n, p));
  } else if (x > m) {
    double y = 0;
    for (double i = 0; i <= std::floor(m); ++i) y += dbinom(i, n, p) <= d * rel;
    pv = pbinom(y - 1, n, p) + (1 - pbinom(x - 1, n, p));
  }
  TestResult r;
  r.method = "Exact binomial test";
  r.statistic = x;
  r.p_value = std::min(1.0, pv);
  r.estimate = x / n;
  auto ci = clopper_pearson(x, n, conf);
  if (!ci) return Outcome<TestResult>::fail(ci.error);
  r.ci = *ci.value;
  return Outcome<TestResult>::ok(r);
}

Outcome<TestResult> poisson_rate_ratio(double x1, double t1, double x2, double t2, double conf) {
  const char* fn = "poisson_rate_ratio";
  if (auto e = first_error(check_count(fn, "x1", x1), check_count(fn, "x2", x2)); !e.empty())
    return Outcome<TestResult>::fail(e);
  if (!(t1 > 0 && t2 > 0 && std::isfinite(t1) && std::isfinite(t2)))
    return Outcome<TestResult>::fail("poisson_rate_ratio: exposures must be positive");
  if (x1 + x2 == 0) {  // nothing to compare: R reports NaN, the whole range, and p = 1
    TestResult r;
    r.method = "Comparison of Poisson rates (exact)";
    r.statistic = 0;
    r.p_value = 1;
    r.estimate = std::nan("");
    r.ci = Interval{0, std::numeric_limits<double>::infinity()};
    return Outcome<TestResult>::ok(r);
  }
  // Conditional on the total, x1 is binomial with p = t1 / (t1 + t2) under equal rates.
  auto b = binomial_test(x1, x1 + x2, t1 / (t1 + t2), conf);
  if (!b) return Outcome<TestResult>::fail(b.error);
  TestResult r;
  r.method = "Comparison of Poisson rates (exact)";
  r.statistic = x1;
  r.p_value = b.value->p_value;
  r.estimate = (x1 / t1) / (x2 / t2);
  auto to_ratio = [&](double p) { return p >= 1 ? std::numeric_limits<double>::infinity() : p / (1 - p) / (t1 / t2); };
  r.ci = Interval{to_ratio(b.value->ci->lower), to_ratio(b.value->ci->upper)};
  return Outcome<TestResult>::ok(r);
}

Outcome<TestResult> incidence_per_100py(double events, double patient_years, double conf) {
  if (auto e = check_count("incidence", "events", events); !e.empty()) return Outcome<TestResult>::fail(e);
  if (!(patient_years > 0)) return Outcome<TestResult>::fail("incidence: patient-years must be positive");
  const double alpha = 1 - conf;
  TestResult r;
  r.method = "Incidence per 100 patient-years (exact Poisson interval)";
  r.estimate = 100 * events / patient_years;
  const double lo = events == 0 ? 0 : dist::gamma_quantile(alpha / 2, events);
  const double hi = dist::gamma_quantile(1 - alpha / 2, events + 1);
  r.ci = Interval{100 * lo / patient_years, 100 * hi / patient_years};
  return Outcome<TestResult>::ok(r);
}

}  // namespace il2t::stats
