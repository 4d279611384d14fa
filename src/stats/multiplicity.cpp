#include "stats/multiplicity.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace il2t::stats {

namespace {

std::string check_p(std::span<const double> p) {
  if (p.empty()) return "p.adjust: no p-values";
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (!std::isnan(p[i]) && !(p[i] >= 0 && p[i] <= 1)) return "p.adjust: p[" + std::to_string(i) + "] is not a probability";
  }
  return {};
}

// As p.adjust: missing p-values (NaN) stay missing and do not count among the tests.
template <typename Adjust>
Outcome<std::vector<double>> adjust_present(std::span<const double> p, Adjust adjust) {
  if (auto e = check_p(p); !e.empty()) return Outcome<std::vector<double>>::fail(e);
  std::vector<double> present;
  for (double v : p) {
    if (!std::isnan(v)) present.push_back(v);
  }
  std::vector<double> done = adjust(std::span<const double>(present));
  std::vector<double> out(p.size(), std::nan(""));
  for (std::size_t i = 0, k = 0; i < p.size(); ++i) {
    if (!std::isnan(p[i])) out[i] = done[k++];
  }
  return Outcome<std::vector<double>>::ok(out);
}

std::vector<double> bonferroni_of(std::span<const double> p) {
  std::vector<double> out(p.begin(), p.end());
  for (double& v : out) v = std::min(1.0, v * static_cast<double>(p.size()));
  return out;
}

std::vector<double> holm_of(std::span<const double> p) {
  const std::size_t n = p.size();
  std::vector<std::size_t> o(n);
  std::iota(o.begin(), o.end(), 0);
  std::stable_sort(o.begin(), o.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  std::vector<double> out(n);
  double running = 0;
  for (std::size_t i = 0; i < n; ++i) {
    running = std::max(running, static_cast<double>(n - i) * p[o[i]]);
    out[o[i]] = std::min(1.0, running);
  }
  return out;
}

std::vector<double> hochberg_of(std::span<const double> p) {
  const std::size_t n = p.size();
  std::vector<std::size_t> o(n);
  std::iota(o.begin(), o.end(), 0);
  std::stable_sort(o.begin(), o.end(), [&](std::size_t a, std::size_t b) { return p[a] > p[b]; });
  std::vector<double> out(n);
  double running = 1;
  for (std::size_t i = 0; i < n; ++i) {
    running = std::min(running, static_cast<double>(i + 1) * p[o[i]]);
    out[o[i]] = std::min(1.0, running);
  }
  return out;
}

}  // namespace

Outcome<std::vector<double>> bonferroni(std::span<const double> p) { return adjust_present(p, bonferroni_of); }
Outcome<std::vector<double>> holm(std::span<const double> p) { return adjust_present(p, holm_of); }
Outcome<std::vector<double>> hochberg(std::span<const double> p) { return adjust_present(p, hochberg_of); }

}  // namespace il2t::stats
