#include "trial/conduct.h"

namespace il2t::trial {

namespace {

constexpr model::FieldBinding<ConductParams> kConduct[] = {
    {"conduct.adherence", &ConductParams::adherence},
    {"conduct.missed_visit", &ConductParams::missed_visit},
    {"conduct.dropout_per_year", &ConductParams::dropout_per_year},
    {"conduct.window_use", &ConductParams::window_use},
    {"conduct.max_screened_per_enrolled", &ConductParams::max_screened_per_enrolled},
    {"observational.il2_logit_intercept", &ConductParams::il2_logit_intercept},
    {"observational.il2_logit_per_activity", &ConductParams::il2_logit_per_activity},
    {"observational.il2_logit_per_prednisone", &ConductParams::il2_logit_per_prednisone},
};

}  // namespace

ConductParams bind_conduct(const model::ParameterSet& set, model::BindLog& log) {
  ConductParams out;
  model::take_all(log, set, kConduct, out);
  return out;
}

}  // namespace il2t::trial
