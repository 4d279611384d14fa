#include "model/rhs.h"

namespace il2t::model {

Drivers drivers(const Individual& ind, const Inputs& u) {
  Drivers d;
  d.activity_steroid = (1.0 / (1.0 + u.prednisone / ind.p.steroid_gc50)) / ind.gc_baseline_factor;
  d.cmv_steroid = (1.0 / (1.0 + u.prednisone / ind.p.cmv_steroid_gc50)) / ind.cmv_gc_baseline_factor;
  if (u.prednisone > 0)
    d.treg_steroid = 1.0 + ind.p.treg_steroid_gain * u.prednisone / (u.prednisone + ind.p.treg_steroid_half);
  return d;
}

ScalarConstants rhs_constants(const Individual& ind) {
  const ModelParams& p = ind.p;
  ScalarConstants k;
  double* c = k.c;
  c[rc::il2_ka] = ind.il2_ka;
  c[rc::il2_ktr] = ind.il2_ktr;
  c[rc::il2_v] = ind.il2_v;
  c[rc::il2_kel] = ind.il2_kel;
  c[rc::consume_treg] = ind.treg.consume;
  c[rc::consume_tconv] = ind.tconv.consume;
  c[rc::consume_cd8] = ind.cd8.consume;
  c[rc::consume_nk] = ind.nkb.consume;
  c[rc::kd_treg] = ind.treg.kd;
  c[rc::kd_tconv] = ind.tconv.kd;
  c[rc::kd_cd8] = ind.cd8.kd;
  c[rc::kd_nk] = ind.nkb.kd;
  c[rc::rapa_ka] = ind.rapa_ka;
  c[rc::rapa_v] = ind.rapa_v;
  c[rc::rapa_kel] = ind.rapa_kel;
  c[rc::rapa_ic50] = p.rapa_ic50;
  c[rc::rapa_effector] = p.rapa_effector_inhibition;
  c[rc::rapa_treg] = p.rapa_treg_inhibition;
  c[rc::signal_rate] = p.signal_delay_rate;
  const SubsetRates* signals[kSignals] = {&ind.treg, &ind.tconv, &ind.cd8, &ind.nkb, &ind.nkd};
  for (std::size_t i = 0; i < kSignals; ++i) {
    c[rc::ec50 + i] = signals[i]->ec50;
    c[rc::hill + i] = signals[i]->hill;
    c[rc::emax + i] = signals[i]->emax;
  }
  const SubsetRates* cells[kCells] = {&ind.treg, &ind.tconv, &ind.tfh, &ind.th17, &ind.cd8, &ind.nkb, &ind.nkd};
  for (std::size_t i = 0; i < kCells; ++i) {
    c[rc::turnover + i] = cells[i]->turnover;
    c[rc::inv_baseline + i] = cells[i]->inv_baseline;
  }
  c[rc::treg_baseline] = ind.treg.baseline;
  c[rc::helper_suppression] = p.helper_suppression;
  c[rc::tfh_weight] = p.tfh_weight;
  c[rc::activity_rate] = p.activity_rate;
  c[rc::soc_fraction] = p.soc_fraction;
  c[rc::cmv_nk_weight] = p.cmv_nk_weight;
  c[rc::inv_nk_baseline] = ind.inv_nk_baseline;
  c[rc::inv_cd8_baseline] = ind.inv_cd8_baseline;
  c[rc::cmv_max_copies] = p.cmv_max_copies;
  c[rc::cmv_growth] = p.cmv_growth;
  c[rc::cmv_kill] = ind.cmv_kill;
  k.helper_power[0] = ind.helper_power;
  k.cmv_modelled[0] = ind.cmv_modelled;
  k.refresh_summary();
  return k;
}

void rhs(const ScalarConstants& k, const Drivers& d, const double* x, double* dx) { rhs_of(k, d, x, dx); }

Il2Fluxes il2_fluxes(const Individual& ind, const double* x) {
  Il2Fluxes f;
  const double c = x[kIl2Plasma];
  f.absorption = ind.il2_ktr * x[kIl2Transit];
  f.linear = ind.il2_kel * c * ind.il2_v;
  f.consumption = c > 0 ? equations::consumption(rhs_constants(ind), x, c) * ind.il2_v : 0.0;
  return f;
}

}  // namespace il2t::model
