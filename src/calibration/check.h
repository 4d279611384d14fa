#pragma once
// Checks the model against the calibration targets: each study simulated as replicate
// trials of its protocol's size through the trial engine (a PK study, pk_study.h, from
// the model's course), each target's measure taken
// in every replicate, and the published value set against the simulated median and
// 95% interval (the 2.5% and 97.5% quantiles over replicates).
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "calibration/studies.h"
#include "model/draws.h"
#include "model/model.h"
#include "core/error.h"

namespace il2t::calibration {

struct CheckSettings {
  std::int64_t replicates = 200;
  std::uint64_t seed = 1;
  int threads = 1;
};

struct TargetCheck {
  std::string id;
  double published = 0;
  bool simulated = false;
  std::string note;                 // why not simulated
  std::size_t valid = 0;            // replicates giving a value
  double mean = 0, median = 0, lower = 0, upper = 0;  // mean: the expectation over replicates
  bool inside = false;              // lower <= published <= upper
  // The interval score of the 95% interval (Gneiting & Raftery 2007, JASA 102:359):
  // (upper − lower) + 40·(lower − published) if below it + 40·(published − upper) if above.
  double interval_score = 0;
  std::vector<double> values;       // per replicate (NaN where none)
};

struct CheckOutcome {
  std::vector<TargetCheck> rows;  // the targets' order: the targets file's, then the placebo arms'
  std::size_t placebo_begin = 0;  // rows[placebo_begin..] are placebo arms of other trials
  Error error;              // a replicate that could not be simulated
  // Counts over the targets file's rows, or over the placebo arms.
  int inside(bool placebo = false) const;
  int simulated(bool placebo = false) const;
};

// Work done is counted in `done` (replicates over all studies), for a progress display.
std::int64_t check_work(const Setup& s, const CheckSettings& c);
CheckOutcome check_model(const Setup& s, const model::Model& m, const CheckSettings& c, std::atomic<std::int64_t>& done);

// The predictive check: each replicate is a world (world.h), every study run once as it
// was published, placebo arms at their own arm sizes. With `draws`, a replicate takes
// its posterior parameter set (by weight, from Stream(seed, replicate, 0, posterior), as
// simulate does) and each trial its own standard-of-care effect (from Stream(seed,
// replicate, 1 + trial, trial_effect)); the intervals then hold the parameters'
// uncertainty and the variation between trials. Without, the parameter files' values
// and no effect. `done` counts replicates.
CheckOutcome check_worlds(const Setup& s, const model::ParameterSet& base, const model::ParameterDraws* draws,
                          const CheckSettings& c, std::atomic<std::int64_t>& done);

// The p-quantile of the finite values of v (R's type 7), NaN if none.
double quantile(std::vector<double> v, double p);

}  // namespace il2t::calibration
