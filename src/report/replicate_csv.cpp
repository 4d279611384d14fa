#include "report/replicate_csv.h"

#include <cmath>
#include <fmt/format.h>

#include "data/csv.h"
#include "stats/group_sequential.h"
#include "trial/analysis.h"

namespace il2t::report {

namespace {

std::string number(double v) { return std::isfinite(v) ? fmt::format("{:.17g}", v) : std::string(); }

// A group-sequential look's decision ("" for other rows; `reject` is the comparison's
// own test at its alpha, which at an interim is not the decision).
std::string look_decision(const trial::ReplicateResult& x) {
  switch (x.decision) {
    case static_cast<int>(stats::Decision::continue_trial): return "continue";
    case static_cast<int>(stats::Decision::reject_null): return x.look < x.looks ? "stop: efficacy" : "reject";
    case static_cast<int>(stats::Decision::stop_for_futility): return "stop: futility";
    case static_cast<int>(stats::Decision::fail_to_reject): return "no rejection";
    default: return "";
  }
}

}  // namespace

std::string replicate_results_csv(const trial::TrialDesign& d, const trial::SimulationResult& r) {
  std::string out = data::csv_row({"n", "run", "replicate", "endpoint", "comparison", "method", "estimable", "estimate",
                                   "lower", "upper", "p_value", "p_unadjusted", "reject", "picked_arm", "n_analysed",
                                   "look", "looks", "stopped_at", "look_decision"});
  std::vector<std::vector<std::string>> labels;
  for (const trial::EndpointPlan& e : d.endpoints) labels.push_back(trial::comparison_labels(d, e));
  for (const trial::ReplicateResult& x : r.replicate_results) {
    const trial::EndpointPlan& e = d.endpoints[x.endpoint];
    const bool test = x.comparison == trial::kMcpModTest;
    const trial::Comparison& c = x.result;
    const bool numbers = c.ok && !test;
    out += data::csv_row({std::to_string(x.n), x.assurance ? "assurance" : "power", std::to_string(x.replicate), e.id,
                          test ? "dose-response (MCP-Mod)" : labels[x.endpoint][x.comparison], trial::to_string(e.method),
                          c.ok ? "true" : "false", numbers ? number(c.estimate) : "", numbers ? number(c.lower) : "",
                          numbers ? number(c.upper) : "", numbers ? number(c.p_value) : "",
                          numbers && e.multiplicity != trial::Multiplicity::none ? number(c.p_raw) : "",
                          c.reject ? "true" : "false",
                          test && x.picked >= 0 ? d.arms[static_cast<std::size_t>(x.picked)].id : "",
                          std::to_string(x.n_analysed), std::to_string(x.look), std::to_string(x.looks),
                          std::to_string(x.stopped_at), look_decision(x)});
  }
  return out;
}

}  // namespace il2t::report
