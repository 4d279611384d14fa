#pragma once
// The Wilcoxon rank-sum (Mann–Whitney) test as R's wilcox.test computes it: the exact
// distribution for small samples without ties (both below 50 unless asked), else the
// normal approximation with the tie correction and the continuity correction; with
// the Hodges–Lehmann shift (the median of all x − y differences) and its interval
// (exact: from the order statistics of the differences; normal: where the corrected
// statistic crosses ±z, i.e. the points R's uniroot converges to).
#include <optional>
#include <span>

#include "stats/result.h"

namespace il2t::stats {

// `exact`: nullopt chooses as R does (exact when both samples are below 50).
Outcome<TestResult> wilcoxon_rank_sum(std::span<const double> x, std::span<const double> y,
                                      std::optional<bool> exact = std::nullopt, bool continuity = true,
                                      double conf = 0.95);

}  // namespace il2t::stats
