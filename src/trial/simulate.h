#pragma once
// Replicate trials on threads: the truth (each endpoint's effect in a large trial with
// balanced allocation, the same for every run with the same seed), then the replicates
// — each thread with its own runner, analyser and summary, merged at the end. The
// replicate range may be a shard of a larger run (replicates lo..hi-1 of the whole).
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

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
};

struct Truth {
  int per_arm = 0;
  std::vector<std::vector<double>> effects;  // per endpoint, per comparison
  std::vector<std::vector<double>> arm_mean;  // per endpoint, per compared arm
};

struct SimulationResult {
  bool ok = false;
  std::string error;
  Truth truth;
  std::vector<Summary> summaries;  // per sample size
  std::int64_t first = 0, last = 0;  // the replicates run: first..last-1
};

// The replicates shard `i` of `n` runs out of `total`.
std::pair<std::int64_t, std::int64_t> shard_range(std::int64_t total, int i, int n);

// The truth trial's parts (each counted in `done` as it finishes).
int truth_chunks(int truth_per_arm);

// `done` counts finished truth parts and replicates (all sample sizes), for a progress
// display: truth_chunks() + replicates of the shard × sample sizes in all.
SimulationResult simulate(const TrialDesign& d, const model::Model& m, const SimulationSettings& s,
                          std::atomic<std::int64_t>* done = nullptr);

// The longest follow-up of any arm, in days (for the infection curves' grid).
int max_follow_up_day(const TrialDesign& d);

}  // namespace il2t::trial
