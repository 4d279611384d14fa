#pragma once
// The compact table `il2trial simulate` prints: from the results JSON, so the terminal
// and the file always agree. Deterministic (no timings), for stored expected output.
#include <nlohmann/json.hpp>
#include <string>

namespace il2t::report {

std::string simulation_text(const nlohmann::ordered_json& results);

}  // namespace il2t::report
