#pragma once
// The calibration targets: published results, one per row of a CSV
// (data/calibration/targets.csv), each with its study, arm, week, statistic and source.
// The model is fitted to these rows only; everything else published is validation.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace il2t::calibration {

struct Target {
  int line = 0;  // where the row is in its file
  std::string id, study, registry, disease, regimen, arm, quantity;
  std::optional<double> week;
  std::string statistic;  // proportion, median, mean, fold, fold_minus_1, dose, range, rate
  double value = 0;
  std::optional<double> numerator, denominator;
  std::string spread, source;
};

struct TargetsRead {
  std::vector<Target> targets;
  Error error;  // file, line and column (field); text() "file:line: column: why"; empty when read
};

// Reads targets from CSV text; `file` names it in errors. Ids must be unique; value a
// finite number; a proportion lies in [0, 1] and, with n/N, equals n/N to 0.005.
TargetsRead read_targets(std::string_view text, const std::string& file);

}  // namespace il2t::calibration
