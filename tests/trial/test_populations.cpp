// Populations match the trials: a protocol for children with SLE draws from the
// childhood-onset table, the Sjögren's trial from the Sjögren's table, adult trials and
// the calibration's stand-ins from their disease's own; the choice is a table of
// disease × age group.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "model/model_fixture.h"
#include "population/choice.h"
#include "trial/engine.h"
#include "unit/test_support.h"

namespace il2t::trial {
namespace {

using model::Disease;
using model::Population;
using population::AgeGroup;

TrialDesign design_of(const protocol::Protocol& p, std::optional<Disease> stand_in = std::nullopt) {
  auto made = make_design(p, stand_in);
  if (!made.design) throw std::runtime_error(made.error);
  return std::move(*made.design);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

TEST(PopulationChoice, ATableOfDiseaseByAgeGroup) {
  EXPECT_EQ(population::population_for(Disease::sle, AgeGroup::adults), Population::sle);
  EXPECT_EQ(population::population_for(Disease::sle, AgeGroup::children), Population::csle);
  EXPECT_EQ(population::population_for(Disease::pss, AgeGroup::adults), Population::pss);
  EXPECT_EQ(population::population_for(Disease::pss, AgeGroup::children), Population::pss);
  EXPECT_EQ(population::population_for(Disease::jia, AgeGroup::children), Population::jia);
  EXPECT_STREQ(model::to_string(Population::csle), "csle");
  EXPECT_EQ(model::disease_of(Population::csle), Disease::sle);
}

TEST(PopulationChoice, ChildrenAreAProtocolsParticipantsWhenNoneIs18OrOlder) {
  protocol::Protocol p = test::shipped_protocol("NCT04397107-paediatric.toml");
  EXPECT_EQ(population::age_group_of(p), AgeGroup::children);  // age_max_years 17
  p.population.age_years.max->value = 18;
  EXPECT_EQ(population::age_group_of(p), AgeGroup::adults);
  p.population.age_years.max.reset();  // no upper age
  EXPECT_EQ(population::age_group_of(p), AgeGroup::adults);
}

TEST(PopulationChoice, EachShippedProtocolsDesignNamesItsPopulation) {
  const struct {
    const char* file;
    Population population;
  } cases[] = {
      {"NCT02465580-he2020.toml", Population::sle},
      {"NCT04077684-dose-ranging.toml", Population::sle},
      {"NCT04136106-infection-observational.toml", Population::sle},
      {"NCT04397107-paediatric.toml", Population::csle},  // children with SLE (its first disease)
      {"NCT05605665-sjogren-rapamycin.toml", Population::pss},
      {"NCT06971913-cmv.toml", Population::sle},
  };
  for (const auto& c : cases) {
    const protocol::Protocol p = test::shipped_protocol(c.file);
    EXPECT_EQ(design_of(p).population, c.population) << c.file;
  }
  // The calibration's studies in other diseases stand in adults with SLE.
  const protocol::Protocol gvhd = test::shipped_protocol("calibration/koreth2011-gvhd-daily.toml");
  EXPECT_EQ(design_of(gvhd, Disease::sle).population, Population::sle);
}

// The paediatric trial enrols children drawn from the childhood-onset table, never from
// the adult table's age tail: no candidate fails its age criterion (the adult table's
// would, 93 % of them), and the enrolled children's median age and weight are PLUTO's.
// 400 participants: the median's sampling SE is about 0.15 years and 0.75 kg, PLUTO's
// own (93 children) about 0.3 years and 1.6 kg; the tolerances are twice the two
// combined (0.7 years, 3.5 kg). Drawn from the adult table's tail, the median age would
// be about 16.3 and the weight that of adults (56.75 kg).
TEST(PopulationChoice, ThePaediatricTrialEnrolsChildrenLikePlutos) {
  const model::Model m = test::shipped_model();
  const protocol::Protocol p = test::shipped_protocol("NCT04397107-paediatric.toml");
  const TrialDesign d = design_of(p);
  ASSERT_EQ(d.population, Population::csle);
  TrialRunner runner(d, m);
  TrialRecords r;
  Error error;
  ASSERT_TRUE(runner.run(0, RunSettings{3, 400, false, false}, r, error)) << error;
  ASSERT_EQ(r.subjects.size(), 400u);
  std::vector<double> age, weight;
  for (const Subject& s : r.subjects) {
    EXPECT_LT(s.age, 18);
    EXPECT_GE(s.age, 5);
    age.push_back(s.age);
    weight.push_back(s.weight);
  }
  const auto i1 = std::find_if(d.criteria.criteria.begin(), d.criteria.criteria.end(),
                               [](const auto& c) { return c.id == "I1"; });
  ASSERT_NE(i1, d.criteria.criteria.end());
  EXPECT_EQ(r.failed_by[static_cast<std::size_t>(i1 - d.criteria.criteria.begin())], 0u);  // age < 18
  EXPECT_NEAR(median(age), 15.0, 0.7);
  EXPECT_NEAR(median(weight), 52.7, 3.5);
}

// The Sjögren's trial draws from the Sjögren's table: its participants weigh what the
// abatacept trial's did (67.5 kg; adults with SLE 56.75), and their baseline activity is
// ESSDAI from that table (mean 10.1 before the trial's ESSDAI >= 4 criterion). 300
// participants: SE about 0.75 kg and 0.3 points.
TEST(PopulationChoice, TheSjogrensTrialDrawsFromTheSjogrensTable) {
  const model::Model m = test::shipped_model();
  const protocol::Protocol p = test::shipped_protocol("NCT05605665-sjogren-rapamycin.toml");
  const TrialDesign d = design_of(p);
  ASSERT_EQ(d.disease, Disease::pss);
  ASSERT_EQ(d.population, Population::pss);
  TrialRunner runner(d, m);
  TrialRecords r;
  Error error;
  ASSERT_TRUE(runner.run(0, RunSettings{4, 300, false, false}, r, error)) << error;
  double weight = 0, essdai = 0;
  for (const Subject& s : r.subjects) {
    weight += s.weight / 300;
    essdai += s.baseline_activity / 300;
    EXPECT_GE(s.baseline_activity, 4);
  }
  EXPECT_NEAR(weight, bind_assumptions(m.parameters).assumptions->populations.pss.weight_mean, 2.5);
  EXPECT_NEAR(essdai, 10.2, 1.0);
}

}  // namespace
}  // namespace il2t::trial

namespace il2t::trial {
namespace {

// The populations and the conduct are bound from the model's parameter set by their own
// parts (assumptions.h). The shipped set binds whole; a set the model binds but whose
// population lacks a value makes the run fail, naming it, rather than draw from zeros.
TEST(Assumptions, APopulationThatDoesNotBindFailsTheRunNamingTheValue) {
  const model::Model shipped = test::shipped_model();
  EXPECT_TRUE(check_parameters(shipped.parameters).empty());
  const AssumptionsBind b = bind_assumptions(shipped.parameters);
  ASSERT_TRUE(b.assumptions);
  EXPECT_EQ(b.assumptions->conduct.adherence, shipped.parameters.find("conduct.adherence")->value);
  EXPECT_EQ(b.assumptions->populations.sle.age_mean, shipped.parameters.find("population_sle.age_mean")->value);

  model::ParameterSet without;
  for (const model::Parameter& q : shipped.parameters.all())
    if (q.name != "population_sle.age_mean") without.add(q);
  model::ModelLoad ml = model::make_model(without);
  ASSERT_TRUE(ml.model);  // the model's own groups are whole
  const std::vector<Error> errors = check_parameters(without);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(format(errors[0]), "error: missing model parameter population_sle.age_mean (no models/*.toml file defines it)");
  EXPECT_EQ(errors[0].field, "population_sle.age_mean");  // the entry, as data
  const protocol::Protocol p = test::shipped_protocol("NCT02465580-he2020.toml");
  const TrialDesign d = design_of(p);
  TrialRunner runner(d, *ml.model);
  TrialRecords r;
  Error error;
  EXPECT_FALSE(runner.run(0, RunSettings{1, 10, false, false}, r, error));
  EXPECT_NE(error.text().find("population_sle.age_mean"), std::string::npos) << error;
  // Under the shipped model again, the same runner runs.
  runner.use(shipped);
  EXPECT_TRUE(runner.run(0, RunSettings{1, 10, false, false}, r, error)) << error;
}

}  // namespace
}  // namespace il2t::trial
