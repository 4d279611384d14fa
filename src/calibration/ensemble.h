#pragma once
// An affine-invariant ensemble sampler (Goodman & Weare 2010, Commun Appl Math Comput
// Sci 5:65; the stretch move with a = 2, in two halves as emcee does): W walkers move
// together, each proposing along the line to a walker of the other half. It needs no
// tuning for correlated or badly scaled posteriors, which an emulated calibration
// posterior is. Deterministic: walker w at step t draws from Stream(seed, t, w, mcmc),
// so the chain is the same for any thread count.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>
#include "core/error.h"

namespace il2t::calibration {

struct EnsembleSettings {
  int burn_in = 2000;  // steps discarded
  int steps = 2000;    // steps kept
  int thin = 10;       // keep every thin-th step of each walker
  std::uint64_t seed = 1;
  int threads = 1;
};

struct EnsembleResult {
  std::vector<std::vector<double>> draws;  // kept steps × walkers, in step then walker order
  double acceptance = 0;                   // over the kept steps
  // Per coordinate: the integrated autocorrelation time in steps (the walkers'
  // autocovariances averaged, Sokal's window with c = 5), and the effective sample size
  // of the kept steps, steps × walkers / τ.
  std::vector<double> autocorrelation, ess;
  Error error;
};

// `log_density` must be safe to call from several threads at once. `start` holds one
// point per walker (an even number, at least 2 × dims + 2), each of finite density.
EnsembleResult sample_ensemble(const std::function<double(const double*)>& log_density,
                               std::vector<std::vector<double>> start, const EnsembleSettings& s);

// The integrated autocorrelation time of parallel chains of one quantity (their
// autocovariances averaged; Sokal's automatic window, c = 5).
double autocorrelation_time(const std::vector<std::vector<double>>& chains);

}  // namespace il2t::calibration
