#pragma once
// One participant: covariates, individual parameter values (after variability), and
// the rate constants the right-hand side needs, computed once so that the hot path
// does no unit conversion.
#include "model/params.h"
#include "model/state.h"

namespace il2t::model {

enum class Disease { sle, pss, jia };

struct Covariates {
  Disease disease = Disease::sle;
  double weight_kg = 0, height_cm = 0, age_years = 0;
  bool female = true;
  double prednisone = 0;            // mg/day at baseline
  bool antimalarial = false, immunosuppressant = false;
  double treg_fraction = 0;         // Treg % of CD4 / 100 at baseline; 0 = the model's
  double cmv_copies = 0;            // baseline CMV DNA, copies/mL; 0 = not modelled
};

// Per-subset constants used by the right-hand side.
struct SubsetRates {
  double consume = 0;   // pM/day per (cell/µL) at full occupancy
  double kd = 0, ec50 = 0, hill = 1, turnover = 0, emax = 0, baseline = 0;
  double inv_baseline = 0;  // 1 / baseline
};

struct Individual {
  Covariates cov;
  ModelParams p;  // after variability
  // Rate constants
  double il2_ka = 0, il2_ktr = 0, il2_kel = 0, il2_v = 0, il2_f = 0, pmol_per_miu = 0;
  double rapa_ka = 0, rapa_kel = 0, rapa_v = 0;
  SubsetRates treg, tconv, tfh, th17, cd8, nkb, nkd;
  double lymph_other = 0;       // B and other lymphocytes, constant
  // cells.helper_suppression when it is a whole number from 0 to 16, else -1: the
  // right-hand side then multiplies instead of calling pow (a third of its cost).
  int helper_power = -1;
  double inv_nk_baseline = 0, inv_cd8_baseline = 0;
  double gc_baseline_factor = 1, cmv_gc_baseline_factor = 1;
  bool cmv_modelled = false;
  double cmv_kill = 0;          // immune killing at baseline, scaled so the load starts on its plateau
  StateVector scale{};          // each state's natural scale (baseline count, Kd, 1 MIU in the depot...)
  StateVector atol{};           // the solver's absolute tolerances: atol_fraction × scale
};

// Builds the rate constants from parameters and covariates.
Individual make_individual(const ModelParams& p, const Covariates& c);

// The baseline state: no drug, cells at baseline, activity 1.
StateVector baseline_state(const Individual& ind);

// Inputs that change only at events (visits): the prednisone dose.
struct Inputs {
  double prednisone = 0;  // mg/day
};

}  // namespace il2t::model
