#pragma once
// The simulation report's tables of a group-sequential design and of an assumed-rate
// scenario, for one sample size of the results JSON (report/sim_json_design.h writes
// them): each look's information, study day, bounds, probability of stopping for
// efficacy and for futility with their Monte Carlo SEs and the numbers enrolled and
// analysed, with the overall rejection rate and expected sample size; and each assumed
// arm's mean and each comparison's power under the model beside the assumed values.
#include <nlohmann/json.hpp>
#include <string>

namespace il2t::report {

// Empty when the size has no "group_sequential" member.
std::string group_sequential_html(const nlohmann::ordered_json& size);
// Empty when the size has no "scenario" member; `null_effect`: the rates are type I errors.
std::string scenario_html(const nlohmann::ordered_json& size, bool null_effect);

}  // namespace il2t::report
