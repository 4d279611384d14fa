/* The il2trial model's right-hand side (src/model/equations.h) in C, for deSolve's
 * compiled-code interface (vignette "compiledCode"): initmod() receives `parms`,
 * derivs() computes dy/dt. bench/desolve/run_desolve.R compiles and runs it; the
 * doses are deSolve events ("add" on the depot), as src/model/integrator.h applies them.
 * bench/model_vs_desolve.sh checks that it gives the same states as the C++ model.
 *
 * States (y), in src/model/state.h order:
 *   0 il2 depot, 1 il2 plasma, 2 il2 auc, 3 rapa gut, 4 rapa blood,
 *   5-9 signals treg, tconv, cd8, nk bright, nk dim,
 *   10 treg, 11 tconv, 12 tfh, 13 th17, 14 cd8, 15 nk bright, 16 nk dim,
 *   17 activity, 18 ln CMV, 19 il2 transit.
 *
 * parms, a numeric vector of NPARMS values in this order (bench/bench_model_dump.cpp
 * writes it from an il2t::model::Individual, with these names):
 *   0 il2_ka, 1 il2_kel, 2 il2_v, 3 rapa_ka, 4 rapa_kel, 5 rapa_v,
 *   6 rapa_ic50, 7 rapa_effector_inhibition, 8 rapa_treg_inhibition,
 *   9 signal_delay_rate, 10 helper_suppression, 11 tfh_weight, 12 activity_rate,
 *   13 soc_fraction, 14 steroid_gc50, 15 gc_baseline_factor, 16 prednisone (mg/day),
 *   17 cmv_modelled (0/1), 18 cmv_growth, 19 cmv_kill, 20 cmv_nk_weight,
 *   21 cmv_steroid_gc50, 22 cmv_gc_baseline_factor, 23 cmv_max_copies, 24 il2_ktr,
 *   25 treg_steroid_gain, 26 treg_steroid_half,
 *   then 7 subsets (treg, tconv, tfh, th17, cd8, nk_bright, nk_dim) × 7 fields
 *   (consume, kd, ec50, hill, turnover, emax, baseline): index 27 + 7·subset + field.
 */
#include <R.h>
#include <math.h>

#define NSCALAR 27
#define NSUBSET 7
#define NFIELD 7
#define NPARMS (NSCALAR + NSUBSET * NFIELD)

static double parms[NPARMS];

#define il2_ka parms[0]
#define il2_kel parms[1]
#define il2_v parms[2]
#define rapa_ka parms[3]
#define rapa_kel parms[4]
#define rapa_v parms[5]
#define rapa_ic50 parms[6]
#define rapa_effector_inhibition parms[7]
#define rapa_treg_inhibition parms[8]
#define signal_delay_rate parms[9]
#define helper_suppression parms[10]
#define tfh_weight parms[11]
#define activity_rate parms[12]
#define soc_fraction parms[13]
#define steroid_gc50 parms[14]
#define gc_baseline_factor parms[15]
#define prednisone parms[16]
#define cmv_modelled parms[17]
#define cmv_growth parms[18]
#define cmv_kill parms[19]
#define cmv_nk_weight parms[20]
#define cmv_steroid_gc50 parms[21]
#define cmv_gc_baseline_factor parms[22]
#define cmv_max_copies parms[23]
#define il2_ktr parms[24]
#define treg_steroid_gain parms[25]
#define treg_steroid_half parms[26]

enum { TREG, TCONV, TFH, TH17, CD8, NKB, NKD };                       /* subsets */
enum { CONSUME, KD, EC50, HILL, TURNOVER, EMAX, BASELINE };            /* fields */
#define S(subset, field) parms[NSCALAR + NFIELD * (subset) + (field)]

void initmod(void (*odeparms)(int *, double *)) {
  int n = NPARMS;
  odeparms(&n, parms);
}

static double occupancy(double c, double kd) { return c > 0 ? c / (c + kd) : 0.0; }

/* dN/dt = k·N·(g − N/N0) */
static double homeostatic(int s, double n, double growth) {
  return S(s, TURNOVER) * n * (growth - n / S(s, BASELINE));
}

/* C^h / (C^h + EC50^h), with h = 1 computed without pow. */
static double hill_signal(double c, double ec50, double h) {
  if (c <= 0) return 0;
  if (h == 1.0) return c / (c + ec50);
  const double r = pow(c / ec50, h);
  return r / (1.0 + r);
}

