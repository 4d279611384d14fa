#pragma once
// Binding one parameter set (models/*.toml) part by part. Each part binds its own
// groups into its own types: the model here (params.h), the candidate populations in
// population/, the trial's conduct in trial/. Each notes the entries it used, so that
// one check at the end (trial/assumptions.h, check_parameters) names every entry that
// no part used.
#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "model/parameter_set.h"

namespace il2t::model {

struct BindLog {
  std::set<std::string> used;       // entries some part has bound
  std::vector<std::string> known;   // every name a part asked for, for "did you mean"
  std::vector<Error> errors;        // each names its entry (field) and, when it has one, its file and line

  // The value of `name` into `field`; an error naming it when the set lacks it.
  void take(const ParameterSet& set, const std::string& name, double& field);
  // An error for every entry of `set` that no part used, with the closest known name.
  void report_unused(const ParameterSet& set);
};

// One row of a part's binding table: an entry's full name and the member it sets.
template <class T>
struct FieldBinding {
  const char* name;
  double T::*field;
};

// Takes every row of `table` from `set` into `into` (BindLog::take for each).
template <class T, std::size_t N>
void take_all(BindLog& log, const ParameterSet& set, const FieldBinding<T> (&table)[N], T& into) {
  for (const FieldBinding<T>& b : table) log.take(set, b.name, into.*b.field);
}

// An error about one entry: its file, line and name; the message begins with the name
// (format() gives "file:line: error: name: message").
Error entry_error(const Parameter& p, const std::string& message);
// An error about a name no file gives (a missing entry, a whole group).
Error name_error(const std::string& name, const std::string& message);

}  // namespace il2t::model
