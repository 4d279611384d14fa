// [screening] and [screening_sd_log] of models/screening.toml (population/params.h).
#include <algorithm>
#include <iterator>
#include <string_view>

#include "core/diagnostic.h"
#include "eligibility/fields.h"
#include "population/params.h"

namespace il2t::population {

namespace {

// Fields the simulator sets itself, which the screening file must not give.
constexpr std::string_view kDrawnFields[] = {
    "age", "sex", "weight", "height", "sledai_2k", "pga", "essdai", "prednisone_dose", "prednisone_mg_per_kg_day",
    "on_corticosteroid", "on_immunosuppressant", "sle_acr1997", "pss_aecg2002", "jia_ilar", "pregnancy_test",
    "malignancy_type"};

}  // namespace

std::vector<ScreeningEntry> bind_screening(const model::ParameterSet& set, model::BindLog& log) {
  using eligibility::FieldKind;
  using model::entry_error;
  std::vector<ScreeningEntry> out;
  std::vector<std::string> names;
  for (const auto& f : eligibility::all_fields()) names.emplace_back(f.name);
  for (const model::Parameter* p : set.group("screening")) {
    log.used.insert(p->name);
    const std::string key = p->name.substr(10);
    const eligibility::FieldSpec* f = eligibility::find_field(key);
    if (!f) {
      std::string msg = "not a patient-record field";
      const std::string best = closest_match(key, names, 4);
      if (!best.empty()) msg += " (did you mean `" + best + "`?)";
      log.errors.push_back(entry_error(*p, msg));
      continue;
    }
    if (std::find(std::begin(kDrawnFields), std::end(kDrawnFields), key) != std::end(kDrawnFields)) {
      log.errors.push_back(entry_error(*p, "the simulator sets this field itself (from the candidate's covariates)"));
      continue;
    }
    ScreeningEntry e{key, p->value, 0};
    if (f->kind == FieldKind::quantity) {
      const model::Parameter* sd = set.find("screening_sd_log." + key);
      if (!sd) {
        log.errors.push_back(entry_error(*p, "a quantity needs its SD of log as screening_sd_log." + key));
        continue;
      }
      e.sd_log = sd->value;
    } else if (f->kind == FieldKind::flag || f->kind == FieldKind::result || f->kind == FieldKind::event ||
               f->kind == FieldKind::list) {
      if (p->value < 0 || p->value > 1) log.errors.push_back(entry_error(*p, "a probability must lie in 0..1"));
    } else {
      log.errors.push_back(entry_error(*p, "the simulator cannot draw a field of this kind"));
      continue;
    }
    out.push_back(std::move(e));
  }
  for (const model::Parameter* p : set.group("screening_sd_log")) {
    log.used.insert(p->name);
    if (!set.find("screening." + p->name.substr(17)))
      log.errors.push_back(entry_error(*p, "no screening." + p->name.substr(17) + " to go with it"));
    if (p->value < 0) log.errors.push_back(entry_error(*p, "an SD of log must not be negative"));
  }
  return out;
}

}  // namespace il2t::population
