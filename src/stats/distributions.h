#pragma once
// The probability distributions the tests need (Boost.Math underneath, kept in one
// translation unit): cumulative probabilities, upper tails and quantiles.
namespace il2t::stats::dist {

double norm_cdf(double x);
double norm_quantile(double p);
double t_cdf(double x, double df);
double t_quantile(double p, double df);
double chisq_upper(double x, double df);  // P(X > x)
double beta_quantile(double p, double a, double b);
double gamma_quantile(double p, double shape);  // scale 1
double binom_cdf(double k, double n, double p);  // P(X <= k)
// Density of s = sqrt(chi²_df / df), the scale that turns normal into t statistics.
double scaled_chi_density(double s, double df);

}  // namespace il2t::stats::dist
