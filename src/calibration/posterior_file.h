#pragma once
// The posterior file (data/calibration/posterior.csv): parameter sets drawn from the
// calibration's posterior, one row each, with their provenance in comment lines above
// the header:
//
//   # il2trial posterior (docs/model.md, Posterior) ...
//   # program = il2trial 0.1.0
//   # method = ...
//   # command = il2trial calibrate --posterior ...
//   # seed = 1
//   # targets_sha256 = <the targets file's>
//   # studies_sha256 = ..., placebo_arms_sha256 = ..., free_sha256 = ...
//   # model_sha256 = <the parameter files' fingerprint, the file's own columns left out>
//   draw,weight,cells.treg_emax,...
//   1,0.001,133.8,...
//
// Read back for simulate and check-model, a file is refused, naming its line and
// field, when it was made from other calibration files (targets, studies, placebo arms,
// free parameters), by another program version or with other model parameters, or
// holds a column the model lacks, a value outside a parameter's range, a weight that is
// not positive or weights whose sum is not finite; or is larger than 64 MB.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/draws.h"
#include "model/parameter_set.h"
#include "core/error.h"

namespace il2t::calibration {

struct PosteriorProvenance {
  std::string program, method, command;
  std::uint64_t seed = 0;
  std::string targets_sha256, studies_sha256, placebo_sha256, free_sha256, model_sha256;
};

// The largest posterior file read, and the error naming a larger one (a reader may
// check the size before reading the file).
inline constexpr std::uintmax_t kMaxPosteriorBytes = std::uintmax_t{64} << 20;
std::string posterior_size_error(const std::string& file);

// The file's text: provenance, header, rows (equal weights).
std::string posterior_file_text(const PosteriorProvenance& p, const std::vector<std::string>& names,
                                const std::vector<std::vector<double>>& rows);

struct PosteriorRead {
  model::ParameterDraws draws;
  PosteriorProvenance provenance;
  Error error;  // "file:line: field: why"
};

// What a posterior file must match to be used: the calibration files' SHA-256 (the
// targets, the studies file, the placebo arms, the free parameters; an empty one is
// not checked), this program's version, and the parameter set (before any --set) it
// will be drawn into.
struct PosteriorExpect {
  std::string targets_sha256, program;
  const model::ParameterSet* base = nullptr;
  std::string studies_sha256, placebo_sha256, free_sha256;
};

PosteriorRead read_posterior(std::string_view text, const std::string& file, const PosteriorExpect& expect);

// The shipped posterior (data/calibration/posterior.csv).
std::string default_posterior_file();

}  // namespace il2t::calibration
