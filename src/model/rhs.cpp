#include "model/rhs.h"

#include <cmath>

namespace il2t::model {

namespace {

inline double occupancy(double c, double kd) { return c > 0 ? c / (c + kd) : 0.0; }

// Self-renewal driven by the delayed signal, with density-dependent loss that
// returns the count to its baseline: dN/dt = k·N·(g − N/N0).
inline double homeostatic(const SubsetRates& s, double n, double growth) {
  return s.turnover * n * (growth - n * s.inv_baseline);
}

// Receptor-mediated consumption of IL-2, pM/day.
inline double consumption(const Individual& ind, const double* x, double c) {
  if (c <= 0) return 0;
  return ind.treg.consume * x[kTreg] * occupancy(c, ind.treg.kd) +
         ind.tconv.consume * (x[kTconv] + x[kTfh] + x[kTh17]) * occupancy(c, ind.tconv.kd) +
         ind.cd8.consume * x[kCd8] * occupancy(c, ind.cd8.kd) +
         ind.nkb.consume * (x[kNkBright] + x[kNkDim]) * occupancy(c, ind.nkb.kd);
}

}  // namespace

Drivers drivers(const Individual& ind, const Inputs& u) {
  Drivers d;
  d.activity_steroid = (1.0 / (1.0 + u.prednisone / ind.p.steroid_gc50)) / ind.gc_baseline_factor;
  d.cmv_steroid = (1.0 / (1.0 + u.prednisone / ind.p.cmv_steroid_gc50)) / ind.cmv_gc_baseline_factor;
  if (u.prednisone > 0)
    d.treg_steroid = 1.0 + ind.p.treg_steroid_gain * u.prednisone / (u.prednisone + ind.p.treg_steroid_half);
  return d;
}

void rhs(const Individual& ind, const Drivers& drv, const double* x, double* dx) {
  const ModelParams& p = ind.p;
  const double c = x[kIl2Plasma];

  // IL-2: depot → transit (absorption rate) → plasma (transit rate); linear clearance;
  // internalisation by receptor-bearing cells.
  const double released = ind.il2_ka * x[kIl2Depot];
  const double absorbed = ind.il2_ktr * x[kIl2Transit];
  dx[kIl2Depot] = -released;
  dx[kIl2Transit] = released - absorbed;
  dx[kIl2Plasma] = absorbed / ind.il2_v - ind.il2_kel * c - consumption(ind, x, c);
  dx[kIl2Auc] = c;

  // Sirolimus: oral one-compartment (apparent CL/F, V/F), whole-blood concentration.
  const double ra = ind.rapa_ka * x[kRapaGut];
  dx[kRapaGut] = -ra;
  dx[kRapaBlood] = ra / ind.rapa_v - ind.rapa_kel * x[kRapaBlood];
  const double rapa = x[kRapaBlood] > 0 ? x[kRapaBlood] / (x[kRapaBlood] + p.rapa_ic50) : 0.0;
  const double eff_block = 1.0 - p.rapa_effector_inhibition * rapa;
  const double treg_block = 1.0 - p.rapa_treg_inhibition * rapa;

  // Signals: instantaneous Hill response, delayed by an effect compartment.
  const double k0 = p.signal_delay_rate;
  dx[kSigTreg] = k0 * (hill_signal(c, ind.treg.ec50, ind.treg.hill) - x[kSigTreg]);
  dx[kSigTconv] = k0 * (hill_signal(c, ind.tconv.ec50, ind.tconv.hill) - x[kSigTconv]);
  dx[kSigCd8] = k0 * (hill_signal(c, ind.cd8.ec50, ind.cd8.hill) - x[kSigCd8]);
  dx[kSigNkBright] = k0 * (hill_signal(c, ind.nkb.ec50, ind.nkb.hill) - x[kSigNkBright]);
  dx[kSigNkDim] = k0 * (hill_signal(c, ind.nkd.ec50, ind.nkd.hill) - x[kSigNkDim]);

  // Cells. Glucocorticoid amplifies IL-2's drive of Treg (not their baseline renewal).
  const double treg = x[kTreg];
  dx[kTreg] = homeostatic(ind.treg, treg, (1 + ind.treg.emax * drv.treg_steroid * x[kSigTreg]) * treg_block);
  const double tconv_growth = (1 + ind.tconv.emax * x[kSigTconv]) * eff_block;
  dx[kTconv] = homeostatic(ind.tconv, x[kTconv], tconv_growth);
  // Pathogenic helpers: as conventional CD4, held down by Treg relative to baseline.
  const double held = tconv_growth * suppression(ind.treg.baseline / treg, p.helper_suppression, ind.helper_power);
  dx[kTfh] = homeostatic(ind.tfh, x[kTfh], held);
  dx[kTh17] = homeostatic(ind.th17, x[kTh17], held);
  dx[kCd8] = homeostatic(ind.cd8, x[kCd8], (1 + ind.cd8.emax * x[kSigCd8]) * eff_block);
  dx[kNkBright] = homeostatic(ind.nkb, x[kNkBright], 1 + ind.nkb.emax * x[kSigNkBright]);
  dx[kNkDim] = homeostatic(ind.nkd, x[kNkDim], 1 + ind.nkd.emax * x[kSigNkDim]);

  // Disease activity relaxes towards what standard care, the helpers and the steroid
  // dose (relative to baseline) sustain.
  const double drive = p.tfh_weight * x[kTfh] * ind.tfh.inv_baseline + (1 - p.tfh_weight) * x[kTh17] * ind.th17.inv_baseline;
  dx[kActivity] = p.activity_rate * (p.soc_fraction * drive * drv.activity_steroid - x[kActivity]);

  // CMV: logistic growth to a ceiling, against NK and CD8 control weakened by steroid.
  if (ind.cmv_modelled) {
    const double immune = p.cmv_nk_weight * (x[kNkBright] + x[kNkDim]) * ind.inv_nk_baseline +
                          (1 - p.cmv_nk_weight) * x[kCd8] * ind.inv_cd8_baseline;
    const double crowding = std::exp(x[kCmvLog]) / p.cmv_max_copies;
    dx[kCmvLog] = p.cmv_growth * (1 - crowding - ind.cmv_kill * immune * drv.cmv_steroid);
  } else {
    dx[kCmvLog] = 0;
  }
}

Il2Fluxes il2_fluxes(const Individual& ind, const double* x) {
  Il2Fluxes f;
  const double c = x[kIl2Plasma];
  f.absorption = ind.il2_ktr * x[kIl2Transit];
  f.linear = ind.il2_kel * c * ind.il2_v;
  f.consumption = consumption(ind, x, c) * ind.il2_v;
  return f;
}

}  // namespace il2t::model
