#pragma once
// The simulation's HTML report: one self-contained file (inline SVG and CSS, no
// scripts, nothing fetched) laid out for a 1280-pixel window: provenance, the protocol
// in brief, the probability of success (report/uncertainty.h), the results as tables
// with Monte Carlo SEs (report/sim_html_tables.h: the runs, operating characteristics,
// arm means, infections; report/sim_html_design.h: group-sequential stopping,
// assumed-rate scenarios), the
// dose–response plots (report/sim_html_dose.h), the power curve, each arm's course over
// time with 10–90 % bands of participants, the endpoints' distributions across
// replicate trials, Kaplan–Meier curves of time to first infection, and the
// assumptions (report/sim_html_assumptions.h). `results` is simulation_json's output.
#include <nlohmann/json.hpp>
#include <string>

#include "report/sim_json.h"
#include "trial/design.h"
#include "trial/simulate.h"

namespace il2t::report {

std::string simulation_html(const trial::TrialDesign& d, const SimProvenance& p, const trial::SimulationResult& r,
                            const nlohmann::ordered_json& results);

}  // namespace il2t::report
