#pragma once
// calibrate --posterior: a sample of parameter sets from the calibration's posterior,
// by Bayesian history matching with an emulator (docs/model.md, "Posterior"):
//
// 1. Wave 1 simulates a Latin hypercube of design points over the priors' bounds (the
//    standard-of-care shares widened, since trial effects move them), each point every
//    study with `replicates` trials, and fits the emulator (emulator.h: linear in every
//    input, cubic in each output's most influential ones) to the rows' summaries
//    (posterior_layout.h).
// 2. The ensemble sampler (ensemble.h) draws from the emulated posterior
//    (emulated_posterior.h); the region it occupies, widened, is the next wave's box.
// 3. Later waves simulate a new design in that box and refit the emulator on every
//    point inside it; the last wave's posterior is the result. From wave 2 a share's
//    prior is its widened region of the draws, and its box reaches beyond that by
//    its trials' effects (3 × 1.25 × the SD's 99.9 % quantile over √trials pooled).
// 4. `check_points` of the final draws are simulated directly with `check_replicates`
//    trials: the emulator's error against simulation, reported per row.
// 5. Prior-only parameters are drawn from their priors into every row.
//
// Each design point runs its own random streams (a seed derived from the run's seed and
// the point's index): with common random numbers the design would share one Monte
// Carlo error that no emulator could see or average away. Every simulated design point
// is journalled (journal.h) under a key of everything it
// depends on, so an interrupted run resumes where it stopped; the rest is deterministic
// and fast. The result does not depend on the thread count.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "calibration/emulator.h"
#include "calibration/ensemble.h"
#include "calibration/journal.h"
#include "calibration/posterior_layout.h"
#include "calibration/studies.h"
#include "core/error.h"
#include "model/parameter_set.h"

namespace il2t::calibration {

// How far a share's emulator box reaches beyond its prior: 3 × 1.25 × the 99.9 %
// quantile of its trials' between-trial SD draws, over √(trials pooled). A synthetic
// truth at the prior's edge plus a trial effect stays inside (sbc.h draws the SDs up
// to 1.25 × that quantile of the last draws).
inline constexpr double kShareSdReach = 3 * 1.25;

// A later wave's box, from the last wave's draws (θ, search scale): the region they
// occupy (0.1 % to 99.9 % quantiles, widened by a quarter of the range) within the
// priors `bounds`; a share's box reaches beyond that by kShareSdReach, within the
// model's range of the parameter. `prior` gets the region itself: a share's prior in
// the next wave.
Box next_box(const PosteriorLayout& l, const std::vector<FreeParameter>& bounds, const model::ParameterSet& base,
             const std::vector<std::vector<double>>& draws, Box& prior);

struct PosteriorSettings {
  std::uint64_t seed = 1;
  std::int64_t replicates = 10;  // replicate trials per study at a design point
  int points = 1200;             // design points per wave
  int waves = 3;
  int draws = 1000;              // parameter sets kept
  int check_points = 20;
  std::int64_t check_replicates = 40;
  int correlation_replicates = 200;  // simulated worlds for the rows' correlations (row_correlation.h)
  int threads = 1;
  int burn_in = 4000, steps = 4000;  // of the final wave's sampler (earlier waves: half)
};

// One row's emulator against direct simulation at the checked draws.
struct EmulatorCheck {
  std::string id;
  double rmse = 0;         // root mean square of simulated − emulated, on the emulated scale
  double noise = 0;        // the Monte Carlo SD of those simulated values (part of rmse)
  double error = 0;        // the emulator's own error as the likelihood takes it (Emulator::error)
  double sampling_sd = 0;  // the sampling SD of one published trial's value, same scale
};

struct PosteriorWave {
  Box box;
  int points = 0, replayed = 0, failed = 0, fitted = 0;
};

struct PosteriorRun {
  std::vector<FreeParameter> columns;       // every free parameter, in the file's order
  std::vector<std::vector<double>> draws;   // model values, one row per draw, in columns' order
  std::vector<PosteriorWave> waves;
  PosteriorLayout layout;
  std::optional<Emulator> emulator;         // the last wave's
  std::vector<std::vector<double>> design;  // the design points it was fitted on
  double acceptance = 0;
  std::vector<double> autocorrelation, ess;  // per θ coordinate
  // Where the last draws of each between-trial SD reach (its 99.9 % quantile × 1.25,
  // within its prior and within the SD the last box was built for: next_box; model
  // units): the SBC's truncation of their priors.
  std::vector<double> sd_upper;
  std::vector<EmulatorCheck> check;
  Error error;
};

using PosteriorProgress = std::function<void(const std::string& stage, int done, int total)>;

// `free_file` names the free parameters' file in errors.
PosteriorRun run_posterior(const Setup& s, const model::ParameterSet& base, const std::vector<FreeParameter>& free,
                           const std::string& free_file, const PosteriorSettings& ps, Journal* journal,
                           const PosteriorProgress& progress);

// Starting points of the ensemble: the design points `xs` of highest density under
// `post` (the SDs in the middle half of their priors), each nudged so that no two
// coincide; those of zero density are left out.
std::vector<std::vector<double>> starting_walkers(const EmulatedPosterior& post, const std::vector<std::vector<double>>& xs,
                                                  std::size_t walkers, std::uint64_t seed);

// The emulator outputs at design point x and their Monte Carlo variances
// (posterior_layout.h's outputs_of), every study simulated with c.replicates trials;
// an Error when the point makes the model impossible (the design takes NaN for it).
Expected<std::vector<double>> simulate_point(const Setup& s, const model::ParameterSet& base, const PosteriorLayout& l,
                                             const std::vector<double>& x, const CheckSettings& c);

}  // namespace il2t::calibration
