#include "stats/distributions.h"

#include <cmath>

#include "stats/boost_policy.h"  // first: no exceptions from Boost.Math
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/binomial.hpp>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

namespace il2t::stats::dist {

namespace bm = boost::math;

double norm_cdf(double x) { return bm::cdf(bm::normal_distribution<>(0, 1), x); }
double norm_quantile(double p) { return bm::quantile(bm::normal_distribution<>(0, 1), p); }
double t_cdf(double x, double df) { return bm::cdf(bm::students_t_distribution<>(df), x); }
double t_quantile(double p, double df) { return bm::quantile(bm::students_t_distribution<>(df), p); }
double chisq_upper(double x, double df) {
  if (x <= 0) return 1.0;
  return bm::cdf(bm::complement(bm::chi_squared_distribution<>(df), x));
}
double beta_quantile(double p, double a, double b) { return bm::quantile(bm::beta_distribution<>(a, b), p); }
double gamma_quantile(double p, double shape) { return bm::quantile(bm::gamma_distribution<>(shape, 1.0), p); }
double binom_cdf(double k, double n, double p) { return bm::cdf(bm::binomial_distribution<>(n, p), k); }
double scaled_chi_density(double s, double df) {
  if (s <= 0) return 0.0;
  // 2 (df/2)^(df/2) / Γ(df/2) · s^(df−1) · exp(−df s²/2)
  const double log_norm = std::log(2.0) + (df / 2) * std::log(df / 2) - std::lgamma(df / 2);
  return std::exp(log_norm + (df - 1) * std::log(s) - df * s * s / 2);
}

}  // namespace il2t::stats::dist
