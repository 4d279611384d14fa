#include "stats/ttest.h"

#include <Eigen/Dense>
#include <cmath>

#include "stats/checks.h"
#include "stats/distributions.h"

namespace il2t::stats {

namespace {

struct Moments {
  double n, mean, var;
};

Moments moments(std::span<const double> v) {
  double s = 0;
  for (double x : v) s += x;
  const double n = static_cast<double>(v.size()), m = s / n;
  double ss = 0;
  for (double x : v) ss += (x - m) * (x - m);
  return {n, m, v.size() > 1 ? ss / (n - 1) : 0.0};
}

}  // namespace

Outcome<TestResult> t_test(std::span<const double> x, std::span<const double> y, bool equal_variances, double conf) {
  const char* fn = "t_test";
  if (auto e = first_error(check_finite(fn, "x", x), check_finite(fn, "y", y), check_min_size(fn, "x", x.size(), 1),
                           check_min_size(fn, "y", y.size(), 1), check_probability_open(fn, "conf", conf));
      !e.empty())
    return Outcome<TestResult>::fail(e);
  const Moments a = moments(x), b = moments(y);
  double se = 0, df = 0;
  if (equal_variances) {
    df = a.n + b.n - 2;
    if (df < 1) return Outcome<TestResult>::fail("t_test: the pooled test needs at least 3 observations in all");
    const double v = ((a.n - 1) * a.var + (b.n - 1) * b.var) / df;
    se = std::sqrt(v * (1 / a.n + 1 / b.n));
  } else {
    if (a.n < 2 || b.n < 2) return Outcome<TestResult>::fail("t_test: Welch's test needs at least 2 observations in each group");
    const double ea = a.var / a.n, eb = b.var / b.n;
    se = std::sqrt(ea + eb);
    df = (ea + eb) * (ea + eb) / (ea * ea / (a.n - 1) + eb * eb / (b.n - 1));
  }
  if (!(se > 0)) return Outcome<TestResult>::fail("t_test: the data are essentially constant");
  TestResult r;
  r.method = equal_variances ? "Two-sample t test (pooled variance)" : "Welch two-sample t test";
  r.estimate = a.mean - b.mean;
  r.statistic = *r.estimate / se;
  r.df = df;
  r.p_value = 2 * dist::t_cdf(-std::fabs(*r.statistic), df);
  const double q = dist::t_quantile(1 - (1 - conf) / 2, df);
  r.ci = Interval{*r.estimate - q * se, *r.estimate + q * se};
  return Outcome<TestResult>::ok(r);
}

Outcome<TestResult> ancova(std::span<const double> group, std::span<const double> baseline,
                           std::span<const double> outcome, double conf) {
  const char* fn = "ancova";
  const std::size_t n = outcome.size();
  if (group.size() != n || baseline.size() != n)
    return Outcome<TestResult>::fail("ancova: group, baseline and outcome differ in length");
  if (auto e = first_error(check_finite(fn, "baseline", baseline), check_finite(fn, "outcome", outcome),
                           check_min_size(fn, "outcome", n, 4), check_probability_open(fn, "conf", conf));
      !e.empty())
    return Outcome<TestResult>::fail(e);
  Eigen::MatrixXd X(static_cast<Eigen::Index>(n), 3);
  Eigen::VectorXd Y(static_cast<Eigen::Index>(n));
  for (std::size_t i = 0; i < n; ++i) {
    if (group[i] != 0 && group[i] != 1) return Outcome<TestResult>::fail("ancova: group must be 0 or 1");
    const auto k = static_cast<Eigen::Index>(i);
    X(k, 0) = 1;
    X(k, 1) = baseline[i];
    X(k, 2) = group[i];
    Y(k) = outcome[i];
  }
  const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(X);
  if (qr.rank() < 3) return Outcome<TestResult>::fail("ancova: the design is singular (one group, or a constant baseline)");
  const Eigen::VectorXd beta = qr.solve(Y);
  const double df = static_cast<double>(n) - 3;
  const double sigma2 = (Y - X * beta).squaredNorm() / df;
  const Eigen::MatrixXd cov = sigma2 * (X.transpose() * X).inverse();
  TestResult r;
  r.method = "ANCOVA: outcome ~ baseline + group";
  r.estimate = beta(2);
  const double se = std::sqrt(cov(2, 2));
  r.std_error = se;
  r.statistic = beta(2) / se;
  r.df = df;
  r.p_value = 2 * dist::t_cdf(-std::fabs(*r.statistic), df);
  const double q = dist::t_quantile(1 - (1 - conf) / 2, df);
  r.ci = Interval{beta(2) - q * se, beta(2) + q * se};
  return Outcome<TestResult>::ok(r);
}

}  // namespace il2t::stats
