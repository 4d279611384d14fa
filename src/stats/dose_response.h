#pragma once
// Fitting the candidate dose–response models by least squares, as DoseFinding's fitMod
// does for a normal response: the linear parameters profiled out, the nonlinear ones
// searched within DoseFinding's default bounds (defBnds) for the largest dose D —
// emax ED50 in [0.001 D, 1.5 D]; sigEmax ED50 likewise and h in [0.5, 10]; exponential
// delta in [0.1 D, 2 D]; logistic ED50 in [0.001 D, 1.5 D] and delta in [0.01 D, 0.5 D]. AIC as DoseFinding's, and the target dose: the smallest dose
// whose effect over placebo reaches Delta in the beneficial direction.
#include <map>
#include <optional>
#include <span>
#include <string>

#include "stats/result.h"

namespace il2t::stats {

struct ModelFit {
  std::string model;
  std::map<std::string, double> coef;  // e0, eMax, ed50, h, e1, delta, b1, b2 (by model)
  double rss = 0, aic = 0;
};

// model: linear, emax, sigEmax, exponential, quadratic, logistic.
Outcome<ModelFit> fit_dose_response(const std::string& model, std::span<const double> dose, std::span<const double> response);

// The smallest dose in (0, max dose] where the fitted effect over dose 0 reaches Delta
// (a decrease of Delta when `decreasing`); nullopt where none does.
std::optional<double> target_dose(const ModelFit& fit, double delta, bool decreasing, double max_dose);

}  // namespace il2t::stats
