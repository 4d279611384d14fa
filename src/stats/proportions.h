#pragma once
// Confidence intervals for one proportion and for the comparison of two:
// Wilson (with and without continuity correction, as R's prop.test), Clopper–Pearson
// (as R's binom.test), Agresti–Coull; the difference with Newcombe's hybrid score
// interval (method 10); the risk ratio (Katz log interval) and the odds ratio (Woolf).
#include "stats/result.h"

namespace il2t::stats {

Outcome<Interval> wilson(double x, double n, double conf = 0.95, bool continuity = false);
Outcome<Interval> clopper_pearson(double x, double n, double conf = 0.95);
Outcome<Interval> agresti_coull(double x, double n, double conf = 0.95);

struct Ratio {
  double estimate = 0;
  Interval ci;
};

// Group 1 vs group 2: x1 of n1 and x2 of n2.
Outcome<TestResult> newcombe_difference(double x1, double n1, double x2, double n2, double conf = 0.95);
// Miettinen–Nurminen (1985) score interval for p1 − p2, with the N/(N − 1) variance
// factor; the constrained estimates by Farrington & Manning's closed form (1990).
Outcome<TestResult> miettinen_nurminen(double x1, double n1, double x2, double n2, double conf = 0.95);
Outcome<Ratio> risk_ratio(double x1, double n1, double x2, double n2, double conf = 0.95);
Outcome<Ratio> odds_ratio_wald(double x1, double n1, double x2, double n2, double conf = 0.95);

}  // namespace il2t::stats
