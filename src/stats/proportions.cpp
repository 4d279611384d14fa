#include "stats/proportions.h"

#include <algorithm>
#include <cmath>

#include "stats/checks.h"
#include "stats/distributions.h"

namespace il2t::stats {

namespace {

std::string check_xn(const char* fn, double x, double n, double conf) {
  return first_error(check_count(fn, "x", x), check_positive_count(fn, "n", n), check_at_most(fn, "x", x, "n", n),
                     check_probability_open(fn, "conf", conf));
}

double z_of(double conf) { return dist::norm_quantile((1 + conf) / 2); }

}  // namespace

Outcome<Interval> wilson(double x, double n, double conf, bool continuity) {
  if (auto e = check_xn("wilson", x, n, conf); !e.empty()) return Outcome<Interval>::fail(e);
  // R's prop.test for one proportion against p = 0.5: the Yates term is at most |x − n/2|.
  const double z = z_of(conf), p = x / n;
  const double yates = continuity ? std::min(0.5, std::fabs(x - n * 0.5)) : 0.0;
  const double z22n = z * z / (2 * n);
  double pc = p + yates / n;
  const double upper = pc >= 1 ? 1 : (pc + z22n + z * std::sqrt(pc * (1 - pc) / n + z22n / (2 * n))) / (1 + 2 * z22n);
  pc = p - yates / n;
  const double lower = pc <= 0 ? 0 : (pc + z22n - z * std::sqrt(pc * (1 - pc) / n + z22n / (2 * n))) / (1 + 2 * z22n);
  return Outcome<Interval>::ok({std::max(lower, 0.0), std::min(upper, 1.0)});
}

Outcome<Interval> clopper_pearson(double x, double n, double conf) {
  if (auto e = check_xn("clopper_pearson", x, n, conf); !e.empty()) return Outcome<Interval>::fail(e);
  const double alpha = 1 - conf;
  const double lower = x == 0 ? 0 : dist::beta_quantile(alpha / 2, x, n - x + 1);
  const double upper = x == n ? 1 : dist::beta_quantile(1 - alpha / 2, x + 1, n - x);
  return Outcome<Interval>::ok({lower, upper});
}

Outcome<Interval> agresti_coull(double x, double n, double conf) {
  if (auto e = check_xn("agresti_coull", x, n, conf); !e.empty()) return Outcome<Interval>::fail(e);
  const double z = z_of(conf);
  const double nt = n + z * z, pt = (x + z * z / 2) / nt;
  const double half = z * std::sqrt(pt * (1 - pt) / nt);
  return Outcome<Interval>::ok({pt - half, pt + half});  // not clipped, as the formula
}

Outcome<TestResult> newcombe_difference(double x1, double n1, double x2, double n2, double conf) {
  auto w1 = wilson(x1, n1, conf), w2 = wilson(x2, n2, conf);
  if (!w1) return Outcome<TestResult>::fail(w1.error);
  if (!w2) return Outcome<TestResult>::fail(w2.error);
  const double p1 = x1 / n1, p2 = x2 / n2, d = p1 - p2;
  const Interval a = *w1.value, b = *w2.value;
  TestResult r;
  r.method = "Newcombe hybrid score interval (method 10)";
  r.estimate = d;
  r.ci = Interval{d - std::sqrt((p1 - a.lower) * (p1 - a.lower) + (b.upper - p2) * (b.upper - p2)),
                  d + std::sqrt((a.upper - p1) * (a.upper - p1) + (p2 - b.lower) * (p2 - b.lower))};
  return Outcome<TestResult>::ok(r);
}

namespace {

std::string check_two(const char* fn, double x1, double n1, double x2, double n2, double conf) {
  return first_error(check_count(fn, "x1", x1), check_positive_count(fn, "n1", n1), check_at_most(fn, "x1", x1, "n1", n1),
                     check_count(fn, "x2", x2), check_positive_count(fn, "n2", n2), check_at_most(fn, "x2", x2, "n2", n2),
                     check_probability_open(fn, "conf", conf));
}

}  // namespace

namespace {

// The score statistic for H0: p1 − p2 = delta, with the restricted MLEs of p1 and p2.
double mn_score(double x1, double n1, double x2, double n2, double delta) {
  const double p1 = x1 / n1, p2 = x2 / n2, theta = n2 / n1, N = n1 + n2;
  const double a = 1 + theta;
  const double b = -(1 + theta + p1 + theta * p2 + delta * (theta + 2));
  const double c = delta * delta + delta * (2 * p1 + theta + 1) + p1 + theta * p2;
  const double d = -p1 * delta * (1 + delta);
  const double v = b * b * b / (27 * a * a * a) - b * c / (6 * a * a) + d / (2 * a);
  const double u2 = b * b / (9 * a * a) - c / (3 * a);
  const double u = (v >= 0 ? 1.0 : -1.0) * std::sqrt(std::max(u2, 0.0));
  const double ratio = u == 0 ? 0.0 : std::clamp(v / (u * u * u), -1.0, 1.0);
  const double w = (M_PI + std::acos(ratio)) / 3;
  const double t1 = std::clamp(2 * u * std::cos(w) - b / (3 * a), 0.0, 1.0);
  const double t2 = std::clamp(t1 - delta, 0.0, 1.0);
  const double var = (t1 * (1 - t1) / n1 + t2 * (1 - t2) / n2) * N / (N - 1);
  const double diff = p1 - p2 - delta;
  if (var <= 0) return diff == 0 ? 0.0 : (diff > 0 ? INFINITY : -INFINITY);
  return diff / std::sqrt(var);
}

// The delta in (lo, hi) where the score equals `target` (the score decreases in delta).
double mn_solve(double x1, double n1, double x2, double n2, double target, double lo, double hi) {
  for (int i = 0; i < 200 && hi - lo > 1e-15; ++i) {
    const double mid = (lo + hi) / 2;
    (mn_score(x1, n1, x2, n2, mid) > target ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

}  // namespace

Outcome<TestResult> miettinen_nurminen(double x1, double n1, double x2, double n2, double conf) {
  if (auto e = check_two("miettinen_nurminen", x1, n1, x2, n2, conf); !e.empty()) return Outcome<TestResult>::fail(e);
  const double d = x1 / n1 - x2 / n2, z = z_of(conf);
  TestResult r;
  r.method = "Miettinen–Nurminen score interval";
  r.estimate = d;
  r.ci = Interval{d <= -1 ? -1.0 : mn_solve(x1, n1, x2, n2, z, -1, d), d >= 1 ? 1.0 : mn_solve(x1, n1, x2, n2, -z, d, 1)};
  return Outcome<TestResult>::ok(r);
}

Outcome<Ratio> risk_ratio(double x1, double n1, double x2, double n2, double conf) {
  if (auto e = check_two("risk_ratio", x1, n1, x2, n2, conf); !e.empty()) return Outcome<Ratio>::fail(e);
  if (x1 == 0 || x2 == 0) return Outcome<Ratio>::fail("risk_ratio: a group with no events has no log-scale interval");
  const double rr = (x1 / n1) / (x2 / n2);
  const double se = std::sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2), z = z_of(conf);
  return Outcome<Ratio>::ok({rr, {rr * std::exp(-z * se), rr * std::exp(z * se)}});
}

Outcome<Ratio> odds_ratio_wald(double x1, double n1, double x2, double n2, double conf) {
  if (auto e = check_two("odds_ratio", x1, n1, x2, n2, conf); !e.empty()) return Outcome<Ratio>::fail(e);
  const double a = x1, b = n1 - x1, c = x2, d = n2 - x2;
  if (a == 0 || b == 0 || c == 0 || d == 0)
    return Outcome<Ratio>::fail("odds_ratio: a zero cell has no Wald interval (use Fisher's conditional estimate)");
  const double orr = a * d / (b * c), se = std::sqrt(1 / a + 1 / b + 1 / c + 1 / d), z = z_of(conf);
  return Outcome<Ratio>::ok({orr, {orr * std::exp(-z * se), orr * std::exp(z * se)}});
}

}  // namespace il2t::stats
