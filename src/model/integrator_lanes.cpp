#include "model/integrator_lanes.h"

namespace il2t::model {

void IntegratorLanes::assign(std::size_t lane, const Individual& ind) {
  ind_[lane] = &ind;
  use_[lane] = true;
  const ScalarConstants k = rhs_constants(ind);
  model_.set(lane, k);
  // An empty lane computes on a copy of a real participant's constants, so that its
  // idle arithmetic stays finite.
  for (std::size_t l = 0; l < kLanes; ++l)
    if (!use_[l]) model_.set(l, k);
  model_.refresh_summary();
  solver_.configure(lane, solver_settings(ind.p), ind.atol);
  solver_.reset(lane);
  drivers_.set(lane, Drivers{});  // as Integrator's initial drivers
  floors_[lane] = washout_floors(ind);
}

void IntegratorLanes::clear(std::size_t lane) {
  use_[lane] = false;
  ind_[lane] = nullptr;
}

bool IntegratorLanes::begin(std::size_t l, double t0, double t1, const Inputs& u, const LaneState& x) {
  const Drivers d = drivers(*ind_[l], u);
  if (d != drivers_.at(l)) {
    drivers_.set(l, d);
    solver_.restart(l);
  }
  return solver_.begin(l, t0, t1, x);
}

LaneMask IntegratorLanes::run(LaneState& x, std::array<SolveStatus, kLanes>& status) {
  auto f = [this](const LaneVec&, const LaneState& y, LaneState& dy) { rhs_lanes(model_, drivers_, y, dy); };
  auto after = [this](std::size_t l, LaneState& y) {
    return wash_out(floors_[l], y[kIl2Depot][l], y[kIl2Transit][l], y[kIl2Plasma][l], y[kRapaGut][l]);
  };
  return solver_.run(f, x, after, status);
}

void IntegratorLanes::advance(const LaneVec& t0, const LaneVec& t1, LaneState& x, const std::array<Inputs, kLanes>& u,
                              std::array<SolveStatus, kLanes>& status) {
  status.fill(SolveStatus::ok);
  for (std::size_t l = 0; l < kLanes; ++l)
    if (use_[l]) begin(l, t0[l], t1[l], u[l], x);
  while (any_busy()) run(x, status);
}

}  // namespace il2t::model
