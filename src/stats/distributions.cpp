#include "stats/distributions.h"

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

}  // namespace il2t::stats::dist