void derivs(int *neq, double *t, double *x, double *dx, double *yout, int *ip) {
  (void)neq; (void)t; (void)yout; (void)ip;
  const double c = x[1];

  /* IL-2: depot → transit → plasma; linear clearance; internalisation by receptor-bearing cells. */
  const double released = il2_ka * x[0];
  const double absorbed = il2_ktr * x[19];
  double consumed = 0;
  if (c > 0) {
    consumed = S(TREG, CONSUME) * x[10] * occupancy(c, S(TREG, KD)) +
               S(TCONV, CONSUME) * (x[11] + x[12] + x[13]) * occupancy(c, S(TCONV, KD)) +
               S(CD8, CONSUME) * x[14] * occupancy(c, S(CD8, KD)) +
               S(NKB, CONSUME) * (x[15] + x[16]) * occupancy(c, S(NKB, KD));
  }
  dx[0] = -released;
  dx[19] = released - absorbed;
  dx[1] = absorbed / il2_v - il2_kel * c - consumed;
  dx[2] = c;

  /* Sirolimus: oral one-compartment, whole-blood concentration. */
  const double ra = rapa_ka * x[3];
  dx[3] = -ra;
  dx[4] = ra / rapa_v - rapa_kel * x[4];
  const double rapa = x[4] > 0 ? x[4] / (x[4] + rapa_ic50) : 0.0;
  const double eff_block = 1.0 - rapa_effector_inhibition * rapa;
  const double treg_block = 1.0 - rapa_treg_inhibition * rapa;

  /* Signals: instantaneous Hill response, delayed by an effect compartment. */
  const double k0 = signal_delay_rate;
  dx[5] = k0 * (hill_signal(c, S(TREG, EC50), S(TREG, HILL)) - x[5]);
  dx[6] = k0 * (hill_signal(c, S(TCONV, EC50), S(TCONV, HILL)) - x[6]);
  dx[7] = k0 * (hill_signal(c, S(CD8, EC50), S(CD8, HILL)) - x[7]);
  dx[8] = k0 * (hill_signal(c, S(NKB, EC50), S(NKB, HILL)) - x[8]);
  dx[9] = k0 * (hill_signal(c, S(NKD, EC50), S(NKD, HILL)) - x[9]);

  /* Cells. Glucocorticoid amplifies IL-2's drive of Treg (not their baseline renewal). */
  const double treg_steroid = prednisone > 0 ? 1.0 + treg_steroid_gain * prednisone / (prednisone + treg_steroid_half) : 1.0;
  dx[10] = homeostatic(TREG, x[10], (1 + S(TREG, EMAX) * treg_steroid * x[5]) * treg_block);
  const double tconv_growth = (1 + S(TCONV, EMAX) * x[6]) * eff_block;
  dx[11] = homeostatic(TCONV, x[11], tconv_growth);
  /* (baseline Treg / Treg)^sigma, zero where the ratio is not positive (a trial stage
   * may carry a negative count), as equations::suppression. */
  const double rel_treg = S(TREG, BASELINE) / x[10];
  const double suppression = rel_treg > 0 ? (helper_suppression == 1.0 ? rel_treg : pow(rel_treg, helper_suppression)) : 0.0;
  dx[12] = homeostatic(TFH, x[12], tconv_growth * suppression);
  dx[13] = homeostatic(TH17, x[13], tconv_growth * suppression);
  dx[14] = homeostatic(CD8, x[14], (1 + S(CD8, EMAX) * x[7]) * eff_block);
  dx[15] = homeostatic(NKB, x[15], 1 + S(NKB, EMAX) * x[8]);
  dx[16] = homeostatic(NKD, x[16], 1 + S(NKD, EMAX) * x[9]);

  /* Disease activity. */
  const double drive = tfh_weight * x[12] / S(TFH, BASELINE) + (1 - tfh_weight) * x[13] / S(TH17, BASELINE);
  const double steroid = (1.0 / (1.0 + prednisone / steroid_gc50)) / gc_baseline_factor;
  dx[17] = activity_rate * (soc_fraction * drive * steroid - x[17]);

  /* CMV: logistic growth to a ceiling, against NK and CD8 control weakened by steroid. */
  if (cmv_modelled != 0) {
    const double immune = cmv_nk_weight * (x[15] + x[16]) / (S(NKB, BASELINE) + S(NKD, BASELINE)) +
                          (1 - cmv_nk_weight) * x[14] / S(CD8, BASELINE);
    const double gc = (1.0 / (1.0 + prednisone / cmv_steroid_gc50)) / cmv_gc_baseline_factor;
    dx[18] = cmv_growth * (1 - exp(x[18]) / cmv_max_copies - cmv_kill * immune * gc);
  } else {
    dx[18] = 0;
  }
}
