#pragma once
// The Cox proportional-hazards model as R's coxph fits it: Newton–Raphson from β = 0,
// Efron's or Breslow's handling of tied event times, and the Wald, score and
// likelihood-ratio tests, with the hazard ratio of each covariate and its interval.
#include <span>
#include <vector>

#include "stats/result.h"

namespace il2t::stats {

enum class Ties { efron, breslow };

struct CoxFit {
  std::vector<double> coef, se;  // one per covariate
  double loglik_null = 0, loglik = 0;
  double wald = 0, score = 0, lr = 0;  // each on `coef.size()` degrees of freedom
  double wald_p = 1, score_p = 1, lr_p = 1;
  int iterations = 0;
  bool converged = false;
};

// `covariates`: one row per subject, the same number of columns in each.
Outcome<CoxFit> cox(std::span<const double> time, std::span<const double> event,
                    const std::vector<std::vector<double>>& covariates, Ties ties = Ties::efron);

// One 0/1 group covariate: the hazard ratio of group 1 with its Wald interval.
Outcome<TestResult> cox_group(std::span<const double> time, std::span<const double> event, std::span<const double> group,
                              Ties ties = Ties::efron, double conf = 0.95);

}  // namespace il2t::stats
