#pragma once
// A check of what the posterior's likelihood (emulated_posterior.h) assumes of the
// simulator, row by row, on the synthetic data sets that simulation-based calibration
// draws (sbc.h): θ and each trial's effect from the prior, every study simulated once.
// Given the true θ and effects, the likelihood says each row's value on the emulated
// scale (asin √p, ln for folds) is normal about the emulated mean at the trial's shifted
// share, with variance = sampling SD² (1/(4n) for a proportion; the emulated spread
// otherwise) + the emulator's error², and that two rows are uncorrelated unless they
// share a cluster (their simulated correlation, and their emulator errors' correlation)
// or an error set (one δ). So
//   z = (simulated − emulated mean) / √variance
// (for a few-event proportion of a cluster, its mid-p normal score: binomial_margin.h)
// should have mean 0 and SD 1 in every row, and the pairs' correlations should be the
// assumed ones. Where SBC finds a biased or over-confident parameter in the model world
// but not in the emulator world, this says which rows and which assumption depart.
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "calibration/sbc.h"
#include "core/error.h"

namespace il2t::calibration {

struct RowZ {
  std::string id;                  // the target or placebo arm
  int count = 0;                   // data sets that gave the row a value
  double mean = 0, sd = 0;         // of z
  double low = 0, high = 0;        // fractions with z < −2 and z > 2 (0.023 each if normal)
  // Correlation of z with the row's trial effect (NaN without a trial): not 0 when the
  // emulator does not follow the simulator as the effect shifts the share.
  double effect_corr = NAN;
  // The share shifted by the effect outside the emulator's box (fitted there, its
  // cubic extrapolates beyond): the fraction of data sets, and z's SD in the others.
  double outside = 0, sd_inside = NAN;
};

struct PairZ {
  std::string a, b;
  int count = 0;
  double observed = 0;  // correlation of the two rows' z over the data sets
  double assumed = 0;   // what the likelihood takes it to be
};

struct LikelihoodCheck {
  std::vector<RowZ> rows;    // the layout's observed rows
  std::vector<PairZ> pairs;  // every pair of rows of one trial or one cluster
  int datasets = 0, failed = 0;
  Error error;
};

// Runs the check on data sets 0..settings.datasets−1 of SBC's model world (the same
// seed gives SBC's data sets), using settings.seed, .threads and .sd_upper.
LikelihoodCheck likelihood_check(const Setup& s, const model::ParameterSet& base, const PosteriorLayout& l,
                                 const Emulator& e, const SbcSettings& settings,
                                 const std::function<void(int, int)>& progress);

}  // namespace il2t::calibration
