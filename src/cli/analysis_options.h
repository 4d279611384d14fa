#pragma once
// The analysis options simulate and analyze share: the two-sided level, MCP-Mod's
// clinically relevant effect and its candidate models, each checked with a message
// naming the option.
#include <optional>
#include <string>

#include "trial/analysis.h"

namespace il2t::cli {

// nullopt after printing the error (a usage error: exit status 2).
std::optional<trial::AnalysisSettings> analysis_settings(double alpha, double delta, const std::string& models,
                                                         const char* cmd);

}  // namespace il2t::cli
