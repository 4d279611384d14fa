#pragma once
// What virtual candidates are drawn from, bound from models/population.toml,
// models/growth.toml and models/screening.toml: each population's distributions, the
// growth reference children's body sizes come from, and the screening fields beyond a
// candidate's covariates. These are the population's numbers, not the model's: the
// model (model/params.h) says how a participant responds, these say who comes to
// screening.
#include <optional>
#include <string>
#include <vector>

#include "model/bind_log.h"
#include "model/params.h"
#include "population/growth.h"

namespace il2t::population {

// The distributions a population's virtual candidates are drawn from
// ([population_<name>] in models/population.toml).
struct PopulationParams {
  double age_mean = 0, age_sd = 0, age_min = 0, age_max = 0, female = 0;
  // Body size: a bivariate normal, or (growth_reference) the growth reference's height
  // and BMI for the candidate's age and sex, the BMI times bmi_scale.
  bool growth_reference = false;
  double weight_mean = 0, weight_sd = 0, height_mean = 0, height_sd = 0, weight_height_corr = 0;
  double bmi_scale = 0;
  double activity_offset = 0, activity_median = 0, activity_sd_log = 0, pga_mean = 0, pga_sd = 0;
  double prednisone_median = 0, prednisone_sd_log = 0, prednisone_zero = 0, antimalarial = 0, immunosuppressant = 0;
};

// A study's own prednisone at entry, in place of its population's three prednisone
// fields: a calibration study whose published baseline table differs from the
// population simulated (data/calibration/studies.toml, prednisone = { ... }).
struct PrednisoneAtEntry {
  double median = 0, sd_log = 0, zero = 0;  // as PopulationParams' prednisone_median, _sd_log, _zero
};

// One field of a virtual candidate's record beyond its covariates
// (models/screening.toml): a probability, or a quantity's median and SD of log.
struct ScreeningEntry {
  std::string field;
  double value = 0, sd_log = 0;
};

struct Populations {
  PopulationParams sle, csle, pss, jia;
  GrowthReference growth;                 // models/growth.toml
  std::vector<ScreeningEntry> screening;  // in file order
  const PopulationParams& of(model::Population which) const;
};

// Binds [population_*], [growth_*], [screening] and [screening_sd_log], noting each
// entry used and each problem in `log`; nullopt when any of these groups has a problem.
std::optional<Populations> bind_populations(const model::ParameterSet& set, model::BindLog& log);

// [screening] and [screening_sd_log]: each key a patient-record field of a kind the
// simulator knows how to draw; quantities need their SD of log (screening_params.cpp).
std::vector<ScreeningEntry> bind_screening(const model::ParameterSet& set, model::BindLog& log);

}  // namespace il2t::population
