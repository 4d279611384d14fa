#pragma once
// Logistic regression as R's glm(family = binomial) fits it: iteratively reweighted
// least squares from glm's starting values, stopping when the deviance changes by less
// than 1e-8 relative (at most 25 iterations); coefficients, standard errors, Wald z
// tests, deviance and null deviance.
#include <span>
#include <string>
#include <vector>

#include "stats/result.h"

namespace il2t::stats {

struct LogisticFit {
  std::vector<std::string> names;  // "intercept", then the covariates' names
  std::vector<double> coef, se, z, p;
  double deviance = 0, null_deviance = 0;
  int iterations = 0;
  bool converged = false;
};

// `y` is 0/1; `columns` are the covariates (each one value per subject), named.
Outcome<LogisticFit> logistic(std::span<const double> y, const std::vector<std::vector<double>>& columns,
                              const std::vector<std::string>& names);

}  // namespace il2t::stats
