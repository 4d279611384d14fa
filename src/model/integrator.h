#pragma once
// Integrates one participant's ODE between events with the model's solver, applying
// doses as exact discontinuities and setting washed-out amounts to exactly zero: the
// IL-2 depot, transit and plasma IL-2 once all are below `solver.washout_fraction` of their
// natural scale, and the sirolimus gut amount likewise (sirolimus in blood, slow, is
// left to decay). Below that their effect is under the tolerance; zero lets the
// explicit solver take steps sized by the slow cell dynamics instead of the drugs'
// fast absorption and clearance.
#include "model/individual.h"
#include "model/rhs.h"
#include "model/solver.h"

namespace il2t::model {

// Doses: the bioavailable part of an IL-2 dose enters the depot; sirolimus (apparent
// oral parameters, CL/F and V/F) enters the gut compartment whole.
inline void dose_il2(const Individual& ind, StateVector& x, double miu) { x[kIl2Depot] += ind.il2_f * miu * ind.pmol_per_miu; }
inline void dose_sirolimus(StateVector& x, double mg) { x[kRapaGut] += mg * 1000.0; }

// The solver's settings from the model's numerical parameters.
SolverSettings solver_settings(const ModelParams& p);

// The amounts below which the drugs are washed out (see above), and the rule itself:
// sets washed-out amounts to exactly zero and returns true if it changed any.
struct WashoutFloors {
  double il2_depot = 0, il2_plasma = 0, rapa_gut = 0;  // il2_depot bounds the transit amount too
};
WashoutFloors washout_floors(const Individual& ind);
bool wash_out(const WashoutFloors& f, double& il2_depot, double& il2_transit, double& il2_plasma, double& rapa_gut);

class Integrator {
 public:
  explicit Integrator(const Individual& ind);

  // Advances x from t0 to t1 (t1 > t0) under constant inputs.
  SolveStatus advance(double t0, double t1, StateVector& x, const Inputs& u);

  void dose_il2(StateVector& x, double miu) const { model::dose_il2(ind_, x, miu); }
  void dose_sirolimus(StateVector& x, double mg) const { model::dose_sirolimus(x, mg); }

  const SolverStats& stats() const { return solver_.stats(); }
  const Individual& individual() const { return ind_; }

 private:
  const Individual& ind_;
  ScalarConstants constants_;
  DormandPrince<kStateCount> solver_;
  Drivers drivers_;  // of the last interval: new ones restart the solver
  WashoutFloors floors_;
};

}  // namespace il2t::model
