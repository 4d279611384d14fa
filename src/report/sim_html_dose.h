#pragma once
// The simulation report's dose–response plots: for each endpoint whose arms give IL-2
// at two or more doses (arms without IL-2, the controls among them, at dose 0), each
// arm's mean across replicate trials (their median, with the 5–95 % of trials as a
// band) and its truth (the large trial's mean) against the arm's IL-2 dose, one panel
// per sample size, as inline SVG (report/svg_plot.h). Built from the results JSON
// (report/sim_json.h) and the arms' doses.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace il2t::report {

// An arm of the design and its IL-2 dose (trial::ArmInfo::il2_dose_miu; 0 without IL-2),
// in the design's order (which gives its colour).
struct ArmDose {
  std::string id;
  double dose_miu = 0;
};

// One figure per endpoint with at least two distinct doses among its arms; empty when
// none has.
std::string dose_response_html(const nlohmann::ordered_json& results, const std::vector<ArmDose>& arms);

}  // namespace il2t::report
