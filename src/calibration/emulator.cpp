#include "calibration/emulator.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace il2t::calibration {

namespace {

// Ridge fits of every column of Y on the columns of F (both centred here), each with
// the penalty of a grid that minimises its exact leave-one-out error; with `residuals`,
// also each point's leave-one-out residual at that penalty.
struct RidgeFit {
  Eigen::MatrixXd beta;       // p × m
  Eigen::RowVectorXd intercept;  // m
  std::vector<double> loo_sse;
  Eigen::MatrixXd loo_res;       // n × m: each point's leave-one-out residual (if asked for)
};

RidgeFit ridge_loo(Eigen::MatrixXd F, Eigen::MatrixXd Y, bool residuals) {
  const Eigen::Index n = F.rows(), m = Y.cols();
  const Eigen::RowVectorXd fmean = F.colwise().mean(), ymean = Y.colwise().mean();
  F.rowwise() -= fmean;
  Y.rowwise() -= ymean;
  Eigen::BDCSVD<Eigen::MatrixXd> svd(F, Eigen::ComputeThinU | Eigen::ComputeThinV);
  const Eigen::MatrixXd& U = svd.matrixU();
  const Eigen::VectorXd s = svd.singularValues();
  const Eigen::MatrixXd UtY = U.transpose() * Y;
  const Eigen::MatrixXd U2 = U.array().square().matrix();
  const double top = s.size() > 0 && s(0) > 0 ? s(0) * s(0) : 1.0;
  std::vector<double> best(static_cast<std::size_t>(m), std::numeric_limits<double>::infinity()), lambda(best.size(), 0);
  for (int g = 0; g <= 24; ++g) {
    const double l = top * std::pow(10.0, -12.0 + 0.5 * g);
    const Eigen::VectorXd shrink = s.array().square() / (s.array().square() + l);
    const Eigen::VectorXd h = (U2 * shrink).array() + 1.0 / static_cast<double>(n);
    const Eigen::MatrixXd fitted = U * (shrink.asDiagonal() * UtY);
    for (Eigen::Index j = 0; j < m; ++j) {
      double ss = 0;
      for (Eigen::Index r = 0; r < n; ++r) {
        const double res = (Y(r, j) - fitted(r, j)) / std::max(1e-9, 1 - h(r));
        ss += res * res;
      }
      if (ss < best[static_cast<std::size_t>(j)]) best[static_cast<std::size_t>(j)] = ss, lambda[static_cast<std::size_t>(j)] = l;
    }
  }
  RidgeFit out;
  if (residuals) out.loo_res.resize(n, m);
  for (Eigen::Index j = 0; residuals && j < m; ++j) {  // the leave-one-out residuals at the penalty chosen
    const Eigen::VectorXd shrink = s.array().square() / (s.array().square() + lambda[static_cast<std::size_t>(j)]);
    const Eigen::VectorXd h = (U2 * shrink).array() + 1.0 / static_cast<double>(n);
    const Eigen::VectorXd fitted = U * (shrink.asDiagonal() * UtY.col(j));
    for (Eigen::Index r = 0; r < n; ++r) out.loo_res(r, j) = (Y(r, j) - fitted(r)) / std::max(1e-9, 1 - h(r));
  }
  out.beta.resize(F.cols(), m);
  out.intercept.resize(m);
  for (Eigen::Index j = 0; j < m; ++j) {
    const Eigen::VectorXd w = s.array() / (s.array().square() + lambda[static_cast<std::size_t>(j)]);
    out.beta.col(j) = svd.matrixV() * (w.asDiagonal() * UtY.col(j));
    out.intercept(j) = ymean(j) - fmean.dot(out.beta.col(j));
  }
  out.loo_sse = best;
  return out;
}

// Each input's influence on each output, from a full quadratic (a linear fit when the
// points are too few for one): |b_k| + |c_kk| + ½ Σ_{l≠k} |c_kl|. Rows: inputs.
Eigen::MatrixXd influence(const Eigen::MatrixXd& Z, const Eigen::MatrixXd& Y) {
  const Eigen::Index n = Z.rows(), d = Z.cols();
  const Eigen::Index quad = d + d * (d + 1) / 2;
  const bool full = static_cast<double>(n) >= 1.2 * static_cast<double>(quad + 1);
  Eigen::MatrixXd F(n, full ? quad : d);
  F.leftCols(d) = Z;
  if (full) {
    Eigen::Index c = d;
    for (Eigen::Index k = 0; k < d; ++k)
      for (Eigen::Index l = k; l < d; ++l) F.col(c++) = Z.col(k).cwiseProduct(Z.col(l));
  }
  const RidgeFit r = ridge_loo(F, Y, false);
  Eigen::MatrixXd inf = r.beta.topRows(d).cwiseAbs();
  if (full) {
    Eigen::Index c = d;
    for (Eigen::Index k = 0; k < d; ++k)
      for (Eigen::Index l = k; l < d; ++l, ++c) {
        const Eigen::RowVectorXd a = r.beta.row(c).cwiseAbs();
        if (k == l) inf.row(k) += a;
        else inf.row(k) += 0.5 * a, inf.row(l) += 0.5 * a;
      }
  }
  return inf;
}

// The monomials of degree 2 and 3 in k active inputs.
std::vector<std::array<int, 3>> cubic_terms(int k) {
  std::vector<std::array<int, 3>> t;
  for (int i = 0; i < k; ++i)
    for (int j = i; j < k; ++j) t.push_back({i, j, -1});
  for (int i = 0; i < k; ++i)
    for (int j = i; j < k; ++j)
      for (int l = j; l < k; ++l) t.push_back({i, j, l});
  return t;
}

}  // namespace

