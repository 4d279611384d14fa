#include "model/individual.h"

#include <algorithm>
#include <cmath>

#include "core/units.h"

namespace il2t::model {

namespace {

constexpr double kAvogadro = 6.02214076e23;  // 1/mol (exact, SI 2019)
constexpr double kMicrolitresPerLitre = 1e6;
constexpr double kPmolPerMol = 1e12;

SubsetRates subset(const SubsetParams& s, double consume_per_receptor, double baseline) {
  SubsetRates r;
  r.consume = consume_per_receptor * s.receptors;
  r.kd = s.kd_pM;
  r.ec50 = s.ec50_pM;
  r.hill = s.hill;
  r.turnover = s.turnover;
  r.emax = s.emax;
  r.baseline = baseline;
  return r;
}

}  // namespace

Individual make_individual(const ModelParams& p, const Covariates& c) {
  Individual ind;
  ind.cov = c;
  ind.p = p;
  const double wt = c.weight_kg;
  const double cl = p.il2_cl * std::pow(wt / p.il2_ref_weight, p.il2_cl_exp);
  ind.il2_v = p.il2_v * std::pow(wt / p.il2_ref_weight, p.il2_v_exp);
  ind.il2_kel = cl / ind.il2_v;
  ind.il2_ka = p.il2_ka;
  ind.il2_ktr = p.il2_ktr;
  ind.il2_f = p.il2_f;
  // 1 MIU of aldesleukin in pmol: the label's IU per mg and the molar mass.
  const double grams_per_miu = 1e6 / units::kAldesleukinIuPerMg * 1e-3;
  ind.pmol_per_miu = grams_per_miu / (p.il2_molar_mass_kda * 1e3) * kPmolPerMol;

  // Receptor-mediated consumption: cells/µL of blood → cells in the body → pmol/day.
  const double cells_per_count = kMicrolitresPerLitre * p.blood_l_per_kg * wt * p.body_per_blood;
  const double per_receptor = p.k_internalise * cells_per_count / kAvogadro * kPmolPerMol / ind.il2_v;

  const double f = p.lymphocyte_disease_factor;
  const double cd4 = p.cd4 * f;
  const double treg_frac = c.treg_fraction > 0 ? c.treg_fraction : p.treg_fraction;
  const double treg = cd4 * treg_frac, tfh = cd4 * p.tfh_fraction, th17 = cd4 * p.th17_fraction;
  const double tconv = std::max(0.0, cd4 - treg - tfh - th17);
  const double nk = (c.female ? p.nk_female : p.nk_male) * f;
  const double cd8 = p.cd8_count * f;
  ind.treg = subset(p.treg, per_receptor, treg);
  ind.tconv = subset(p.tconv, per_receptor, tconv);
  ind.tfh = subset(p.tconv, per_receptor, tfh);
  ind.tfh.turnover = p.helper_turnover;
  ind.th17 = ind.tfh;
  ind.th17.baseline = th17;
  ind.cd8 = subset(p.cd8, per_receptor, cd8);
  ind.nkb = subset(p.nk_bright, per_receptor, nk * p.nk_bright_fraction);
  ind.nkd = subset(p.nk_dim, per_receptor, nk * (1 - p.nk_bright_fraction));
  ind.lymph_other = std::max(0.0, p.lymphocytes * f - cd4 - cd8 - nk);
  for (SubsetRates* s : {&ind.treg, &ind.tconv, &ind.tfh, &ind.th17, &ind.cd8, &ind.nkb, &ind.nkd})
    s->inv_baseline = 1.0 / s->baseline;
  ind.inv_nk_baseline = 1.0 / (ind.nkb.baseline + ind.nkd.baseline);
  ind.inv_cd8_baseline = 1.0 / ind.cd8.baseline;
  const double sigma = p.helper_suppression;
  if (sigma >= 0 && sigma <= 16 && sigma == std::floor(sigma)) ind.helper_power = static_cast<int>(sigma);

  ind.rapa_v = p.rapa_v_per_kg * wt;
  ind.rapa_kel = p.rapa_cl_per_kg * wt / ind.rapa_v;
  ind.rapa_ka = p.rapa_ka;

  ind.gc_baseline_factor = 1.0 / (1.0 + c.prednisone / p.steroid_gc50);
  ind.cmv_gc_baseline_factor = 1.0 / (1.0 + c.prednisone / p.cmv_steroid_gc50);
  ind.cmv_modelled = c.cmv_copies > 0;
  ind.cmv_kill = p.cmv_control * (1.0 - c.cmv_copies / p.cmv_max_copies);

  // Absolute tolerances: a fraction of each state's natural scale.
  StateVector& scale = ind.scale;
  scale[kIl2Depot] = ind.il2_f * ind.pmol_per_miu;
  scale[kIl2Transit] = scale[kIl2Depot];
  scale[kIl2Plasma] = p.treg.kd_pM;
  scale[kIl2Auc] = p.treg.kd_pM;
  scale[kRapaGut] = p.rapa_ic50 * ind.rapa_v;
  scale[kRapaBlood] = p.rapa_ic50;
  for (State s : {kSigTreg, kSigTconv, kSigCd8, kSigNkBright, kSigNkDim}) scale[s] = 1;
  scale[kTreg] = treg;
  scale[kTconv] = tconv;
  scale[kTfh] = tfh;
  scale[kTh17] = th17;
  scale[kCd8] = cd8;
  scale[kNkBright] = ind.nkb.baseline;
  scale[kNkDim] = ind.nkd.baseline;
  scale[kActivity] = 1;
  scale[kCmvLog] = 1;
  for (std::size_t i = 0; i < kStateCount; ++i) ind.atol[i] = p.atol_fraction * scale[i];
  return ind;
}

StateVector baseline_state(const Individual& ind) {
  StateVector x{};
  x[kTreg] = ind.treg.baseline;
  x[kTconv] = ind.tconv.baseline;
  x[kTfh] = ind.tfh.baseline;
  x[kTh17] = ind.th17.baseline;
  x[kCd8] = ind.cd8.baseline;
  x[kNkBright] = ind.nkb.baseline;
  x[kNkDim] = ind.nkd.baseline;
  x[kActivity] = 1;
  x[kCmvLog] = ind.cmv_modelled ? std::log(ind.cov.cmv_copies) : 0;
  return x;
}

}  // namespace il2t::model
