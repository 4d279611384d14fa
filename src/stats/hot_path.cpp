#include "stats/hot_path.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "stats/distributions.h"

namespace il2t::stats {

LogRank2 log_rank_two_groups(std::span<const double> time, std::span<const double> event,
                             std::span<const double> group, LogRankWorkspace& ws) {
  auto& order = ws.order();
  order.resize(time.size());  // within the reserved capacity: no allocation
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return time[a] < time[b]; });
  double at_risk[2] = {0, 0};
  for (double g : group) at_risk[g == 1 ? 1 : 0] += 1;
  double o1 = 0, e1 = 0, v = 0;
  for (std::size_t i = 0; i < order.size();) {
    const double t = time[order[i]];
    double d[2] = {0, 0}, leaving[2] = {0, 0};
    for (; i < order.size() && time[order[i]] == t; ++i) {
      const int g = group[order[i]] == 1 ? 1 : 0;
      if (event[order[i]] == 1) d[g] += 1;
      leaving[g] += 1;
    }
    const double n = at_risk[0] + at_risk[1], dt = d[0] + d[1];
    if (dt > 0) {
      o1 += d[1];
      e1 += dt * at_risk[1] / n;
      if (n > 1) v += dt * (n - dt) / (n - 1) * (at_risk[1] / n) * (1 - at_risk[1] / n);
    }
    at_risk[0] -= leaving[0];
    at_risk[1] -= leaving[1];
  }
  LogRank2 r;
  if (!(v > 0)) return r;
  r.ok = true;
  r.observed1 = o1;
  r.expected1 = e1;
  r.chisq = (o1 - e1) * (o1 - e1) / v;
  r.p_value = dist::chisq_upper(r.chisq, 1);
  return r;
}

double fisher_two_sided_p(const Table2x2& t) {
  const double m = t[0][0] + t[1][0], n = t[0][1] + t[1][1], k = t[0][0] + t[0][1], x = t[0][0];
  const double lo = std::max(0.0, k - n), hi = std::min(k, m);
  auto logd = [&](double s) {
    return std::lgamma(m + 1) - std::lgamma(s + 1) - std::lgamma(m - s + 1) + std::lgamma(n + 1) -
           std::lgamma(k - s + 1) - std::lgamma(n - k + s + 1);
  };
  double mx = -INFINITY;
  for (double s = lo; s <= hi; ++s) mx = std::max(mx, logd(s));
  double total = 0, kept = 0;
  const double observed = std::exp(logd(x) - mx) * (1 + 1e-7);
  for (double s = lo; s <= hi; ++s) {
    const double d = std::exp(logd(s) - mx);
    total += d;
    if (d <= observed) kept += d;
  }
  return std::min(1.0, kept / total);
}

Cox1 cox_one_covariate(std::span<const double> time, std::span<const double> event, std::span<const double> x,
                       LogRankWorkspace& ws) {
  auto& order = ws.order();
  order.resize(time.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return time[a] > time[b]; });
  // Partial log-likelihood, score and information at beta (Efron's ties).
  auto eval = [&](double beta, double& ll, double& u, double& info) {
    ll = u = info = 0;
    double s0 = 0, s1 = 0, s2 = 0;
    for (std::size_t i = 0; i < order.size();) {
      const double t = time[order[i]];
      double e0 = 0, e1 = 0, e2 = 0, d = 0, xsum = 0;
      for (; i < order.size() && time[order[i]] == t; ++i) {
        const double xi = x[order[i]], r = std::exp(beta * xi);
        s0 += r;
        s1 += r * xi;
        s2 += r * xi * xi;
        if (event[order[i]] == 1) {
          d += 1;
          e0 += r;
          e1 += r * xi;
          e2 += r * xi * xi;
          xsum += xi;
        }
      }
      if (d == 0) continue;
      ll += beta * xsum;
      u += xsum;
      for (double l = 0; l < d; ++l) {
        const double f = l / d, den = s0 - f * e0, a = (s1 - f * e1) / den;
        ll -= std::log(den);
        u -= a;
        info += (s2 - f * e2) / den - a * a;
      }
    }
  };
  Cox1 r;
  double beta = 0, ll = 0, u = 0, info = 0;
  eval(beta, ll, u, info);
  if (!(info > 0)) return r;
  for (int it = 0; it < 20; ++it) {
    double next = beta + u / info, ll2 = 0, u2 = 0, i2 = 0;
    eval(next, ll2, u2, i2);
    for (int half = 0; half < 30 && (!std::isfinite(ll2) || ll2 < ll); ++half) {
      next = (beta + next) / 2;
      eval(next, ll2, u2, i2);
    }
    const bool done = std::fabs(1 - ll / ll2) < 1e-9;
    beta = next;
    ll = ll2;
    u = u2;
    info = i2;
    if (done) break;
  }
  if (!(info > 0)) return r;
  r.ok = true;
  r.coef = beta;
  r.se = 1 / std::sqrt(info);
  r.wald = beta * beta * info;
  r.p_value = dist::chisq_upper(r.wald, 1);
  return r;
}

bool mct_statistics(const McpDesign& design, std::span<const double> response, McpWorkspace& ws, std::span<double> t) {
  auto& sum = ws.sum();
  auto& mean = ws.mean();
  std::fill(sum.begin(), sum.end(), 0.0);
  for (std::size_t i = 0; i < response.size(); ++i) sum[design.level[i]] += response[i];
  for (std::size_t k = 0; k < sum.size(); ++k) mean[k] = sum[k] / design.n[k];
  double ss = 0;
  for (std::size_t i = 0; i < response.size(); ++i) {
    const double d = response[i] - mean[design.level[i]];
    ss += d * d;
  }
  const double df = static_cast<double>(response.size() - sum.size());
  if (!(ss > 0) || df < 1) return false;
  const double s = std::sqrt(ss / df);
  for (std::size_t m = 0; m < design.contrasts.size(); ++m) {
    double num = 0, var = 0;
    for (std::size_t k = 0; k < sum.size(); ++k) {
      num += design.contrasts[m][k] * mean[k];
      var += design.contrasts[m][k] * design.contrasts[m][k] / design.n[k];
    }
    t[m] = num / (s * std::sqrt(var));
  }
  return true;
}

}  // namespace il2t::stats
