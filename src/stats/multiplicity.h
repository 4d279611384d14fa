#pragma once
// Adjusted p-values for multiple comparisons, as R's p.adjust: Bonferroni, Holm
// (step-down) and Hochberg (step-up). Each adjusted p is capped at 1.
#include <span>
#include <vector>

#include "stats/result.h"

namespace il2t::stats {

Outcome<std::vector<double>> bonferroni(std::span<const double> p);
Outcome<std::vector<double>> holm(std::span<const double> p);
Outcome<std::vector<double>> hochberg(std::span<const double> p);

}  // namespace il2t::stats