double Emulator::value(const Output& o, const double* z) const {
  const std::size_t d = inputs();
  double v = o.constant;
  for (std::size_t k = 0; k < d; ++k) v += o.coef[k] * z[k];
  for (std::size_t t = 0; t < o.terms.size(); ++t) {
    const auto& [i, j, l] = o.terms[t];
    double m = z[o.active[static_cast<std::size_t>(i)]] * z[o.active[static_cast<std::size_t>(j)]];
    if (l >= 0) m *= z[o.active[static_cast<std::size_t>(l)]];
    v += o.coef[d + t] * m;
  }
  return v;
}

Expected<Emulator> Emulator::fit(const Box& box, const std::vector<std::vector<double>>& x,
                                 const std::vector<std::vector<double>>& y, const std::vector<double>& noise,
                                 std::size_t active) {
  Emulator e;
  e.box_ = box;
  const std::size_t d = box.size();
  const std::size_t m = y.empty() ? 0 : y[0].size();
  if (d > 256) return Error{.message = "the emulator takes at most 256 inputs, not " + std::to_string(d)};
  const std::size_t k = std::min(active, d);
  const std::vector<std::array<int, 3>> terms = cubic_terms(static_cast<int>(k));
  const std::size_t coefficients = 1 + d + terms.size();
  // The points with some output: each output is fitted on those where it is finite,
  // the inputs' influence on those where every output is.
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (x[i].size() == d && y[i].size() == m && std::any_of(y[i].begin(), y[i].end(), [](double v) { return std::isfinite(v); }))
      rows.push_back(i);
  e.points_ = rows.size();
  e.dropped_ = x.size() - rows.size();
  const std::size_t needed = coefficients + coefficients / 5;  // 1.2 × the coefficients
  auto too_few = [&](std::size_t have, const std::string& what) {
    return Error{.message = "the emulator has " + std::to_string(coefficients) + " coefficients per output but only " +
                            std::to_string(have) + " design points " + what + " (give at least " +
                            std::to_string(needed) + ")"};
  };
  if (rows.size() < needed) return too_few(rows.size(), "with an output");
  const auto n = static_cast<Eigen::Index>(rows.size());
  Eigen::MatrixXd Z(n, static_cast<Eigen::Index>(d)), Y(n, static_cast<Eigen::Index>(m));
  std::vector<Eigen::Index> complete;
  for (Eigen::Index r = 0; r < n; ++r) {
    const std::size_t i = rows[static_cast<std::size_t>(r)];
    for (std::size_t c = 0; c < d; ++c) Z(r, static_cast<Eigen::Index>(c)) = e.scaled(c, x[i][c]);
    for (std::size_t j = 0; j < m; ++j) Y(r, static_cast<Eigen::Index>(j)) = y[i][j];
    if (Y.row(r).allFinite()) complete.push_back(r);
  }
  if (k < d && complete.size() < needed) return too_few(complete.size(), "with every output finite");
  const Eigen::MatrixXd inf = k < d ? influence(Z(complete, Eigen::all), Y(complete, Eigen::all)) : Eigen::MatrixXd();
  for (std::size_t j = 0; j < m; ++j) {
    std::vector<Eigen::Index> have;
    for (Eigen::Index r = 0; r < n; ++r)
      if (std::isfinite(Y(r, static_cast<Eigen::Index>(j)))) have.push_back(r);
    if (have.size() < needed) return too_few(have.size(), "where output " + std::to_string(j) + " is finite");
    Output o;
    o.active.resize(d);
    std::iota(o.active.begin(), o.active.end(), std::size_t{0});
    if (k < d) {
      std::stable_sort(o.active.begin(), o.active.end(), [&](std::size_t a, std::size_t b) {
        return inf(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(j)) > inf(static_cast<Eigen::Index>(b), static_cast<Eigen::Index>(j));
      });
      o.active.resize(k);
      std::sort(o.active.begin(), o.active.end());
    }
    o.terms = terms;
    const Eigen::MatrixXd Zj = Z(have, Eigen::all);
    Eigen::MatrixXd F(Zj.rows(), static_cast<Eigen::Index>(d + terms.size()));
    F.leftCols(static_cast<Eigen::Index>(d)) = Zj;
    for (std::size_t t = 0; t < terms.size(); ++t) {
      const auto& [a, b, c] = terms[t];
      Eigen::VectorXd col = Zj.col(static_cast<Eigen::Index>(o.active[static_cast<std::size_t>(a)]))
                                .cwiseProduct(Zj.col(static_cast<Eigen::Index>(o.active[static_cast<std::size_t>(b)])));
      if (c >= 0) col = col.cwiseProduct(Zj.col(static_cast<Eigen::Index>(o.active[static_cast<std::size_t>(c)])));
      F.col(static_cast<Eigen::Index>(d + t)) = col;
    }
    const RidgeFit r = ridge_loo(F, Y(have, static_cast<Eigen::Index>(j)), true);
    std::vector<double> res(rows.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t q = 0; q < have.size(); ++q) res[static_cast<std::size_t>(have[q])] = r.loo_res(static_cast<Eigen::Index>(q), 0);
    e.residual_.push_back(std::move(res));
    o.constant = r.intercept(0);
    o.coef.assign(r.beta.data(), r.beta.data() + r.beta.rows());
    e.loo_rmse_.push_back(std::sqrt(r.loo_sse[0] / static_cast<double>(have.size())));
    const double mc = j < noise.size() && std::isfinite(noise[j]) ? noise[j] : 0.0;
    e.error_.push_back(std::sqrt(std::max(0.0, e.loo_rmse_.back() * e.loo_rmse_.back() - mc)));
    e.out_.push_back(std::move(o));
  }
  return e;
}

