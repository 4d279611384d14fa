#pragma once
// The explicit Runge–Kutta solver, written once: Dormand–Prince 5(4) with the PI
// step-size controller of Hairer, Nørsett & Wanner (Solving ODEs I, §II.4), for O's
// lanes (value_ops.h) at once. With O = ScalarOps it is one participant's solver
// (solver.h's DormandPrince); with O = LaneOps, kLanes participants' (solver_lanes.h),
// one SIMD lane each. Every lane keeps its own time, step size, controller memory,
// error norm, acceptance and statistics; only the stage arithmetic and the right-hand
// side run across lanes, so a lane's trajectory is bit-identical to the one-participant
// solver's for that participant alone, whichever participants share the other lanes.
//
// Lanes are not held together: begin() gives one lane a new interval while the others
// are inside theirs, and run() steps until some lane ends its interval and returns it,
// so that the caller can give that lane its next interval without the others waiting.
//
// Discontinuities (doses) are the caller's: an interval ends exactly at its t1; the
// caller changes the state there and begins the next, which restarts the stage
// sequence with a fresh starting step unless nothing changed. So no dose can fall
// inside a step, be missed, or be applied twice. All memory is inside the object: a
// step allocates nothing. docs/model.md says why this method was chosen.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>

#include "model/solver_types.h"
#include "model/value_ops.h"

namespace il2t::model {

// S holds N states, each an O value (std::array<double, N> for one participant,
// LaneState for the lanes).
template <class O, class S, std::size_t N>
class DormandPrinceCore {
 public:
  using V = typename O::D;
  static constexpr std::size_t L = O::lanes;
  using Mask = std::array<bool, L>;

  // A lane's settings and per-state absolute tolerances.
  void configure(std::size_t lane, const SolverSettings& s, const std::array<double, N>& atol) {
    s_[lane] = s;
    O::at(rtol_, lane) = s.rtol;
    for (std::size_t i = 0; i < N; ++i) O::at(atol_[i], lane) = atol[i];
  }

  // Gives `lane` the interval t0..t1 from its current state in `x` (which the caller
  // may have changed since the lane's last interval, as after a dose): it continues
  // its last step sequence if nothing changed, else restarts. Returns false, leaving
  // the lane idle, if t1 <= t0. A lane's state must not be changed while it is busy.
  bool begin(std::size_t l, double t0, double t1, const S& x) {
    if (!(t1 > t0)) return false;
    bool same = O::at(h_, l) > 0 && !restart_[l] && t0 == O::at(t_end_, l);
    for (std::size_t i = 0; same && i < N; ++i) same = O::at(x[i], l) == O::at(x_end_[i], l);
    init_[l] = !same;
    restart_[l] = false;
    O::at(t_, l) = t0;
    O::at(t1_, l) = t1;
    begun_[l] = true;
    return true;
  }

  // Steps every busy lane until at least one ends its interval, at t1 or by failing;
  // returns those lanes, now idle, with their status in `status` (the other lanes'
  // entries are left alone). f(const V& t, const S& y, S& dy) evaluates all lanes at
  // their times t; after(lane, x) may adjust that lane's state after an accepted step
  // (the model sets washed-out drug amounts to exactly zero) and returns true if it
  // did. Returns no lane when none is busy.
  template <class F, class After>
  Mask run(F&& f, S& x, After&& after, std::array<SolveStatus, L>& status);

  // True from begin() until run() returns the lane.
  bool busy(std::size_t lane) const { return active_[lane] || begun_[lane]; }
  bool any_busy() const {
    for (std::size_t l = 0; l < L; ++l)
      if (busy(l)) return true;
    return false;
  }
  const SolverStats& stats(std::size_t lane) const { return stats_[lane]; }
  // The lane's next interval starts a new step sequence (its right-hand side changed).
  void restart(std::size_t lane) { restart_[lane] = true; }
  // Forgets a lane's history (a new participant takes the lane).
  void reset(std::size_t l) {
    stats_[l] = {};
    O::at(h_, l) = 0;
    O::at(t_end_, l) = 0;
    restart_[l] = false;
    active_[l] = false;
    begun_[l] = false;
  }

 private:
  // Weighted RMS norm of v, weights atol + rtol·|x|.
  void norm(const S& v, const S& x, V& out) const {
    V sum{};
    for (std::size_t i = 0; i < N; ++i) {
      const V r = v[i] / (atol_[i] + rtol_ * O::abs(x[i]));
      sum += r * r;
    }
    sum /= static_cast<double>(N);
    for (std::size_t l = 0; l < L; ++l) O::at(out, l) = std::sqrt(O::at(sum, l));
  }

