#pragma once
// The protocol's planned analysis of one endpoint in one replicate trial, through
// src/stats: each compared arm against the reference (risk difference with Newcombe's
// interval and Fisher's or the chi-square test; ANCOVA on baseline; Wilcoxon with the
// Hodges–Lehmann shift; Cox hazard ratio, adjusted for the named covariates where the
// records hold them), or MCP-Mod across the dose levels with the dose it picks.
// One Analyser per thread: it caches MCP-Mod's critical value per group-size pattern
// (the value depends on the design only).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "stats/mcpmod.h"
#include "trial/design.h"
#include "trial/endpoints.h"
#include "trial/records.h"

namespace il2t::trial {

struct AnalysisSettings {
  double alpha = 0.05;  // two-sided, for pairwise tests; MCP-Mod uses alpha / 2 one-sided;
                        // an endpoint's own analysis.alpha takes precedence
  double delta = 0.15;  // MCP-Mod's clinically relevant effect for the target dose
  std::vector<stats::CandidateModel> models;  // MCP-Mod's candidates (guesses on the dose scale)
};

// One comparison: an arm (or, for an observational study, the unadjusted contrast)
// against the reference. `estimate` is on the scale the truth is compared on: the risk
// difference, the mean difference, the location shift, or the log hazard ratio.
struct Comparison {
  bool ok = false;
  double estimate = 0, lower = 0, upper = 0, p_value = 1;
  bool reject = false;
};

struct EndpointResult {
  std::vector<Comparison> comparisons;  // as comparison_labels()
  bool mcp_ok = false, mcp_reject = false;
  int mcp_pick = -1;                    // arm index of the picked dose; -1 none
  std::vector<double> arm_mean;         // per compared arm: mean (a proportion for binary)
  std::vector<double> arm_n;            // per compared arm: rows analysed
};

// The comparisons an endpoint makes, by label ("il2 vs placebo", "il2 vs standard-care
// (unadjusted)"), in result order.
std::vector<std::string> comparison_labels(const TrialDesign& d, const EndpointPlan& e);
// The arms a comparison label compares (arm, reference); for the unadjusted contrast too.
std::vector<std::size_t> comparison_arms(const TrialDesign& d, const EndpointPlan& e);

class Analyser {
 public:
  Analyser(const TrialDesign& d, const AnalysisSettings& s) : d_(d), s_(s) {}
  EndpointResult analyse(const EndpointPlan& e, const TrialRecords& r, const EndpointRows& rows);
  // Computes and caches MCP-Mod's critical value for `sizes` per compared arm, so that
  // copies of this analyser (one per thread) do not each compute it.
  void prime(const EndpointPlan& e, const std::vector<double>& sizes);

 private:
  void pairwise(const EndpointPlan& e, const TrialRecords& r, const EndpointRows& rows, EndpointResult& out);
  void mcp(const EndpointPlan& e, const EndpointRows& rows, EndpointResult& out);
  const TrialDesign& d_;
  AnalysisSettings s_;
  // The design a critical value depends on: group sizes, dose levels and the level.
  std::vector<double> critical_key(const EndpointPlan& e, const std::vector<double>& sizes, double alpha) const;
  std::map<std::vector<double>, double> critical_;  // critical_key → critical value
};

// The protocol's planned analysis of every endpoint of one trial's records, in the
// design's order, through the same derivation and Analyser a simulated replicate uses:
// `analyze` runs it on a real trial (read from SDTM).
struct EndpointAnalysis {
  const EndpointPlan* plan = nullptr;
  EndpointRows rows;
  EndpointResult result;
};
std::vector<EndpointAnalysis> analyse_trial(const TrialDesign& d, const TrialRecords& r, const AnalysisSettings& s);

// The endpoint's true effect per comparison, from a large trial (`rows` of it):
// the population's risk difference, mean difference, location shift or log hazard
// ratio. Uses the same estimators as the replicate analyses without adjustment.
std::vector<double> true_effects(const TrialDesign& d, const EndpointPlan& e, const EndpointRows& rows);

}  // namespace il2t::trial
