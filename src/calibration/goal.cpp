#include "calibration/goal.h"

#include <cmath>

namespace il2t::calibration {

GoalStatus goal_status(double published, double within, const std::vector<double>& values) {
  GoalStatus g;
  g.published = published;
  g.within = within;
  double sum = 0;
  int n = 0;
  for (double x : values)
    if (std::isfinite(x)) sum += x, ++n;
  if (n == 0) {
    g.expected = g.mc_se = g.distance = NAN;
    return g;
  }
  g.expected = sum / n;
  double ss = 0;
  for (double x : values)
    if (std::isfinite(x)) ss += (x - g.expected) * (x - g.expected);
  g.mc_se = n > 1 ? std::sqrt(ss / (n - 1) / n) : 0.0;
  g.distance = std::abs(g.expected - published);
  g.met = g.distance <= within;
  const double excess = g.distance - (within - kGoalMarginSe * g.mc_se);
  if (excess > 0) g.penalty = 0.5 * (excess / kGoalPenaltyScale) * (excess / kGoalPenaltyScale);
  return g;
}

}  // namespace il2t::calibration
