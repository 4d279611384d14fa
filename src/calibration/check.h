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
#include "model/model.h"

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
  std::vector<double> values;       // per replicate (NaN where none)
};

struct CheckOutcome {
  std::vector<TargetCheck> rows;  // the targets' order: the targets file's, then the placebo arms'
  std::size_t placebo_begin = 0;  // rows[placebo_begin..] are placebo arms of other trials
  std::string error;              // a replicate that could not be simulated
  // Counts over the targets file's rows, or over the placebo arms.
  int inside(bool placebo = false) const;
  int simulated(bool placebo = false) const;
};

// Work done is counted in `done` (replicates over all studies), for a progress display.
std::int64_t check_work(const Setup& s, const CheckSettings& c);
CheckOutcome check_model(const Setup& s, const model::Model& m, const CheckSettings& c, std::atomic<std::int64_t>& done);

// The p-quantile of the finite values of v (R's type 7), NaN if none.
double quantile(std::vector<double> v, double p);

}  // namespace il2t::calibration
