#pragma once
// Two-sample t tests as R's t.test computes them (Welch, or pooled variance), and the
// ANCOVA of an outcome on baseline and group (the treatment effect, as lm's coefficient).
#include <span>

#include "stats/result.h"

namespace il2t::stats {

// x minus y: the estimate is mean(x) − mean(y).
Outcome<TestResult> t_test(std::span<const double> x, std::span<const double> y, bool equal_variances,
                           double conf = 0.95);

// outcome = b0 + b1·baseline + b2·group: the estimate is b2 (group 1 vs 0), with its
// t test on n − 3 degrees of freedom.
Outcome<TestResult> ancova(std::span<const double> group, std::span<const double> baseline,
                           std::span<const double> outcome, double conf = 0.95);

}  // namespace il2t::stats
