#pragma once
// The calibration's distance between the model and the published targets: a sum over
// targets of negative log-likelihoods, each zero when the model reproduces the target
// exactly.
//
// - A proportion published with n/N (or with N alone: n = the proportion × N): the
//   binomial deviance half, k·ln(k/(N·p)) +
//   (N−k)·ln((N−k)/(N·(1−p))), with p the expected simulated proportion (the mean over
//   replicate trials, held inside [0.5/N·R, 1 − 0.5/N·R] for R replicates).
// - Any other statistic (a median or mean of n participants, a rate, a proportion
//   without n/N): the statistic's sampling distribution over replicate trials of the
//   published size, taken as normal: ½·((y − m)/s)², with m and s the mean and
//   standard deviation of the replicate values and s² widened by a resolution τ²
//   (τ = 0.05·max(1, |y|)), so a statistic that every replicate gives alike (a median
//   of whole scores) still has a finite distance.
// - Fold changes and increases over baseline (fold, fold_peak, increase and the
//   statistics fold and fold_minus_1) are compared on the log scale: y and the
//   replicate values become ln(fold), τ = 0.05.
//
// A target with a goal for its expected value (goal.h) adds the goal's penalty. The
// objective the fit minimises is the sum of both; the likelihood part alone is what
// the sensitivity profile measures (sensitivity.h).
#include <optional>
#include <string>
#include <vector>

#include "calibration/check.h"
#include "calibration/goal.h"
#include "calibration/studies.h"
#include "core/error.h"

namespace il2t::calibration {

enum class TermKind { binomial, normal, log_normal };

struct Term {
  std::string id;
  TermKind kind = TermKind::normal;
  double value = 0;                // the target's likelihood distance
  std::optional<GoalStatus> goal;  // its goal for the expected value, if it has one
};

struct ObjectiveValue {
  double total = 0;         // likelihood + goal_penalty: what the fit minimises
  double likelihood = 0;    // the sum of the terms' distances
  double goal_penalty = 0;  // the sum of the goals' penalties
  std::vector<Term> terms;  // one per simulated target, in the targets' order
  Error error;        // a simulated target with no replicate value
};

// The kind of distance a target gets.
TermKind term_kind(const Target& t, const Mapping& m);
// The replicate values of a target on the scale its distance uses (ln of the fold for
// the log-normal kind; NaN and non-positive folds skipped): their mean and variance.
struct ReplicateSummary {
  double mean = 0, var = 0;
  std::size_t n = 0;
};
ReplicateSummary summarise(const Target& t, TermKind kind, const std::vector<double>& values);
// The published value on that scale.
double observed_value(const Target& t, TermKind kind);
// The resolution τ added to a normal kind's variance.
double resolution(const Target& t, TermKind kind);
// The distance of one target given its per-replicate values (NaN values are skipped).
double term_value(const Target& t, TermKind kind, const std::vector<double>& values);
// The sum over every simulated target of check_model's outcome (the targets file's rows:
// the point fit leaves the placebo arms of other trials to the posterior, whose trial
// effects they measure).
ObjectiveValue objective(const Setup& s, const CheckOutcome& c);

}  // namespace il2t::calibration
