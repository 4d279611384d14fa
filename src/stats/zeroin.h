#pragma once
// Brent's root finder (Brent 1973, "Algorithms for Minimization without Derivatives",
// ch. 4: bisection, secant and inverse quadratic interpolation), with the stopping
// rule R's uniroot uses: stop when half the bracket is within 2·eps·|b| + tol/2.
// fisher.test's estimate and interval are uniroot results with tol = eps^0.25, so
// matching R to 1e-6 means taking the same steps, not a more precise root.
#include <cmath>
#include <limits>

namespace il2t::stats {

inline constexpr double kRUnirootTol = 1.220703125e-4;  // .Machine$double.eps^0.25

template <typename F>
double brent_zeroin(F f, double a, double b, double tol = kRUnirootTol, int max_iter = 1000) {
  constexpr double eps = std::numeric_limits<double>::epsilon();
  double fa = f(a), fb = f(b);
  if (fa == 0) return a;
  if (fb == 0) return b;
  double c = a, fc = fa;
  for (int it = 0; it <= max_iter; ++it) {
    const double prev_step = b - a;
    if (std::fabs(fc) < std::fabs(fb)) {  // b is the best guess, c the other end of the bracket
      a = b; b = c; c = a;
      fa = fb; fb = fc; fc = fa;
    }
    const double tol_act = 2 * eps * std::fabs(b) + tol / 2;
    double step = (c - b) / 2;
    if (std::fabs(step) <= tol_act || fb == 0) return b;
    if (std::fabs(prev_step) >= tol_act && std::fabs(fa) > std::fabs(fb)) {
      double p, q;
      const double cb = c - b;
      if (a == c) {  // secant
        const double t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {  // inverse quadratic interpolation
        const double qa = fa / fc, t1 = fb / fc, t2 = fb / fa;
        p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1));
        q = (qa - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (p < 0.75 * cb * q - std::fabs(tol_act * q) / 2 && p < std::fabs(prev_step * q / 2)) step = p / q;
    }
    if (std::fabs(step) < tol_act) step = step > 0 ? tol_act : -tol_act;
    a = b;
    fa = fb;
    b += step;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return b;
}

}  // namespace il2t::stats
