#include "cli/check_options.h"

#include <algorithm>
#include <iostream>
#include <thread>

#include "cli/model_options.h"

namespace il2t::cli {

std::optional<calibration::CheckSettings> check_settings(const std::string& seed_text, std::int64_t replicates,
                                                         int threads, const char* cmd, std::int64_t fewest) {
  const auto seed = parse_seed(seed_text, cmd);
  if (!seed) return std::nullopt;
  if (replicates < fewest || replicates > 100000) {
    std::cerr << cmd << ": error: --replicates " << replicates << ": give " << fewest << " to 100000\n";
    return std::nullopt;
  }
  if (threads < 0 || threads > 1024) {
    std::cerr << cmd << ": error: --threads " << threads << ": give 1 to 1024 (0: one per core)\n";
    return std::nullopt;
  }
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return calibration::CheckSettings{replicates, *seed, threads > 0 ? threads : cores};
}

}  // namespace il2t::cli
