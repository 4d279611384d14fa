#include "stats/mcpmod.h"

#include <Eigen/Dense>
#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "stats/distributions.h"
#include "stats/zeroin.h"

namespace il2t::stats {

Outcome<std::vector<double>> model_shape(const CandidateModel& m, std::span<const double> doses) {
  auto need = [&](std::size_t k) { return m.guess.size() == k; };
  std::vector<double> f;
  for (double d : doses) {
    if (m.name == "linear" && need(0)) f.push_back(d);
    else if (m.name == "emax" && need(1)) f.push_back(d / (m.guess[0] + d));
    else if (m.name == "sigEmax" && need(2)) f.push_back(std::pow(d, m.guess[1]) / (std::pow(m.guess[0], m.guess[1]) + std::pow(d, m.guess[1])));
    else if (m.name == "exponential" && need(1)) f.push_back(std::exp(d / m.guess[0]) - 1);
    else if (m.name == "quadratic" && need(1)) f.push_back(d + m.guess[0] * d * d);
    else if (m.name == "logistic" && need(2))
      f.push_back(1 / (1 + std::exp((m.guess[0] - d) / m.guess[1])) - 1 / (1 + std::exp(m.guess[0] / m.guess[1])));
    else
      return Outcome<std::vector<double>>::fail("mcpmod: unknown model \"" + m.name + "\" or wrong number of guesstimates (" +
                                                std::to_string(m.guess.size()) + ")");
  }
  return Outcome<std::vector<double>>::ok(f);
}

namespace {

// Gauss–Legendre nodes and weights on [-1, 1] (n = 10), for panel quadrature.
constexpr std::array<double, 10> kX = {-0.9739065285171717, -0.8650633666889845, -0.6794095682990244, -0.4333953941292472,
                                       -0.1488743389816312, 0.1488743389816312,  0.4333953941292472,  0.6794095682990244,
                                       0.8650633666889845,  0.9739065285171717};
constexpr std::array<double, 10> kW = {0.0666713443086881, 0.1494513491505806, 0.2190863625159820, 0.2692667193099963,
                                       0.2955242247147529, 0.2955242247147529, 0.2692667193099963, 0.2190863625159820,
                                       0.1494513491505806, 0.0666713443086881};

// P(a_m · w <= b_m for all m), w standard normal in `dim` dimensions (columns of a
// from `col`): the last coordinate exactly, the others by panel Gauss–Legendre on [−7, 7].
double polytope_probability(const std::vector<std::vector<double>>& a, std::vector<double>& b, std::size_t col,
                            std::size_t dim) {
  if (col + 1 == dim) {
    double lo = -INFINITY, hi = INFINITY;
    for (std::size_t m = 0; m < a.size(); ++m) {
      const double c = a[m][col];
      if (std::fabs(c) < 1e-14) {
        if (b[m] < 0) return 0.0;
      } else if (c > 0) {
        hi = std::min(hi, b[m] / c);
      } else {
        lo = std::max(lo, b[m] / c);
      }
    }
    return hi <= lo ? 0.0 : dist::norm_cdf(hi) - dist::norm_cdf(lo);
  }
  constexpr int kPanels = 10;
  constexpr double kLo = -7, kHi = 7, kWidth = (kHi - kLo) / kPanels;
  double total = 0;
  for (int p = 0; p < kPanels; ++p) {
    const double mid = kLo + (p + 0.5) * kWidth;
    for (std::size_t i = 0; i < kX.size(); ++i) {
      const double w = mid + kX[i] * kWidth / 2;
      for (std::size_t m = 0; m < a.size(); ++m) b[m] -= a[m][col] * w;
      total += kW[i] * kWidth / 2 * std::exp(-w * w / 2) / std::sqrt(2 * M_PI) * polytope_probability(a, b, col + 1, dim);
      for (std::size_t m = 0; m < a.size(); ++m) b[m] += a[m][col] * w;
    }
  }
  return total;
}

// P(max_m T_m <= c) for T = a·W / s, s = sqrt(chi²_df / df).
double max_t_probability(const std::vector<std::vector<double>>& a, std::size_t dim, double c, double df) {
  constexpr int kPanels = 5;
  const double hi = 1 + 10 / std::sqrt(df), width = hi / kPanels;
  double total = 0;
  std::vector<double> b(a.size());
  for (int p = 0; p < kPanels; ++p) {
    for (std::size_t i = 0; i < kX.size(); ++i) {
      const double s = (p + 0.5) * width + kX[i] * width / 2;
      const double dens = dist::scaled_chi_density(s, df);
      std::fill(b.begin(), b.end(), c * s);
      total += kW[i] * width / 2 * dens * polytope_probability(a, b, 0, dim);
    }
  }
  return total;
}

}  // namespace

Outcome<ContrastTest> mct_test(std::span<const double> dose, std::span<const double> response,
                               const std::vector<CandidateModel>& models, bool decreasing, double alpha,
                               bool probabilities) {
  if (dose.size() != response.size() || dose.empty()) return Outcome<ContrastTest>::fail("mcpmod: dose and response differ in length");
  if (models.empty()) return Outcome<ContrastTest>::fail("mcpmod: no candidate models");
  std::map<double, std::pair<double, double>> groups;  // dose -> (n, sum)
  for (std::size_t i = 0; i < dose.size(); ++i) {
    if (!std::isfinite(dose[i]) || dose[i] < 0 || !std::isfinite(response[i]))
      return Outcome<ContrastTest>::fail("mcpmod: observation " + std::to_string(i) + " has a negative or non-finite value");
    groups[dose[i]].first += 1;
    groups[dose[i]].second += response[i];
  }
  const std::size_t k = groups.size();
  if (k < 3) return Outcome<ContrastTest>::fail("mcpmod: at least 3 dose levels are needed");
  std::vector<double> levels, n, mean;
  for (const auto& [d, g] : groups) {
    levels.push_back(d);
    n.push_back(g.first);
    mean.push_back(g.second / g.first);
  }
  double ss = 0;
  for (std::size_t i = 0; i < dose.size(); ++i) {
    const auto at = static_cast<std::size_t>(std::lower_bound(levels.begin(), levels.end(), dose[i]) - levels.begin());
    ss += (response[i] - mean[at]) * (response[i] - mean[at]);
  }
  ContrastTest out;
  out.df = static_cast<double>(dose.size() - k);
  if (out.df < 1) return Outcome<ContrastTest>::fail("mcpmod: no degrees of freedom left for the variance");
  const double s = std::sqrt(ss / out.df), N = static_cast<double>(dose.size());
  std::vector<std::vector<double>> u;  // S^(1/2) c / |.|: unit vectors in k dimensions
  for (const CandidateModel& m : models) {
    auto f = model_shape(m, levels);
    if (!f) return Outcome<ContrastTest>::fail(f.error);
    std::vector<double> mu = *f.value;
    if (decreasing)
      for (double& v : mu) v = -v;
    double wmean = 0;
    for (std::size_t i = 0; i < k; ++i) wmean += n[i] * mu[i] / N;
    std::vector<double> c(k);
    double norm = 0;
    for (std::size_t i = 0; i < k; ++i) norm += (c[i] = n[i] * (mu[i] - wmean)) * c[i];
    norm = std::sqrt(norm);
    if (norm == 0) return Outcome<ContrastTest>::fail("mcpmod: model " + m.name + " is flat over the doses");
    for (double& v : c) v /= norm;
    double num = 0, var = 0;
    std::vector<double> ui(k);
    for (std::size_t i = 0; i < k; ++i) {
      num += c[i] * mean[i];
      var += c[i] * c[i] / n[i];
      ui[i] = c[i] / std::sqrt(n[i]);
    }
    for (double& v : ui) v /= std::sqrt(var);
    out.models.push_back(m.name);
    out.contrasts.push_back(c);
    out.t.push_back(num / (s * std::sqrt(var)));
    u.push_back(ui);
  }
  const std::size_t M = u.size();
  out.correlation.assign(M, std::vector<double>(M));
  for (std::size_t a = 0; a < M; ++a)
    for (std::size_t b = 0; b < M; ++b) {
      double r = 0;
      for (std::size_t i = 0; i < k; ++i) r += u[a][i] * u[b][i];
      out.correlation[a][b] = r;
    }
  if (!probabilities) return Outcome<ContrastTest>::ok(out);
  // An orthonormal basis of the space orthogonal to S^(-1/2)·1, where every u lives.
  Eigen::MatrixXd basis(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k));
  for (std::size_t i = 0; i < k; ++i) basis(static_cast<Eigen::Index>(i), 0) = std::sqrt(n[i]);
  for (std::size_t j = 1; j < k; ++j)
    for (std::size_t i = 0; i < k; ++i) basis(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = i + 1 == j ? 1.0 : 0.0;
  const Eigen::MatrixXd Q = Eigen::HouseholderQR<Eigen::MatrixXd>(basis).householderQ();
  std::vector<std::vector<double>> a(M, std::vector<double>(k - 1));
  for (std::size_t m = 0; m < M; ++m)
    for (std::size_t j = 1; j < k; ++j) {
      double v = 0;
      for (std::size_t i = 0; i < k; ++i) v += Q(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) * u[m][i];
      a[m][j - 1] = v;
    }
  for (double t : out.t) out.p_adjusted.push_back(std::clamp(1 - max_t_probability(a, k - 1, t, out.df), 0.0, 1.0));
  out.critical_value = brent_zeroin([&](double c) { return max_t_probability(a, k - 1, c, out.df) - (1 - alpha); }, 0.0,
                                    10.0, 1e-6);
  return Outcome<ContrastTest>::ok(out);
}

}  // namespace il2t::stats
