#include "stats/logistic.h"

#include <Eigen/Dense>
#include <cmath>
#include <limits>

#include "stats/distributions.h"

namespace il2t::stats {

namespace {

double binomial_deviance(const Eigen::VectorXd& y, const Eigen::VectorXd& mu) {
  double d = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    const double m = mu(i);
    d += y(i) == 1 ? -2 * std::log(m) : -2 * std::log(1 - m);
  }
  return d;
}

}  // namespace

Outcome<LogisticFit> logistic(std::span<const double> y, const std::vector<std::vector<double>>& columns,
                              const std::vector<std::string>& names) {
  const auto n = static_cast<Eigen::Index>(y.size());
  if (n == 0) return Outcome<LogisticFit>::fail("logistic: no observations");
  if (columns.size() != names.size()) return Outcome<LogisticFit>::fail("logistic: one name per covariate");
  const auto p = static_cast<Eigen::Index>(columns.size()) + 1;
  Eigen::MatrixXd X(n, p);
  Eigen::VectorXd Y(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double v = y[static_cast<std::size_t>(i)];
    if (v != 0 && v != 1) return Outcome<LogisticFit>::fail("logistic: y[" + std::to_string(i) + "] is not 0 or 1");
    Y(i) = v;
    X(i, 0) = 1;
    for (Eigen::Index k = 1; k < p; ++k) {
      const auto& col = columns[static_cast<std::size_t>(k - 1)];
      if (col.size() != y.size()) return Outcome<LogisticFit>::fail("logistic: covariate " + names[static_cast<std::size_t>(k - 1)] + " has the wrong length");
      X(i, k) = col[static_cast<std::size_t>(i)];
    }
  }
  if (Eigen::ColPivHouseholderQR<Eigen::MatrixXd>(X).rank() < p)
    return Outcome<LogisticFit>::fail("logistic: the design is singular (a covariate is constant, or repeats the group)");
  // glm's start for binomial with unit weights: mu = (y + 0.5) / 2.
  Eigen::VectorXd mu = (Y.array() + 0.5) / 2;
  Eigen::VectorXd eta = (mu.array() / (1 - mu.array())).log();
  double dev = binomial_deviance(Y, mu);
  LogisticFit fit;
  Eigen::VectorXd beta = Eigen::VectorXd::Zero(p);
  Eigen::MatrixXd xtwx;
  for (int it = 1; it <= 25; ++it) {
    const Eigen::ArrayXd w = mu.array() * (1 - mu.array());
    const Eigen::VectorXd z = eta.array() + (Y.array() - mu.array()) / w;
    xtwx = X.transpose() * w.matrix().asDiagonal() * X;
    beta = xtwx.ldlt().solve(X.transpose() * (w * z.array()).matrix());
    eta = X * beta;
    // As glm's binomial link inverse: mu kept inside [eps, 1 − eps].
    constexpr double eps = std::numeric_limits<double>::epsilon();
    mu = (1 / (1 + (-eta.array()).exp())).max(eps).min(1 - eps);
    const double dev_new = binomial_deviance(Y, mu);
    fit.iterations = it;
    const bool done = std::fabs(dev_new - dev) / (std::fabs(dev_new) + 0.1) < 1e-8;
    dev = dev_new;
    if (done) {
      fit.converged = true;
      break;
    }
  }
  // Standard errors from the last iteration's weighted fit, as summary.glm takes them
  // (the weights of the step that produced the final coefficients).
  const Eigen::MatrixXd cov = xtwx.inverse();
  fit.names.push_back("intercept");
  for (const auto& nm : names) fit.names.push_back(nm);
  for (Eigen::Index k = 0; k < p; ++k) {
    fit.coef.push_back(beta(k));
    fit.se.push_back(std::sqrt(cov(k, k)));
    fit.z.push_back(beta(k) / fit.se.back());
    fit.p.push_back(2 * dist::norm_cdf(-std::fabs(fit.z.back())));
  }
  fit.deviance = dev;
  const double ybar = Y.mean();
  fit.null_deviance = binomial_deviance(Y, Eigen::VectorXd::Constant(n, ybar));
  return Outcome<LogisticFit>::ok(fit);
}

}  // namespace il2t::stats
