#pragma once
// Options shared by the commands that simulate the calibration studies (check-model,
// calibrate): the seed, the replicates per study and the threads, each checked with a
// message naming the option.
#include <cstdint>
#include <optional>
#include <string>

#include "calibration/check.h"

namespace il2t::cli {

// nullopt after printing the error; threads 0 means one per core. Replicates from
// `fewest` (10 where the replicates' quantiles are reported; 2 for a posterior's design
// points, whose summaries the emulator smooths).
std::optional<calibration::CheckSettings> check_settings(const std::string& seed_text, std::int64_t replicates,
                                                         int threads, const char* cmd, std::int64_t fewest = 10);

}  // namespace il2t::cli
