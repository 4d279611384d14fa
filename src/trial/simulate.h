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
  // The posterior draws the assurance run's outcomes refer to: their columns, and the
  // values of the rows used (for the variance decomposition).
  std::vector<std::string> draw_names;
  std::map<std::uint32_t, std::vector<double>> draw_values;
  std::int64_t first = 0, last = 0;  // the replicates run: first..last-1
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
