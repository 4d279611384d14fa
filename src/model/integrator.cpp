#include "model/integrator.h"

#include "model/rhs.h"

namespace il2t::model {

SolverSettings solver_settings(const ModelParams& p) {
  SolverSettings s;
  s.rtol = p.rtol;
  s.h_initial = p.h_initial;
  return s;
}

WashoutFloors washout_floors(const Individual& ind) {
  const double w = ind.p.washout_fraction;
  return {w * ind.il2_f * ind.pmol_per_miu, w * ind.treg.kd, w * ind.p.rapa_ic50 * ind.rapa_v};
}

bool wash_out(const WashoutFloors& f, double& il2_depot, double& il2_transit, double& il2_plasma, double& rapa_gut) {
  bool changed = false;
  if (il2_depot != 0 || il2_transit != 0 || il2_plasma != 0) {
    if (il2_depot < f.il2_depot && il2_transit < f.il2_depot && il2_plasma < f.il2_plasma) {
      il2_depot = 0;
      il2_transit = 0;
      il2_plasma = 0;
      changed = true;
    }
  }
  if (rapa_gut != 0 && rapa_gut < f.rapa_gut) {
    rapa_gut = 0;
    changed = true;
  }
  return changed;
}

Integrator::Integrator(const Individual& ind)
    : ind_(ind), constants_(rhs_constants(ind)), solver_(solver_settings(ind.p), ind.atol), floors_(washout_floors(ind)) {}

SolveStatus Integrator::advance(double t0, double t1, StateVector& x, const Inputs& u) {
  const Drivers d = drivers(ind_, u);
  if (d != drivers_) {
    drivers_ = d;
    solver_.restart();
  }
  auto f = [this, &d](double, const double* y, double* dy) { rhs(constants_, d, y, dy); };
  auto after = [this](StateVector& y) { return wash_out(floors_, y[kIl2Depot], y[kIl2Transit], y[kIl2Plasma], y[kRapaGut]); };
  return solver_.integrate(f, t0, t1, x, after);
}

}  // namespace il2t::model
