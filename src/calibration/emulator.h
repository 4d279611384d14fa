#pragma once
// A polynomial response-surface emulator of simulated summaries. Over a box of inputs,
// scaled to [-1, 1], every output y_j is approximated by a polynomial that is linear in
// every input and a full cubic in the output's active inputs: the `active` inputs that
// move it most (by a first, full-quadratic fit of every output: an input's influence is
// its linear coefficient's size plus its quadratic ones'). Each output is fitted by
// ridge regression, its penalty the one (of a grid) that minimises its exact
// leave-one-out error, and that error (its root mean square) is kept: less the design
// runs' Monte Carlo variance it is the emulator's own error of that output.
//
// Why this form: a calibration run affords about a thousand simulated design points in
// some thirty dimensions. A full cubic would have thousands of coefficients; a full
// quadratic cannot follow the sigmoid responses of the strongest inputs over a wide box
// (in the first calibration it left two-fifths of the spread of He 2020's SRI-4 rates
// unexplained against a fifth for this form, on held-out points). Along any one input
// the polynomial is a cubic, so the posterior integrates a trial effect along the share
// input in closed form (along()). Gaussian-process emulators fit better far from the
// data but cost far more to fit and to evaluate; history matching (posterior.h) keeps
// the box where this form suffices.
#include <array>
#include <cstddef>
#include <vector>

#include "core/error.h"

namespace il2t::calibration {

struct Box {
  std::vector<double> lo, hi;  // per input, on its search scale
  std::size_t size() const { return lo.size(); }
};

class Emulator {
 public:
  // Fits every output. x: n points of d inputs (inside `box`); y: n rows of m outputs.
  // Each output is fitted on the points where it is finite; a point with no finite
  // output at all is left out (`dropped()` counts them). An Error when an output has
  // fewer points than 1.2 times its coefficients.
  // `noise`, when given, is each output's Monte Carlo variance at a design point (its
  // mean over the design): the part of the leave-one-out error that is the design runs'
  // noise, not the emulator's.
  static Expected<Emulator> fit(const Box& box, const std::vector<std::vector<double>>& x,
                                const std::vector<std::vector<double>>& y, const std::vector<double>& noise = {},
                                std::size_t active = 8);

  std::size_t inputs() const { return box_.size(); }
  std::size_t outputs() const { return out_.size(); }
  // Output j's coefficients (the constant included) and active inputs.
  std::size_t coefficients(std::size_t j) const { return 1 + out_[j].coef.size(); }
  const std::vector<std::size_t>& active(std::size_t j) const { return out_[j].active; }
  std::size_t points() const { return points_; }
  std::size_t dropped() const { return dropped_; }
  const Box& box() const { return box_; }
  // The leave-one-out root-mean-square error of each output, on its scale.
  const std::vector<double>& loo_rmse() const { return loo_rmse_; }
  // The emulator's own error of each output: √(LOO² − noise), at least 0.
  const std::vector<double>& error() const { return error_; }
  // The correlation of these outputs' emulator errors (k × k, row-major): that of their
  // leave-one-out residuals over the design points where all have one, shrunk by
  // kErrorShrink towards the identity; the identity with fewer than
  // kMinCorrelationPoints such points. The residuals also carry the design runs' Monte
  // Carlo noise, whose correlation (one arm's rows from the same participants) is
  // counted here as well as in the sampling part: docs/model.md says so.
  static constexpr double kErrorShrink = 0.05;
  static constexpr std::size_t kMinCorrelationPoints = 20;
  std::vector<double> error_correlation(const std::vector<std::size_t>& outputs) const;
  // The scaled coordinate of value t of input k: 2(t − lo)/(hi − lo) − 1.
  double scaled(std::size_t k, double t) const { return 2 * (t - box_.lo[k]) / (box_.hi[k] - box_.lo[k]) - 1; }

  // Every output at x (d inputs) into y (m values).
  void predict(const double* x, double* y) const;
  // Along input k through x: output j at x with input k at scaled value s is
  // c[0][j] + c[1][j]·s + c[2][j]·s² + c[3][j]·s³ (each c[p] holds m values).
  void along(const double* x, std::size_t k, const std::array<double*, 4>& c) const;

 private:
  struct Output {
    std::vector<std::size_t> active;
    std::vector<std::array<int, 3>> terms;  // beyond the linear ones: indices into `active`, -1 for none
    double constant = 0;
    std::vector<double> coef;  // the d linear ones, then one per term
  };
  double value(const Output& o, const double* z) const;
  Box box_;
  std::size_t points_ = 0, dropped_ = 0;
  std::vector<Output> out_;
  std::vector<double> loo_rmse_, error_;
  std::vector<std::vector<double>> residual_;  // per output, per fitted point: its LOO residual or NaN
};

}  // namespace il2t::calibration
