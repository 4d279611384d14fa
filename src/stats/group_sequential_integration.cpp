#include "stats/group_sequential_integration.h"

#include "stats/boost_policy.h"  // first: no exceptions from Boost.Math
#include <boost/math/quadrature/gauss.hpp>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "stats/distributions.h"

namespace il2t::stats::gs_detail {

namespace {

constexpr double kWindow = 8.5;         // SDs about the mean kept at each look
constexpr double kKernelCutoff = 9.0;   // kernel terms beyond 9 SDs are below 3e-18
constexpr double kInvSqrt2Pi = 0.39894228040143267794;
constexpr double kInvSqrt2 = 0.70710678118654752440;
constexpr std::size_t kPanelNodes = 20;  // Gauss–Legendre nodes per panel (Boost tabulates 20)

double phi(double x) { return kInvSqrt2Pi * std::exp(-0.5 * x * x); }
double upper_tail(double x) { return 0.5 * std::erfc(x * kInvSqrt2); }  // 1 − Φ(x)
double lower_tail(double x) { return 0.5 * std::erfc(-x * kInvSqrt2); }  // Φ(x)

// The 20-point Gauss–Legendre rule on [0, 1]: nodes and weights.
struct PanelRule {
  std::array<double, kPanelNodes> node{}, weight{};
};

PanelRule make_panel_rule() {
  using Rule = boost::math::quadrature::gauss<double, kPanelNodes>;
  const auto& x = Rule::abscissa();  // the non-negative half, ascending
  const auto& w = Rule::weights();
  PanelRule r;
  const std::size_t half = kPanelNodes / 2;
  for (std::size_t i = 0; i < half; ++i) {
    r.node[half - 1 - i] = 0.5 * (1 - x[i]);
    r.weight[half - 1 - i] = 0.5 * w[i];
    r.node[half + i] = 0.5 * (1 + x[i]);
    r.weight[half + i] = 0.5 * w[i];
  }
  return r;
}

const PanelRule& panel_rule() {
  static const PanelRule rule = make_panel_rule();
  return rule;
}

}  // namespace

Recursion::Recursion(std::span<const double> rates, double drift, double panel_scale)
    : rates_(rates.begin(), rates.end()), drift_(drift), panel_scale_(panel_scale) {}

double Recursion::mean() const { return drift_ * std::sqrt(rates_[look_]); }

double Recursion::upper(double c, double* slope) const {
  if (look_ == 0) {
    const double x = c - drift_ * std::sqrt(rates_[0]);
    if (slope) *slope = -phi(x);
    return upper_tail(x);
  }
  double p = 0, d = 0;
  for (std::size_t i = 0; i < mass_.size(); ++i) {
    const double x = c * a_ - b_[i];
    p += mass_[i] * upper_tail(x);
    if (slope) d += mass_[i] * phi(x);
  }
  if (slope) *slope = -a_ * d;
  return p;
}

double Recursion::lower(double f, double* slope) const {
  if (look_ == 0) {
    const double x = f - drift_ * std::sqrt(rates_[0]);
    if (slope) *slope = phi(x);
    return lower_tail(x);
  }
  double p = 0, d = 0;
  for (std::size_t i = 0; i < mass_.size(); ++i) {
    const double x = f * a_ - b_[i];
    p += mass_[i] * lower_tail(x);
    if (slope) d += mass_[i] * phi(x);
  }
  if (slope) *slope = a_ * d;
  return p;
}

void Recursion::advance(double f, double c) {
  const std::size_t k = look_;
  const double t = rates_[k];
  const double mean = drift_ * std::sqrt(t);
  const double lo = std::max(f, mean - kWindow), hi = std::min(c, mean + kWindow);
  next_z_.clear();
  next_mass_.clear();
  if (reach_ > 0 && lo < hi && k + 1 < rates_.size()) {
    // Panels a few times the narrowest scale the integrand varies on: the kernel into
    // this look (the sub-density's) and the kernel out of it (the next look's).
    const double scale_in = k == 0 ? 1.0 : std::sqrt((t - rates_[k - 1]) / t);
    const double scale_out = std::sqrt((rates_[k + 1] - t) / t);
    const double width = panel_scale_ * std::min(scale_in, scale_out);
    const auto panels = static_cast<std::size_t>(std::max(1.0, std::ceil((hi - lo) / width)));
    const double h = (hi - lo) / static_cast<double>(panels);
    const PanelRule& rule = panel_rule();
    for (std::size_t p = 0; p < panels; ++p) {
      const double start = lo + h * static_cast<double>(p);
      for (std::size_t j = 0; j < kPanelNodes; ++j) {
        next_z_.push_back(start + h * rule.node[j]);
        next_mass_.push_back(h * rule.weight[j]);
      }
    }
    if (k == 0) {
      for (std::size_t j = 0; j < next_z_.size(); ++j) next_mass_[j] *= phi(next_z_[j] - mean);
    } else {
      // The kernel from node i of the previous look: a·z − b_i standard deviations.
      const double norm = a_ * kInvSqrt2Pi;
      for (std::size_t j = 0; j < next_z_.size(); ++j) {
        const double centre = next_z_[j] * a_;
        const auto first = std::lower_bound(b_.begin(), b_.end(), centre - kKernelCutoff) - b_.begin();
        const auto last = std::upper_bound(b_.begin(), b_.end(), centre + kKernelCutoff) - b_.begin();
        double sum = 0;
        for (auto i = first; i < last; ++i) {
          const double x = centre - b_[i];
          sum += mass_[i] * std::exp(-0.5 * x * x);
        }
        next_mass_[j] *= norm * sum;
      }
    }
  }
  z_.swap(next_z_);
  mass_.swap(next_mass_);
  look_ = k + 1;
  reach_ = 0;
  for (double m : mass_) reach_ += m;
  if (look_ < rates_.size()) {
    const double dt = rates_[look_] - t, sd = std::sqrt(dt);
    a_ = std::sqrt(rates_[look_]) / sd;
    b_.resize(z_.size());
    const double root_t = std::sqrt(t);
    for (std::size_t i = 0; i < z_.size(); ++i) b_[i] = (z_[i] * root_t + drift_ * dt) / sd;
  }
}

namespace {

// The x with value(x) = target for a monotone tail probability (`increasing` says
// which way), by Newton's method on log value(x), kept inside the bracket it builds.
template <typename F>
double solve_tail(F value, double target, double guess, bool increasing) {
  const double log_target = std::log(target);
  const double dir = increasing ? 1.0 : -1.0;  // the way value grows
  double below = -std::numeric_limits<double>::infinity();  // value(x) < target here (in dir)
  double above = std::numeric_limits<double>::infinity();   // value(x) > target here
  // In "dir" coordinates y = dir·x value grows with y: below < y* < above.
  double y = dir * guess;
  for (int it = 0; it < 200; ++it) {
    double slope = 0;
    const double v = value(dir * y, &slope);
    double next;
    if (!(v > 0)) {  // underflow: far in the small tail
      below = std::max(below, y);
      next = std::isfinite(above) ? 0.5 * (below + above) : y + 1;
    } else {
      const double g = std::log(v) - log_target;
      if (g == 0) return dir * y;
      if (g < 0) below = std::max(below, y);
      else above = std::min(above, y);
      const double dg = dir * slope / v;  // d log value / dy, ≥ 0
      double step = dg > 0 ? -g / dg : (g < 0 ? 1.0 : -1.0);
      step = std::clamp(step, -1.0, 1.0);
      next = y + step;
      if (!(next > below && next < above)) {
        if (std::isfinite(below) && std::isfinite(above)) next = 0.5 * (below + above);
        else next = y + (g < 0 ? 1.0 : -1.0);
      }
    }
    const double tol = 1e-14 * std::max(1.0, std::fabs(y));
    if (std::fabs(next - y) < tol || above - below < tol) return dir * next;
    y = next;
  }
  return dir * y;
}

}  // namespace

double solve_upper(const Recursion& r, double target) {
  if (!(target > 0)) return std::numeric_limits<double>::infinity();
  if (!(target < r.reach())) return std::numeric_limits<double>::quiet_NaN();
  const double marginal = r.mean() - dist::norm_quantile(target);  // exact at look 0
  if (r.look() == 0) return marginal;
  return solve_tail([&](double x, double* slope) { return r.upper(x, slope); }, target, marginal, false);
}

double solve_lower(const Recursion& r, double target) {
  if (!(target > 0)) return -std::numeric_limits<double>::infinity();
  if (!(target < r.reach())) return std::numeric_limits<double>::quiet_NaN();
  const double marginal = r.mean() + dist::norm_quantile(target);
  if (r.look() == 0) return marginal;
  return solve_tail([&](double x, double* slope) { return r.lower(x, slope); }, target, marginal, true);
}

}  // namespace il2t::stats::gs_detail
