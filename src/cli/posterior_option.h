#pragma once
// --posterior FILE and --fixed, for the commands that predict (simulate, check-model):
// the posterior draws to carry the parameters' uncertainty and the variation between
// trials, read from the shipped data/calibration/posterior.csv unless another file is
// given, and checked against the shipped calibration data (data/calibration: targets,
// studies, placebo arms), this program and the parameter files
// (calibration/posterior_file.h). --fixed uses the parameter files' values alone.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/draws.h"
#include "model/parameter_set.h"

namespace il2t::cli {

struct PosteriorChoice {
  std::optional<model::ParameterDraws> draws;  // none with --fixed
  std::string file, sha256;
};

// `base` is the parameter set as the files hold it (before --set); `sets` the --set
// overrides, refused when they name a parameter the posterior draws. Prints the error
// and returns nullopt.
std::optional<PosteriorChoice> read_posterior_option(const std::string& file, bool fixed, const model::ParameterSet& base,
                                                     const std::vector<std::pair<std::string, double>>& sets,
                                                     const char* cmd);

// The parameter files of `model_dir` with the --set overrides applied (the set each
// draw goes into), and the posterior checked against the files as they are. Prints the
// errors; nullopt then, with `status` 1 (bad input) or 2 (a --set out of range).
struct ModelAndPosterior {
  model::ParameterSet base;
  PosteriorChoice posterior;
};
std::optional<ModelAndPosterior> read_model_and_posterior(const std::string& model_dir, const std::string& file, bool fixed,
                                                          const std::vector<std::pair<std::string, double>>& sets,
                                                          const char* cmd, int& status);

// The posterior medians of the draws' columns, then the --set overrides: the model a
// command's plain run (power) uses.
std::vector<std::pair<std::string, double>> median_overrides(const PosteriorChoice& p,
                                                            const std::vector<std::pair<std::string, double>>& sets);

}  // namespace il2t::cli
