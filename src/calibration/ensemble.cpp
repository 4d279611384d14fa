#include "calibration/ensemble.h"

#include <algorithm>
#include <cmath>
#include <thread>

#include "model/rng.h"

namespace il2t::calibration {

double autocorrelation_time(const std::vector<std::vector<double>>& chains) {
  // The autocovariance of each chain about its own mean, averaged over chains (as emcee
  // does), normalised at lag 0; the window stops at the first lag M >= 5 τ(M).
  std::size_t n = chains.empty() ? 0 : chains[0].size();
  for (const auto& c : chains) n = std::min(n, c.size());
  if (n < 4) return 1;
  std::vector<double> means;
  for (const auto& c : chains) {
    double m = 0;
    for (std::size_t i = 0; i < n; ++i) m += c[i];
    means.push_back(m / static_cast<double>(n));
  }
  auto acov = [&](std::size_t lag) {
    double a = 0;
    for (std::size_t w = 0; w < chains.size(); ++w)
      for (std::size_t i = 0; i + lag < n; ++i) a += (chains[w][i] - means[w]) * (chains[w][i + lag] - means[w]);
    return a / static_cast<double>(chains.size() * n);
  };
  const double c0 = acov(0);
  if (!(c0 > 0)) return 1;
  double tau = 1;
  for (std::size_t lag = 1; lag < n / 2; ++lag) {
    tau += 2 * acov(lag) / c0;
    if (static_cast<double>(lag) >= 5 * tau) break;
  }
  return std::max(1.0, tau);
}

EnsembleResult sample_ensemble(const std::function<double(const double*)>& log_density,
                               std::vector<std::vector<double>> walkers, const EnsembleSettings& s) {
  EnsembleResult out;
  const std::size_t W = walkers.size();
  const std::size_t d = W ? walkers[0].size() : 0;
  if (W < 2 * d + 2 || W % 2) {
    out.error = "the ensemble needs an even number of walkers, at least 2 × dimensions + 2 (" + std::to_string(2 * d + 2) + ")";
    return out;
  }
  std::vector<double> lp(W);
  for (std::size_t w = 0; w < W; ++w) {
    lp[w] = log_density(walkers[w].data());
    if (!std::isfinite(lp[w])) {
      out.error = "walker " + std::to_string(w) + " starts where the posterior density is zero";
      return out;
    }
  }
  const std::size_t half = W / 2;
  const int threads = std::max(1, s.threads);
  // Each coordinate's chain per walker over the kept steps.
  std::vector<std::vector<std::vector<double>>> chains(d, std::vector<std::vector<double>>(W));
  std::size_t accepted = 0, proposed = 0;
  std::vector<std::vector<double>> proposal(half, std::vector<double>(d));
  std::vector<double> lq(half), zs(half);
  std::vector<char> take(half);
  for (int t = 0; t < s.burn_in + s.steps; ++t) {
    for (std::size_t part = 0; part < 2; ++part) {
      const std::size_t self = part * half, other = (1 - part) * half;
      for (std::size_t i = 0; i < half; ++i) {
        model::Stream rng(s.seed, static_cast<std::uint64_t>(t) * 2 + part, self + i, model::Purpose::mcmc);
        const double u = rng.uniform();
        zs[i] = (1 + u) * (1 + u) / 2;  // g(z) ∝ 1/√z on [1/2, 2]
        const auto j = other + std::min(half - 1, static_cast<std::size_t>(rng.uniform() * static_cast<double>(half)));
        for (std::size_t k = 0; k < d; ++k)
          proposal[i][k] = walkers[j][k] + zs[i] * (walkers[self + i][k] - walkers[j][k]);
        take[i] = 0;
        lq[i] = rng.uniform();  // kept for the acceptance draw below
      }
      auto work = [&](int th) {
        for (std::size_t i = static_cast<std::size_t>(th); i < half; i += static_cast<std::size_t>(threads)) {
          const double l = log_density(proposal[i].data());
          const double log_ratio = (static_cast<double>(d) - 1) * std::log(zs[i]) + l - lp[self + i];
          take[i] = std::isfinite(l) && std::log(lq[i]) < log_ratio;
          if (take[i]) lq[i] = l;
        }
      };
      std::vector<std::thread> pool;
      for (int th = 1; th < threads; ++th) pool.emplace_back(work, th);
      work(0);
      for (auto& th : pool) th.join();
      for (std::size_t i = 0; i < half; ++i) {
        if (t >= s.burn_in) ++proposed, accepted += take[i];
        if (!take[i]) continue;
        walkers[self + i] = proposal[i];
        lp[self + i] = lq[i];
      }
    }
    if (t < s.burn_in) continue;
    for (std::size_t k = 0; k < d; ++k)
      for (std::size_t w = 0; w < W; ++w) chains[k][w].push_back(walkers[w][k]);
    if ((t - s.burn_in) % std::max(1, s.thin) == 0)
      for (const auto& w : walkers) out.draws.push_back(w);
  }
  out.acceptance = proposed ? static_cast<double>(accepted) / static_cast<double>(proposed) : 0;
  for (std::size_t k = 0; k < d; ++k) {
    const double tau = autocorrelation_time(chains[k]);
    out.autocorrelation.push_back(tau);
    out.ess.push_back(static_cast<double>(s.steps) * static_cast<double>(W) / tau);
  }
  return out;
}

}  // namespace il2t::calibration
