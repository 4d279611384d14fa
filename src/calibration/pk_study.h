#pragma once
// A pharmacokinetic study among the calibration studies: single subcutaneous IL-2
// doses with serum IL-2 sampled at given hours. Trial records are daily, so such a
// study is simulated from the model's course directly: each participant's parameters
// are drawn with the model's variability (keyed by seed, replicate and participant),
// the dose enters the depot at hour 0, and the plasma concentration is read at each
// sampling hour. What is measured is what non-compartmental analysis reads off the
// samples: the hour of the highest sample (tmax) and the terminal half-life from a
// log-linear least-squares fit to the last samples (t½ = ln 2 / λz).
#include <cstdint>
#include <string>
#include <vector>

#include "model/individual.h"
#include "model/model.h"
#include "core/error.h"

namespace il2t::calibration {

struct PkStudy {
  double dose_miu = 0;           // per participant, MIU
  std::vector<double> hours;     // sampling times after the dose, increasing, > 0
  int participants = 0;          // per replicate study
  int terminal_points = 4;       // samples (the last ones after the peak) that λz is fitted to
  model::Disease population = model::Disease::sle;  // whose typical covariates stand in
  std::optional<double> prednisone;  // mg/day in place of the typical participant's (studies.toml)
};

// Non-compartmental reading of one participant's samples.
struct PkReading {
  double tmax_h = 0;   // hour of the highest sample (the first, on ties)
  double thalf_h = 0;  // ln 2 / λz; NaN when fewer than 3 positive samples follow the peak
};
PkReading read_profile(const std::vector<double>& hours, const std::vector<double>& conc, int terminal_points);

// One replicate study: the mean over its participants of tmax and of t½ (participants
// without a t½ are left out of that mean). `ok` is false, with `error`, if the solver
// failed.
struct PkReplicate {
  double mean_tmax_h = 0, mean_thalf_h = 0;
  bool ok = true;
  Error error;
};
PkReplicate simulate_pk(const model::Model& m, const PkStudy& s, std::uint64_t seed, std::uint64_t replicate);

}  // namespace il2t::calibration
