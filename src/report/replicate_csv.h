#pragma once
// --replicate-results: one CSV row per replicate trial and comparison (or MCP-Mod
// test), in the order the simulation keeps them (trial::SimulationResult): what a
// statistician reads into R to check an operating characteristic or to look at one
// replicate. Numbers are written to 17 significant digits, so they read back exactly.
#include <string>

#include "trial/design.h"
#include "trial/simulate.h"

namespace il2t::report {

// The header and every kept row.
std::string replicate_results_csv(const trial::TrialDesign& d, const trial::SimulationResult& r);

}  // namespace il2t::report
