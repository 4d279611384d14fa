#pragma once
// The settings, statistics, outcome and coefficients of the model's Dormand–Prince
// 5(4) solver (solver_core.h).
#include <cmath>

namespace il2t::model {

struct SolverSettings {
  double rtol = 1e-8;
  double h_initial = 1e-3;
  double h_min = 1e-12;
  long max_steps = 1000000;
};

struct SolverStats {
  long steps = 0, rejected = 0, evaluations = 0;
};

enum class SolveStatus { ok, step_too_small, too_many_steps, not_finite };

inline const char* to_string(SolveStatus s) {
  switch (s) {
    case SolveStatus::ok: return "ok";
    case SolveStatus::step_too_small: return "the step size fell below its minimum";
    case SolveStatus::too_many_steps: return "too many steps";
    case SolveStatus::not_finite: return "a state is not finite";
  }
  return "";
}

// Dormand & Prince (1980) RK5(4)7M coefficients: stages a, fifth-order weights b,
// and e = b - b* (the embedded fourth-order error estimate).
namespace dp5 {
inline constexpr double a21 = 1.0 / 5, a31 = 3.0 / 40, a32 = 9.0 / 40, a41 = 44.0 / 45, a42 = -56.0 / 15,
                        a43 = 32.0 / 9, a51 = 19372.0 / 6561, a52 = -25360.0 / 2187, a53 = 64448.0 / 6561,
                        a54 = -212.0 / 729, a61 = 9017.0 / 3168, a62 = -355.0 / 33, a63 = 46732.0 / 5247,
                        a64 = 49.0 / 176, a65 = -5103.0 / 18656, b1 = 35.0 / 384, b3 = 500.0 / 1113,
                        b4 = 125.0 / 192, b5 = -2187.0 / 6784, b6 = 11.0 / 84;
inline constexpr double e1 = 71.0 / 57600, e3 = -71.0 / 16695, e4 = 71.0 / 1920, e5 = -17253.0 / 339200,
                        e6 = 22.0 / 525, e7 = -1.0 / 40;
// The step controller's memory of the last error is held at or above log(1e-4).
inline const double kLogErrFloor = std::log(1e-4);
}  // namespace dp5

}  // namespace il2t::model
