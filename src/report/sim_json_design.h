#pragma once
// The simulation's JSON for a group-sequential design's looks and for assumed-outcome
// scenarios: as a shard stores their exact counts (and reads them back), and as the
// results show them (stopping probabilities with Monte Carlo SEs, expected sample size;
// the assumed-rate operating characteristics next to the model's).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "trial/design.h"
#include "trial/sequential.h"
#include "trial/simulate.h"
#include "trial/summary.h"

namespace il2t::report {

nlohmann::ordered_json sequential_raw(const trial::SequentialStats& s);
bool sequential_read(const nlohmann::json& j, trial::SequentialStats& s);  // sized by Summary::empty
nlohmann::ordered_json scenario_raw(const std::vector<trial::ScenarioStats>& s);
bool scenario_read(const nlohmann::json& j, std::vector<trial::ScenarioStats>& s);

// The looks of the design at one sample size, or null without a group-sequential design.
nlohmann::ordered_json group_sequential_json(const trial::TrialDesign& d, const trial::SequentialDesign& g,
                                             const trial::Summary& s, bool null_effect);
// The assumed-outcome endpoints beside the model's, or null when nothing is assumed.
nlohmann::ordered_json scenario_json(const trial::TrialDesign& d, const trial::Summary& s);

}  // namespace il2t::report
