#pragma once
// The right-hand side dx/dt = f(x; individual, inputs) for one participant: pure,
// allocation-free. The equations themselves are written once, in equations.h, for one
// participant and for the lanes (rhs_lanes.h) alike; docs/model.md states each.
#include "model/equations.h"
#include "model/individual.h"

namespace il2t::model {

// What the inputs (prednisone) make of the equations, computed once per interval in
// which they are constant, so the right-hand side itself does no such work.
struct Drivers {
  double activity_steroid = 1;  // steroid effect on the activity drive, relative to baseline
  double cmv_steroid = 1;       // steroid effect on immune control of CMV, relative to baseline
  double treg_steroid = 1;      // steroid amplification of IL-2's Treg drive: 1 + gain·P/(P + half)
  bool operator==(const Drivers&) const = default;
};
Drivers drivers(const Individual& ind, const Inputs& u);

// The equations' constants for one participant (equations.h), from its Individual.
ScalarConstants rhs_constants(const Individual& ind);

// Writes dx/dt into `dx`. Reads nothing but its arguments.
void rhs(const ScalarConstants& k, const Drivers& d, const double* x, double* dx);
// The same from the Individual, computing its constants first (for reference solvers
// and tests; a solver keeps the constants instead).
inline void rhs(const Individual& ind, const Drivers& d, const double* x, double* dx) {
  rhs(rhs_constants(ind), d, x, dx);
}
inline void rhs(const Individual& ind, const Inputs& u, const double* x, double* dx) { rhs(ind, drivers(ind, u), x, dx); }

// The IL-2 fluxes at state x, pmol/day (for the mass-balance test and output).
struct Il2Fluxes {
  double absorption = 0, linear = 0, consumption = 0;
};
Il2Fluxes il2_fluxes(const Individual& ind, const double* x);

}  // namespace il2t::model
