#include "trial/assumptions.h"

namespace il2t::trial {

namespace {

std::optional<Assumptions> bind_into(const model::ParameterSet& set, model::BindLog& log) {
  const std::size_t errors_before = log.errors.size();
  Assumptions a;
  std::optional<population::Populations> p = population::bind_populations(set, log);
  a.conduct = bind_conduct(set, log);
  if (!p || log.errors.size() != errors_before) return std::nullopt;
  a.populations = std::move(*p);
  return a;
}

}  // namespace

AssumptionsBind bind_assumptions(const model::ParameterSet& set) {
  model::BindLog log;
  AssumptionsBind out;
  out.assumptions = bind_into(set, log);
  out.errors = std::move(log.errors);
  return out;
}

std::vector<Error> check_parameters(const model::ParameterSet& set) {
  model::BindLog log;
  model::bind(set, log);
  bind_into(set, log);
  log.report_unused(set);
  return std::move(log.errors);
}

model::ModelLoad load_checked_model(const std::string& dir,
                                    const std::vector<std::pair<std::string, double>>& overrides) {
  model::ModelLoad out;
  model::ParameterLoad pl = model::load_parameter_dir(dir);
  out.errors = std::move(pl.diagnostics);
  if (!out.errors.empty()) return out;
  out.errors = model::apply_overrides(pl.set, overrides);
  if (!out.errors.empty()) return out;
  out.errors = check_parameters(pl.set);
  if (!out.errors.empty()) return out;
  return model::make_model(std::move(pl.set));
}

}  // namespace il2t::trial
