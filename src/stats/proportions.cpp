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
