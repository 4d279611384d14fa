#pragma once
// The simulation's HTML report: one self-contained file (inline SVG and CSS, no
// scripts, nothing fetched): provenance, the protocol in brief, each arm's course over
// time with 10–90 % bands of participants, the endpoints' distributions across
// replicate trials, the operating characteristics, the power curve, Kaplan–Meier
// curves of time to first infection, and the assumptions the run rests on.
#include <nlohmann/json.hpp>
#include <string>

#include "report/sim_json.h"
#include "trial/design.h"
#include "trial/simulate.h"

namespace il2t::report {

std::string simulation_html(const trial::TrialDesign& d, const SimProvenance& p, const trial::SimulationResult& r,
                            const nlohmann::ordered_json& results);

}  // namespace il2t::report
