#pragma once
// 2×2 tables: Fisher's exact test as R's fisher.test computes it (two-sided p summing
// the tables no more probable than the observed, with R's 1e-7 relative tolerance;
// conditional maximum-likelihood odds ratio and its exact interval), Pearson's
// chi-square with and without Yates' correction (chisq.test), and the
// Cochran–Mantel–Haenszel test with the Mantel–Haenszel common odds ratio and its
// Robins–Breslow–Greenland interval (mantelhaen.test).
#include <array>
#include <span>

#include "stats/result.h"

namespace il2t::stats {

// Rows are the groups, columns the outcome (yes, no): {{a, b}, {c, d}}.
using Table2x2 = std::array<std::array<double, 2>, 2>;

Outcome<TestResult> fisher_exact(const Table2x2& t, double conf = 0.95);
// One-sided p-values: the odds ratio below 1 ("less") or above 1 ("greater").
Outcome<TestResult> fisher_one_sided(const Table2x2& t, bool greater);

Outcome<TestResult> chi_square(const Table2x2& t, bool yates);

Outcome<TestResult> cmh(std::span<const Table2x2> strata, bool continuity, double conf = 0.95);

}  // namespace il2t::stats
