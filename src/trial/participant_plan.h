#pragma once
// One participant's course plan under an arm, made one way for `simulate` (the trial
// engine) and `patient`: the protocol's schedule for the participant's body size from
// study day 1 (study_start(), engine.h), as the model reads it, each visit's index its
// place among the protocol's visits.
#include <string>

#include "core/error.h"

#include "model/individual.h"
#include "model/plan.h"
#include "protocol/protocol.h"

namespace il2t::trial {

// The plan, or the schedule's reason (naming the arm; field "arm") when the arm cannot
// be scheduled.
Expected<model::CoursePlan> participant_plan(const protocol::Protocol& p, const std::string& arm,
                                             const model::Covariates& cov);

}  // namespace il2t::trial
