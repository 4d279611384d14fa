#pragma once
// The simulation report's results as HTML tables, built from the results JSON alone
// (report/sim_json.h, `simulation_json`): the runs' facts by sample size and the share
// each eligibility criterion excluded, and for each
// sample size the operating characteristics with their Monte Carlo standard errors,
// each arm's mean across replicate trials, a group-sequential design's looks and an
// assumed-rate scenario (report/sim_html_design.h), and infections. Members a run lacks
// are skipped; every number is the JSON's.
#include <nlohmann/json.hpp>
#include <string>

namespace il2t::report {

// The Monte Carlo standard error of a share p of n replicate trials, sqrt(p(1−p)/n);
// NaN when p is not a number or n < 1.
double share_se(const nlohmann::ordered_json& p, const nlohmann::ordered_json& n);

// The whole "Results" section: the runs' facts, then each sample size's tables.
std::string results_html(const nlohmann::ordered_json& results);

// One table each; `size` is one member of "sizes", `null_effect` the provenance's "null".
std::string run_facts_html(const nlohmann::ordered_json& results);
std::string operating_html(const nlohmann::ordered_json& size, bool null_effect);
std::string arm_means_html(const nlohmann::ordered_json& size);
std::string infections_html(const nlohmann::ordered_json& size);

}  // namespace il2t::report
