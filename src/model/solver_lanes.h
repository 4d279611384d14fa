#pragma once
// The Dormand–Prince 5(4) solver of solver.h run for kLanes independent participants
// at once, one SIMD lane each, each over its own interval. Every lane keeps its own time, step size, controller
// memory, error norm, acceptance and statistics, and does exactly the scalar solver's
// arithmetic in the same order: a lane's trajectory is bit-identical to what
// DormandPrince gives for that participant alone, whichever participants share the
// other lanes. Only the stage arithmetic and the right-hand side run across lanes; a
// lane that has reached the end of the interval idles (step 0) until the others do.
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

  // Advances every lane in `use` from its t0 to its t1 (nothing where t1 <= t0). f(const LaneState& y,
  // LaneState& dy) evaluates all lanes; after(lane, x) may adjust that lane's state
  // after an accepted step and returns true if it did. A lane that fails stops where it
  // failed, with its status in `status`.
  template <class F, class After>
  void integrate(F&& f, const LaneVec& t0, const LaneVec& t1, LaneState& x, After&& after, const LaneMask& use,
                 std::array<SolveStatus, kLanes>& status);

  const SolverStats& stats(std::size_t lane) const { return stats_[lane]; }
  void restart(std::size_t lane) { restart_[lane] = true; }
  // Forgets a lane's history (a new participant takes the lane).
  void reset(std::size_t lane);

 private:
  template <class F>
  void stages(F& f, const LaneVec& h, const LaneState& x);
  template <class F>
  void initial_steps(F& f, const LaneState& x, const LaneVec& span, const LaneMask& init, LaneVec& h_out);
  void norm(const LaneState& v, const LaneState& x, LaneVec& out) const;
  void error_norm(const LaneState& x, LaneVec& out) const;

  std::array<SolverSettings, kLanes> s_{};
  LaneVec rtol_{};
  LaneState atol_{};
  LaneState k1_{}, k2_{}, k3_{}, k4_{}, k5_{}, k6_{}, k7_{}, tmp_{}, y_{}, err_{}, x_end_{}, scratch_{};
  std::array<SolverStats, kLanes> stats_{};
  LaneVec h_{}, t_end_{};
  LaneMask restart_{};
};

}  // namespace il2t::model

#include "model/solver_lanes_impl.h"
