#pragma once
// Binding one parameter set (models/*.toml) part by part. Each part binds its own
// groups into its own types: the model here (params.h), the candidate populations in
// population/, the trial's conduct in trial/. Each notes the entries it used, so that
// one check at the end (trial/assumptions.h, check_parameters) names every entry that
// no part used.
#include <set>
#include <string>
#include <vector>

#include "model/parameter_set.h"

namespace il2t::model {

struct BindLog {
  std::set<std::string> used;       // entries some part has bound
  std::vector<std::string> known;   // every name a part asked for, for "did you mean"
  std::vector<std::string> errors;  // "file:line: error: name: message" or "error: missing ..."

  // The value of `name` into `field`; an error naming it when the set lacks it.
  void take(const ParameterSet& set, const std::string& name, double& field);
  // An error for every entry of `set` that no part used, with the closest known name.
  void report_unused(const ParameterSet& set);
};

// "file:line: error: name": how an error about one entry begins.
std::string where(const Parameter& p);

}  // namespace il2t::model
