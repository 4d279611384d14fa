#include "stats/tables.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "stats/checks.h"
#include "stats/distributions.h"
#include "stats/zeroin.h"

namespace il2t::stats {

namespace {

std::string check_table(const char* fn, const Table2x2& t) {
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) {
      if (auto e = check_count(fn, "a cell", t[i][j]); !e.empty()) return e;
    }
  if (t[0][0] + t[0][1] + t[1][0] + t[1][1] == 0) return std::string(fn) + ": the table is empty";
  return {};
}

double log_choose(double n, double k) { return std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1); }

// The conditional (noncentral hypergeometric) distribution of the top-left cell given
// the margins, following R's fisher.test: m = first column total, n = second column
// total, k = first row total.
class Hyper {
 public:
  explicit Hyper(const Table2x2& t)
      : m_(t[0][0] + t[1][0]), n_(t[0][1] + t[1][1]), k_(t[0][0] + t[0][1]), x_(t[0][0]) {
    lo_ = std::max(0.0, k_ - n_);
    hi_ = std::min(k_, m_);
    for (double s = lo_; s <= hi_; ++s) logdc_.push_back(log_choose(m_, s) + log_choose(n_, k_ - s));
  }
  double lo() const { return lo_; }
  double hi() const { return hi_; }
  double x() const { return x_; }

  std::vector<double> density(double ncp) const {
    std::vector<double> d(logdc_.size());
    if (ncp == 0) {  // all mass at the lowest value, as R's limits
      d.assign(d.size(), 0.0);
      d[0] = 1;
      return d;
    }
    double mx = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < d.size(); ++i) {
      d[i] = logdc_[i] + std::log(ncp) * (lo_ + static_cast<double>(i));
      mx = std::max(mx, d[i]);
    }
    double sum = 0;
    for (double& v : d) sum += (v = std::exp(v - mx));
    for (double& v : d) v /= sum;
    return d;
  }
  double mean(double ncp) const {
    if (ncp == 0) return lo_;
    if (std::isinf(ncp)) return hi_;
    const auto d = density(ncp);
    double s = 0;
    for (std::size_t i = 0; i < d.size(); ++i) s += (lo_ + static_cast<double>(i)) * d[i];
    return s;
  }
  // P(X <= q) or P(X >= q) under the odds ratio ncp.
  double tail(double q, double ncp, bool upper) const {
    if (ncp == 0) return upper ? (q <= lo_ ? 1.0 : 0.0) : (q >= lo_ ? 1.0 : 0.0);
    const auto d = density(ncp);
    double s = 0;
    for (std::size_t i = 0; i < d.size(); ++i) {
      const double v = lo_ + static_cast<double>(i);
      if (upper ? v >= q : v <= q) s += d[i];
    }
    return s;
  }

 private:
  double m_, n_, k_, x_, lo_ = 0, hi_ = 0;
  std::vector<double> logdc_;
};

// Solves g(ncp) = target for an increasing-in-ncp g, as fisher.test does: on (0, 1)
// directly, else as 1/t with t in (eps, 1), by uniroot's steps and tolerance.
template <typename G>
double solve_ncp(G g, double target) {
  const double at_one = g(1.0);
  if (at_one == target) return 1.0;
  if (at_one > target) return brent_zeroin([&](double t) { return g(t) - target; }, 0.0, 1.0);
  return 1.0 / brent_zeroin([&](double t) { return g(1.0 / t) - target; }, std::numeric_limits<double>::epsilon(), 1.0);
}

}  // namespace

Outcome<TestResult> fisher_exact(const Table2x2& t, double conf) {
  if (auto e = first_error(check_table("fisher", t), check_probability_open("fisher", "conf", conf)); !e.empty())
    return Outcome<TestResult>::fail(e);
  const Hyper h(t);
  TestResult r;
  r.method = "Fisher's exact test (two-sided)";
  const auto d = h.density(1.0);
  const double observed = d[static_cast<std::size_t>(h.x() - h.lo())] * (1 + 1e-7);
  double p = 0;
  for (double v : d) p += v <= observed ? v : 0;
  r.p_value = std::min(1.0, p);
  // Conditional MLE of the odds ratio: the ncp whose mean is the observed cell.
  const double x = h.x();
  if (x == h.lo()) r.estimate = 0;
  else if (x == h.hi()) r.estimate = std::numeric_limits<double>::infinity();
  else r.estimate = solve_ncp([&](double ncp) { return h.mean(ncp); }, x);
  const double alpha = (1 - conf) / 2;
  // Upper limit: P(X <= x; ncp) = alpha (decreasing in ncp, so solve -P = -alpha).
  const double upper = x == h.hi() ? std::numeric_limits<double>::infinity()
                                   : solve_ncp([&](double ncp) { return -h.tail(x, ncp, false); }, -alpha);
  const double lower = x == h.lo() ? 0 : solve_ncp([&](double ncp) { return h.tail(x, ncp, true); }, alpha);
  r.ci = Interval{lower, upper};
  return Outcome<TestResult>::ok(r);
}

