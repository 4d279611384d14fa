#pragma once
// One simulated world of the calibration data: every study run once, as it was
// published — a target's study at its planned size, a placebo arm at its own arm size —
// and each trial (the rows that share a standard-of-care effect; studies.h) under its
// own effect. Simulation-based calibration draws its synthetic data sets this way
// (sbc.h), and check-model its predictive intervals (check.h).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "calibration/studies.h"
#include "core/error.h"
#include "model/individual.h"
#include "model/parameter_set.h"

namespace il2t::calibration {

// The rows one simulated trial gives.
struct TrialBucket {
  std::size_t study = 0;
  std::string trial;                     // empty: no standard-of-care effect
  std::optional<model::Disease> disease;  // whose share the effect multiplies
  double pooled = 1;                     // the effect's SD is the disease's over √pooled
  int n = 0;                             // participants
  std::vector<std::size_t> rows;         // setup rows
};

std::vector<TrialBucket> trial_buckets(const Setup& s);

// Simulates every bucket once, as replicate `replicate` under `seed`: the model is
// `base` with `overrides`, its disease's standard-of-care share (model/trial_effect.h)
// times exp(effects[b]). `values` gets each setup row's value (NaN where none). False,
// with `error` set, when a model or a trial cannot be made.
bool simulate_world(const Setup& s, const model::ParameterSet& base,
                    const std::vector<std::pair<std::string, double>>& overrides, const std::vector<TrialBucket>& buckets,
                    const std::vector<double>& effects, std::uint64_t seed, std::uint64_t replicate, int threads,
                    std::vector<double>& values, Error& error);

}  // namespace il2t::calibration
