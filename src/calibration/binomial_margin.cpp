#include "calibration/binomial_margin.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <numbers>

#include "calibration/quadrature.h"

namespace il2t::calibration {

namespace {

const Quadrature& error_nodes() {
  static const Quadrature q = gauss_hermite(5);
  return q;
}

double log_choose(double n, double k) { return std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1); }

double log_pmf(double k, double n, double p) {
  const double a = k > 0 ? k * std::log(p) : 0.0, b = n - k > 0 ? (n - k) * std::log1p(-p) : 0.0;
  return log_choose(n, k) + a + b;
}

// F(k − 1) and P(k) at one p, summing the shorter tail by the pmf's recursion
// (one exp per call: this runs inside the sampler's every density evaluation).
struct MidP {
  double below = 0, at = 0;
};
MidP mid_p(double k, double n, double p) {
  MidP m;
  const double odds = p / (1 - p);
  if (k <= n - k) {
    double f = std::exp(n * std::log1p(-p));  // P(0)
    for (double j = 0; j < k; ++j) {
      m.below += f;
      f *= (n - j) / (j + 1) * odds;
    }
    m.at = f;
  } else {
    double f = std::exp(n * std::log(p)), above = 0;  // P(n)
    for (double j = n; j > k; --j) {
      above += f;
      f *= j / (n - j + 1) / odds;
    }
    m.at = f;
    m.below = std::max(0.0, 1 - above - m.at);
  }
  return m;
}

}  // namespace

bool few_events(double k, double n) {
  const double c = std::round(k), m = std::round(n);
  return c < kFewEvents || m - c < kFewEvents;
}

MarginScore binomial_margin(double k, double n, double mu, double error) {
  n = std::round(n);
  k = std::clamp(std::round(k), 0.0, n);
  auto p_of = [](double a) {
    const double s = std::sin(std::clamp(a, 0.0, std::numbers::pi / 2));
    return std::clamp(s * s, 1e-12, 1 - 1e-12);
  };
  double at = 0, below = 0;
  if (error > 0) {
    const Quadrature& q = error_nodes();
    for (std::size_t i = 0; i < q.z.size(); ++i) {
      const MidP m = mid_p(k, n, p_of(mu + error * q.z[i]));
      at += q.w[i] * m.at, below += q.w[i] * m.below;
    }
  } else {
    const MidP m = mid_p(k, n, p_of(mu));
    at = m.at, below = m.below;
  }
  MarginScore out;
  out.log_p = std::log(std::max(at, 1e-300)) - log_pmf(k, n, k / n);
  const double u = std::clamp(below + 0.5 * at, 1e-15, 1 - 1e-15);
  out.z = boost::math::quantile(boost::math::normal_distribution<double>(), u);
  return out;
}

int binomial_quantile(double u, int n, double p) {
  if (n <= 0) return 0;
  p = std::clamp(p, 0.0, 1.0);
  if (p == 0) return 0;
  if (p == 1) return n;
  double cdf = 0;
  for (int x = 0; x < n; ++x) {
    cdf += std::exp(log_pmf(x, n, p));
    // R's qbinom allows a relative fuzz of 64 ε below u
    if (cdf >= u * (1 - 64 * 2.220446e-16)) return x;
  }
  return n;
}

}  // namespace il2t::calibration
