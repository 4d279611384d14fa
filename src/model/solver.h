#pragma once
// The model's solver for one system of N equations: solver_core.h's Dormand–Prince
// 5(4) with one lane of doubles, behind a call that integrates over one interval.
// Used for one participant (integrator.h) and for small fixed-size systems in tests.
#include <array>
#include <cstddef>

#include "model/solver_core.h"
#include "model/solver_types.h"
#include "model/value_ops.h"

namespace il2t::model {

// F is callable as f(t, const double* x, double* dx), the same function from call to
// call unless restart() says otherwise. `atol` holds per-component absolute
// tolerances. `after_step(x)` may adjust the state after each accepted step and
// returns true if it did (the model sets washed-out drug amounts to exactly zero).
template <std::size_t N>
class DormandPrince {
 public:
  using Vec = std::array<double, N>;

  DormandPrince(const SolverSettings& s, const Vec& atol) { core_.configure(0, s, atol); }

  // Integrates x from t0 to t1, stopping exactly at t1. A call that continues the last
  // one (it ended at t0 with this state, and f is unchanged) reuses its last stage and
  // step size; otherwise (a dose, new inputs) a fresh first step is chosen.
  template <class F, class After>
  SolveStatus integrate(F&& f, double t0, double t1, Vec& x, After&& after_step) {
    if (!core_.begin(0, t0, t1, x)) return SolveStatus::ok;
    std::array<SolveStatus, 1> status{SolveStatus::ok};
    auto g = [&f](double t, const Vec& y, Vec& dy) { f(t, y.data(), dy.data()); };
    auto after = [&after_step](std::size_t, Vec& y) { return after_step(y); };
    core_.run(g, x, after, status);
    return status[0];
  }

  const SolverStats& stats() const { return core_.stats(0); }
  // The caller changed f (its inputs) since the last call: the next call restarts.
  void restart() { core_.restart(0); }

 private:
  DormandPrinceCore<ScalarOps, Vec, N> core_;
};

}  // namespace il2t::model
