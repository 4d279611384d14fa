#include "model/rhs_lanes.h"

#include <cmath>

#include "model/det_pow.h"

namespace il2t::model {

namespace {

// det_pow.h's operations on a lane vector: GCC vector casts reinterpret, and
// __builtin_convertvector converts element by element. M is the mask type a
// comparison of two LaneVecs gives (a true lane is all ones, -1).
struct LaneOps {
  using D = LaneVec;
  static LaneBits bits_of(LaneVec x) { return reinterpret_cast<LaneBits>(x); }
  static LaneVec from_bits(LaneBits b) { return reinterpret_cast<LaneVec>(b); }
  static LaneBits whole_to_int(LaneVec x) { return __builtin_convertvector(x, LaneBits); }
  static LaneVec int_to_double(LaneBits i) { return __builtin_convertvector(i, LaneVec); }
  template <class M>
  static LaneVec pick(M c, LaneVec a, LaneVec b) { return c ? a : b; }
  template <class M>
  static LaneBits one_if(M c) { return reinterpret_cast<LaneBits>(-c); }
};

// Element-wise square root (correctly rounded, as the scalar one).
LaneVec lane_sqrt(LaneVec v) {
  LaneVec r{};
  for (std::size_t l = 0; l < kLanes; ++l) r[l] = __builtin_sqrt(v[l]);
  return r;
}

}  // namespace

void LaneModel::set(std::size_t l, const Individual& ind) {
  const ModelParams& p = ind.p;
  il2_ka[l] = ind.il2_ka;
  il2_ktr[l] = ind.il2_ktr;
  il2_v[l] = ind.il2_v;
  il2_kel[l] = ind.il2_kel;
  consume_treg[l] = ind.treg.consume;
  consume_tconv[l] = ind.tconv.consume;
  consume_cd8[l] = ind.cd8.consume;
  consume_nk[l] = ind.nkb.consume;
  kd_treg[l] = ind.treg.kd;
  kd_tconv[l] = ind.tconv.kd;
  kd_cd8[l] = ind.cd8.kd;
  kd_nk[l] = ind.nkb.kd;
  rapa_ka[l] = ind.rapa_ka;
  rapa_v[l] = ind.rapa_v;
  rapa_kel[l] = ind.rapa_kel;
  rapa_ic50[l] = p.rapa_ic50;
  rapa_eff[l] = p.rapa_effector_inhibition;
  rapa_treg[l] = p.rapa_treg_inhibition;
  k0[l] = p.signal_delay_rate;
  const SubsetRates* sig[] = {&ind.treg, &ind.tconv, &ind.cd8, &ind.nkb, &ind.nkd};
  LaneVec* ec50[] = {&ec50_treg, &ec50_tconv, &ec50_cd8, &ec50_nkb, &ec50_nkd};
  LaneVec* hill[] = {&hill_treg, &hill_tconv, &hill_cd8, &hill_nkb, &hill_nkd};
  LaneVec* emax[] = {&emax_treg, &emax_tconv, &emax_cd8, &emax_nkb, &emax_nkd};
  for (int s = 0; s < 5; ++s) {
    (*ec50[s])[l] = sig[s]->ec50;
    (*hill[s])[l] = sig[s]->hill;
    (*emax[s])[l] = sig[s]->emax;
  }
  const SubsetRates* cells[] = {&ind.treg, &ind.tconv, &ind.tfh, &ind.th17, &ind.cd8, &ind.nkb, &ind.nkd};
  LaneVec* turn[] = {&turn_treg, &turn_tconv, &turn_tfh, &turn_th17, &turn_cd8, &turn_nkb, &turn_nkd};
  LaneVec* inv[] = {&inv_treg, &inv_tconv, &inv_tfh, &inv_th17, &inv_cd8, &inv_nkb, &inv_nkd};
  for (int s = 0; s < 7; ++s) {
    (*turn[s])[l] = cells[s]->turnover;
    (*inv[s])[l] = cells[s]->inv_baseline;
  }
  treg_baseline[l] = ind.treg.baseline;
  helper_suppression[l] = p.helper_suppression;
  helper_power[l] = ind.helper_power;
  tfh_weight[l] = p.tfh_weight;
  activity_rate[l] = p.activity_rate;
  soc_fraction[l] = p.soc_fraction;
  cmv_modelled[l] = ind.cmv_modelled;
  cmv_nk_weight[l] = p.cmv_nk_weight;
  inv_nk_baseline[l] = ind.inv_nk_baseline;
  inv_cd8_baseline[l] = ind.inv_cd8_baseline;
  cmv_max_copies[l] = p.cmv_max_copies;
  cmv_growth[l] = p.cmv_growth;
  cmv_kill[l] = ind.cmv_kill;
}

void LaneModel::refresh_summary() {
  any_cmv = false;
  const LaneVec* hills[] = {&hill_treg, &hill_tconv, &hill_cd8, &hill_nkb, &hill_nkd};
  for (std::size_t i = 0; i < 5; ++i) {
    const LaneVec& h = *hills[i];
    hill_shared[i] = true;
    for (std::size_t l = 0; l < kLanes; ++l)
      if (h[l] != h[0]) hill_shared[i] = false;
    hill_half[i] = half_steps(h[0]);
    hill_one[i] = hill_shared[i] && h[0] == 1.0;
  }
  helper_power_shared = helper_power[0];
  helper_power_none = true;
  for (std::size_t l = 0; l < kLanes; ++l) {
    if (cmv_modelled[l]) any_cmv = true;
    if (helper_power[l] != helper_power[0]) helper_power_shared = -1;
    if (helper_power[l] >= 0) helper_power_none = false;
  }
}

void rhs_lanes(const LaneModel& m, const LaneDrivers& d, const LaneState& x, LaneState& dx) {
  const LaneVec c = x[kIl2Plasma];
  const LaneVec zero{};

  // IL-2 and its consumption (zero where plasma IL-2 is not positive).
  const LaneVec released = m.il2_ka * x[kIl2Depot];
  const LaneVec absorbed = m.il2_ktr * x[kIl2Transit];
  dx[kIl2Depot] = -released;
  dx[kIl2Transit] = released - absorbed;
  const LaneVec used = m.consume_treg * x[kTreg] * (c / (c + m.kd_treg)) +
                       m.consume_tconv * (x[kTconv] + x[kTfh] + x[kTh17]) * (c / (c + m.kd_tconv)) +
                       m.consume_cd8 * x[kCd8] * (c / (c + m.kd_cd8)) +
                       m.consume_nk * (x[kNkBright] + x[kNkDim]) * (c / (c + m.kd_nk));
  dx[kIl2Plasma] = absorbed / m.il2_v - m.il2_kel * c - (c > 0 ? used : zero);
  dx[kIl2Auc] = c;

  // Sirolimus, and the blocks it sets.
  const LaneVec ra = m.rapa_ka * x[kRapaGut];
  dx[kRapaGut] = -ra;
  const LaneVec rb = x[kRapaBlood];
  dx[kRapaBlood] = ra / m.rapa_v - m.rapa_kel * rb;
  const LaneVec rapa = rb > 0 ? rb / (rb + m.rapa_ic50) : zero;
  const LaneVec eff_block = 1.0 - m.rapa_eff * rapa;
  const LaneVec treg_block = 1.0 - m.rapa_treg * rapa;

  // Signals, as hill_signal(): without a power where the Hill coefficient is 1 in
  // every lane; all lanes at once where they share another coefficient; else lane by
  // lane.
  const LaneVec* ec50s[] = {&m.ec50_treg, &m.ec50_tconv, &m.ec50_cd8, &m.ec50_nkb, &m.ec50_nkd};
  const LaneVec* hills[] = {&m.hill_treg, &m.hill_tconv, &m.hill_cd8, &m.hill_nkb, &m.hill_nkd};
  const State sigs[] = {kSigTreg, kSigTconv, kSigCd8, kSigNkBright, kSigNkDim};
  const LaneVec one = zero + 1.0;
  for (int i = 0; i < 5; ++i) {
    const LaneVec& ec50 = *ec50s[i];
    const LaneVec& h = *hills[i];
    const State s = sigs[i];
    if (m.hill_one[i]) {
      dx[s] = m.k0 * ((c <= 0 ? zero : c / (c + ec50)) - x[s]);
    } else if (!m.hill_shared[i]) {
      for (std::size_t l = 0; l < kLanes; ++l) dx[s][l] = m.k0[l] * (hill_signal(c[l], ec50[l], h[l]) - x[s][l]);
    } else {
      const LaneVec ratio = c > 0 ? c / ec50 : one;
      const int n = m.hill_half[i];
      const LaneVec r = n ? half_power(ratio, n, one, lane_sqrt) : detmath::det_pow<LaneOps>(ratio, h);
      dx[s] = m.k0 * ((c <= 0 ? zero : r / (1.0 + r)) - x[s]);
    }
  }

  // Cells. The helpers' suppression: as suppression() (rhs.h), all lanes at once when
  // they share one whole-number power or none has one, else lane by lane.
  const LaneVec rel = m.treg_baseline / x[kTreg];
  LaneVec supp;
  if (m.helper_power_shared >= 0) {
    supp = rel > 0 ? whole_power(rel, m.helper_power_shared, one) : zero;
  } else if (m.helper_power_none) {
    supp = rel > 0 ? detmath::det_pow<LaneOps>(rel, m.helper_suppression) : zero;
  } else {
    for (std::size_t l = 0; l < kLanes; ++l) supp[l] = suppression(rel[l], m.helper_suppression[l], m.helper_power[l]);
  }
  const LaneVec treg = x[kTreg];
  dx[kTreg] = m.turn_treg * treg * ((1 + m.emax_treg * d.treg_steroid * x[kSigTreg]) * treg_block - treg * m.inv_treg);
  const LaneVec tconv_growth = (1 + m.emax_tconv * x[kSigTconv]) * eff_block;
  const LaneVec tconv = x[kTconv];
  dx[kTconv] = m.turn_tconv * tconv * (tconv_growth - tconv * m.inv_tconv);
  const LaneVec held = tconv_growth * supp;
  const LaneVec tfh = x[kTfh], th17 = x[kTh17];
  dx[kTfh] = m.turn_tfh * tfh * (held - tfh * m.inv_tfh);
  dx[kTh17] = m.turn_th17 * th17 * (held - th17 * m.inv_th17);
  const LaneVec cd8 = x[kCd8];
  dx[kCd8] = m.turn_cd8 * cd8 * ((1 + m.emax_cd8 * x[kSigCd8]) * eff_block - cd8 * m.inv_cd8);
  const LaneVec nkb = x[kNkBright], nkd = x[kNkDim];
  dx[kNkBright] = m.turn_nkb * nkb * ((1 + m.emax_nkb * x[kSigNkBright]) - nkb * m.inv_nkb);
  dx[kNkDim] = m.turn_nkd * nkd * ((1 + m.emax_nkd * x[kSigNkDim]) - nkd * m.inv_nkd);

  const LaneVec w = m.tfh_weight;
  const LaneVec drive = w * tfh * m.inv_tfh + (1 - w) * th17 * m.inv_th17;
  dx[kActivity] = m.activity_rate * (m.soc_fraction * drive * d.activity_steroid - x[kActivity]);
  dx[kCmvLog] = zero;

  // CMV, where modelled (exp lane by lane).
  if (m.any_cmv) {
    for (std::size_t l = 0; l < kLanes; ++l) {
      if (!m.cmv_modelled[l]) continue;
      const double wc = m.cmv_nk_weight[l];
      const double immune = wc * (x[kNkBright][l] + x[kNkDim][l]) * m.inv_nk_baseline[l] +
                            (1 - wc) * x[kCd8][l] * m.inv_cd8_baseline[l];
      const double crowding = std::exp(x[kCmvLog][l]) / m.cmv_max_copies[l];
      dx[kCmvLog][l] = m.cmv_growth[l] * (1 - crowding - m.cmv_kill[l] * immune * d.cmv_steroid[l]);
    }
  }
}

}  // namespace il2t::model
