#pragma once
// Integrator (integrator.h) for kLanes participants at once: the same doses, washout
// and restarts, lane by lane, on DormandPrinceLanes. Each lane's trajectory is
// bit-identical to Integrator's for that participant alone. Lanes move independently:
// begin() gives one lane its next interval and run() returns the lanes that ended
// theirs, while the others stay where they are inside their own.
#include "model/integrator.h"
#include "model/solver_lanes.h"

namespace il2t::model {

class IntegratorLanes {
 public:
  // Puts `ind` (which must outlive its use) in lane `lane`, with a fresh solver history.
  void assign(std::size_t lane, const Individual& ind);
  // Leaves a lane empty: advance() skips it.
  void clear(std::size_t lane);

  // Gives a used lane the interval t0..t1 under constant inputs `u`, from its state
  // in `x`; false (the lane stays idle) if t1 <= t0. The lane must not be busy.
  bool begin(std::size_t lane, double t0, double t1, const Inputs& u, const LaneState& x);
  // Steps the busy lanes until at least one ends its interval; returns those lanes,
  // each with its outcome in status[lane]. No lane when none is busy.
  LaneMask run(LaneState& x, std::array<SolveStatus, kLanes>& status);
  bool any_busy() const { return solver_.any_busy(); }

  // Advances every used lane from its t0 to its t1 under its own constant inputs, all
  // to their ends; a lane's failure is in status[lane].
  void advance(const LaneVec& t0, const LaneVec& t1, LaneState& x, const std::array<Inputs, kLanes>& u,
               std::array<SolveStatus, kLanes>& status);

  const SolverStats& stats(std::size_t lane) const { return solver_.stats(lane); }

 private:
  LaneModel model_;
  LaneDrivers drivers_;
  DormandPrinceLanes solver_;
  LaneMask use_{};
  std::array<const Individual*, kLanes> ind_{};
  std::array<WashoutFloors, kLanes> floors_{};
};

// Copies a participant's state into, or out of, a lane.
inline void put_lane(LaneState& lanes, std::size_t lane, const StateVector& x) {
  for (std::size_t i = 0; i < kStateCount; ++i) lanes[i][lane] = x[i];
}
inline StateVector get_lane(const LaneState& lanes, std::size_t lane) {
  StateVector x;
  for (std::size_t i = 0; i < kStateCount; ++i) x[i] = lanes[i][lane];
  return x;
}

}  // namespace il2t::model
