#pragma once
// A ready-to-run model: the parameter set (with any command-line overrides), the bound
// numbers, the disease tables and the variability's Cholesky factor. Built once; then
// read-only and shared by all threads.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/course.h"
#include "model/individual.h"
#include "model/observe.h"
#include "model/params.h"
#include "model/parameter_set.h"
#include "model/rng.h"

namespace il2t::model {

struct Model {
  ParameterSet parameters;
  BoundModel bound;
  DiseaseTables tables;
  std::vector<double> eta_cholesky;  // lower triangle, row-major, n × n

  // The typical participant of a disease (of its own population, the one of its name):
  // its table, covariates and baseline targets.
  const TypicalPatient& typical(Disease d) const;
  Covariates typical_covariates(Disease d) const;
  BaselineTargets typical_targets(Disease d) const;
  // The typical participant of a population ([sle_typical], [csle_typical], ...).
  Covariates typical_covariates(Population p) const;
  BaselineTargets typical_targets(Population p) const;
  // The typical participant's parameters in a disease: the bound values, with the
  // disease's own standard-of-care share (pss.soc_fraction for primary Sjögren's).
  ModelParams typical_parameters(Disease d) const;
  // Parameters after inter-individual variability drawn from `rng` (log-normal) around
  // typical_parameters(d), each held to its parameter's min/max (a bioavailability
  // above 1 is not drawn).
  ModelParams individual_parameters(Stream& rng, Disease d = Disease::sle) const;
};

struct ModelLoad {
  std::optional<Model> model;
  std::vector<Error> errors;  // each names its parameter (field), with its file and line where it has them
};

// Applies `overrides` (name, value) to `set` in order; an error ("--set ...") for each
// that names no parameter or a value outside its range.
std::vector<Error> apply_overrides(ParameterSet& set, const std::vector<std::pair<std::string, double>>& overrides);

// Loads models/*.toml from `dir`, applies `overrides` (name, value) in order, binds the
// model's groups. trial/assumptions.h's load_checked_model also checks the other parts'
// groups and that every entry is used: the commands load through it.
ModelLoad load_model(const std::string& dir, const std::vector<std::pair<std::string, double>>& overrides = {});
ModelLoad make_model(ParameterSet set, const std::vector<std::pair<std::string, double>>& overrides = {});

// The directory of the shipped parameter files (the source tree's models/).
std::string default_model_dir();

}  // namespace il2t::model
