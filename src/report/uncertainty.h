#pragma once
// What a simulation with posterior draws adds to its results (trial/simulate.h): for
// one sample size, the probability of success (assurance) beside the power at the
// posterior median, each arm's predictive distribution, MCP-Mod's dose picks, and which
// uncertain assumptions move the primary endpoint: a variance decomposition of its
// main estimate over the replicate trials (stats/first_order.h), one first-order index
// per posterior parameter and for the trial effect; those that stand out from noise are
// listed by their share (the index less its value under no effect), with the
// probability of success in the lowest and highest third of each.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "report/sim_json.h"
#include "trial/design.h"
#include "trial/simulate.h"

namespace il2t::report {

// The "uncertainty" member of size k's results; null when the run had no posterior.
nlohmann::ordered_json uncertainty_json(const trial::TrialDesign& d, const SimProvenance& p,
                                        const trial::SimulationResult& r, std::size_t k);

// How a report names the posterior of an "uncertainty" member: its file name (not the
// path, so that reports read the same on every machine) and its hash's first 12 digits.
std::string posterior_label(const nlohmann::ordered_json& uncertainty);

// The decomposition's bins, and how many sources the text shows.
inline constexpr int kDecompositionBins = 10;
inline constexpr int kDecompositionShown = 6;
// A source is listed when noise alone would list any source with at most this
// probability; the permutation null is sampled until this many permutations lie beyond
// the threshold, from this seed.
inline constexpr double kDecompositionFamilyError = 0.05;
inline constexpr double kDecompositionTailCount = 20;
inline constexpr std::uint64_t kDecompositionNullSeed = 1;

}  // namespace il2t::report
