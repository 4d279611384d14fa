#pragma once
// The recursive numerical integration behind group-sequential designs (Armitage,
// McPherson & Rowe 1969; Jennison & Turnbull 2000, ch. 19). Z_k ~ N(drift·√t_k, 1) at
// information rate t_k, with the canonical joint distribution: the score √t_k·Z_k has
// independent N(drift·Δt, Δt) increments. The sub-density of Z_k on the continuation
// region (the paths that have not stopped) is carried from look to look on composite
// Gauss–Legendre nodes (20 per panel, panels 6 kernel standard deviations wide: about 3
// nodes per standard deviation), on the continuation region cut to ±8.5 standard
// deviations about the mean (the mass cut off is below 1e-17). Panels six times finer
// change no probability or bound by more than about 3e-13. Crossing probabilities at a
// look are sums of normal tails over the previous look's nodes. Used by
// group_sequential.cpp; not a public interface.
#include <cstddef>
#include <span>
#include <vector>

namespace il2t::stats::gs_detail {

class Recursion {
 public:
  static constexpr double kDefaultPanelScale = 6.0;

  // `panel_scale`: panel width over the narrowest kernel standard deviation (smaller is
  // finer); the default reaches about 1e-12 on probabilities and bounds.
  Recursion(std::span<const double> rates, double drift, double panel_scale = kDefaultPanelScale);

  std::size_t look() const { return look_; }  // the current look, 0-based
  double drift() const { return drift_; }
  double mean() const;  // E[Z] at the current look: drift·√t
  // P(the trial reaches the current look): it has continued at every earlier look.
  double reach() const { return reach_; }
  // P(reach the current look and Z ≥ c); `slope`, when given, receives its derivative
  // in c (minus the sub-density at c).
  double upper(double c, double* slope = nullptr) const;
  // P(reach the current look and Z ≤ f), and its derivative in f.
  double lower(double f, double* slope = nullptr) const;
  // Continue past the current look on f < Z < c (f may be -inf, c +inf): the next look
  // becomes current. Not after the last look.
  void advance(double f, double c);

 private:
  std::vector<double> rates_;
  double drift_ = 0;
  double panel_scale_ = kDefaultPanelScale;
  std::size_t look_ = 0;
  double reach_ = 1;
  // The previous look's nodes and weight × sub-density there (empty at look 0, or when
  // no path continues).
  std::vector<double> z_, mass_;
  std::vector<double> next_z_, next_mass_, shifted_;  // scratch for advance()
  // Tail terms at the current look: x_i = c·a_ − b_i.
  double a_ = 1;
  std::vector<double> b_;
};

// The bound c with r.upper(c) = target: +inf when target ≤ 0; NaN when even c = -inf
// would not reach the target. Accurate to about 1e-13.
double solve_upper(const Recursion& r, double target);
// The bound f with r.lower(f) = target: -inf when target ≤ 0; NaN when it cannot be
// reached.
double solve_lower(const Recursion& r, double target);

}  // namespace il2t::stats::gs_detail
