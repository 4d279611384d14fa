#pragma once
// Which parameters the targets determine: a local profile of the objective's likelihood
// part (a negative log-likelihood; goals' penalties, goal.h, are left out, since they
// constrain the fit rather than measure information) around a parameter set, one
// parameter at a time. Each parameter is
// moved one step h either way on its search scale (log: h = ln 1.25; linear: 5 % of
// its bounds' width); the second difference of the objective is the curvature c, the
// observed information, so 1/√c approximates the standard error on the search scale and
// value·exp(±1.96/√c) (log) or value ± 1.96/√c (linear) an approximate 95% interval.
//
// Verdict:
// - "determined": c > 0 and the interval lies within a factor 2 of the value (log) or
//   spans less than half the bounds (linear);
// - "weakly determined": c > 0 but wider than that;
// - "not determined (flat)": the objective moves by less than 0.05 either way: the
//   targets say nothing about the parameter, whose value remains an assumption;
// - "not determined (no minimum here)": c <= 0, the objective falls on at least one
//   side (a probed parameter away from its best value, or simulation noise larger than
//   the parameter's effect).
// The targets whose distances change most between the two steps are named.
#include <functional>
#include <string>
#include <vector>

#include "calibration/evaluator.h"
#include "core/error.h"

namespace il2t::calibration {

struct SensitivityRow {
  std::string name;
  bool fitted = false;
  double value = 0;
  double minus_value = 0, plus_value = 0;  // the two model values probed
  double f_minus = 0, f_plus = 0;           // objective there (f0 at the centre)
  double curvature = 0;
  double lower = 0, upper = 0;              // approximate 95% interval; NaN when c <= 0
  std::string verdict;
  std::vector<std::string> drivers;         // "target (+1.2)" for the biggest changes
};

struct SensitivityResult {
  double centre = 0;
  std::vector<SensitivityRow> rows;
  Error error;
};

// `values` is the centre (one model value per free parameter). `on_eval(i, n)`
// is called after each of the n evaluations.
SensitivityResult sensitivity(const std::vector<FreeParameter>& free, const std::vector<double>& values,
                              const Objective& f, const std::function<void(int, int)>& on_eval);

}  // namespace il2t::calibration