std::vector<double> Emulator::error_correlation(const std::vector<std::size_t>& outputs) const {
  const std::size_t k = outputs.size();
  std::vector<double> q(k * k, 0.0);
  for (std::size_t i = 0; i < k; ++i) q[i * k + i] = 1;
  // The points where every one of these outputs has a residual: one sample
  // correlation over them is positive semi-definite, so the shrunk one is definite.
  std::vector<std::size_t> common;
  for (std::size_t p = 0; p < points_; ++p)
    if (std::all_of(outputs.begin(), outputs.end(), [&](std::size_t j) { return std::isfinite(residual_[j][p]); }))
      common.push_back(p);
  if (common.size() < kMinCorrelationPoints) return q;
  const auto n = static_cast<double>(common.size());
  std::vector<double> mean(k, 0.0), sd(k, 0.0);
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t p : common) mean[i] += residual_[outputs[i]][p];
    mean[i] /= n;
    for (std::size_t p : common) sd[i] += (residual_[outputs[i]][p] - mean[i]) * (residual_[outputs[i]][p] - mean[i]);
    sd[i] = std::sqrt(sd[i]);
  }
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = 0; j < i; ++j) {
      if (!(sd[i] > 0 && sd[j] > 0)) continue;
      double c = 0;
      for (std::size_t p : common) c += (residual_[outputs[i]][p] - mean[i]) * (residual_[outputs[j]][p] - mean[j]);
      q[i * k + j] = q[j * k + i] = (1 - kErrorShrink) * c / (sd[i] * sd[j]);
    }
  return q;
}

void Emulator::predict(const double* x, double* y) const {
  double z[256];
  for (std::size_t k = 0; k < inputs(); ++k) z[k] = scaled(k, x[k]);
  for (std::size_t j = 0; j < out_.size(); ++j) y[j] = value(out_[j], z);
}

void Emulator::along(const double* x, std::size_t k, const std::array<double*, 4>& c) const {
  // Every term is a coefficient times z_k^p times the other inputs' product: one pass
  // adds it to the coefficient of s^p.
  double z[256];
  const std::size_t d = inputs();
  for (std::size_t q = 0; q < d; ++q) z[q] = scaled(q, x[q]);
  z[k] = 1;  // so that a product over a term's inputs leaves out input k
  for (std::size_t j = 0; j < out_.size(); ++j) {
    const Output& o = out_[j];
    double a[4] = {o.constant, o.coef[k], 0, 0};
    for (std::size_t q = 0; q < d; ++q)
      if (q != k) a[0] += o.coef[q] * z[q];
    for (std::size_t t = 0; t < o.terms.size(); ++t) {
      const auto& [i, jj, l] = o.terms[t];
      const std::size_t ai = o.active[static_cast<std::size_t>(i)], aj = o.active[static_cast<std::size_t>(jj)];
      double rest = z[ai] * z[aj];
      int power = (ai == k) + (aj == k);
      if (l >= 0) {
        const std::size_t al = o.active[static_cast<std::size_t>(l)];
        rest *= z[al];
        power += al == k;
      }
      a[power] += o.coef[d + t] * rest;
    }
    for (int p = 0; p < 4; ++p) c[static_cast<std::size_t>(p)][j] = a[p];
  }
}

}  // namespace il2t::calibration
