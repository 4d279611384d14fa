#pragma once
// What a calibration leaves behind: the fitted file (TOML) recording the fitted values
// with their bounds, the sensitivity table, and the provenance a user needs to
// reproduce the fit (targets' and free-parameter file's SHA-256, the base parameter
// set's fingerprint, seed, replicates, algorithm, objective, program version); and the
// rewrite of the parameter files so that the fitted values become the model's values.
#include <string>
#include <utility>
#include <vector>

#include "calibration/fit.h"
#include "calibration/sensitivity.h"
#include "model/parameter_set.h"

namespace il2t::calibration {

struct FitRecord {
  std::string program, command;
  std::string targets_file, targets_sha256, free_file, free_sha256, base_fingerprint;
  std::string studies_file, studies_sha256;
  std::uint64_t seed = 0;
  std::int64_t replicates = 0;
  std::vector<FreeParameter> free;
  FitResult result;              // evaluations 0 when no fit was run
  double final_objective = 0;    // at result.best, re-evaluated
  ObjectiveValue terms;          // its per-target distances
  int inside = 0, simulated = 0;  // check at result.best with the fit's replicates
  SensitivityResult sensitivity;  // rows empty when not computed
};

// The fitted file's text.
std::string fit_file_text(const FitRecord& r);

// The sensitivity table as Markdown (for docs/model.md and the terminal).
std::string sensitivity_markdown(const SensitivityResult& s);

// Rewrites the `value = ...` of each named parameter in the file and on the line it was
// read from, keeping everything else of the line; each file is written whole or not at
// all. Returns the error, empty on success.
std::string update_parameter_files(const model::ParameterSet& set, const std::vector<std::pair<std::string, double>>& values);

}  // namespace il2t::calibration
