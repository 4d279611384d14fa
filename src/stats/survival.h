#pragma once
// Time-to-event statistics as R's survival package computes them: the Kaplan–Meier
// estimate with Greenwood standard errors (on the cumulative-hazard scale, as
// survfit's std.err) and log-log intervals, the median with its interval; and the
// log-rank test (survdiff), stratified or not.
#include <span>
#include <vector>

#include "stats/result.h"

namespace il2t::stats {

struct KaplanMeier {
  std::vector<double> time, n_risk, n_event, surv, std_err, lower, upper;
  std::optional<double> median, median_lower, median_upper;  // absent where the curve never reaches 0.5
};

// `event`: 1 for an event, 0 for censoring.
Outcome<KaplanMeier> kaplan_meier(std::span<const double> time, std::span<const double> event, double conf = 0.95);

struct LogRank {
  TestResult test;
  std::vector<double> groups, observed, expected;  // per group, in increasing group order
};

// `strata` may be empty (no stratification).
Outcome<LogRank> log_rank(std::span<const double> time, std::span<const double> event, std::span<const double> group,
                          std::span<const double> strata = {});

}  // namespace il2t::stats
