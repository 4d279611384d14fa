#pragma once
// The parameters the calibration treats as uncertain: data/calibration/free.toml lists
// each by its model name with its bounds, the scale it is searched and sampled on, its
// prior, and its role.
//
//   format = 2
//   [[parameter]]
//   name = "cells.treg_emax"
//   lower = 5
//   upper = 1000
//   scale = "log"      # or "linear"
//   fit = true         # false: the point fit (calibrate) only probes it for sensitivity
//   prior = { shape = "uniform", assumed = "why these bounds" }
//   # or   { shape = "normal", centre = 53, sd = 0.3, source = "citation" }
//   prior_only = true  # optional: no target informs it; its posterior is its prior
//
// A prior lives on the search scale: "uniform" is flat in log(value) on the log scale,
// "normal" is a normal of the search coordinate (sd is an SD of log on the log scale)
// centred on `centre` (a model value) and truncated to [lower, upper]. Every prior
// names its source or says why it is assumed. A prior-only parameter (CMV, sirolimus,
// paediatric scaling: nothing among the targets depends on it) is drawn from its prior
// into every posterior row and is never fitted.
#include <string>
#include <string_view>
#include <vector>

#include "model/parameter_set.h"
#include "model/rng.h"
#include "core/error.h"

namespace il2t::calibration {

enum class PriorShape { uniform, normal };

struct Prior {
  PriorShape shape = PriorShape::uniform;
  double centre = 0, sd = 0;  // normal: on the search scale
  std::string reason;         // the source, or why it is assumed
  bool sourced = false;
};

struct FreeParameter {
  std::string name;
  double lower = 0, upper = 0;
  bool log_scale = false;
  bool fit = true;
  int line = 0;
  Prior prior;
  bool prior_only = false;
  // The search coordinate: log(value) on the log scale, the value otherwise.
  double to_search(double value) const;
  double from_search(double u) const;
  // The prior's log density at search coordinate u, up to a constant; -inf outside
  // the bounds.
  double log_prior(double u) const;
  // The search coordinate at prior quantile q in (0, 1); with lo < hi (search
  // coordinates inside the bounds), of the prior truncated to [lo, hi].
  double prior_quantile(double q) const;
  double prior_quantile(double q, double lo, double hi) const;
};

struct FreeRead {
  std::vector<FreeParameter> parameters;
  std::string sha256;  // of the file's bytes
  Error error;   // "file:line: field: why"; empty when read
};

// Reads the text of a free-parameter file. Every name must be a parameter of `set`,
// listed once; lower < upper inside the parameter's own min/max; the log scale needs
// lower > 0; the parameter's current value must lie within the bounds; every prior is
// complete and a normal's centre lies within the bounds.
FreeRead read_free(std::string_view text, const std::string& file, const model::ParameterSet& set);

}  // namespace il2t::calibration
