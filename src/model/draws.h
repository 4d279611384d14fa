#pragma once
// Parameter sets drawn from the calibration's posterior, and the model of each replicate
// trial under them. A replicate trial takes one set (chosen by weight from its own
// stream) and its own trial effect (trial_effect.h), so that what a run of replicates
// predicts carries both the parameters' uncertainty and the variation between trials.
// The draws are read from a posterior file by calibration/posterior_file.h.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/individual.h"
#include "model/model.h"
#include "model/parameter_set.h"

namespace il2t::model {

struct ParameterDraws {
  std::vector<std::string> names;         // model parameter names, one per column
  std::vector<std::vector<double>> rows;  // one per draw, one value per column
  std::vector<double> weights;            // one per draw: positive, summing to 1
  // Each column's weighted median (the lower one where the weights split evenly).
  std::vector<double> medians() const;
  // The column of `name`, or nullopt.
  std::optional<std::size_t> column(const std::string& name) const;
};

struct ReplicateDraw {
  std::size_t row = 0;      // which parameter set
  double trial_sd = 0;      // the between-trial SD of the trial's disease in that set
  double trial_effect = 0;  // u ~ N(0, trial_sd²): the log multiplier of the standard-of-care share
};

// Replicate `replicate`'s draw: the row from Stream(seed, replicate, 0, posterior), by
// weight; u = trial_sd·z with z from Stream(seed, replicate, 0, trial_effect) and
// trial_sd the row's value of the disease's SD parameter (`base`'s when no column
// holds it; 0 for a disease without a trial effect).
ReplicateDraw draw_replicate(const ParameterDraws& d, const ParameterSet& base, Disease disease, std::uint64_t seed,
                             std::uint64_t replicate);

// The overrides that make the replicate's model: the row's values, then the disease's
// standard-of-care share times exp(u).
std::vector<std::pair<std::string, double>> replicate_overrides(const ParameterDraws& d, const ParameterSet& base,
                                                               Disease disease, const ReplicateDraw& r);

// The model of replicate after replicate, built from `base` and the draws; a thread
// keeps its own. The hot path (a participant's course) is untouched: a model is built
// once per replicate trial, not per participant.
class ReplicateModels {
 public:
  ReplicateModels(const ParameterSet& base, const ParameterDraws& draws, Disease disease)
      : base_(base), draws_(draws), disease_(disease) {}
  // The model of `replicate`, or nullptr with `error` (a drawn value the model refuses).
  const Model* at(std::uint64_t seed, std::uint64_t replicate, Error& error);
  const ReplicateDraw& last() const { return last_; }

 private:
  const ParameterSet& base_;
  const ParameterDraws& draws_;
  Disease disease_;
  std::optional<Model> model_;
  ReplicateDraw last_;
};

}  // namespace il2t::model
