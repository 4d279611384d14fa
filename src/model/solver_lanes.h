#pragma once
// The Dormand–Prince 5(4) solver of solver.h run for kLanes independent participants
// at once, one SIMD lane each, each over its own interval. Every lane keeps its own
// time, step size, controller memory, error norm, acceptance and statistics, and does
// exactly the scalar solver's arithmetic in the same order: a lane's trajectory is
// bit-identical to what DormandPrince gives for that participant alone, whichever
// participants share the other lanes. Only the stage arithmetic and the right-hand side
// run across lanes.
//
// Lanes are not held together: begin() gives one lane a new interval while the others
// are inside theirs, and run() steps until some lane ends its interval and returns it,
// so that the caller can give that lane its next interval (a participant's next day, or
// the next participant) without the other lanes waiting (issue 21: when every lane had
// to reach the end of the same day, only 45 % of lane-steps did work).
//
// All memory is inside the object; a step allocates nothing.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>

#include "model/rhs_lanes.h"
#include "model/solver.h"

namespace il2t::model {

using LaneMask = std::array<bool, kLanes>;

class DormandPrinceLanes {
 public:
  static constexpr std::size_t N = kStateCount;

  // Per-lane settings and absolute tolerances (as DormandPrince's constructor, by lane).
  void configure(std::size_t lane, const SolverSettings& s, const StateVector& atol);

  // Gives `lane` the interval t0..t1 from its current state in `x` (which the caller
  // may have changed since the lane's last interval, as after a dose): it continues
  // its last step sequence if nothing changed, else restarts. Returns false, leaving
  // the lane idle, if t1 <= t0. A lane's state must not be changed while it is busy.
  bool begin(std::size_t lane, double t0, double t1, const LaneState& x);

  // Steps every busy lane until at least one ends its interval, at t1 or by failing;
  // returns those lanes, now idle, with their status in `status` (the other lanes'
  // entries are left alone). f(const LaneState& y, LaneState& dy) evaluates all lanes;
  // after(lane, x) may adjust that lane's state after an accepted step and returns true
  // if it did. Returns no lane when none is busy.
  template <class F, class After>
  LaneMask run(F&& f, LaneState& x, After&& after, std::array<SolveStatus, kLanes>& status);

  // True from begin() until run() returns the lane.
  bool busy(std::size_t lane) const { return active_[lane] || begun_[lane]; }
  bool any_busy() const;

  const SolverStats& stats(std::size_t lane) const { return stats_[lane]; }
  // The lane's next interval starts a new step sequence (its inputs changed).
  void restart(std::size_t lane) { restart_[lane] = true; }
  // Forgets a lane's history (a new participant takes the lane).
  void reset(std::size_t lane);

 private:
  template <class F>
  void stages(F& f, const LaneVec& h, const LaneState& x);
  template <class F>
  void initial_steps(F& f, const LaneState& x, const LaneVec& span, const LaneMask& init, LaneVec& h_out);
  template <class F>
  void start_begun(F& f, const LaneState& x);
  void norm(const LaneState& v, const LaneState& x, LaneVec& out) const;
  void error_norm(const LaneState& x, LaneVec& out) const;

  std::array<SolverSettings, kLanes> s_{};
  LaneVec rtol_{};
  LaneState atol_{};
  LaneState k1_{}, k2_{}, k3_{}, k4_{}, k5_{}, k6_{}, k7_{}, tmp_{}, y_{}, err_{}, x_end_{}, scratch_{};
  std::array<SolverStats, kLanes> stats_{};
  LaneVec h_{}, t_end_{};
  LaneMask restart_{};
  // Each lane's place inside its current interval (DormandPrince::integrate's locals).
  LaneVec t_{}, t1_{}, hs_{}, log_err_prev_{};
  LaneMask active_{}, begun_{}, init_{}, last_rejected_{};
  std::array<long, kLanes> steps_{};
};

}  // namespace il2t::model

#include "model/solver_lanes_impl.h"
