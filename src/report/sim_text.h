#pragma once
// The compact table `il2trial simulate` prints: from the results JSON, so the terminal
// and the file always agree. Deterministic (no timings), for stored expected output.
#include <nlohmann/json.hpp>
#include <string>

namespace il2t::report {

std::string simulation_text(const nlohmann::ordered_json& results);

// A JSON number as the reports show it: a share as a percentage with one decimal, a
// value with `digits` decimals; "–" for null (not estimable).
std::string percent_text(const nlohmann::ordered_json& v);
std::string value_text(const nlohmann::ordered_json& v, int digits = 3);

}  // namespace il2t::report
