#pragma once
// Replicate trials on threads: the truth (each endpoint's effect in a large trial with
// balanced allocation, the same for every run with the same seed), then the replicates
// — each thread with its own runner, analyser and summary, merged at the end. The
// replicate range may be a shard of a larger run (replicates lo..hi-1 of the whole).
//
// With posterior draws (issue 21), the same replicates run once more, each under its own
// posterior parameter set and trial effect (model/draws.h): the probability of success
// (assurance), each arm's predictive distribution and MCP-Mod's dose picks with the
// parameters' uncertainty and the variation between trials included. The first run,
// under the one model given (the posterior median), gives power.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/error.h"
#include "model/draws.h"
#include "model/model.h"
#include "trial/analysis.h"
#include "trial/design.h"
#include "trial/sequential.h"
#include "trial/summary.h"

namespace il2t::trial {

struct SimulationSettings {
  std::uint64_t seed = 1;
  std::int64_t replicates = 1000;   // of the whole run
  int shard = 0, shards = 1;        // this process runs shard `shard` of `shards`
  int threads = 1;
  std::vector<int> ns;              // sample sizes (one, or a power curve)
  bool null_effect = false;
  int truth_per_arm = 2000;
  AnalysisSettings analysis;
  // The assurance run: both set, or neither.
  const model::ParameterSet* base = nullptr;        // the parameter files the draws go into
  const model::ParameterDraws* draws = nullptr;
  bool keep_replicates = false;  // keep each replicate's results (SimulationResult::replicate_results)
};

// One replicate trial's result for one comparison, or for an endpoint's MCP-Mod test
// (`comparison` == kMcpModTest: estimate and interval not applicable, `picked` the arm
// of the dose it picks or -1), as --replicate-results writes it.
inline constexpr std::uint16_t kMcpModTest = 0xffff;
struct ReplicateResult {
  std::int64_t replicate = 0;
  int n = 0;                  // the trial's size
  bool assurance = false;     // from the run under posterior draws
  std::uint16_t endpoint = 0;  // index into the design's endpoints
  std::uint16_t comparison = 0;  // index into comparison_labels(), or kMcpModTest
  std::uint32_t n_analysed = 0;  // the rows of the compared groups (the arm's and the reference's)
  Comparison result;
  int picked = -1;
  int look = 1;        // the analysis the result comes from: 1 of 1 for a fixed design
  int looks = 1;       // the design's analyses
  int stopped_at = 1;  // the look at which the replicate trial stopped
  // The group-sequential decision comparison's decision at this look (stats::Decision),
  // or -1: not that comparison, or a final analysis the trial stopped before.
  int decision = -1;
};

struct Truth {
  int per_arm = 0;
  std::vector<std::vector<double>> effects;  // per endpoint, per comparison
  std::vector<std::vector<double>> arm_mean;  // per endpoint, per compared arm
};

struct SimulationResult {
  bool ok = false;
  Error error;
  Truth truth;
  std::vector<Summary> summaries;  // per sample size
  std::vector<Summary> assurance;  // per sample size, with draws (truth not applicable)
  std::vector<SequentialDesign> sequential;  // per sample size: a group-sequential design's bounds
  // The posterior draws the assurance run's outcomes refer to: their columns, and the
  // values of the rows used (for the variance decomposition).
  std::vector<std::string> draw_names;
  std::map<std::uint32_t, std::vector<double>> draw_values;
  std::int64_t first = 0, last = 0;  // the replicates run: first..last-1
  // With SimulationSettings::keep_replicates: by sample size, run (power, then
  // assurance), replicate, endpoint and comparison, whatever the threads.
  std::vector<ReplicateResult> replicate_results;
};

// The replicates shard `i` of `n` runs out of `total`.
std::pair<std::int64_t, std::int64_t> shard_range(std::int64_t total, int i, int n);

// The truth trial's parts (each counted in `done` as it finishes).
int truth_chunks(int truth_per_arm);

// `done` counts finished truth parts and replicates (all sample sizes, both runs), for a
// progress display: truth_chunks() + replicates of the shard × sample sizes × (1, or 2
// with draws).
SimulationResult simulate(const TrialDesign& d, const model::Model& m, const SimulationSettings& s,
                          std::atomic<std::int64_t>* done = nullptr);

// The longest follow-up of any arm, in days (for the infection curves' grid).
int max_follow_up_day(const TrialDesign& d);

}  // namespace il2t::trial
