#pragma once
// Trials differ from one another: a trial's standard-of-care response carries a
// trial-level random effect. Every participant of one trial takes the disease's
// standard-of-care share times exp(u), u ~ N(0, sd²) drawn once per trial, where sd is
// the disease's between-trial SD. The names below are the parameters that hold the
// share and the SD per disease (models/disease.toml); their values come from the
// calibration's posterior (calibration/posterior.h) and are estimated there from
// published placebo arms. JIA has no placebo arms and no effect of its own.
#include <optional>
#include <string_view>

#include "model/individual.h"

namespace il2t::model {

struct TrialEffectParameters {
  std::string_view share;  // the standard-of-care share the effect multiplies
  std::string_view sd;     // its between-trial SD on the log scale
};

inline std::optional<TrialEffectParameters> trial_effect_parameters(Disease d) {
  switch (d) {
    case Disease::sle: return TrialEffectParameters{"activity.soc_fraction", "activity.trial_sd"};
    case Disease::pss: return TrialEffectParameters{"pss.soc_fraction", "pss.trial_sd"};
    case Disease::jia: return std::nullopt;
  }
  return std::nullopt;
}

// True for a parameter that only a trial effect reads (a between-trial SD): one
// participant's course never depends on it.
inline bool is_trial_effect_sd(std::string_view name) {
  for (Disease d : {Disease::sle, Disease::pss, Disease::jia})
    if (auto t = trial_effect_parameters(d); t && t->sd == name) return true;
  return false;
}

}  // namespace il2t::model
