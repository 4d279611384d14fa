#pragma once
// The smallest trial size whose primary analysis reaches a target power (with posterior
// draws: a target assurance), found by simulation: a grid of sizes over the range, then
// the sizes between the last grid size below the target and the first at or above it.
// Every size runs the same replicates with the same seed. The answer carries its Monte
// Carlo error: the rate's standard error there, and the range of sizes whose rate is
// within 1.96 standard errors of the target.
#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/error.h"
#include "trial/simulate.h"
#include "trial/summary.h"

namespace il2t::trial {

struct SizePoint {
  int n = 0;
  PrimaryCount count;  // of the power run, or of the assurance run with draws
  double rate() const;
  double se() const;  // binomial: √(rate (1 − rate) / ok)
};

struct SizeSearch {
  bool ok = false;
  Error error;
  bool assurance = false;        // the rate is assurance (posterior draws), not power
  double target = 0;
  int lo = 0, hi = 0;            // the range searched
  std::vector<SizePoint> points;  // every size simulated, by size
  std::optional<int> n;          // the smallest size simulated whose rate reaches the target
  // The Monte Carlo range of the answer: the smallest size whose rate plus 1.96 SE
  // reaches the target, and the smallest whose rate minus 1.96 SE does (nullopt: none
  // within the range).
  std::optional<int> n_low, n_high;
  std::vector<double> truth_mean;  // the primary endpoint's true arm means (as Truth::arm_mean)
};

// Sizes lo..hi (2 ≤ lo < hi); settings as for simulate() but for ns, which the search
// sets. `done` as simulate()'s, over every run.
SizeSearch find_sample_size(const TrialDesign& d, const model::Model& m, const SimulationSettings& s, double target,
                            int lo, int hi, std::atomic<std::int64_t>* done = nullptr);

// The grid of at most `count` sizes from lo to hi (both included), increasing.
std::vector<int> size_grid(int lo, int hi, int count);

}  // namespace il2t::trial
