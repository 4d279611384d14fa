#pragma once
// --posterior FILE and --fixed, for the commands that predict (simulate, check-model):
// the posterior draws to carry the parameters' uncertainty and the variation between
// trials, read from the shipped data/calibration/posterior.csv unless another file is
// given, and checked against the shipped calibration files (data/calibration: targets,
// studies, placebo arms, free parameters), this program and the parameter files
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

// The posterior medians of the draws' columns, then the --set overrides: the model a
// command's plain run (power) uses.
std::vector<std::pair<std::string, double>> median_overrides(const PosteriorChoice& p,
                                                            const std::vector<std::pair<std::string, double>>& sets);

}  // namespace il2t::cli