  // The same of the error estimate, weights atol + rtol·max(|x|, |y|).
  void error_norm(const S& x, V& out) const {
    V sum{};
    for (std::size_t i = 0; i < N; ++i) {
      const V sc = atol_[i] + rtol_ * O::max(O::abs(x[i]), O::abs(y_[i]));
      const V r = err_[i] / sc;
      sum += r * r;
    }
    sum /= static_cast<double>(N);
    for (std::size_t l = 0; l < L; ++l) O::at(out, l) = std::sqrt(O::at(sum, l));
  }

  // The starting step of Hairer, Nørsett & Wanner (§II.4, as in their dopri5.f), for
  // order 5, for the lanes in `init`: from the sizes of x, f(t, x) and f's change over
  // an Euler step, one more evaluation of f. k1_ holds f(t, x); y_ and k2_ are scratch.
  template <class F>
  void initial_steps(F& f, const S& x, const V& span, const Mask& init, V& h_out) {
    V d0{}, d1{}, h0{}, d2{};
    norm(x, x, d0);
    norm(k1_, x, d1);
    for (std::size_t l = 0; l < L; ++l)
      O::at(h0, l) = std::min(O::at(span, l),
                              (O::at(d0, l) < 1e-5 || O::at(d1, l) < 1e-5) ? 1e-6 : 0.01 * O::at(d0, l) / O::at(d1, l));
    for (std::size_t i = 0; i < N; ++i) y_[i] = x[i] + h0 * k1_[i];
    f(t_ + h0, y_, k2_);
    for (std::size_t i = 0; i < N; ++i) tmp_[i] = (k2_[i] - k1_[i]) / h0;
    norm(tmp_, x, d2);
    for (std::size_t l = 0; l < L; ++l) {
      if (!init[l]) continue;
      ++stats_[l].evaluations;
      const double dmax = std::max(O::at(d1, l), O::at(d2, l));
      const double h1 = dmax <= 1e-15 ? std::max(1e-6, O::at(h0, l) * 1e-3) : std::pow(0.01 / dmax, 1.0 / 5);
      const double h = std::min(100 * O::at(h0, l), h1);
      O::at(h_out, l) = std::isfinite(h) && h > 0 ? h : s_[l].h_initial;
    }
  }

  // One step of size h from (t_, x): the stages (coefficients in dp5), y_ and err_.
  template <class F>
  void stages(F& f, const V& h, const S& x) {
    using namespace dp5;
    for (std::size_t i = 0; i < N; ++i) tmp_[i] = x[i] + h * a21 * k1_[i];
    f(t_ + h / 5, tmp_, k2_);
    for (std::size_t i = 0; i < N; ++i) tmp_[i] = x[i] + h * (a31 * k1_[i] + a32 * k2_[i]);
    f(t_ + 3 * h / 10, tmp_, k3_);
    for (std::size_t i = 0; i < N; ++i) tmp_[i] = x[i] + h * (a41 * k1_[i] + a42 * k2_[i] + a43 * k3_[i]);
    f(t_ + 4 * h / 5, tmp_, k4_);
    for (std::size_t i = 0; i < N; ++i)
      tmp_[i] = x[i] + h * (a51 * k1_[i] + a52 * k2_[i] + a53 * k3_[i] + a54 * k4_[i]);
    f(t_ + 8 * h / 9, tmp_, k5_);
    for (std::size_t i = 0; i < N; ++i)
      tmp_[i] = x[i] + h * (a61 * k1_[i] + a62 * k2_[i] + a63 * k3_[i] + a64 * k4_[i] + a65 * k5_[i]);
    f(t_ + h, tmp_, k6_);
    for (std::size_t i = 0; i < N; ++i)
      y_[i] = x[i] + h * (b1 * k1_[i] + b3 * k3_[i] + b4 * k4_[i] + b5 * k5_[i] + b6 * k6_[i]);
    f(t_ + h, y_, k7_);
    for (std::size_t i = 0; i < N; ++i)
      err_[i] = h * (e1 * k1_[i] + e3 * k3_[i] + e4 * k4_[i] + e5 * k5_[i] + e6 * k6_[i] + e7 * k7_[i]);
  }

  // The begun lanes' starting steps (the restarting ones' together), then their loop
  // state before their first step.
  template <class F>
  void start_begun(F& f, const S& x);

  std::array<SolverSettings, L> s_{};
  V rtol_{};
  S atol_{};
  S k1_{}, k2_{}, k3_{}, k4_{}, k5_{}, k6_{}, k7_{}, tmp_{}, y_{}, err_{}, x_end_{}, scratch_{};
  std::array<SolverStats, L> stats_{};
  V h_{}, t_end_{};  // the step carried to the next interval, and where the last one ended
  Mask restart_{};
  // Each lane's place inside its current interval.
  V t_{}, t1_{}, hs_{}, log_err_prev_{};
  Mask active_{}, begun_{}, init_{}, last_rejected_{};
  std::array<long, L> steps_{};
};

}  // namespace il2t::model

#include "model/solver_core_run.h"
