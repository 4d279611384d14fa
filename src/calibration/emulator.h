#pragma once
// A quadratic response-surface emulator of simulated summaries: every output y_j is
// approximated over a box of inputs by a full quadratic in the inputs scaled to
// [-1, 1], y_j(x) ≈ a_j + Σ b_jk z_k + Σ_{k<=l} c_jkl z_k z_l, fitted to a design by
// ridge regression. Each output's ridge penalty is the one (of a grid) that minimises
// its exact leave-one-out error, and that error (its root mean square) is kept as the
// output's emulator error: it holds the Monte Carlo noise of the design runs as well
// as the lack of fit, so it errs on the wide side.
//
// Why quadratic: a calibration run affords about a thousand simulated design points
// in some thirty dimensions. A quadratic has few enough coefficients to be fitted from
// them with room to spare, is exact along any one input for quadratic behaviour, and
// lets the posterior integrate a trial effect along one input in closed form (along()).
// Gaussian-process emulators fit better far from the data but cost far more to fit and
// to evaluate; history matching (posterior.h) keeps the box where a quadratic suffices.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace il2t::calibration {

struct Box {
  std::vector<double> lo, hi;  // per input, on its search scale
  std::size_t size() const { return lo.size(); }
};

class Emulator {
 public:
  // Fits every output. x: n points of d inputs (inside `box`); y: n rows of m outputs.
  // Rows with a non-finite output are left out (`dropped()` counts them). Nullopt with
  // `error` when fewer points remain than 1.2 times the coefficients. `noise`, when
  // given, is each output's Monte Carlo variance at a design point (its mean over the
  // design): the part of the leave-one-out error that is the design runs' noise, not
  // the emulator's.
  static std::optional<Emulator> fit(const Box& box, const std::vector<std::vector<double>>& x,
                                     const std::vector<std::vector<double>>& y, std::string& error,
                                     const std::vector<double>& noise = {});

  std::size_t inputs() const { return box_.size(); }
  std::size_t outputs() const { return coef_.size(); }
  std::size_t coefficients() const { return features_; }
  std::size_t points() const { return points_; }
  std::size_t dropped() const { return dropped_; }
  const Box& box() const { return box_; }
  // The leave-one-out root-mean-square error of each output, on its scale.
  const std::vector<double>& loo_rmse() const { return loo_rmse_; }
  // The emulator's own error of each output: √(LOO² − noise), at least 0.
  const std::vector<double>& error() const { return error_; }
  // The scaled coordinate of value t of input k: 2(t − lo)/(hi − lo) − 1.
  double scaled(std::size_t k, double t) const { return 2 * (t - box_.lo[k]) / (box_.hi[k] - box_.lo[k]) - 1; }

  // Every output at x (d inputs) into y (m values).
  void predict(const double* x, double* y) const;
  // Along input k through x: output j at x with input k at scaled value s is
  // a[j] + b[j]·s + c[j]·s².
  void along(const double* x, std::size_t k, double* a, double* b, double* c) const;

 private:
  Box box_;
  std::size_t features_ = 0, points_ = 0, dropped_ = 0;
  std::vector<std::vector<double>> coef_;  // per output: the constant, the linear terms, then z_k z_l (k <= l)
  std::vector<double> loo_rmse_, error_;
};

}  // namespace il2t::calibration
