#pragma once
// The model's right-hand side dx/dt = f(x; constants, drivers), written once as a
// template over value_ops.h's operations: O = ScalarOps integrates one participant
// (rhs.h), O = LaneOps kLanes participants at once, one SIMD lane each (rhs_lanes.h).
// A lane performs exactly the one-participant operations in the same order, so its
// derivative is bit-identical (tests/model/test_lanes.cpp). docs/model.md states each
// equation.
//
// To add a state: its index in state.h, its constants below (an id and its value in
// rhs.cpp's rhs_constants), and its equation in rhs_of. No solver code changes.
#include <array>
#include <cmath>
#include <cstddef>

#include "model/det_pow.h"
#include "model/state.h"
#include "model/value_ops.h"

namespace il2t::model {

// The constants the right-hand side reads, per participant (rhs.cpp fills them from an
// Individual). Each group of five follows the signals (Treg, Tconv, CD8, NK bright,
// NK dim, as the states kSigTreg..kSigNkDim); each group of seven the cells (Treg,
// Tconv, Tfh, Th17, CD8, NK bright, NK dim, as kTreg..kNkDim).
namespace rc {
enum Id : std::size_t {
  il2_ka, il2_ktr, il2_v, il2_kel,                       // absorption, transit, volume, elimination
  consume_treg, consume_tconv, consume_cd8, consume_nk,  // receptor-mediated consumption
  kd_treg, kd_tconv, kd_cd8, kd_nk,
  rapa_ka, rapa_v, rapa_kel, rapa_ic50, rapa_effector, rapa_treg,
  signal_rate,                                           // the effect compartments' rate
  ec50 = signal_rate + 1, hill = ec50 + 5, emax = hill + 5,  // per signal
  turnover = emax + 5, inv_baseline = turnover + 7,          // per cell
  treg_baseline = inv_baseline + 7, helper_suppression, tfh_weight, activity_rate, soc_fraction,
  cmv_nk_weight, inv_nk_baseline, inv_cd8_baseline, cmv_max_copies, cmv_growth, cmv_kill,
  count
};
}  // namespace rc
inline constexpr std::size_t kSignals = 5, kCells = 7;

// A Hill coefficient that is a multiple of ½ from ½ to 8: twice it (1 to 16), else 0.
inline int half_steps(double h) {
  const double twice = 2 * h;
  return twice >= 1 && twice <= 16 && twice == static_cast<int>(twice) ? static_cast<int>(twice) : 0;
}

// x^(n/2) for n = half_steps(h) > 0: x multiplied in n/2 times (`one` when n is 1),
// then by the correctly rounded sqrt(x) when n is odd.
template <class O>
typename O::D half_power(typename O::D x, int n, typename O::D one) {
  typename O::D r = n >= 2 ? x : one;
  for (int k = 4; k <= n; k += 2) r *= x;
  return n % 2 ? r * O::sqrt(x) : r;
}

// base^n for a whole n >= 0, by squaring.
template <class O>
typename O::D whole_power(typename O::D base, int n, typename O::D one) {
  typename O::D result = one;
  for (; n > 0; n >>= 1, base *= base)
    if (n & 1) result *= base;
  return result;
}

// The constants for O's lanes, and what the right-hand side needs to know of them as a
// whole: a Hill coefficient or a suppression power that every lane shares takes the
// fast path for all lanes at once, else each lane takes its own (always shared for one
// participant).
template <class O>
struct RhsConstants {
  using V = typename O::D;
  static constexpr std::size_t L = O::lanes;
  V c[rc::count]{};
  std::array<int, L> helper_power{};  // the helper suppression as a whole number 0-16, else -1
  std::array<bool, L> cmv_modelled{};
  std::array<bool, kSignals> hill_shared{}, hill_one{};
  std::array<int, kSignals> hill_half{};  // half_steps of the shared coefficient
  int helper_power_shared = -1;           // every lane's helper_power when they agree and it is >= 0
  bool helper_power_none = false;         // no lane has a whole-number power
  bool any_cmv = false;

  const V& operator[](std::size_t id) const { return c[id]; }

