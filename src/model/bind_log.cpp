#include "model/bind_log.h"

#include "core/diagnostic.h"

namespace il2t::model {

std::string where(const Parameter& p) { return p.file + ":" + std::to_string(p.line) + ": error: " + p.name; }

void BindLog::take(const ParameterSet& set, const std::string& name, double& field) {
  known.push_back(name);
  const Parameter* p = set.find(name);
  if (!p) {
    errors.push_back("error: missing model parameter " + name + " (no models/*.toml file defines it)");
    return;
  }
  field = p->value;
  used.insert(name);
}

void BindLog::report_unused(const ParameterSet& set) {
  for (const Parameter& p : set.all())
    if (!used.count(p.name)) {
      std::string msg = where(p) + ": unknown model parameter";
      const std::string best = closest_match(p.name, known, 4);
      if (!best.empty()) msg += " (did you mean `" + best + "`?)";
      errors.push_back(msg);
    }
}

}  // namespace il2t::model
