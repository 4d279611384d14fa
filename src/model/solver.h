#pragma once
// An explicit Runge–Kutta solver: Dormand–Prince 5(4) with the PI step-size
// controller of Hairer, Nørsett & Wanner (Solving ODEs I, §II.4), for small fixed-size
// systems. All working memory is inside the object (std::array), so a step allocates
// nothing; one solver per thread. docs/model.md says why this method was chosen.
//
// Discontinuities (doses) are the caller's: integrate() stops exactly at `t1`; the
// caller changes the state there and calls integrate() again, which restarts the
// stage sequence with a fresh starting step. So no dose can fall inside a step, be
// missed, or be applied twice.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>

namespace il2t::model {

struct SolverSettings {
  double rtol = 1e-8;
  double h_initial = 1e-3;
  double h_min = 1e-12;
  long max_steps = 1000000;
};

struct SolverStats {
  long steps = 0, rejected = 0, evaluations = 0;
};

enum class SolveStatus { ok, step_too_small, too_many_steps, not_finite };

inline const char* to_string(SolveStatus s) {
  switch (s) {
    case SolveStatus::ok: return "ok";
    case SolveStatus::step_too_small: return "the step size fell below its minimum";
    case SolveStatus::too_many_steps: return "too many steps";
    case SolveStatus::not_finite: return "a state is not finite";
  }
  return "";
}

// Dormand & Prince (1980) RK5(4)7M coefficients: stages a, fifth-order weights b,
// and e = b - b* (the embedded fourth-order error estimate).
namespace dp5 {
inline constexpr double a21 = 1.0 / 5, a31 = 3.0 / 40, a32 = 9.0 / 40, a41 = 44.0 / 45, a42 = -56.0 / 15,
                        a43 = 32.0 / 9, a51 = 19372.0 / 6561, a52 = -25360.0 / 2187, a53 = 64448.0 / 6561,
                        a54 = -212.0 / 729, a61 = 9017.0 / 3168, a62 = -355.0 / 33, a63 = 46732.0 / 5247,
                        a64 = 49.0 / 176, a65 = -5103.0 / 18656, b1 = 35.0 / 384, b3 = 500.0 / 1113,
                        b4 = 125.0 / 192, b5 = -2187.0 / 6784, b6 = 11.0 / 84;
inline constexpr double e1 = 71.0 / 57600, e3 = -71.0 / 16695, e4 = 71.0 / 1920, e5 = -17253.0 / 339200,
                        e6 = 22.0 / 525, e7 = -1.0 / 40;
// The step controller's memory of the last error is held at or above log(1e-4).
inline const double kLogErrFloor = std::log(1e-4);
}  // namespace dp5

// F is callable as f(t, const double* x, double* dx), the same function from call to
// call unless restart() says otherwise. `atol` holds per-component absolute
// tolerances. `after_step(x)` may adjust the state after each accepted step and
// returns true if it did (the model sets washed-out drug amounts to exactly zero).
template <std::size_t N>
class DormandPrince {
 public:
  using Vec = std::array<double, N>;

  DormandPrince(const SolverSettings& s, const Vec& atol) : s_(s), atol_(atol) {}

  template <class F, class After>
  SolveStatus integrate(F&& f, double t0, double t1, Vec& x, After&& after_step) {
    if (!(t1 > t0)) return SolveStatus::ok;
    double t = t0;
    // A call that continues the last one (it ended at t0 with this state, and f is
    // unchanged) reuses f(t0, x) and the step size; otherwise (a dose, new inputs) the
    // stages restart and a fresh first step is chosen for what follows.
    if (!(h_ > 0 && !restart_ && t0 == t_end_ && x == x_end_)) {
      f(t, x.data(), k1_.data());
      ++stats_.evaluations;
      h_ = initial_step(f, t, x, t1 - t0);
    }
    restart_ = false;
    double h = std::min(h_, t1 - t0);
    double log_err_prev = dp5::kLogErrFloor;
    bool last_rejected = false;
    long steps = 0;
    while (t < t1) {
      if (++steps > s_.max_steps) return SolveStatus::too_many_steps;
      bool final_step = false;
      double h_unclipped = h;
      if (t + h >= t1 || t + 1.01 * h >= t1) {
        h = t1 - t;
        final_step = true;
      }
      stages(f, t, h, x);
      const double err = error_norm(x);
      if (!std::isfinite(err)) {
        // A trial step left the model's domain (a count below zero, say): shrink and retry.
        ++stats_.rejected;
        h *= 0.2;
        last_rejected = true;
        if (h < s_.h_min) return SolveStatus::not_finite;
        continue;
      }
      if (err <= 1.0) {
        ++stats_.steps;
        t = final_step ? t1 : t + h;
        x = y_;
        // FSAL: the last stage is f at the new point, unless after_step changed x.
        if (after_step(x)) { f(t, x.data(), k1_.data()); ++stats_.evaluations; }
        else k1_ = k7_;
        // PI controller (beta = 0.04, alpha = 0.2 - 0.75 beta): err^-0.17 · err_prev^0.04,
        // as one exp of logs (cheaper than two pow calls); log(max(err, 1e-4)), kept for
        // the next step, is the larger of the two logarithms.
        const double log_err = std::log(std::max(err, 1e-10));
        double fac = std::exp(-0.17 * log_err + 0.04 * log_err_prev);
        fac = std::clamp(0.9 * fac, 0.2, last_rejected ? 1.0 : 10.0);
        const double h_next = h * fac;
        log_err_prev = std::max(log_err, dp5::kLogErrFloor);
        last_rejected = false;
        if (!final_step) h = h_next;
        else h_ = std::max(h_next, h_unclipped);  // carry the step before it was cut to t1
      } else {
        ++stats_.rejected;
        h *= std::max(0.2, 0.9 * std::pow(err, -0.2));
        last_rejected = true;
        if (h < s_.h_min) return SolveStatus::step_too_small;
      }
    }
    t_end_ = t1;
    x_end_ = x;
    return SolveStatus::ok;
  }

