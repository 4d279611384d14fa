#include "model/params.h"


#include <algorithm>
#include <cmath>
#include <string_view>

namespace il2t::model {

namespace {

using Binding = FieldBinding<ModelParams>;

// Every scalar parameter, by its name in models/*.toml.
constexpr Binding kScalars[] = {
    {"il2_pk.bioavailability", &ModelParams::il2_f},
    {"il2_pk.absorption_rate", &ModelParams::il2_ka},
    {"il2_pk.transit_rate", &ModelParams::il2_ktr},
    {"il2_pk.clearance", &ModelParams::il2_cl},
    {"il2_pk.volume", &ModelParams::il2_v},
    {"il2_pk.reference_weight", &ModelParams::il2_ref_weight},
    {"il2_pk.clearance_weight_exponent", &ModelParams::il2_cl_exp},
    {"il2_pk.volume_weight_exponent", &ModelParams::il2_v_exp},
    {"il2_pk.molar_mass", &ModelParams::il2_molar_mass_kda},
    {"il2_pk.internalisation_rate", &ModelParams::k_internalise},
    {"il2_pk.blood_volume_per_kg", &ModelParams::blood_l_per_kg},
    {"il2_pk.body_per_blood_lymphocytes", &ModelParams::body_per_blood},
    {"signal.delay_rate", &ModelParams::signal_delay_rate},
    {"cells.helper_turnover", &ModelParams::helper_turnover},
    {"cells.helper_suppression", &ModelParams::helper_suppression},
    {"cells.treg_steroid_gain", &ModelParams::treg_steroid_gain},
    {"cells.treg_steroid_half", &ModelParams::treg_steroid_half},
    {"baseline.cd4", &ModelParams::cd4},
    {"baseline.cd8", &ModelParams::cd8_count},
    {"baseline.nk_female", &ModelParams::nk_female},
    {"baseline.nk_male", &ModelParams::nk_male},
    {"baseline.lymphocytes", &ModelParams::lymphocytes},
    {"baseline.treg_fraction", &ModelParams::treg_fraction},
    {"baseline.tfh_fraction", &ModelParams::tfh_fraction},
    {"baseline.th17_fraction", &ModelParams::th17_fraction},
    {"baseline.nk_bright_fraction", &ModelParams::nk_bright_fraction},
    {"sirolimus.absorption_rate", &ModelParams::rapa_ka},
    {"sirolimus.clearance_per_kg", &ModelParams::rapa_cl_per_kg},
    {"sirolimus.volume_per_kg", &ModelParams::rapa_v_per_kg},
    {"sirolimus.ic50", &ModelParams::rapa_ic50},
    {"sirolimus.effector_inhibition", &ModelParams::rapa_effector_inhibition},
    {"sirolimus.treg_inhibition", &ModelParams::rapa_treg_inhibition},
    {"activity.rate", &ModelParams::activity_rate},
    {"activity.soc_fraction", &ModelParams::soc_fraction},
    {"activity.trial_sd", &ModelParams::sle_trial_sd},
    {"pss.soc_fraction", &ModelParams::pss_soc_fraction},
    {"pss.trial_sd", &ModelParams::pss_trial_sd},
    {"activity.tfh_weight", &ModelParams::tfh_weight},
    {"activity.steroid_gc50", &ModelParams::steroid_gc50},
    {"activity.flare_rate", &ModelParams::flare_rate},
    {"activity.flare_size", &ModelParams::flare_size},
    {"activity.new_organ_margin", &ModelParams::new_organ_margin},
    {"activity.serology_threshold_factor", &ModelParams::serology_threshold_factor},
    {"activity.bilag_improving", &ModelParams::bilag_improving},
    {"activity.lymphocyte_disease_factor", &ModelParams::lymphocyte_disease_factor},
    {"steroid_taper.fraction", &ModelParams::taper_fraction},
    {"steroid_taper.floor", &ModelParams::taper_floor},
    {"steroid_taper.step", &ModelParams::taper_step},
    {"steroid_taper.flare_increase", &ModelParams::flare_steroid_increase},
    {"steroid_taper.sledai_drop", &ModelParams::taper_sledai_drop},
    {"steroid_taper.improved_activity", &ModelParams::taper_activity},
    {"pss.esspri_floor", &ModelParams::esspri_floor},
    {"pss.esspri_sd", &ModelParams::esspri_sd},
    {"jia.global_sd", &ModelParams::jadas_global_sd},
    {"jia.normal_esr", &ModelParams::normal_esr},
    {"infection.rate", &ModelParams::infection_rate},
    {"infection.serious_rate", &ModelParams::serious_infection_rate},
    {"infection.gc_threshold_any", &ModelParams::gc_threshold_any},
    {"infection.gc_hr_any", &ModelParams::gc_hr_any},
    {"infection.gc_threshold_serious", &ModelParams::gc_threshold_serious},
    {"infection.gc_hr_serious", &ModelParams::gc_hr_serious},
    {"infection.lymphopenia_threshold", &ModelParams::lymphopenia_threshold},
    {"infection.lymphopenia_hr", &ModelParams::lymphopenia_hr},
    {"infection.immunosuppressant_hr", &ModelParams::immunosuppressant_hr},
    {"infection.antimalarial_hr", &ModelParams::antimalarial_hr},
    {"infection.nk_protection", &ModelParams::nk_protection},
    {"infection.cd8_protection", &ModelParams::cd8_protection},
    {"infection.serious_grade4_fraction", &ModelParams::serious_grade4_fraction},
    {"infection.nonserious_grade2_fraction", &ModelParams::nonserious_grade2_fraction},
    {"cmv.growth_rate", &ModelParams::cmv_growth},
    {"cmv.control_ratio", &ModelParams::cmv_control},
    {"cmv.nk_weight", &ModelParams::cmv_nk_weight},
    {"cmv.steroid_gc50", &ModelParams::cmv_steroid_gc50},
    {"cmv.lloq", &ModelParams::cmv_lloq},
    {"cmv.assay_sd_log10", &ModelParams::cmv_assay_sd_log10},
    {"cmv.baseline_copies", &ModelParams::cmv_baseline_copies},
    {"cmv.max_copies", &ModelParams::cmv_max_copies},
    {"labs.c3_lln", &ModelParams::c3_lln},
    {"labs.c4_lln", &ModelParams::c4_lln},
    {"labs.c3_normal", &ModelParams::c3_normal},
    {"labs.c4_normal", &ModelParams::c4_normal},
    {"labs.normal_sd_log", &ModelParams::labs_normal_sd_log},
    {"labs.c3_log_slope", &ModelParams::c3_log_slope},
    {"labs.c4_log_slope", &ModelParams::c4_log_slope},
    {"labs.dsdna_uln", &ModelParams::dsdna_uln},
    {"labs.dsdna_negative", &ModelParams::dsdna_negative},
    {"labs.dsdna_negative_sd_log", &ModelParams::dsdna_negative_sd_log},
    {"labs.dsdna_log_slope", &ModelParams::dsdna_log_slope},
    {"labs.assay_cv", &ModelParams::labs_assay_cv},
    {"labs.dsdna_assay_cv", &ModelParams::dsdna_assay_cv},
    {"reactions.isr_base", &ModelParams::isr_base},
    {"reactions.isr_per_miu", &ModelParams::isr_per_miu},
    {"reactions.fever_per_miu", &ModelParams::fever_per_miu},
    {"reactions.flu_per_miu", &ModelParams::flu_per_miu},
    {"reactions.grade2_fraction", &ModelParams::reaction_grade2_fraction},
    {"observation.cell_cv", &ModelParams::cell_cv},
    {"observation.pga_rater_sd", &ModelParams::pga_rater_sd},
    {"solver.rtol", &ModelParams::rtol},
    {"solver.atol_fraction", &ModelParams::atol_fraction},
    {"solver.washout_fraction", &ModelParams::washout_fraction},
    {"solver.initial_step", &ModelParams::h_initial},
};

// Per-subset parameters: "<group>.<subset>_<key>".
struct SubsetName {
  const char* prefix;
  SubsetParams ModelParams::*subset;
};
constexpr SubsetName kSubsets[] = {
    {"treg", &ModelParams::treg},         {"tconv", &ModelParams::tconv}, {"cd8", &ModelParams::cd8},
    {"nk_bright", &ModelParams::nk_bright}, {"nk_dim", &ModelParams::nk_dim},
};
struct SubsetKey {
  const char* group;
  const char* key;
  double SubsetParams::*field;
};
constexpr SubsetKey kSubsetKeys[] = {
    {"signal", "ec50", &SubsetParams::ec50_pM},  {"signal", "hill", &SubsetParams::hill},
    {"cells", "turnover", &SubsetParams::turnover}, {"cells", "emax", &SubsetParams::emax},
};

// Receptor binding: NK bright and dim share the NK row.
struct ReceptorKey {
  const char* name;
  double SubsetParams::*field;
  SubsetParams ModelParams::*subset;
  SubsetParams ModelParams::*also;
};
constexpr ReceptorKey kReceptors[] = {
    {"receptors.treg_kd", &SubsetParams::kd_pM, &ModelParams::treg, nullptr},
    {"receptors.treg_count", &SubsetParams::receptors, &ModelParams::treg, nullptr},
    {"receptors.tconv_kd", &SubsetParams::kd_pM, &ModelParams::tconv, nullptr},
    {"receptors.tconv_count", &SubsetParams::receptors, &ModelParams::tconv, nullptr},
    {"receptors.cd8_kd", &SubsetParams::kd_pM, &ModelParams::cd8, nullptr},
    {"receptors.cd8_count", &SubsetParams::receptors, &ModelParams::cd8, nullptr},
    {"receptors.nk_kd", &SubsetParams::kd_pM, &ModelParams::nk_bright, &ModelParams::nk_dim},
    {"receptors.nk_count", &SubsetParams::receptors, &ModelParams::nk_bright, &ModelParams::nk_dim},
};

struct TypicalKey {
  const char* key;
  double TypicalPatient::*field;
  const char* diseases;  // the typical participants that need it: s(le) p(ss) j(ia)
};
constexpr TypicalKey kTypical[] = {
    {"weight", &TypicalPatient::weight_kg, "spj"},   {"height", &TypicalPatient::height_cm, "spj"},
    {"age", &TypicalPatient::age_years, "spj"},      {"female", &TypicalPatient::female, "spj"},
    {"sledai", &TypicalPatient::sledai, "s"},        {"pga", &TypicalPatient::pga, "s"},
    {"prednisone", &TypicalPatient::prednisone, "spj"}, {"essdai", &TypicalPatient::essdai, "p"},
    {"dryness", &TypicalPatient::dryness, "p"},      {"fatigue", &TypicalPatient::fatigue, "p"},
    {"pain", &TypicalPatient::pain, "p"},            {"active_joints", &TypicalPatient::active_joints, "j"},
    {"global", &TypicalPatient::jadas_global, "j"},  {"esr", &TypicalPatient::esr, "j"},
    {"antimalarial", &TypicalPatient::antimalarial, "spj"},
    {"immunosuppressant", &TypicalPatient::immunosuppressant, "spj"},
};

}  // namespace

const TypicalPatient& BoundModel::typical(Population which) const {
  switch (which) {
    case Population::sle: return sle_typical;
    case Population::csle: return csle_typical;
    case Population::pss: return pss_typical;
    case Population::jia: return jia_typical;
  }
  return sle_typical;
}

double* param_field(ModelParams& p, const std::string& name) {
  for (const Binding& b : kScalars)
    if (name == b.name) return &(p.*b.field);
  for (const SubsetName& s : kSubsets)
    for (const SubsetKey& k : kSubsetKeys)
      if (name == std::string(k.group) + "." + s.prefix + "_" + k.key) return &((p.*s.subset).*k.field);
  for (const ReceptorKey& r : kReceptors)
    if (name == r.name && !r.also) return &((p.*r.subset).*r.field);
  return nullptr;
}

std::optional<BoundModel> bind(const ParameterSet& set, BindLog& log) {
  const std::size_t errors_before = log.errors.size();
  std::vector<Error>& errors = log.errors;
  BoundModel m;
  auto take = [&](const std::string& name, double* field) { log.take(set, name, *field); };
  take_all(log, set, kScalars, m.p);
  for (const SubsetName& s : kSubsets)
    for (const SubsetKey& k : kSubsetKeys)
      take(std::string(k.group) + "." + s.prefix + "_" + k.key, &((m.p.*s.subset).*k.field));
  for (const ReceptorKey& r : kReceptors) {
    take(r.name, &((m.p.*r.subset).*r.field));
    if (r.also) (m.p.*r.also).*r.field = (m.p.*r.subset).*r.field;
  }
  auto table = [&](const char* group, std::vector<WeightedItem>* into) {
    for (const Parameter* p : set.group(group)) {
      into->push_back({p->name.substr(std::string(group).size() + 1), p->value, p->map});
      log.used.insert(p->name);
      if (p->value < 0 || p->value > 1) errors.push_back(entry_error(*p, "a probability must lie in 0..1"));
    }
    if (into->empty()) errors.push_back(name_error(group, std::string("missing table [") + group + "] in models/*.toml"));
  };
  table("sle_descriptors", &m.sle_descriptors);
  table("pss_domains", &m.pss_domains);
  table("infection_types", &m.infection_types);
  struct TypicalGroup { const char* name; TypicalPatient* into; char code; };
  for (const TypicalGroup& g : {TypicalGroup{"sle_typical", &m.sle_typical, 's'},
                                TypicalGroup{"csle_typical", &m.csle_typical, 's'},
                                TypicalGroup{"pss_typical", &m.pss_typical, 'p'},
                                TypicalGroup{"jia_typical", &m.jia_typical, 'j'}}) {
    for (const TypicalKey& k : kTypical) {
      if (std::string_view(k.diseases).find(g.code) == std::string_view::npos) continue;
      take(std::string(g.name) + "." + k.key, &(g.into->*k.field));
    }
  }
  // Variability: iiv."<parameter>" = SD of log; iiv_correlation."<a> ~ <b>" = correlation.
  for (const Parameter* p : set.group("iiv")) {
    const std::string target = p->name.substr(4);
    log.used.insert(p->name);
    if (!param_field(m.p, target)) {
      errors.push_back(entry_error(*p, "variability on an unknown or shared parameter " + target));
      continue;
    }
    if (p->value < 0) errors.push_back(entry_error(*p, "an SD of log must not be negative"));
    m.eta_names.push_back(target);
    const Parameter* target_p = set.find(target);
    m.eta_min.push_back(target_p && target_p->min ? *target_p->min : -INFINITY);
    m.eta_max.push_back(target_p && target_p->max ? *target_p->max : INFINITY);
    m.eta_offset.push_back(reinterpret_cast<char*>(param_field(m.p, target)) - reinterpret_cast<char*>(&m.p));
    m.eta_sd.push_back(p->value);
  }
  const std::size_t n = m.eta_names.size();
  if (n > kMaxEtas) errors.push_back(name_error("iiv", "iiv: at most " + std::to_string(kMaxEtas) + " parameters may vary"));
  m.eta_corr.assign(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) m.eta_corr[i * n + i] = 1.0;
  for (const Parameter* p : set.group("iiv_correlation")) {
    log.used.insert(p->name);
    const std::string pair = p->name.substr(16);
    const auto tilde = pair.find(" ~ ");
    auto index = [&](const std::string& s) {
      return std::find(m.eta_names.begin(), m.eta_names.end(), s) - m.eta_names.begin();
    };
    if (tilde == std::string::npos) {
      errors.push_back(entry_error(*p, "write a correlation as \"<parameter> ~ <parameter>\""));
      continue;
    }
    const auto a = static_cast<std::size_t>(index(pair.substr(0, tilde)));
    const auto b = static_cast<std::size_t>(index(pair.substr(tilde + 3)));
    if (a >= n || b >= n || a == b) {
      errors.push_back(entry_error(*p, "both sides must be distinct parameters with variability ([iiv])"));
      continue;
    }
    if (std::fabs(p->value) >= 1) {
      errors.push_back(entry_error(*p, "a correlation must lie strictly between -1 and 1"));
      continue;
    }
    m.eta_corr[a * n + b] = m.eta_corr[b * n + a] = p->value;
  }
  if (m.p.treg_fraction + m.p.tfh_fraction + m.p.th17_fraction >= 0.9)
    errors.push_back(name_error("baseline.treg_fraction",
                                "baseline.treg_fraction + tfh_fraction + th17_fraction must leave conventional CD4 (sum < 0.9)"));
  if (errors.size() != errors_before) return std::nullopt;
  return m;
}

BindResult bind(const ParameterSet& set) {
  BindLog log;
  BindResult out;
  out.model = bind(set, log);
  out.errors = std::move(log.errors);
  return out;
}

}  // namespace il2t::model
