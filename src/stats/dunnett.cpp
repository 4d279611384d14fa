#include "stats/dunnett.h"

#include "stats/boost_policy.h"  // first: no exceptions from Boost.Math
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <algorithm>
#include <cmath>

#include "stats/distributions.h"
#include "stats/zeroin.h"

namespace il2t::stats {

namespace {

// P(all Zi*s... ) given the scale s: the normal-theory probability at c·s.
double normal_part(double cs, std::span<const double> lambda, bool one_sided) {
  auto integrand = [&](double z) {
    double prod = std::exp(-z * z / 2) / std::sqrt(2 * M_PI);
    for (double l : lambda) {
      const double r = std::sqrt(1 - l * l);
      prod *= one_sided ? dist::norm_cdf((cs - l * z) / r)
                        : dist::norm_cdf((cs - l * z) / r) - dist::norm_cdf((-cs - l * z) / r);
    }
    return prod;
  };
  return boost::math::quadrature::gauss_kronrod<double, 61>::integrate(integrand, -9.0, 9.0, 10, 1e-12);
}

}  // namespace

double dunnett_probability(double c, std::span<const double> lambda, double df, bool one_sided) {
  if (!std::isfinite(df)) return normal_part(c, lambda, one_sided);
  auto integrand = [&](double s) { return dist::scaled_chi_density(s, df) * normal_part(c * s, lambda, one_sided); };
  const double upper = 1 + 12 / std::sqrt(df);
  return boost::math::quadrature::gauss_kronrod<double, 31>::integrate(integrand, 0.0, upper, 8, 1e-10);
}

Outcome<DunnettResult> dunnett(std::span<const double> means, std::span<const double> n, double sd_pooled, double df,
                               bool one_sided, double alpha) {
  if (means.size() < 2 || n.size() != means.size())
    return Outcome<DunnettResult>::fail("dunnett: a control and at least one treatment, with one size each");
  if (!(sd_pooled > 0) || !(df > 0)) return Outcome<DunnettResult>::fail("dunnett: sd_pooled and df must be positive");
  for (double v : n)
    if (!(v >= 1)) return Outcome<DunnettResult>::fail("dunnett: every group needs at least one observation");
  DunnettResult r;
  r.df = df;
  std::vector<double> lambda;
  for (std::size_t i = 1; i < means.size(); ++i) {
    lambda.push_back(std::sqrt(n[i] / (n[i] + n[0])));
    r.statistics.push_back((means[i] - means[0]) / (sd_pooled * std::sqrt(1 / n[i] + 1 / n[0])));
  }
  for (double t : r.statistics) {
    const double c = one_sided ? t : std::fabs(t);
    r.p_adjusted.push_back(std::clamp(1 - dunnett_probability(c, lambda, df, one_sided), 0.0, 1.0));
  }
  // The critical value: P(max ≤ c) = 1 − alpha.
  r.critical_value = brent_zeroin([&](double c) { return dunnett_probability(c, lambda, df, one_sided) - (1 - alpha); },
                                  0.0, 20.0, 1e-10);
  return Outcome<DunnettResult>::ok(r);
}

}  // namespace il2t::stats
