#pragma once
// The shard a Slurm array task runs (issue 25): in a job array, `simulate` takes part
// i of n from the task's own variables rather than --shard, so one sbatch line serves
// every task. i = SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN, n = SLURM_ARRAY_TASK_COUNT;
// the array's indices must be contiguous (step 1). And "{shard}" in --out becomes i, so
// each task writes its own file.
#include <functional>
#include <optional>
#include <string>

#include "core/error.h"

namespace il2t::cli {

// The environment as the CLI reads it (std::getenv), or a map in tests.
using Environment = std::function<const char*(const char*)>;

// "i/n" when run as a task of a Slurm array (SLURM_ARRAY_TASK_COUNT set), nullopt
// outside one; an error naming the variable when they do not describe a contiguous array.
Expected<std::optional<std::string>> slurm_shard(const Environment& env);

// `out` with each "{shard}" replaced by `shard`.
std::string out_for_shard(std::string out, int shard);

}  // namespace il2t::cli
