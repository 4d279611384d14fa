#pragma once
// MCP-Mod's multiple contrast test as DoseFinding's MCTtest computes it: candidate
// dose-response shapes, their optimal contrasts (for a normal response with equal
// variances, weighted by the group sizes), the contrast t statistics, and the
// multivariate-t critical value and adjusted p-values. The probabilities are computed
// deterministically, integrating over the contrasts' (k − 1)-dimensional space and
// the pooled scale, where DoseFinding uses mvtnorm's randomised quasi-Monte Carlo.
// Model fitting, selection and the target dose are not here yet.
#include <map>
#include <span>
#include <string>
#include <vector>

#include "stats/result.h"

namespace il2t::stats {

// A candidate model with its guesstimates: "linear" {}, "emax" {ed50},
// "sigEmax" {ed50, h}, "exponential" {delta}, "quadratic" {delta}, "logistic" {ed50, delta}.
struct CandidateModel {
  std::string name;
  std::vector<double> guess;
};

struct ContrastTest {
  std::vector<std::string> models;
  std::vector<std::vector<double>> contrasts;  // one per model, unit length, one coefficient per dose
  std::vector<double> t;                       // contrast t statistics
  std::vector<double> p_adjusted;              // one-sided, multiplicity-adjusted
  std::vector<std::vector<double>> correlation;
  double critical_value = 0, df = 0;
};

// `dose` and `response` per observation; `decreasing`: a lower response is better.
// `probabilities` false skips the critical value and adjusted p-values (they depend on
// the design only, so a simulation computes them once and compares each replicate's t).
Outcome<ContrastTest> mct_test(std::span<const double> dose, std::span<const double> response,
                               const std::vector<CandidateModel>& models, bool decreasing, double alpha = 0.025,
                               bool probabilities = true);

// The model's standardized mean at each dose (0 at dose 0), as DoseFinding's shapes.
Outcome<std::vector<double>> model_shape(const CandidateModel& m, std::span<const double> doses);

}  // namespace il2t::stats
