#include "stats/wilcoxon.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <limits>
#include <numeric>
#include <set>
#include <vector>

#include "stats/checks.h"
#include "stats/distributions.h"

namespace il2t::stats {

namespace {

// Average ranks (1-based), ties sharing the mean rank, as R's rank().
std::vector<double> ranks(const std::vector<double>& v) {
  std::vector<std::size_t> o(v.size());
  std::iota(o.begin(), o.end(), 0);
  std::sort(o.begin(), o.end(), [&](std::size_t a, std::size_t b) { return v[a] < v[b]; });
  std::vector<double> r(v.size());
  for (std::size_t i = 0; i < o.size();) {
    std::size_t j = i;
    while (j + 1 < o.size() && v[o[j + 1]] == v[o[i]]) ++j;
    const double avg = (static_cast<double>(i + j) + 2) / 2;
    for (std::size_t k = i; k <= j; ++k) r[o[k]] = avg;
    i = j + 1;
  }
  return r;
}

// The exact null distribution of W = (rank sum of x) − m(m+1)/2 for samples of m and n
// without ties: counts of rank subsets by their sum, built one rank at a time.
std::vector<double> exact_w_distribution(std::size_t m, std::size_t n) {
  const std::size_t N = m + n, max_sum = m * N;
  std::vector<std::vector<double>> ways(m + 1, std::vector<double>(max_sum + 1, 0.0));
  ways[0][0] = 1;
  for (std::size_t r = 1; r <= N; ++r) {
    for (std::size_t k = std::min(m, r); k >= 1; --k) {
      for (std::size_t s = max_sum; s >= r; --s) ways[k][s] += ways[k - 1][s - r];
    }
  }
  const std::size_t offset = m * (m + 1) / 2;
  std::vector<double> p(m * n + 1);
  double total = 0;
  for (std::size_t w = 0; w <= m * n; ++w) total += (p[w] = ways[m][w + offset]);
  for (double& v : p) v /= total;
  return p;
}

double cdf(const std::vector<double>& p, double q) {  // P(W <= q)
  double s = 0;
  for (std::size_t w = 0; w < p.size() && static_cast<double>(w) <= q; ++w) s += p[w];
  return s;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// The continuity-corrected normal statistic for a shift d, minus zq (R's wdiff).
double wdiff(std::span<const double> x, std::span<const double> y, double d, double zq, bool continuity) {
  std::vector<double> all;
  for (double v : x) all.push_back(v - d);
  all.insert(all.end(), y.begin(), y.end());
  const auto r = ranks(all);
  const double nx = static_cast<double>(x.size()), ny = static_cast<double>(y.size()), N = nx + ny;
  double sum = 0;
  for (std::size_t i = 0; i < x.size(); ++i) sum += r[i];
  const double dz = sum - nx * (nx + 1) / 2 - nx * ny / 2;
  std::map<double, double> ties;
  for (double v : r) ties[v] += 1;
  double t = 0;
  for (const auto& [v, c] : ties) t += c * c * c - c;
  const double sigma = std::sqrt(nx * ny / 12 * ((N + 1) - t / (N * (N - 1))));
  const double corr = continuity ? (dz > 0 ? 0.5 : (dz < 0 ? -0.5 : 0.0)) : 0.0;
  return (dz - corr) / sigma - zq;
}

// The point among the differences where wdiff(·, zq) changes sign (it decreases in d).
// Differences equal but for rounding (0.73 − 0.90 and 1.04 − 1.21) are one point.
double crossing(std::span<const double> x, std::span<const double> y, const std::vector<double>& diffs, double zq,
                bool continuity) {
  std::vector<double> points;
  for (double d : diffs) {
    if (points.empty() || d - points.back() > 1e-9 * (1 + std::fabs(d))) points.push_back(d);
  }
  double gap = std::numeric_limits<double>::infinity();
  for (std::size_t i = 1; i < points.size(); ++i) gap = std::min(gap, points[i] - points[i - 1]);
  const double h = std::isfinite(gap) ? gap / 4 : 1e-6;
  // wdiff falls as d grows, so the first point with wdiff(d + h) <= 0 is found by
  // bisection (each evaluation ranks all values: a scan over the m·n differences
  // would cost O((m·n)·N log N)); it is the crossing if wdiff(d − h) >= 0 there.
  std::size_t lo = 0, hi = points.size();  // first index in [lo, hi) with wdiff(p + h) <= 0
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (wdiff(x, y, points[mid] + h, zq, continuity) <= 0) hi = mid;
    else lo = mid + 1;
  }
  if (lo < points.size() && wdiff(x, y, points[lo] - h, zq, continuity) >= 0) return points[lo];
  return zq > 0 ? points.front() : points.back();
}

}  // namespace

Outcome<TestResult> wilcoxon_rank_sum(std::span<const double> x, std::span<const double> y, std::optional<bool> exact,
                                      bool continuity, double conf) {
  const char* fn = "wilcoxon";
  if (auto e = first_error(check_finite(fn, "x", x), check_finite(fn, "y", y), check_min_size(fn, "x", x.size(), 1),
                           check_min_size(fn, "y", y.size(), 1), check_probability_open(fn, "conf", conf));
      !e.empty())
    return Outcome<TestResult>::fail(e);
  const std::size_t m = x.size(), n = y.size();
  std::vector<double> all(x.begin(), x.end());
  all.insert(all.end(), y.begin(), y.end());
  const auto r = ranks(all);
  double w = 0;
  for (std::size_t i = 0; i < m; ++i) w += r[i];
  w -= static_cast<double>(m * (m + 1)) / 2;
  const bool ties = std::set<double>(r.begin(), r.end()).size() != r.size();
  const bool use_exact = exact.value_or(m < 50 && n < 50) && !ties;
  if (use_exact && static_cast<double>(m + 1) * static_cast<double>(m * (m + n)) > 5e7)
    return Outcome<TestResult>::fail("wilcoxon: the exact distribution is too large for these sample sizes; use the normal approximation");
  std::vector<double> diffs;
  for (double a : x)
    for (double b : y) diffs.push_back(a - b);
  std::sort(diffs.begin(), diffs.end());
  const double alpha = 1 - conf, mn = static_cast<double>(m * n);
  TestResult out;
  out.statistic = w;
  out.estimate = median(diffs);  // Hodges–Lehmann
  if (use_exact) {
    out.method = "Wilcoxon rank sum exact test";
    const auto p = exact_w_distribution(m, n);
    const double one = w > mn / 2 ? 1 - cdf(p, w - 1) : cdf(p, w);
    out.p_value = std::min(1.0, 2 * one);
    // qwilcox(alpha/2): the smallest q with P(W <= q) >= alpha/2 (less 10 eps, as R).
    double qu = 0, acc = 0;
    for (std::size_t q = 0; q < p.size(); ++q) {
      acc += p[q];
      if (acc >= alpha / 2 - 10 * std::numeric_limits<double>::epsilon()) {
        qu = static_cast<double>(q);
        break;
      }
    }
    if (qu == 0) qu = 1;
    const double ql = mn - qu;
    out.ci = Interval{diffs[static_cast<std::size_t>(qu) - 1], diffs[static_cast<std::size_t>(ql)]};
  } else {
    out.method = continuity ? "Wilcoxon rank sum test with continuity correction" : "Wilcoxon rank sum test";
    std::map<double, double> counts;
    for (double v : r) counts[v] += 1;
    double t = 0;
    for (const auto& [v, c] : counts) t += c * c * c - c;
    const double N = static_cast<double>(m + n);
    const double sigma = std::sqrt(mn / 12 * ((N + 1) - t / (N * (N - 1))));
    if (!(sigma > 0)) return Outcome<TestResult>::fail("wilcoxon: every value is tied, so the ranks carry no information");
    double z = w - mn / 2;
    if (continuity) z -= z > 0 ? 0.5 : (z < 0 ? -0.5 : 0.0);
    z /= sigma;
    out.p_value = 2 * std::min(dist::norm_cdf(z), 1 - dist::norm_cdf(z));
    const double zq = dist::norm_quantile(1 - alpha / 2);
    out.ci = Interval{crossing(x, y, diffs, zq, continuity), crossing(x, y, diffs, -zq, continuity)};
  }
  return Outcome<TestResult>::ok(out);
}

}  // namespace il2t::stats
