#pragma once
// Dunnett's many-to-one comparisons: each treatment against one control, with the
// joint (multivariate t) distribution of the statistics. Their correlations have
// the product form ρij = λiλj (λi² = ni / (ni + n0)), so the probability reduces to a
// two-dimensional integral (over the pooled scale and a common normal factor), done
// here by quadrature to about 1e-9 — where R's mvtnorm uses randomised quasi-Monte Carlo.
#include <span>
#include <vector>

#include "stats/result.h"

namespace il2t::stats {

struct DunnettResult {
  std::vector<double> statistics;  // t for each treatment vs control
  std::vector<double> p_adjusted;  // multiplicity-adjusted, as a single-step test
  double critical_value = 0;       // at level alpha
  double df = 0;
};

// means[0] is the control; `n` the group sizes; `sd_pooled` on `df` degrees of freedom.
// one_sided: H1 is "treatment greater than control".
Outcome<DunnettResult> dunnett(std::span<const double> means, std::span<const double> n, double sd_pooled, double df,
                               bool one_sided, double alpha = 0.05);

// P(max Ti <= c) (one-sided) or P(max |Ti| <= c) (two-sided) for the given λ's.
double dunnett_probability(double c, std::span<const double> lambda, double df, bool one_sided);

}  // namespace il2t::stats
