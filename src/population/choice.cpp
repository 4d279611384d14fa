#include "population/choice.h"

namespace il2t::population {

namespace {

// The age from which a participant is an adult: ClinicalTrials.gov's age groups
// (child: birth to 17 years) and ICH E11 (the paediatric population: under 18). A
// definition of the protocols' words, not a model parameter.
constexpr double kAdultYears = 18;

struct Rule {
  model::Disease disease;
  AgeGroup group;
  model::Population population;
};
// Sjögren's and JIA have one table each: a paediatric protocol cuts the Sjögren's one
// to its ages by screening, and JIA's is children's already.
constexpr Rule kRules[] = {
    {model::Disease::sle, AgeGroup::adults, model::Population::sle},
    {model::Disease::sle, AgeGroup::children, model::Population::csle},
    {model::Disease::pss, AgeGroup::adults, model::Population::pss},
    {model::Disease::pss, AgeGroup::children, model::Population::pss},
    {model::Disease::jia, AgeGroup::adults, model::Population::jia},
    {model::Disease::jia, AgeGroup::children, model::Population::jia},
};

}  // namespace

AgeGroup age_group_of(const protocol::Protocol& p) {
  const auto& max = p.population.age_years.max;
  return max && max->value < kAdultYears ? AgeGroup::children : AgeGroup::adults;
}

model::Population population_for(model::Disease d, AgeGroup g) {
  for (const Rule& r : kRules)
    if (r.disease == d && r.group == g) return r.population;
  return model::Population::sle;  // every disease × group is in the table
}

model::Population population_for(const protocol::Protocol& p, model::Disease d) {
  return population_for(d, age_group_of(p));
}

}  // namespace il2t::population
