#include "calibration/emulator.h"

#include <Eigen/Dense>
#include <cmath>
#include <limits>

namespace il2t::calibration {

namespace {

// The non-constant features of scaled point z: z_k, then z_k z_l for k <= l.
void features(const std::vector<double>& z, double* f) {
  const std::size_t d = z.size();
  std::size_t i = 0;
  for (std::size_t k = 0; k < d; ++k) f[i++] = z[k];
  for (std::size_t k = 0; k < d; ++k)
    for (std::size_t l = k; l < d; ++l) f[i++] = z[k] * z[l];
}

}  // namespace

std::optional<Emulator> Emulator::fit(const Box& box, const std::vector<std::vector<double>>& x,
                                      const std::vector<std::vector<double>>& y, std::string& error,
                                      const std::vector<double>& noise) {
  Emulator e;
  e.box_ = box;
  const std::size_t d = box.size();
  const std::size_t m = y.empty() ? 0 : y[0].size();
  const std::size_t p = d + d * (d + 1) / 2;  // without the constant
  e.features_ = p + 1;
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < x.size(); ++i) {
    bool ok = x[i].size() == d && y[i].size() == m;
    for (double v : y[i]) ok = ok && std::isfinite(v);
    if (ok) rows.push_back(i);
  }
  e.points_ = rows.size();
  e.dropped_ = x.size() - rows.size();
  if (d > 256) {
    error = "the emulator takes at most 256 inputs, not " + std::to_string(d);
    return std::nullopt;
  }
  const std::size_t needed = e.features_ + e.features_ / 5;  // 1.2 × the coefficients
  if (rows.size() < needed) {
    error = "the emulator has " + std::to_string(e.features_) + " coefficients per output but only " +
            std::to_string(rows.size()) + " design points with every output finite (give at least " +
            std::to_string(needed) + ")";
    return std::nullopt;
  }
  const auto n = static_cast<Eigen::Index>(rows.size());
  Eigen::MatrixXd F(n, static_cast<Eigen::Index>(p));
  Eigen::MatrixXd Y(n, static_cast<Eigen::Index>(m));
  std::vector<double> z(d), f(p);
  for (Eigen::Index r = 0; r < n; ++r) {
    const auto& xi = x[rows[static_cast<std::size_t>(r)]];
    for (std::size_t k = 0; k < d; ++k) z[k] = e.scaled(k, xi[k]);
    features(z, f.data());
    for (std::size_t c = 0; c < p; ++c) F(r, static_cast<Eigen::Index>(c)) = f[c];
    for (std::size_t j = 0; j < m; ++j) Y(r, static_cast<Eigen::Index>(j)) = y[rows[static_cast<std::size_t>(r)]][j];
  }
  // Centre features and outputs: the constant is not penalised.
  const Eigen::RowVectorXd fmean = F.colwise().mean(), ymean = Y.colwise().mean();
  F.rowwise() -= fmean;
  Y.rowwise() -= ymean;
  Eigen::BDCSVD<Eigen::MatrixXd> svd(F, Eigen::ComputeThinU | Eigen::ComputeThinV);
  const Eigen::MatrixXd& U = svd.matrixU();
  const Eigen::VectorXd s = svd.singularValues();
  const Eigen::MatrixXd UtY = U.transpose() * Y;
  const Eigen::MatrixXd U2 = U.array().square().matrix();
  const double top = s.size() > 0 ? s(0) * s(0) : 1.0;
  std::vector<double> best_err(m, std::numeric_limits<double>::infinity()), best_lambda(m, 0);
  for (int g = 0; g <= 24; ++g) {
    const double lambda = top * std::pow(10.0, -12.0 + 0.5 * g);
    const Eigen::VectorXd shrink = s.array().square() / (s.array().square() + lambda);
    const Eigen::VectorXd h = (U2 * shrink).array() + 1.0 / static_cast<double>(n);
    const Eigen::MatrixXd fitted = U * (shrink.asDiagonal() * UtY);
    for (std::size_t j = 0; j < m; ++j) {
      double ss = 0;
      for (Eigen::Index r = 0; r < n; ++r) {
        const double res = (Y(r, static_cast<Eigen::Index>(j)) - fitted(r, static_cast<Eigen::Index>(j))) / std::max(1e-9, 1 - h(r));
        ss += res * res;
      }
      if (ss < best_err[j]) best_err[j] = ss, best_lambda[j] = lambda;
    }
  }
  const Eigen::MatrixXd& V = svd.matrixV();
  e.coef_.assign(m, std::vector<double>(e.features_));
  e.loo_rmse_.resize(m);
  for (std::size_t j = 0; j < m; ++j) {
    const Eigen::VectorXd w = s.array() / (s.array().square() + best_lambda[j]);
    const Eigen::VectorXd beta = V * (w.asDiagonal() * UtY.col(static_cast<Eigen::Index>(j)));
    e.coef_[j][0] = ymean(static_cast<Eigen::Index>(j)) - fmean.dot(beta);
    for (std::size_t c = 0; c < p; ++c) e.coef_[j][c + 1] = beta(static_cast<Eigen::Index>(c));
    e.loo_rmse_[j] = std::sqrt(best_err[j] / static_cast<double>(n));
    const double mc = j < noise.size() && std::isfinite(noise[j]) ? noise[j] : 0.0;
    e.error_.push_back(std::sqrt(std::max(0.0, e.loo_rmse_[j] * e.loo_rmse_[j] - mc)));
  }
  return e;
}

void Emulator::predict(const double* x, double* y) const {
  const std::size_t d = inputs();
  double z[256];
  for (std::size_t k = 0; k < d; ++k) z[k] = scaled(k, x[k]);
  for (std::size_t j = 0; j < coef_.size(); ++j) {
    const double* c = coef_[j].data();
    double v = c[0];
    std::size_t i = 1;
    for (std::size_t k = 0; k < d; ++k) v += c[i++] * z[k];
    for (std::size_t k = 0; k < d; ++k) {
      double row = 0;
      for (std::size_t l = k; l < d; ++l) row += c[i++] * z[l];
      v += z[k] * row;
    }
    y[j] = v;
  }
}

void Emulator::along(const double* x, std::size_t k, double* a, double* b, double* c) const {
  const std::size_t d = inputs();
  double z[256];
  for (std::size_t q = 0; q < d; ++q) z[q] = scaled(q, x[q]);
  z[k] = 0;
  for (std::size_t j = 0; j < coef_.size(); ++j) {
    const double* w = coef_[j].data();
    double va = w[0], vb = w[1 + k], vc = 0;
    std::size_t i = 1;
    for (std::size_t q = 0; q < d; ++q) va += w[i++] * z[q];
    for (std::size_t q = 0; q < d; ++q)
      for (std::size_t l = q; l < d; ++l) {
        const double coef = w[i++];
        if (q == k && l == k) vc += coef;
        else if (q == k) vb += coef * z[l];
        else if (l == k) vb += coef * z[q];
        else va += coef * z[q] * z[l];
      }
    a[j] = va, b[j] = vb, c[j] = vc;
  }
}

}  // namespace il2t::calibration
