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

}  // namespace il2t::stats
