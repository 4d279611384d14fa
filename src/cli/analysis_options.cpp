#include "cli/analysis_options.h"

#include <iostream>

#include "report/stats_runner.h"

namespace il2t::cli {

std::optional<trial::AnalysisSettings> analysis_settings(double alpha, double delta, const std::string& models,
                                                         const char* cmd) {
  if (!(alpha > 0 && alpha < 1)) {
    std::cerr << cmd << ": error: --alpha " << alpha << ": give a level between 0 and 1 (two-sided)\n";
    return std::nullopt;
  }
  if (!(delta > 0 && delta <= 1)) {
    std::cerr << cmd << ": error: --delta " << delta << ": give an effect on the response scale, above 0 and at most 1\n";
    return std::nullopt;
  }
  auto parsed = report::parse_models(models);
  if (!parsed) {
    std::cerr << cmd << ": error: " << parsed.error << "\n";
    return std::nullopt;
  }
  return trial::AnalysisSettings{alpha, delta, *parsed.value};
}

}  // namespace il2t::cli
