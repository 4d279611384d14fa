#pragma once
// The model's parameters as plain numbers, bound by name from a ParameterSet.
// Every field here has exactly one entry in models/*.toml (the binding table in
// params.cpp names it); no value lives in C++. Units: days, pM (IL-2), ng/mL
// (sirolimus in whole blood), cells/µL, mg/day (prednisone).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "model/bind_log.h"
#include "model/parameter_set.h"

namespace il2t::model {

// A responding cell subset's signalling and turnover.
struct SubsetParams {
  double kd_pM = 0;          // affinity of the IL-2 receptor complex that internalises
  double receptors = 0;      // internalising complexes per cell (IL-2Rβ count)
  double ec50_pM = 0;        // signal half-maximal concentration
  double hill = 1;
  double turnover = 0;       // 1/day: basal proliferation = loss at baseline
  double emax = 0;           // maximal relative increase of proliferation by the signal
};

struct ModelParams {
  // IL-2 pharmacokinetics
  double il2_f = 0, il2_ka = 0, il2_ktr = 0, il2_cl = 0, il2_v = 0;
  double il2_ref_weight = 0, il2_cl_exp = 0, il2_v_exp = 0;
  double il2_molar_mass_kda = 0;
  double k_internalise = 0;          // 1/day
  double blood_l_per_kg = 0, body_per_blood = 0;
  // Signal delay (effect compartment), 1/day
  double signal_delay_rate = 0;
  SubsetParams treg, tconv, cd8, nk_bright, nk_dim;
  double helper_turnover = 0, helper_suppression = 0;
  // Glucocorticoid amplification of IL-2's Treg drive: its gain (dimensionless) and the
  // prednisone dose (mg/day) at which it is half its maximum
  double treg_steroid_gain = 0, treg_steroid_half = 0;
  // Baseline blood counts (healthy reference) and fractions
  double cd4 = 0, cd8_count = 0, nk_female = 0, nk_male = 0, lymphocytes = 0;
  double treg_fraction = 0, tfh_fraction = 0, th17_fraction = 0, nk_bright_fraction = 0;
  // Sirolimus
  double rapa_ka = 0, rapa_cl_per_kg = 0, rapa_v_per_kg = 0, rapa_ic50 = 0;
  double rapa_effector_inhibition = 0, rapa_treg_inhibition = 0;
  // Disease activity (relative to baseline, 1 at study day 1)
  double activity_rate = 0, soc_fraction = 0, tfh_weight = 0, steroid_gc50 = 0;
  // Primary Sjögren's own standard-of-care share (soc_fraction is SLE's, and JIA's)
  double pss_soc_fraction = 0;
  // Between-trial SD of the log standard-of-care share, per disease (trial_effect.h)
  double sle_trial_sd = 0, pss_trial_sd = 0;
  double flare_rate = 0, flare_size = 0, new_organ_margin = 0, serology_threshold_factor = 0;
  double bilag_improving = 0;  // share of a descriptor's span above its threshold where its BILAG grade is one milder
  double taper_fraction = 0, taper_floor = 0, taper_step = 0, flare_steroid_increase = 0;
  double taper_sledai_drop = 0, taper_activity = 0;
  double lymphocyte_disease_factor = 0;
  // Sjögren's and JIA observation
  double esspri_floor = 0, esspri_sd = 0, jadas_global_sd = 0, normal_esr = 0;
  // Infections
  double infection_rate = 0, serious_infection_rate = 0;
  double gc_threshold_any = 0, gc_hr_any = 0, gc_threshold_serious = 0, gc_hr_serious = 0;
  double lymphopenia_threshold = 0, lymphopenia_hr = 0, immunosuppressant_hr = 0, antimalarial_hr = 0;
  double nk_protection = 0, cd8_protection = 0;
  double serious_grade4_fraction = 0, nonserious_grade2_fraction = 0;
  // CMV
  double cmv_growth = 0, cmv_control = 0, cmv_nk_weight = 0, cmv_steroid_gc50 = 0, cmv_lloq = 0;
  double cmv_assay_sd_log10 = 0, cmv_baseline_copies = 0, cmv_max_copies = 0;
  // Adverse reactions per injection
  double isr_base = 0, isr_per_miu = 0, fever_per_miu = 0, flu_per_miu = 0, reaction_grade2_fraction = 0;
  // Observation
  double cell_cv = 0, pga_rater_sd = 0;
  // SLE serology (models/labs.toml; serology.h)
  double c3_lln = 0, c4_lln = 0, c3_normal = 0, c4_normal = 0, labs_normal_sd_log = 0;
  double c3_log_slope = 0, c4_log_slope = 0;
  double dsdna_uln = 0, dsdna_negative = 0, dsdna_negative_sd_log = 0, dsdna_log_slope = 0;
  double labs_assay_cv = 0, dsdna_assay_cv = 0;
  // Solver
  double rtol = 0, atol_fraction = 0, washout_fraction = 0, h_initial = 0;
};

// A row of the SLEDAI / ESSDAI / infection-type tables: one name, one weight.
struct WeightedItem {
  std::string id;        // descriptor, domain or infection type id
  double weight = 0;     // prevalence or probability
  std::string map;       // e.g. "mucocutaneous B", "moderate"
};

struct TypicalPatient {
  double weight_kg = 0, height_cm = 0, age_years = 0, female = 1;
  double sledai = 0, pga = 0, prednisone = 0, essdai = 0, dryness = 0, fatigue = 0, pain = 0;
  double active_joints = 0, jadas_global = 0, esr = 0, antimalarial = 0, immunosuppressant = 0;
};

// The candidate populations of models/population.toml, one table [population_<name>]
// each: a disease's patients, and for SLE also its children (childhood-onset SLE).
// src/population/choice.h says which one a protocol draws from; population/params.h
// holds their distributions. Each has a typical participant here ([sle_typical], ...).
enum class Population { sle, csle, pss, jia };

// The model's own numbers. The populations candidates are drawn from and the trial's
// conduct come from the same files but are bound by their own parts
// (population/params.h, trial/conduct.h).
struct BoundModel {
  ModelParams p;
  std::vector<WeightedItem> sle_descriptors, pss_domains, infection_types;
  TypicalPatient sle_typical, csle_typical, pss_typical, jia_typical;
  const TypicalPatient& typical(Population which) const;
  // Inter-individual variability: SD of log for named fields, and correlations.
  std::vector<std::string> eta_names;
  std::vector<double> eta_sd;
  std::vector<std::ptrdiff_t> eta_offset;  // byte offset of each field in ModelParams
  std::vector<double> eta_min, eta_max;     // drawn values are held to the parameter's range
  std::vector<double> eta_corr;  // row-major, eta_names.size()² (identity if none given)
};

inline constexpr std::size_t kMaxEtas = 64;

struct BindResult {
  std::optional<BoundModel> model;
  std::vector<Error> errors;  // each names its entry; format() gives "file:line: error: name: message"
};

// Binds the model's groups of `set`, noting each entry used and each problem in `log`;
// nullopt when the model's groups have a problem. Entries of other parts' groups are
// left for them (trial/assumptions.h checks that every entry is used by some part).
std::optional<BoundModel> bind(const ParameterSet& set, BindLog& log);
// The same with a log of its own: the model's errors only.
BindResult bind(const ParameterSet& set);

// The address of a named ModelParams field (for variability), or nullptr.
double* param_field(ModelParams& p, const std::string& name);

}  // namespace il2t::model
