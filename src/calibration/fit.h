#pragma once
// The calibration fit: NLopt's derivative-free Subplex (LN_SBPLX) minimises the
// objective over the free parameters marked fit = true, each searched on its own scale
// (log or linear) inside its bounds; the others stay at their base values.
//
// Subplex, because the objective is a sum of simulated statistics: with common random
// numbers it is deterministic, but it is piecewise flat where a median of whole scores
// or a count moves in steps, so gradient-based and quadratic-model methods (BOBYQA)
// mistake the steps for curvature; Subplex's Nelder–Mead subspaces tolerate them.
#include <functional>
#include <string>
#include <vector>

#include "calibration/evaluator.h"
#include "calibration/journal.h"
#include "core/error.h"

namespace il2t::calibration {

struct FitProgress {
  int evaluation = 0;  // 1-based
  int max_evaluations = 0;
  double value = 0, best = 0;
  bool replayed = false;  // answered by the journal
};

struct FitSettings {
  int max_evaluations = 300;
  double x_tolerance = 1e-3;  // relative, on the search scale
  double f_tolerance = 1e-3;  // absolute change of the objective
};

struct FitResult {
  std::vector<double> initial, best;  // model values of every free parameter (probes unchanged)
  double initial_value = 0, best_value = 0;
  int evaluations = 0, replayed = 0;
  std::string stop_reason;  // in words
  Error error;        // an evaluation that failed, or NLopt refused
};

// Starts from `start` (one model value per free parameter). `journal` may be null (no
// checkpoint). `on_eval` is called after every evaluation.
FitResult fit(const std::vector<FreeParameter>& free, const std::vector<double>& start, const Objective& f,
              const FitSettings& s, Journal* journal, const std::function<void(const FitProgress&)>& on_eval);

// The algorithm's name as recorded in fitted files and journal keys.
inline constexpr const char* kFitAlgorithm = "NLopt LN_SBPLX";

}  // namespace il2t::calibration
