#pragma once
// `il2trial stats`: one analysis of a user's CSV, columns named by options, the result
// as JSON with statistic, p_value, estimate, ci_lower and ci_upper where they apply.
#include <nlohmann/json.hpp>
#include <string>

#include "data/columns.h"
#include "stats/mcpmod.h"
#include "stats/result.h"

namespace il2t::report {

struct StatsOptions {
  std::string file;  // the data file's name, for messages that have no row to point at
  std::string group, response, outcome, baseline, time, event, strata, covariate, dose, models;
  double delta = 0;  // mcpmod: the clinically relevant effect for the target dose
  bool decreasing = false;  // mcpmod: a lower response is better
  std::string reference;  // the control group's label (second row); default: the last label in sorted order
  bool yates = false, pooled = false, no_correction = false, breslow = false, one_sided = false;  // no_correction: cmh, wilcoxon
  double conf = 0.95;
};

// The analyses: proportion, fisher, chisq, cmh, ttest, ancova, wilcoxon, km, logrank, cox, logistic,
// dunnett, mcpmod.
stats::Outcome<nlohmann::ordered_json> run_stats(const std::string& analysis, const data::Columns& csv,
                                                 const StatsOptions& o);
// The result as text: the common lines (statistic, df, p_value, estimate, interval),
// then each analysis's own table (per group, per coefficient, per comparison, per
// model). In stats_text.cpp.
std::string stats_text(const nlohmann::ordered_json& result);

// "linear,emax:0.2,sigEmax:0.4:3" → candidate models with their guesstimates (MCP-Mod).
stats::Outcome<std::vector<stats::CandidateModel>> parse_models(const std::string& text);
// MCP-Mod's default candidate models, as simulate and analyze take them.
inline constexpr const char* kDefaultModels = "linear,emax:0.2,sigEmax:0.4:3,exponential:0.5";

}  // namespace il2t::report
