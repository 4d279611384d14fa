#pragma once
// One evaluation of the calibration objective: the model rebuilt from a base parameter
// set with the free parameters at given values, every study simulated as in
// check-model (same seed each time: common random numbers, so two evaluations differ
// only through the parameters), and the distance (objective.h) computed.
#include <functional>
#include <string>
#include <vector>

#include "calibration/check.h"
#include "calibration/free.h"
#include "calibration/objective.h"
#include "calibration/studies.h"
#include "model/parameter_set.h"
#include "core/error.h"

namespace il2t::calibration {

struct Evaluation {
  ObjectiveValue value;
  Error error;  // a value the model refuses, or a replicate that failed
  int inside = 0, simulated = 0;  // targets inside their 95% interval, of those simulated
};

// What the fit and the sensitivity profile call: the objective at one model value per
// free parameter. Tests give a plain function; the command gives an Evaluator.
using Objective = std::function<Evaluation(const std::vector<double>&)>;

class Evaluator {
 public:
  Evaluator(const Setup& setup, model::ParameterSet base, std::vector<FreeParameter> free, CheckSettings settings)
      : setup_(setup), base_(std::move(base)), free_(std::move(free)), settings_(settings) {}
  // The free parameters' values in the base set.
  std::vector<double> base_values() const;
  // `values` holds one model value per free parameter, in their order.
  Evaluation at(const std::vector<double>& values) const;

 private:
  const Setup& setup_;
  model::ParameterSet base_;
  std::vector<FreeParameter> free_;
  CheckSettings settings_;
};

}  // namespace il2t::calibration
