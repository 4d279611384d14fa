#include "stats/first_order.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace il2t::stats {

FirstOrder first_order_index(const std::vector<double>& x, const std::vector<double>& y, int bins) {
  FirstOrder out;
  const std::size_t n = std::min(x.size(), y.size());
  out.index = NAN;
  if (bins < 2 || n < 2 * static_cast<std::size_t>(bins)) return out;
  out.null = static_cast<double>(bins - 1) / static_cast<double>(n - 1);
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  double mean = 0;
  for (std::size_t i = 0; i < n; ++i) mean += y[i];
  mean /= static_cast<double>(n);
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) total += (y[i] - mean) * (y[i] - mean);
  if (!(total > 0)) return out;
  double between = 0;
  for (int b = 0; b < bins; ++b) {
    const std::size_t lo = n * static_cast<std::size_t>(b) / static_cast<std::size_t>(bins);
    const std::size_t hi = n * static_cast<std::size_t>(b + 1) / static_cast<std::size_t>(bins);
    double m = 0;
    for (std::size_t i = lo; i < hi; ++i) m += y[order[i]];
    m /= static_cast<double>(hi - lo);
    between += static_cast<double>(hi - lo) * (m - mean) * (m - mean);
  }
  out.index = between / total;
  return out;
}

}  // namespace il2t::stats
