#pragma once
// How the calibration's uncertain parameters and its data meet the emulator
// (emulator.h) and the emulated posterior (emulated_posterior.h):
// - the free parameters (free.h) split into the emulator's inputs (those a simulated
//   row depends on), the between-trial SDs (model/trial_effect.h; only the likelihood
//   reads them) and the prior-only ones (drawn from their priors);
// - every simulated row (a target or a placebo arm) gives the emulator one or two
//   outputs: its expected value (asin √p of the mean proportion for a binomial row, the
//   mean of ln for a fold, the mean otherwise) and, for the normal kinds, the log of its
//   spread over replicate trials, √(SD² + τ²) with τ objective.h's resolution;
// - every row of an SLE or Sjögren's trial belongs to its trial's group, whose effect
//   shifts the disease's standard-of-care share.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "calibration/check.h"
#include "calibration/emulated_posterior.h"
#include "calibration/free.h"
#include "calibration/studies.h"
#include "core/error.h"
#include "model/parameter_set.h"

namespace il2t::calibration {

struct PosteriorLayout {
  std::vector<std::size_t> inputs, sds, prior_only;  // indices into the free parameters
  std::vector<FreeParameter> theta;                  // θ: the inputs, then the SDs
  std::vector<std::optional<std::size_t>> mean, spread;  // per setup row: its outputs
  std::vector<std::string> output_names;
  std::vector<std::size_t> observed_row;  // per observed row: its setup row
  std::vector<Observed> observed;         // the published data, one per simulated row
  std::vector<TrialGroup> groups;
  // Rows of one trial arm (row_correlation.h), their correlation the identity until
  // estimated.
  std::vector<RowCluster> clusters;
  std::size_t outputs() const { return output_names.size(); }
};

// Builds the layout; an Error (at free_file's line, its field set) names a share
// searched on a linear scale, or a file whose parameters inform nothing.
Expected<PosteriorLayout> make_layout(const Setup& s, const std::vector<FreeParameter>& free,
                                      const model::ParameterSet& base, const std::string& free_file);

// The model overrides that put the emulator's inputs at x (search coordinates).
std::vector<std::pair<std::string, double>> input_overrides(const PosteriorLayout& l, const double* x);

// The emulator's outputs from one check_model outcome (NaN where a row gave no value),
// followed by the Monte Carlo variance of each (the replicates' variance over their
// number; for asin √p by the delta method; for a spread, that of a log SD, 1/(2(n − 1))).
std::vector<double> outputs_of(const Setup& s, const PosteriorLayout& l, const CheckOutcome& c);

}  // namespace il2t::calibration
