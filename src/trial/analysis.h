#pragma once
// The protocol's planned analysis of one endpoint in one replicate trial, through
// src/stats: each compared arm against the reference (risk difference with Newcombe's
// interval and Fisher's, the chi-square or the CMH test; logistic regression's log odds
// ratio, adjusted for the strata and named covariates; the t-test's or ANCOVA's mean
// difference; MMRM across the visits; Wilcoxon with the Hodges–Lehmann shift; the
// log-rank test or Cox's log hazard ratio; Poisson's log rate ratio), at each visit of
// an endpoint read per visit, with the protocol's multiplicity adjustment across the
// doses; or MCP-Mod across the dose levels with the dose it picks.
// One Analyser per thread: it caches MCP-Mod's critical value per group-size pattern
// (the value depends on the design only).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "stats/mcpmod.h"
#include "stats/mmrm.h"
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
// against the reference, at one visit. `estimate` is on the scale the truth is compared
// on: the risk difference (Fisher, chi-square), the log odds ratio (CMH, logistic), the
// mean difference (t-test, ANCOVA, MMRM), the location shift (Wilcoxon), the log
// hazard ratio (log-rank, Cox) or the log rate ratio (Poisson). `p_value` is adjusted
// for multiplicity where the protocol asks; `p_raw` is the comparison's own.
struct Comparison {
  bool ok = false;
  double estimate = 0, lower = 0, upper = 0, p_value = 1, p_raw = 1;
  bool reject = false;
};

// The scale of a comparison's estimate under method `m` ("risk difference", "log odds
// ratio", ...), as the output names it.
const char* estimate_scale(Method m);

// What a comparison compares: an arm against the reference at one of the endpoint's
// timepoints (a position in EndpointPlan::visits), or the unadjusted contrast of an
// observational study's Cox model.
struct ComparisonSpec {
  std::size_t arm = 0, reference = 0;
  std::size_t visit = 0;
  bool unadjusted = false;
  std::string label;  // "il2 vs placebo"; "il2 vs placebo at w12" when read per visit
};

struct EndpointResult {
  std::vector<Comparison> comparisons;  // as comparison_labels()
  bool mcp_ok = false, mcp_reject = false;
  int mcp_pick = -1;                    // arm index of the picked dose; -1 none
  std::vector<double> arm_mean;         // per compared arm: mean (a proportion for binary)
  std::vector<double> arm_n;            // per compared arm: rows analysed
};

// The comparisons an endpoint makes, in result order: visit by visit (the last one only
// unless it is read per visit), each compared arm against the reference in the
// protocol's order, then an observational study's unadjusted contrast.
std::vector<ComparisonSpec> comparisons(const TrialDesign& d, const EndpointPlan& e);
// Their labels ("il2 vs placebo", "il2 vs standard-care (unadjusted)"), in result order.
std::vector<std::string> comparison_labels(const TrialDesign& d, const EndpointPlan& e);
// The arm each compares with the reference, in result order.
std::vector<std::size_t> comparison_arms(const TrialDesign& d, const EndpointPlan& e);

class Analyser {
 public:
  Analyser(const TrialDesign& d, const AnalysisSettings& s) : d_(d), s_(s) {}
  // `rows` as derive_endpoint(…, Timepoints::all) gives them.
  EndpointResult analyse(const EndpointPlan& e, const TrialRecords& r, const EndpointRows& rows);
  // Computes and caches MCP-Mod's critical value for `sizes` per compared arm, so that
  // copies of this analyser (one per thread) do not each compute it.
  void prime(const EndpointPlan& e, const std::vector<double>& sizes);

 private:
  void pairwise(const EndpointPlan& e, const TrialRecords& r, const EndpointRows& rows, EndpointResult& out);
  void longitudinal(const EndpointPlan& e, const TrialRecords& r, const EndpointRows& rows, EndpointResult& out);
  void mcp(const EndpointPlan& e, const EndpointRows& rows, EndpointResult& out);
  // MMRM's rows (scratch) and workspace: each copy of an analyser has its own.
  struct MmrmRows {
    std::vector<int> subject, visit, group;
    std::vector<double> y, baseline;
    void clear() { subject.clear(), visit.clear(), group.clear(), y.clear(), baseline.clear(); }
  };
  class OwnWorkspace {
   public:
    OwnWorkspace() = default;
    OwnWorkspace(const OwnWorkspace&) {}
    OwnWorkspace& operator=(const OwnWorkspace&) { return *this; }
    stats::MmrmWorkspace& get() { return ws_; }
   private:
    stats::MmrmWorkspace ws_;
  };
  MmrmRows mmrm_rows_;
  OwnWorkspace mmrm_workspace_;
  // Adjusts each visit's comparisons of the doses with the reference for multiplicity.
  void adjust_by_visit(const EndpointPlan& e, const std::vector<ComparisonSpec>& specs, const EndpointRows& rows,
                       double alpha, EndpointResult& out) const;
  const TrialDesign& d_;
  AnalysisSettings s_;
  // The design a critical value depends on: group sizes, dose levels and the level.
  std::vector<double> critical_key(const EndpointPlan& e, const std::vector<double>& sizes, double alpha) const;
  std::map<std::vector<double>, double> critical_;  // critical_key → critical value
  // An endpoint's comparisons, made once (their labels are strings) rather than per replicate.
  const std::vector<ComparisonSpec>& specs_of(const EndpointPlan& e);
  std::map<const EndpointPlan*, std::vector<ComparisonSpec>> specs_;
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

// The endpoint's true effect per comparison, from a large trial (`rows` of it, every
// timepoint): the population's risk difference, log odds ratio, mean difference,
// location shift, log hazard ratio or log rate ratio, on the scale of the comparison's
// estimate. Uses the same estimators as the replicate analyses without adjustment (for
// logistic regression and CMH, the marginal odds ratio: the adjusted one of a
// stratified analysis differs from it by non-collapsibility, docs/simulation.md).
std::vector<double> true_effects(const TrialDesign& d, const EndpointPlan& e, const EndpointRows& rows);

}  // namespace il2t::trial
