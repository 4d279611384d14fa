#pragma once
// The exact accumulators of a shard file as JSON and back: a 128-bit sum as a decimal
// string, an ExactSum as [sum, squares, n], and arrays of counts; and the small helpers
// the simulation's JSON shares. Internal to sim_json.cpp and sim_json_design.cpp.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "trial/summary.h"

namespace il2t::report {

std::string wide_text(trial::Wide v);
bool wide_parse(const std::string& s, trial::Wide& out);
nlohmann::ordered_json exact_json(const trial::ExactSum& e);
bool exact_read(const nlohmann::json& j, trial::ExactSum& e);
// An array of exactly v.size() counts, none below `least`.
bool counts_read(const nlohmann::json& j, std::vector<std::int64_t>& v, std::int64_t least = 0);

// A number, or null when it is not finite (JSON has no NaN).
nlohmann::ordered_json num(double v);
// a / b, NaN when b is 0.
double frac(std::int64_t a, std::int64_t b);
// The member `key` of object `j`, or nullptr.
const nlohmann::json* member(const nlohmann::json& j, const char* key);

}  // namespace il2t::report
