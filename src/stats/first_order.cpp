#include "stats/first_order.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>

namespace il2t::stats {

namespace {

// The between-bin share of y's sum of squares, bins taken over y's own order.
double between_share(const std::vector<double>& y, int bins, double mean, double total) {
  const std::size_t n = y.size();
  double between = 0;
  for (int b = 0; b < bins; ++b) {
    const std::size_t lo = n * static_cast<std::size_t>(b) / static_cast<std::size_t>(bins);
    const std::size_t hi = n * static_cast<std::size_t>(b + 1) / static_cast<std::size_t>(bins);
    double m = 0;
    for (std::size_t i = lo; i < hi; ++i) m += y[i];
    m /= static_cast<double>(hi - lo);
    between += static_cast<double>(hi - lo) * (m - mean) * (m - mean);
  }
  return between / total;
}

void mean_and_total(const std::vector<double>& y, double& mean, double& total) {
  mean = 0;
  for (double v : y) mean += v;
  mean /= static_cast<double>(y.size());
  total = 0;
  for (double v : y) total += (v - mean) * (v - mean);
}

}  // namespace

FirstOrder first_order_index(const std::vector<double>& x, const std::vector<double>& y, int bins) {
  FirstOrder out;
  const std::size_t n = std::min(x.size(), y.size());
  out.index = NAN;
  if (bins < 2 || n < 2 * static_cast<std::size_t>(bins)) return out;
  out.null = static_cast<double>(bins - 1) / static_cast<double>(n - 1);
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  std::vector<double> sorted(n);
  for (std::size_t i = 0; i < n; ++i) sorted[i] = y[order[i]];
  double mean = 0, total = 0;
  mean_and_total(sorted, mean, total);
  if (!(total > 0)) return out;
  out.index = between_share(sorted, bins, mean, total);
  return out;
}

double first_order_null_quantile(const std::vector<double>& y, const std::vector<std::uint32_t>& cluster, int bins,
                                 double tail, int permutations, std::uint64_t seed) {
  const std::size_t n = y.size();
  if (bins < 2 || n < 2 * static_cast<std::size_t>(bins) || permutations < 1 || !(tail > 0 && tail < 1) ||
      (!cluster.empty() && cluster.size() != n))
    return NAN;
  double mean = 0, total = 0;
  mean_and_total(y, mean, total);
  if (!(total > 0)) return NAN;
  // Each cluster's values, in the sample's order (a cluster per label, first seen first).
  std::vector<std::vector<double>> groups;
  if (cluster.empty()) {
    for (double v : y) groups.push_back({v});
  } else {
    std::map<std::uint32_t, std::size_t> at;
    for (std::size_t i = 0; i < n; ++i) {
      const auto [it, fresh] = at.emplace(cluster[i], groups.size());
      if (fresh) groups.emplace_back();
      groups[it->second].push_back(y[i]);
    }
  }
  std::mt19937_64 rng(seed);
  std::vector<std::size_t> order(groups.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::vector<double> laid(n), index(static_cast<std::size_t>(permutations));
  for (double& s : index) {
    for (std::size_t i = order.size() - 1; i > 0; --i) std::swap(order[i], order[rng() % (i + 1)]);
    std::size_t k = 0;
    for (std::size_t g : order)
      for (double v : groups[g]) laid[k++] = v;
    s = between_share(laid, bins, mean, total);
  }
  // The upper-tail quantile: the order statistic that `tail` of the permutations exceed.
  const std::size_t k = std::min(index.size() - 1, static_cast<std::size_t>(std::floor((1 - tail) * static_cast<double>(permutations))));
  std::nth_element(index.begin(), index.begin() + static_cast<std::ptrdiff_t>(k), index.end());
  return index[k];
}

}  // namespace il2t::stats
