#pragma once
// The parameters a calibration may move: data/calibration/free.toml lists each by its
// model name with the bounds the fit keeps it in, the scale it is searched on, and
// whether it is fitted or only probed in the sensitivity table.
//
//   format = 1
//   [[parameter]]
//   name = "cells.treg_emax"
//   lower = 5
//   upper = 500
//   scale = "log"      # or "linear"
//   fit = true         # false: probed for sensitivity, not moved by the fit
#include <string>
#include <string_view>
#include <vector>

#include "model/parameter_set.h"

namespace il2t::calibration {

struct FreeParameter {
  std::string name;
  double lower = 0, upper = 0;
  bool log_scale = false;
  bool fit = true;
  int line = 0;
  // The search coordinate: log(value) on the log scale, the value otherwise.
  double to_search(double value) const;
  double from_search(double u) const;
};

struct FreeRead {
  std::vector<FreeParameter> parameters;
  std::string sha256;  // of the file's bytes
  std::string error;   // "file:line: field: why"; empty when read
};

// Reads the text of a free-parameter file. Every name must be a parameter of `set`,
// listed once; lower < upper inside the parameter's own min/max; the log scale needs
// lower > 0; the parameter's current value must lie within the bounds.
FreeRead read_free(std::string_view text, const std::string& file, const model::ParameterSet& set);

}  // namespace il2t::calibration
