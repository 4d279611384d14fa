#pragma once
// Options shared by the commands that run the model (patient, simulate): the seed,
// `--set name=value` overrides, and loading the parameter files with their errors
// printed. Each prints its own message (naming the option) and returns nullopt.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/model.h"

namespace il2t::cli {

std::optional<std::uint64_t> parse_seed(const std::string& text, const char* cmd);
std::optional<std::vector<std::pair<std::string, double>>> parse_sets(const std::vector<std::string>& sets, const char* cmd);
// Each error on stderr: "file:line: error: ..." when it has a file, else "<cmd>: error: ...".
void print_errors(const std::vector<Error>& errors, const char* cmd);
// The model of `dir` with `overrides`, the whole parameter set checked
// (trial::load_checked_model); nullopt, with every error printed, when it does not load.
std::optional<model::Model> load_model_reporting(const std::string& dir,
                                                 const std::vector<std::pair<std::string, double>>& overrides,
                                                 const char* cmd);

}  // namespace il2t::cli
