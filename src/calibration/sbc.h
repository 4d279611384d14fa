#pragma once
// Simulation-based calibration of the posterior method (Talts et al. 2018,
// arXiv:1804.06788): if parameters are drawn from the prior, data simulated from them,
// and the posterior computed from those data, then each true value's rank among its
// posterior draws is uniform, whatever the prior. Non-uniform ranks show an
// over-confident (U-shaped), under-confident (humped) or biased (sloped) posterior.
//
// Here, for each synthetic data set:
// 1. θ is drawn from the prior truncated to the last wave's box (the region the
//    emulator covers and the posterior is computed in; posterior.h; the between-trial
//    SDs to where the last wave's draws reach), and each trial's standard-of-care effect
//    from N(0, sd²/pooled);
// 2. every target and placebo arm is simulated once, as the published one was run:
//    one replicate trial of its study (a placebo arm at its own arm size), each trial
//    with its own effect, by the model itself, not the emulator (a row the trial gives
//    no value for is missing from that data set; a normal kind's value gets the
//    resolution error the likelihood assumes: observe_world). With SbcWorld::emulator the data
//    are drawn instead exactly as the likelihood assumes they arise (emulated mean at
//    the shifted share, one emulator error per row, binomial or normal sampling): that
//    checks the likelihood's code and the sampler alone, so a failure of the model
//    world that passes in the emulator world lies in what the likelihood assumes;
// 3. the posterior of those data is sampled as calibrate --posterior samples the
//    published data's (the same emulator, likelihood and ensemble sampler);
// 4. each coordinate's rank of the true value among `draws` posterior draws is kept:
//    every walker's position at the last step and at steps spaced by the sampler's
//    largest autocorrelation time before it, thinned evenly to `draws`.
// The ranks are binned and each coordinate's histogram tested against uniformity by a
// chi-square test.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "calibration/emulated_posterior.h"
#include "calibration/emulator.h"
#include "calibration/journal.h"
#include "calibration/posterior_layout.h"
#include "calibration/studies.h"
#include "calibration/world.h"
#include "core/error.h"
#include "model/parameter_set.h"
#include "model/rng.h"

namespace il2t::calibration {

// Where the synthetic data come from (step 2 above).
enum class SbcWorld { model, emulator };

struct SbcSettings {
  SbcWorld world = SbcWorld::model;
  // The prior of each between-trial SD is truncated at these (model units; PosteriorRun::
  // sd_upper): the region the last wave covers, as for the emulator's inputs.
  std::vector<double> sd_upper;
  int datasets = 100;
  int draws = 99;              // posterior draws each rank is taken among (ranks 0..draws)
  int bins = 10;
  int burn_in = 4000, steps = 2000;  // the posterior's burn-in; enough steps for `draws` spaced draws
  std::uint64_t seed = 1;
  int threads = 1;
};

// One coordinate's ranks and their test.
struct SbcCoordinate {
  std::string name;
  std::vector<int> ranks;    // one per data set, 0..draws
  std::vector<int> counts;   // per bin
  double chi_square = 0, p_value = 1;
};

struct SbcResult {
  std::vector<SbcCoordinate> coordinates;  // θ's order
  int datasets = 0, failed = 0;            // failed: a data set the model could not simulate
  int missing_rows = 0;                    // rows a synthetic trial gave no value for (left out of its data set)
  int short_pools = 0;                     // data sets with fewer than `draws` spaced draws (some ranked twice)
  Error error;
};

// Bins ranks 0..draws into `bins` equal bins (draws + 1 must be a multiple of bins) and
// tests their counts against uniformity: the chi-square statistic and its p-value.
void test_ranks(SbcCoordinate& c, int draws, int bins);

using SbcProgress = std::function<void(int done, int total)>;

// θ clipped to the last wave's box (the emulator's inputs) and the SDs to `sd_upper`:
// the prior SBC draws from (step 1).
std::vector<FreeParameter> sbc_prior(const PosteriorLayout& l, const Emulator& e, const std::vector<double>& sd_upper);

// One synthetic data set's truth (steps 1 and 2 in the model world): θ drawn from the
// prior `box`, each trial's effect, and every bucket simulated once (world.h) under
// its trial's effect. Data set `i` is the same in every check that draws it with the
// same seed (run_sbc, likelihood_check.h). `rng` is data set i's SBC stream.
struct SbcTruth {
  std::vector<double> theta;   // θ (search scale)
  std::vector<double> effect;  // per trial group
  std::vector<double> world;   // per setup row (NaN where none); empty unless simulated
};
SbcTruth draw_sbc_truth(const PosteriorLayout& l, const EmulatedPosterior& box, model::Stream& rng);
// Fills t.world; false, with `error` set, when the world cannot be simulated (world.h).
bool simulate_sbc_truth(const Setup& s, const model::ParameterSet& base, const PosteriorLayout& l,
                        const std::vector<TrialBucket>& buckets, std::uint64_t seed, int dataset, int threads,
                        SbcTruth& t, Error& error);

// Observed row k as one simulated world (t.world) gives it, as the likelihood takes a
// published value to arise: a proportion's count (k = p × n); a normal kind's value on
// the emulated scale plus a resolution error N(0, τ²) drawn from `rng` (objective.h's
// τ, which the likelihood adds to the row's variance: without it the synthetic data
// would be less noisy than the likelihood says, and the posterior too wide for them).
// False for a row the world gave no value. Draws from `rng` only for a normal kind's
// value, so SBC and the likelihood check draw the same data from data set i's stream.
bool observe_world(const Setup& s, const PosteriorLayout& l, std::size_t k, const std::vector<double>& world,
                   model::Stream& rng, Observed& o);

// Runs SBC against the emulator and layout a posterior run left (posterior.h).
// With a journal (journal.h; its key must name the posterior and the settings) each
// data set's outcome is appended as it ends (x = {its index}; f = {0 ranked, 1 failed,
// rows left out, 1 if its pool was short, then its ranks}) and replayed on a rerun, so
// an interrupted SBC resumes: data set i's result does not depend on the others.
SbcResult run_sbc(const Setup& s, const model::ParameterSet& base, const PosteriorLayout& l, const Emulator& e,
                  const std::vector<std::vector<double>>& design, const SbcSettings& settings,
                  const SbcProgress& progress, Journal* journal = nullptr);

}  // namespace il2t::calibration
