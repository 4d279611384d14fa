#pragma once
// The model's right-hand side dx/dt = f(x; individual, inputs): pure, allocation-free.
// docs/model.md states each equation.
#include "model/det_pow.h"
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

// Writes dx/dt into `dx`. Reads nothing but its arguments.
void rhs(const Individual& ind, const Drivers& d, const double* x, double* dx);
// The same, computing the drivers first (for reference solvers and tests).
inline void rhs(const Individual& ind, const Inputs& u, const double* x, double* dx) { rhs(ind, drivers(ind, u), x, dx); }

// The IL-2 fluxes at state x, pmol/day (for the mass-balance test and output).
struct Il2Fluxes {
  double absorption = 0, linear = 0, consumption = 0;
};
Il2Fluxes il2_fluxes(const Individual& ind, const double* x);

// A Hill coefficient that is a multiple of ½ from ½ to 8: twice it (1 to 16), else 0.
inline int half_steps(double h) {
  const double twice = 2 * h;
  return twice >= 1 && twice <= 16 && twice == static_cast<int>(twice) ? static_cast<int>(twice) : 0;
}

// x^(n/2) for n = half_steps(h) > 0: x multiplied in n/2 times (`one` when n is 1),
// then by sqrt(x) when n is odd. T is a double or a lane vector (rhs_lanes.cpp), with
// `sqrt` its correctly rounded square root, so every lane gives the scalar's bits.
template <class T, class Sqrt>
inline T half_power(T x, int n, T one, Sqrt sqrt) {
  T r = n >= 2 ? x : one;
  for (int k = 4; k <= n; k += 2) r *= x;
  return n % 2 ? r * sqrt(x) : r;
}
inline double scalar_sqrt(double x) { return __builtin_sqrt(x); }

// base^n for a whole n >= 0, by squaring; T as for half_power.
template <class T>
inline T whole_power(T base, int n, T one) {
  T result = one;
  for (; n > 0; n >>= 1, base *= base)
    if (n & 1) result *= base;
  return result;
}

// Hill signal C^h / (C^h + EC50^h): with h = 1 without a power; with h a multiple of
// ½ by half_power; otherwise with det_pow.h's pow. The lane solver computes each alike.
inline double hill_signal(double c, double ec50, double h) {
  if (c <= 0) return 0;
  if (h == 1.0) return c / (c + ec50);
  const int n = half_steps(h);
  const double r = n ? half_power(c / ec50, n, 1.0, scalar_sqrt) : detmath::det_pow<detmath::ScalarOps>(c / ec50, h);
  return r / (1.0 + r);
}

// (baseline Treg / Treg)^sigma; a non-positive ratio (a trial stage may carry a
// negative count) gives zero. A whole-number sigma (n >= 0) is computed by squaring,
// another with det_pow.h's pow, which the lane solver computes for all lanes at once.
inline double suppression(double rel, double sigma, int n) {
  if (!(rel > 0)) return 0.0;
  if (n < 0) return detmath::det_pow<detmath::ScalarOps>(rel, sigma);
  return whole_power(rel, n, 1.0);
}

}  // namespace il2t::model
