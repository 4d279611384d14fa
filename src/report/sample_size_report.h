#pragma once
// What simulate --target-power prints and writes: the size found with its Monte Carlo
// range, and every size simulated with its rate and standard error.
#include <nlohmann/json.hpp>
#include <string>

#include "trial/design.h"
#include "trial/sample_size.h"

namespace il2t::report {

nlohmann::ordered_json sample_size_json(const trial::TrialDesign& d, const trial::SizeSearch& s, std::int64_t replicates);
std::string sample_size_text(const nlohmann::ordered_json& j);

}  // namespace il2t::report
