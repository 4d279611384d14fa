#pragma once
// Which candidate population (models/population.toml) a protocol draws from: a table of
// disease × age group. A protocol's participants are children when it admits no one
// aged 18 or more (population.age_max_years below 18); children with SLE are drawn
// from the childhood-onset table, everyone else from their disease's own.
#include "model/individual.h"
#include "model/params.h"
#include "protocol/protocol.h"

namespace il2t::population {

enum class AgeGroup { adults, children };

AgeGroup age_group_of(const protocol::Protocol& p);
model::Population population_for(model::Disease d, AgeGroup g);
// population_for(d, age_group_of(p)).
model::Population population_for(const protocol::Protocol& p, model::Disease d);

}  // namespace il2t::population
