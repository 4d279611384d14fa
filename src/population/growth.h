#pragma once
// The growth reference children's body sizes are drawn from (models/growth.toml): per
// sex and whole year of age, the median height and its SD, and the median BMI and its
// SD of log. Values between whole years are linear in age; outside the table, the
// nearest year's.
#include <string>
#include <vector>

#include "model/bind_log.h"

namespace il2t::population {

struct GrowthRow {
  double height = 0, height_sd = 0;  // cm
  double bmi = 0, bmi_sd_log = 0;    // kg/m², SD of log
};

struct GrowthReference {
  int first_age = 0;                 // years: rows[i] is at first_age + i
  std::vector<GrowthRow> girls, boys;  // the same ages for both
  GrowthRow at(bool female, double age_years) const;
};

// Binds [growth_girls] and [growth_boys] (keys age_NN_height, age_NN_height_sd,
// age_NN_bmi, age_NN_bmi_sd_log): whole years without a gap, every key at every year,
// the same years for both sexes. Each entry read is noted in `log`, each problem too.
GrowthReference bind_growth(const model::ParameterSet& set, model::BindLog& log);

}  // namespace il2t::population
