#include "model/model.h"

#include <algorithm>
#include <cmath>

#include "model/cholesky.h"
#include "model/plan.h"
#include "core/diagnostic.h"

#ifndef IL2T_MODEL_DIR
#define IL2T_MODEL_DIR "models"
#endif

namespace il2t::model {

std::string default_model_dir() { return IL2T_MODEL_DIR; }

namespace {

// Cholesky factor of a correlation matrix (the upper triangle zero); false if it is not
// positive definite.
bool cholesky(const std::vector<double>& a, std::size_t n, std::vector<double>& l) {
  l = a;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) l[i * n + j] = 0.0;
  return cholesky_in_place(l.data(), n);
}

}  // namespace

std::vector<Error> apply_overrides(ParameterSet& set, const std::vector<std::pair<std::string, double>>& overrides) {
  std::vector<Error> errors;
  for (const auto& [name, value] : overrides)
    if (auto err = set.set(name, value)) errors.push_back(name_error(name, "--set " + *err));
  return errors;
}

ModelLoad make_model(ParameterSet set, const std::vector<std::pair<std::string, double>>& overrides) {
  ModelLoad out;
  out.errors = apply_overrides(set, overrides);
  if (!out.errors.empty()) return out;
  BindResult b = bind(set);
  if (!b.model) {
    out.errors = std::move(b.errors);
    return out;
  }
  Model m;
  m.parameters = std::move(set);
  m.bound = std::move(*b.model);
  TablesResult t = make_tables(m.bound);
  if (!t.errors.empty()) {
    out.errors = std::move(t.errors);
    return out;
  }
  m.tables = std::move(t.tables);
  if (!cholesky(m.bound.eta_corr, m.bound.eta_names.size(), m.eta_cholesky)) {
    out.errors.push_back(name_error("iiv_correlation", "iiv_correlation: the correlations do not form a positive-definite matrix"));
    return out;
  }
  out.model = std::move(m);
  return out;
}

ModelLoad load_model(const std::string& dir, const std::vector<std::pair<std::string, double>>& overrides) {
  ParameterLoad pl = load_parameter_dir(dir);
  if (!pl.ok()) {
    ModelLoad out;
    out.errors = std::move(pl.diagnostics);
    return out;
  }
  return make_model(std::move(pl.set), overrides);
}

namespace {
// A disease's own table (the population of its name).
Population own(Disease d) {
  return d == Disease::sle ? Population::sle : d == Disease::pss ? Population::pss : Population::jia;
}
}  // namespace

const TypicalPatient& Model::typical(Disease d) const { return bound.typical(own(d)); }
Covariates Model::typical_covariates(Disease d) const { return typical_covariates(own(d)); }
BaselineTargets Model::typical_targets(Disease d) const { return typical_targets(own(d)); }

Covariates Model::typical_covariates(Population p) const {
  const TypicalPatient& t = bound.typical(p);
  Covariates c;
  c.disease = disease_of(p);
  c.weight_kg = t.weight_kg;
  c.height_cm = t.height_cm;
  c.age_years = t.age_years;
  c.female = t.female >= 0.5;
  c.prednisone = t.prednisone;
  c.antimalarial = t.antimalarial >= 0.5;
  c.immunosuppressant = t.immunosuppressant >= 0.5;
  return c;
}

BaselineTargets Model::typical_targets(Population p) const {
  const TypicalPatient& t = bound.typical(p);
  BaselineTargets b;
  b.sledai = t.sledai;
  b.pga = t.pga;
  b.essdai = t.essdai;
  b.dryness = t.dryness;
  b.fatigue = t.fatigue;
  b.pain = t.pain;
  b.active_joints = t.active_joints;
  b.jadas_global = t.jadas_global;
  b.esr = t.esr;
  return b;
}

ModelParams Model::typical_parameters(Disease d) const {
  ModelParams p = bound.p;
  if (d == Disease::pss) p.soc_fraction = p.pss_soc_fraction;
  return p;
}

ModelParams Model::individual_parameters(Stream& rng, Disease d) const {
  ModelParams p = typical_parameters(d);
  const std::size_t n = bound.eta_names.size();
  double z[kMaxEtas];
  for (std::size_t i = 0; i < n; ++i) z[i] = rng.normal();
  for (std::size_t i = 0; i < n; ++i) {
    double eta = 0;
    for (std::size_t k = 0; k <= i; ++k) eta += eta_cholesky[i * n + k] * z[k];
    double& v = *reinterpret_cast<double*>(reinterpret_cast<char*>(&p) + bound.eta_offset[i]);
    v = std::clamp(v * std::exp(bound.eta_sd[i] * eta), bound.eta_min[i], bound.eta_max[i]);
  }
  return p;
}

}  // namespace il2t::model
