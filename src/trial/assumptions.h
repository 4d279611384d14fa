#pragma once
// What a simulated trial assumes beyond its protocol and the model: who comes to
// screening (population/params.h) and how the trial is conducted (conduct.h). They are
// read from the same parameter files as the model (models/*.toml) and vary with it
// (a posterior draw may move a population's disease activity), so they are bound from
// the model's parameter set, by their own parts.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/model.h"
#include "population/params.h"
#include "trial/conduct.h"

namespace il2t::trial {

struct Assumptions {
  population::Populations populations;
  ConductParams conduct;
};

struct AssumptionsBind {
  std::optional<Assumptions> assumptions;
  std::vector<Error> errors;  // each names its entry; format() gives "file:line: error: name: message"
};

// The populations' and the conduct's groups of `set`.
AssumptionsBind bind_assumptions(const model::ParameterSet& set);

// Every problem of a whole parameter set: the model's groups, the populations', the
// conduct's, then each entry that none of them uses (with the closest known name).
std::vector<Error> check_parameters(const model::ParameterSet& set);

// Loads models/*.toml from `dir`, applies `overrides` in order, checks the whole set
// (check_parameters), then makes the model.
model::ModelLoad load_checked_model(const std::string& dir,
                                    const std::vector<std::pair<std::string, double>>& overrides = {});

}  // namespace il2t::trial
