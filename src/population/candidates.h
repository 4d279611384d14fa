#pragma once
// Virtual candidates for a trial: covariates drawn from a population's published
// baseline table (models/population.toml, bound by params.h; choice.h says which
// population a protocol draws from), given as the model's covariates and baseline
// targets, and as the patient record that screening reads — the same record type real
// candidates are read into.
#include <cstdint>
#include <string>

#include "eligibility/record.h"
#include "model/individual.h"
#include "model/model.h"
#include "model/observe.h"
#include "model/rng.h"
#include "population/params.h"

namespace il2t::population {

struct Candidate {
  model::Covariates cov;
  model::BaselineTargets targets;
};

// One candidate of population `pop`, from `rng` (a stream keyed by seed, replicate,
// candidate and Purpose::population). Measures the typical participant does not vary
// (ESSPRI items, JIA globals and ESR) are taken from the population's. `prednisone`,
// when given, replaces the population's prednisone distribution (a study's own
// baseline table).
// The typical participant and the baseline targets come from the model `m`; the
// distributions from `pops`.
Candidate draw_candidate(const model::Model& m, const Populations& pops, model::Population pop, model::Stream& rng,
                         const PrednisoneAtEntry* prednisone = nullptr);

// The candidate as screening sees it: the fields drawn here (age, sex, weight, height,
// disease activity, PGA, prednisone and the co-medications); every other field is
// missing, so a criterion on it is undetermined.
eligibility::PatientRecord to_record(const Candidate& c, const std::string& id);

// The whole record a trial screens: to_record's fields, the classification of the
// disease, and every field of models/screening.toml drawn from `rng` (history dates
// relative to `as_of`, days since 1970-01-01). models/screening.toml says how each
// kind of field is drawn.
eligibility::PatientRecord screening_record(const Candidate& c, const Populations& pops, model::Stream& rng,
                                            std::int32_t as_of, const std::string& id);

}  // namespace il2t::population
