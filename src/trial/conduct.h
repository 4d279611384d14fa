#pragma once
// How a trial is conducted (models/conduct.toml, [conduct] and [observational]): the
// trial's numbers, not the model's. The model says how a participant responds; these
// say how often doses are taken, visits missed and participants lost, and how a
// clinician chooses IL-2 in an observational study.
#include "model/bind_log.h"

namespace il2t::trial {

struct ConductParams {
  double adherence = 1, missed_visit = 0, dropout_per_year = 0, window_use = 1, max_screened_per_enrolled = 100;
  double il2_logit_intercept = 0, il2_logit_per_activity = 0, il2_logit_per_prednisone = 0;
};

// Binds [conduct] and [observational], noting each entry used and each missing one in `log`.
ConductParams bind_conduct(const model::ParameterSet& set, model::BindLog& log);

}  // namespace il2t::trial
