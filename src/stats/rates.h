#pragma once
// Event rates: the exact binomial test (R's binom.test, two-sided), the comparison of
// two Poisson rates by their rate ratio with its exact interval (R's poisson.test),
// and incidence per 100 patient-years.
#include "stats/result.h"

namespace il2t::stats {

Outcome<TestResult> binomial_test(double x, double n, double p, double conf = 0.95);

// Events x1 over exposure t1 against x2 over t2; the estimate is (x1/t1) / (x2/t2).
Outcome<TestResult> poisson_rate_ratio(double x1, double t1, double x2, double t2, double conf = 0.95);

// Events per 100 patient-years with the exact (Garwood) interval.
Outcome<TestResult> incidence_per_100py(double events, double patient_years, double conf = 0.95);

}  // namespace il2t::stats
