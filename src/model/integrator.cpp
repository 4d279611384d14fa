#include "model/integrator.h"

#include "model/rhs.h"

namespace il2t::model {

namespace {
SolverSettings settings(const ModelParams& p) {
  SolverSettings s;
  s.rtol = p.rtol;
  s.h_initial = p.h_initial;
  return s;
}
}  // namespace

Integrator::Integrator(const Individual& ind) : ind_(ind), solver_(settings(ind.p), ind.atol) {
  const double w = ind.p.washout_fraction;
  il2_depot_floor_ = w * ind.il2_f * ind.pmol_per_miu;
  il2_plasma_floor_ = w * ind.treg.kd;
  rapa_gut_floor_ = w * ind.p.rapa_ic50 * ind.rapa_v;
}

bool Integrator::washout(StateVector& x) const {
  bool changed = false;
  if (x[kIl2Depot] != 0 || x[kIl2Plasma] != 0) {
    if (x[kIl2Depot] < il2_depot_floor_ && x[kIl2Plasma] < il2_plasma_floor_) {
      x[kIl2Depot] = 0;
      x[kIl2Plasma] = 0;
      changed = true;
    }
  }
  if (x[kRapaGut] != 0 && x[kRapaGut] < rapa_gut_floor_) {
    x[kRapaGut] = 0;
    changed = true;
  }
  return changed;
}

SolveStatus Integrator::advance(double t0, double t1, StateVector& x, const Inputs& u) {
  const Drivers d = drivers(ind_, u);
  if (d.activity_steroid != drivers_.activity_steroid || d.cmv_steroid != drivers_.cmv_steroid) {
    drivers_ = d;
    solver_.restart();
  }
  auto f = [this, &d](double, const double* y, double* dy) { rhs(ind_, d, y, dy); };
  auto after = [this](StateVector& y) { return washout(y); };
  return solver_.integrate(f, t0, t1, x, after);
}

}  // namespace il2t::model
