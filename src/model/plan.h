#pragma once
// From a protocol to what the model needs: a participant's dosing plan and visits
// (through src/schedule, so the model doses exactly what `il2trial schedule` lists),
// and the disease the protocol studies.
#include <optional>
#include <string>

#include "model/course.h"
#include "model/individual.h"
#include "protocol/protocol.h"
#include "schedule/schedule.h"

namespace il2t::model {

// Daily rows run to the later of the last visit and the protocol's duration.
CoursePlan plan_from_schedule(const protocol::Protocol& p, const schedule::ParticipantSchedule& s);

// "sle", "pss" or "jia" from the protocol's conditions (the first that matches).
std::optional<Disease> disease_of(const protocol::Protocol& p);
std::optional<Disease> parse_disease(const std::string& text);
const char* to_string(Disease d);
// A population's disease, and its name: "sle", "csle", "pss" or "jia", as in its
// table [population_<name>].
Disease disease_of(Population p);
const char* to_string(Population p);
// True when the protocol's conditions name cytomegalovirus (CMV is then modelled).
bool studies_cmv(const protocol::Protocol& p);

}  // namespace il2t::model
