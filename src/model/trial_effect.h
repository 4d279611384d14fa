#pragma once
// Trials differ from one another: a trial's standard-of-care response carries a
// trial-level random effect. Every participant of one trial takes the disease's
// standard-of-care share times exp(u) (held to the share's range, shifted_share()),
// u ~ N(0, sd²) drawn once per trial, where sd is
// the disease's between-trial SD. The names below are the parameters that hold the
// share and the SD per disease (models/disease.toml); their values come from the
// calibration's posterior (calibration/posterior.h) and are estimated there from
// published placebo arms. JIA has no placebo arms and no effect of its own.
#include <cmath>
#include <optional>
#include <string_view>

#include "model/individual.h"
#include "model/parameter_set.h"

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

// A trial's standard-of-care share: `share` times exp(u), held to the parameter's own
// range [min, max] (models/disease.toml), so that an extreme effect gives a trial at
// the edge of what the model allows rather than a model it refuses.
inline double shifted_share(double share, double u, const Parameter* p) {
  double v = share * std::exp(u);
  if (p && p->min && v < *p->min) v = *p->min;
  if (p && p->max && v > *p->max) v = *p->max;
  return v;
}

// True for a parameter that only a trial effect reads (a between-trial SD): one
// participant's course never depends on it.
inline bool is_trial_effect_sd(std::string_view name) {
  for (Disease d : {Disease::sle, Disease::pss, Disease::jia})
    if (auto t = trial_effect_parameters(d); t && t->sd == name) return true;
  return false;
}

}  // namespace il2t::model
