#include "model/bind_log.h"

#include "core/diagnostic.h"

namespace il2t::model {

Error entry_error(const Parameter& p, const std::string& message) {
  return Error{.message = p.name + ": " + message, .file = p.file, .pos = {p.line, 0}, .field = p.name};
}

Error name_error(const std::string& name, const std::string& message) {
  return Error{.message = message, .field = name};
}

void BindLog::take(const ParameterSet& set, const std::string& name, double& field) {
  known.push_back(name);
  const Parameter* p = set.find(name);
  if (!p) {
    errors.push_back(name_error(name, "missing model parameter " + name + " (no models/*.toml file defines it)"));
    return;
  }
  field = p->value;
  used.insert(name);
}

void BindLog::report_unused(const ParameterSet& set) {
  for (const Parameter& p : set.all())
    if (!used.count(p.name)) {
      std::string msg = "unknown model parameter";
      const std::string best = closest_match(p.name, known, 4);
      if (!best.empty()) msg += " (did you mean `" + best + "`?)";
      errors.push_back(entry_error(p, msg));
    }
}

}  // namespace il2t::model
