#include "calibration/space_filling.h"

#include <algorithm>
#include <limits>
#include <numeric>

#include "model/rng.h"

namespace il2t::calibration {

namespace {

double min_distance2(const std::vector<std::vector<double>>& p) {
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < p.size(); ++i)
    for (std::size_t j = i + 1; j < p.size(); ++j) {
      double d2 = 0;
      for (std::size_t k = 0; k < p[i].size() && d2 < best; ++k) {
        const double d = p[i][k] - p[j][k];
        d2 += d * d;
      }
      best = std::min(best, d2);
    }
  return best;
}

}  // namespace

std::vector<std::vector<double>> latin_hypercube(std::size_t n, std::size_t dims, std::uint64_t seed, std::uint64_t key,
                                                 int candidates) {
  std::vector<std::vector<double>> best;
  double best_score = -1;
  std::vector<std::size_t> slice(n);
  for (int c = 0; c < std::max(1, candidates); ++c) {
    model::Stream rng(seed, key, static_cast<std::uint64_t>(c), model::Purpose::design);
    std::vector<std::vector<double>> p(n, std::vector<double>(dims));
    for (std::size_t k = 0; k < dims; ++k) {
      std::iota(slice.begin(), slice.end(), std::size_t{0});
      for (std::size_t i = n; i > 1; --i) {  // Fisher–Yates
        const auto j = static_cast<std::size_t>(rng.uniform() * static_cast<double>(i));
        std::swap(slice[i - 1], slice[std::min(j, i - 1)]);
      }
      for (std::size_t i = 0; i < n; ++i) p[i][k] = (static_cast<double>(slice[i]) + rng.uniform()) / static_cast<double>(n);
    }
    const double score = n > 1 ? min_distance2(p) : 0;
    if (score > best_score) {
      best_score = score;
      best = std::move(p);
    }
  }
  return best;
}

}  // namespace il2t::calibration