Outcome<TestResult> fisher_one_sided(const Table2x2& t, bool greater) {
  if (auto e = check_table("fisher", t); !e.empty()) return Outcome<TestResult>::fail(e);
  const Hyper h(t);
  TestResult r;
  r.method = greater ? "Fisher's exact test (odds ratio > 1)" : "Fisher's exact test (odds ratio < 1)";
  r.p_value = std::min(1.0, h.tail(h.x(), 1.0, greater));
  return Outcome<TestResult>::ok(r);
}

Outcome<TestResult> chi_square(const Table2x2& t, bool yates) {
  if (auto e = check_table("chi_square", t); !e.empty()) return Outcome<TestResult>::fail(e);
  const double r0 = t[0][0] + t[0][1], r1 = t[1][0] + t[1][1], c0 = t[0][0] + t[1][0], c1 = t[0][1] + t[1][1];
  const double n = r0 + r1;
  if (r0 == 0 || r1 == 0 || c0 == 0 || c1 == 0)
    return Outcome<TestResult>::fail("chi_square: a row or column total is 0, so an expected count is 0");
  const double e[2][2] = {{r0 * c0 / n, r0 * c1 / n}, {r1 * c0 / n, r1 * c1 / n}};
  double correction = 0;
  if (yates) {
    correction = 0.5;
    for (int i = 0; i < 2; ++i)
      for (int j = 0; j < 2; ++j) correction = std::min(correction, std::fabs(t[i][j] - e[i][j]));
  }
  double x2 = 0;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) {
      const double dev = std::fabs(t[i][j] - e[i][j]) - correction;
      x2 += dev * dev / e[i][j];
    }
  TestResult r;
  r.method = yates ? "Pearson's chi-square test with Yates' continuity correction" : "Pearson's chi-square test";
  r.statistic = x2;
  r.df = 1;
  r.p_value = dist::chisq_upper(x2, 1);
  return Outcome<TestResult>::ok(r);
}

Outcome<TestResult> cmh(std::span<const Table2x2> strata, bool continuity, double conf) {
  if (strata.empty()) return Outcome<TestResult>::fail("cmh: no strata");
  double delta = 0, var = 0, s_diag = 0, s_offd = 0, t1 = 0, t2 = 0, t3 = 0;
  for (const Table2x2& t : strata) {
    if (auto e = check_table("cmh", t); !e.empty()) return Outcome<TestResult>::fail(e);
    const double a = t[0][0], b = t[0][1], c = t[1][0], d = t[1][1], n = a + b + c + d;
    if (n < 2) return Outcome<TestResult>::fail("cmh: every stratum needs at least 2 subjects");
    const double m = a + b, nn = a + c;
    delta += a - m * nn / n;
    var += m * (n - m) * nn * (n - nn) / (n * n * (n - 1));
    s_diag += a * d / n;
    s_offd += b * c / n;
    t1 += (a + d) * a * d / (n * n);
    t2 += ((a + d) * b * c + (b + c) * a * d) / (n * n);
    t3 += (b + c) * b * c / (n * n);
  }
  if (!(var > 0))
    return Outcome<TestResult>::fail("cmh: no stratum holds both groups and both outcomes, so there is no information");
  const double yates = continuity && std::fabs(delta) >= 0.5 ? 0.5 : 0.0;
  TestResult r;
  r.method = "Cochran–Mantel–Haenszel test";
  r.statistic = (std::fabs(delta) - yates) * (std::fabs(delta) - yates) / var;
  r.df = 1;
  r.p_value = dist::chisq_upper(*r.statistic, 1);
  const double est = s_diag / s_offd;
  r.estimate = est;
  const double sd = std::sqrt(t1 / (2 * s_diag * s_diag) + t2 / (2 * s_diag * s_offd) + t3 / (2 * s_offd * s_offd));
  const double z = dist::norm_quantile(1 - (1 - conf) / 2);
  r.ci = Interval{est * std::exp(-z * sd), est * std::exp(z * sd)};
  return Outcome<TestResult>::ok(r);
}

}  // namespace il2t::stats