  // Lane `lane` takes one participant's constants.
  void set(std::size_t lane, const RhsConstants<ScalarOps>& one) {
    for (std::size_t k = 0; k < rc::count; ++k) O::at(c[k], lane) = one.c[k];
    helper_power[lane] = one.helper_power[0];
    cmv_modelled[lane] = one.cmv_modelled[0];
  }
  // The summary above, after the lanes are set.
  void refresh_summary() {
    for (std::size_t i = 0; i < kSignals; ++i) {
      const V& h = c[rc::hill + i];
      hill_shared[i] = true;
      for (std::size_t l = 0; l < L; ++l)
        if (O::at(h, l) != O::at(h, 0)) hill_shared[i] = false;
      hill_half[i] = half_steps(O::at(h, 0));
      hill_one[i] = hill_shared[i] && O::at(h, 0) == 1.0;
    }
    helper_power_shared = helper_power[0];
    helper_power_none = true;
    any_cmv = false;
    for (std::size_t l = 0; l < L; ++l) {
      if (cmv_modelled[l]) any_cmv = true;
      if (helper_power[l] != helper_power[0]) helper_power_shared = -1;
      if (helper_power[l] >= 0) helper_power_none = false;
    }
  }
};
using ScalarConstants = RhsConstants<ScalarOps>;

namespace equations {

// Hill signal C^h / (C^h + EC50^h), zero where C is not positive: without a power where
// h is 1; by half_power where h is a multiple of ½ (`half` = half_steps(h)); otherwise
// with det_pow.h's pow.
template <class O>
typename O::D hill(typename O::D c, typename O::D ec50, typename O::D h, bool h_is_one, int half) {
  using V = typename O::D;
  const V zero{};
  if constexpr (O::lanes == 1) {
    if (c <= 0) return zero;  // one participant skips the power (plasma IL-2 is 0 on most days)
  }
  if (h_is_one) return c <= 0 ? zero : c / (c + ec50);
  const V one = zero + 1.0;
  const V ratio = c > 0 ? c / ec50 : one;
  const V r = half ? half_power<O>(ratio, half, one) : detmath::det_pow<O>(ratio, h);
  return c <= 0 ? zero : r / (1.0 + r);
}

// The helpers' suppression (baseline Treg / Treg)^sigma, zero where the ratio is not
// positive (a trial stage may carry a negative count): by squaring for a whole-number
// power (`power` >= 0), else with det_pow.h's pow.
template <class O>
typename O::D suppression(typename O::D rel, typename O::D sigma, int power) {
  using V = typename O::D;
  const V zero{};
  if (power >= 0) return rel > 0 ? whole_power<O>(rel, power, zero + 1.0) : zero;
  return rel > 0 ? detmath::det_pow<O>(rel, sigma) : zero;
}

// Self-renewal driven by the delayed signal, with density-dependent loss that returns
// the count to its baseline: dN/dt = k·N·(g − N/N0).
template <class V>
V homeostatic(const V& turnover, const V& inv_baseline, const V& n, const V& growth) {
  return turnover * n * (growth - n * inv_baseline);
}

// Receptor-mediated consumption of IL-2 at plasma concentration c > 0, pM/day.
template <class O, class X>
typename O::D consumption(const RhsConstants<O>& m, const X& x, const typename O::D& c) {
  return m[rc::consume_treg] * x[kTreg] * (c / (c + m[rc::kd_treg])) +
         m[rc::consume_tconv] * (x[kTconv] + x[kTfh] + x[kTh17]) * (c / (c + m[rc::kd_tconv])) +
         m[rc::consume_cd8] * x[kCd8] * (c / (c + m[rc::kd_cd8])) +
         m[rc::consume_nk] * (x[kNkBright] + x[kNkDim]) * (c / (c + m[rc::kd_nk]));
}

// CMV: logistic growth of the log load to a ceiling, against NK and CD8 control
// weakened by steroid, for one participant whose constants `k(id)` gives (exp is libm's).
template <class K>
double cmv_rate(K k, double nk_bright, double nk_dim, double cd8, double log_load, double steroid) {
  const double w = k(rc::cmv_nk_weight);
  const double immune = w * (nk_bright + nk_dim) * k(rc::inv_nk_baseline) + (1 - w) * cd8 * k(rc::inv_cd8_baseline);
  const double crowding = std::exp(log_load) / k(rc::cmv_max_copies);
  return k(rc::cmv_growth) * (1 - crowding - k(rc::cmv_kill) * immune * steroid);
}

}  // namespace equations

// Writes dx/dt into dx. X and DX index states (a double* for one participant, a
// LaneState for the lanes); Drv has the drivers' three fields (rhs.h) as O's values.
template <class O, class Drv, class X, class DX>
void rhs_of(const RhsConstants<O>& m, const Drv& d, const X& x, DX& dx) {
  using V = typename O::D;
  namespace eq = equations;
  const V zero{};
  const V c = x[kIl2Plasma];

  // IL-2: depot → transit (absorption rate) → plasma (transit rate); linear clearance;
  // internalisation by receptor-bearing cells.
  const V released = m[rc::il2_ka] * x[kIl2Depot];
  const V absorbed = m[rc::il2_ktr] * x[kIl2Transit];
  dx[kIl2Depot] = -released;
  dx[kIl2Transit] = released - absorbed;
  V used;  // one participant skips it where plasma IL-2 is not positive
  if constexpr (O::lanes == 1) used = c > 0 ? eq::consumption(m, x, c) : zero;
  else used = eq::consumption(m, x, c);
  dx[kIl2Plasma] = absorbed / m[rc::il2_v] - m[rc::il2_kel] * c - (c > 0 ? used : zero);
  dx[kIl2Auc] = c;

  // Sirolimus: oral one-compartment (apparent CL/F, V/F), whole-blood concentration,
  // and the blocks it sets.
  const V ra = m[rc::rapa_ka] * x[kRapaGut];
  dx[kRapaGut] = -ra;
  const V rb = x[kRapaBlood];
  dx[kRapaBlood] = ra / m[rc::rapa_v] - m[rc::rapa_kel] * rb;
  const V rapa = rb > 0 ? rb / (rb + m[rc::rapa_ic50]) : zero;
  const V eff_block = 1.0 - m[rc::rapa_effector] * rapa;
  const V treg_block = 1.0 - m[rc::rapa_treg] * rapa;

  // Signals: instantaneous Hill response, delayed by an effect compartment.
  const V& k0 = m[rc::signal_rate];
  for (std::size_t i = 0; i < kSignals; ++i) {
    const State s = static_cast<State>(kSigTreg + i);
    const V& ec50 = m[rc::ec50 + i];
    const V& h = m[rc::hill + i];
    if (m.hill_shared[i]) {
      dx[s] = k0 * (eq::hill<O>(c, ec50, h, m.hill_one[i], m.hill_half[i]) - x[s]);
    } else {
      for (std::size_t l = 0; l < O::lanes; ++l) {
        const double hl = O::at(h, l);
        const double sig = eq::hill<ScalarOps>(O::at(c, l), O::at(ec50, l), hl, hl == 1.0, half_steps(hl));
        O::at(dx[s], l) = O::at(k0, l) * (sig - O::at(x[s], l));
      }
    }
  }

  // Cells. Glucocorticoid amplifies IL-2's drive of Treg (not their baseline renewal).
  // Pathogenic helpers grow as conventional CD4, held down by Treg relative to baseline.
  const V rel = m[rc::treg_baseline] / x[kTreg];
  V supp;
  if (m.helper_power_shared >= 0 || m.helper_power_none) {
    supp = eq::suppression<O>(rel, m[rc::helper_suppression], m.helper_power_shared);
  } else {
    for (std::size_t l = 0; l < O::lanes; ++l)
      O::at(supp, l) = eq::suppression<ScalarOps>(O::at(rel, l), O::at(m[rc::helper_suppression], l), m.helper_power[l]);
  }
  auto cell = [&](std::size_t i, const V& growth) {
    const State s = static_cast<State>(kTreg + i);
    dx[s] = eq::homeostatic<V>(m[rc::turnover + i], m[rc::inv_baseline + i], x[s], growth);
  };
  cell(0, (1 + m[rc::emax + 0] * d.treg_steroid * x[kSigTreg]) * treg_block);
  const V tconv_growth = (1 + m[rc::emax + 1] * x[kSigTconv]) * eff_block;
  cell(1, tconv_growth);
  const V held = tconv_growth * supp;
  cell(2, held);
  cell(3, held);
  cell(4, (1 + m[rc::emax + 2] * x[kSigCd8]) * eff_block);
  cell(5, 1 + m[rc::emax + 3] * x[kSigNkBright]);
  cell(6, 1 + m[rc::emax + 4] * x[kSigNkDim]);

  // Disease activity relaxes towards what standard care, the helpers and the steroid
  // dose (relative to baseline) sustain.
  const V& w = m[rc::tfh_weight];
  const V drive = w * x[kTfh] * m[rc::inv_baseline + 2] + (1 - w) * x[kTh17] * m[rc::inv_baseline + 3];
  dx[kActivity] = m[rc::activity_rate] * (m[rc::soc_fraction] * drive * d.activity_steroid - x[kActivity]);

  // CMV, where modelled, lane by lane.
  dx[kCmvLog] = zero;
  if (m.any_cmv) {
    for (std::size_t l = 0; l < O::lanes; ++l) {
      if (!m.cmv_modelled[l]) continue;
      auto k = [&m, l](std::size_t id) { return O::at(m[id], l); };
      O::at(dx[kCmvLog], l) = eq::cmv_rate(k, O::at(x[kNkBright], l), O::at(x[kNkDim], l), O::at(x[kCd8], l),
                                           O::at(x[kCmvLog], l), O::at(d.cmv_steroid, l));
    }
  }
}

}  // namespace il2t::model