  const SolverStats& stats() const { return stats_; }
  // The caller changed f (its inputs) since the last call: the next call restarts.
  void restart() { restart_ = true; }

 private:
  // Weighted RMS norm of v, weights atol + rtol·|x|.
  double norm(const Vec& v, const Vec& x) const {
    double sum = 0;
    for (std::size_t i = 0; i < N; ++i) {
      const double r = v[i] / (atol_[i] + s_.rtol * std::fabs(x[i]));
      sum += r * r;
    }
    return std::sqrt(sum / static_cast<double>(N));
  }

  // The starting step of Hairer, Nørsett & Wanner (§II.4, as in their dopri5.f), for
  // order 5: from the sizes of x, f(t, x) and f's change over an Euler step, one more
  // evaluation of f. k1_ holds f(t, x); y_ and k2_ are scratch.
  template <class F>
  double initial_step(F& f, double t, const Vec& x, double span) {
    const double d0 = norm(x, x), d1 = norm(k1_, x);
    const double h0 = std::min(span, (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1);
    for (std::size_t i = 0; i < N; ++i) y_[i] = x[i] + h0 * k1_[i];
    f(t + h0, y_.data(), k2_.data());
    ++stats_.evaluations;
    for (std::size_t i = 0; i < N; ++i) tmp_[i] = (k2_[i] - k1_[i]) / h0;
    const double dmax = std::max(d1, norm(tmp_, x));
    const double h1 = dmax <= 1e-15 ? std::max(1e-6, h0 * 1e-3) : std::pow(0.01 / dmax, 1.0 / 5);
    const double h = std::min(100 * h0, h1);
    return std::isfinite(h) && h > 0 ? h : s_.h_initial;
  }

  // One step of size h from (t, x): the stages (coefficients in dp5), y_ and err_.
  template <class F>
  void stages(F& f, double t, double h, const Vec& x) {
    using namespace dp5;
    for (std::size_t i = 0; i < N; ++i) tmp_[i] = x[i] + h * a21 * k1_[i];
    f(t + h / 5, tmp_.data(), k2_.data());
    for (std::size_t i = 0; i < N; ++i) tmp_[i] = x[i] + h * (a31 * k1_[i] + a32 * k2_[i]);
    f(t + 3 * h / 10, tmp_.data(), k3_.data());
    for (std::size_t i = 0; i < N; ++i) tmp_[i] = x[i] + h * (a41 * k1_[i] + a42 * k2_[i] + a43 * k3_[i]);
    f(t + 4 * h / 5, tmp_.data(), k4_.data());
    for (std::size_t i = 0; i < N; ++i)
      tmp_[i] = x[i] + h * (a51 * k1_[i] + a52 * k2_[i] + a53 * k3_[i] + a54 * k4_[i]);
    f(t + 8 * h / 9, tmp_.data(), k5_.data());
    for (std::size_t i = 0; i < N; ++i)
      tmp_[i] = x[i] + h * (a61 * k1_[i] + a62 * k2_[i] + a63 * k3_[i] + a64 * k4_[i] + a65 * k5_[i]);
    f(t + h, tmp_.data(), k6_.data());
    for (std::size_t i = 0; i < N; ++i)
      y_[i] = x[i] + h * (b1 * k1_[i] + b3 * k3_[i] + b4 * k4_[i] + b5 * k5_[i] + b6 * k6_[i]);
    f(t + h, y_.data(), k7_.data());
    stats_.evaluations += 6;
    for (std::size_t i = 0; i < N; ++i)
      err_[i] = h * (e1 * k1_[i] + e3 * k3_[i] + e4 * k4_[i] + e5 * k5_[i] + e6 * k6_[i] + e7 * k7_[i]);
  }

  double error_norm(const Vec& x) const {
    double sum = 0;
    for (std::size_t i = 0; i < N; ++i) {
      const double sc = atol_[i] + s_.rtol * std::max(std::fabs(x[i]), std::fabs(y_[i]));
      const double r = err_[i] / sc;
      sum += r * r;
    }
    return std::sqrt(sum / static_cast<double>(N));
  }

  SolverSettings s_;
  Vec atol_;
  Vec k1_{}, k2_{}, k3_{}, k4_{}, k5_{}, k6_{}, k7_{}, tmp_{}, y_{}, err_{}, x_end_{};
  SolverStats stats_;
  double h_ = 0, t_end_ = 0;  // the step carried to the next call, and where this one ended
  bool restart_ = false;
};

}  // namespace il2t::model
