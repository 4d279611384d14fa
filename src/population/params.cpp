#include "population/params.h"

#include <algorithm>
#include <iterator>

namespace il2t::population {

namespace {

// A population's keys; `body` marks those of one way of drawing body size only.
enum class Body { any, normal, growth };
struct PopulationKey {
  const char* key;
  double PopulationParams::*field;
  Body body = Body::any;
};
constexpr PopulationKey kPopulation[] = {
    {"age_mean", &PopulationParams::age_mean},
    {"age_sd", &PopulationParams::age_sd},
    {"age_min", &PopulationParams::age_min},
    {"age_max", &PopulationParams::age_max},
    {"female", &PopulationParams::female},
    {"weight_mean", &PopulationParams::weight_mean, Body::normal},
    {"weight_sd", &PopulationParams::weight_sd, Body::normal},
    {"height_mean", &PopulationParams::height_mean, Body::normal},
    {"height_sd", &PopulationParams::height_sd, Body::normal},
    {"weight_height_corr", &PopulationParams::weight_height_corr, Body::normal},
    {"bmi_scale", &PopulationParams::bmi_scale, Body::growth},
    {"activity_offset", &PopulationParams::activity_offset},
    {"activity_median", &PopulationParams::activity_median},
    {"activity_sd_log", &PopulationParams::activity_sd_log},
    {"pga_mean", &PopulationParams::pga_mean},
    {"pga_sd", &PopulationParams::pga_sd},
    {"prednisone_median", &PopulationParams::prednisone_median},
    {"prednisone_sd_log", &PopulationParams::prednisone_sd_log},
    {"prednisone_zero", &PopulationParams::prednisone_zero},
    {"antimalarial", &PopulationParams::antimalarial},
    {"immunosuppressant", &PopulationParams::immunosuppressant},
};

// One [population_<name>] table into `into`.
void bind_one(const model::ParameterSet& set, const std::string& group, PopulationParams& into, model::BindLog& log) {
  const std::size_t errors_before = log.errors.size();
  // A table that gives bmi_scale, or none of the normal's keys, draws body size from
  // the growth reference.
  auto gives = [&](Body b) {
    return std::any_of(std::begin(kPopulation), std::end(kPopulation), [&](const PopulationKey& k) {
      return k.body == b && set.find(group + "." + k.key);
    });
  };
  into.growth_reference = gives(Body::growth) || !gives(Body::normal);
  const Body body = into.growth_reference ? Body::growth : Body::normal;
  for (const PopulationKey& k : kPopulation) {
    const std::string name = group + "." + k.key;
    if (k.body == Body::any || k.body == body) {
      log.take(set, name, into.*k.field);
    } else if (const model::Parameter* p = set.find(name)) {
      log.used.insert(name);
      log.errors.push_back(model::entry_error(*p, std::string("a population with bmi_scale draws weight and height from "
                                                              "the growth reference (models/growth.toml); drop ") +
                                                      k.key));
    }
  }
  if (log.errors.size() != errors_before) return;  // a value is missing: nothing to compare
  if (into.activity_median < into.activity_offset)
    log.errors.push_back(model::name_error(group + ".activity_median", group + ".activity_median must not be below activity_offset"));
  if (into.age_min > into.age_max) log.errors.push_back(model::name_error(group + ".age_min", group + ".age_min is above age_max"));
}

}  // namespace

const PopulationParams& Populations::of(model::Population which) const {
  switch (which) {
    case model::Population::sle: return sle;
    case model::Population::csle: return csle;
    case model::Population::pss: return pss;
    case model::Population::jia: return jia;
  }
  return sle;
}

std::optional<Populations> bind_populations(const model::ParameterSet& set, model::BindLog& log) {
  const std::size_t errors_before = log.errors.size();
  Populations out;
  bind_one(set, "population_sle", out.sle, log);
  bind_one(set, "population_csle", out.csle, log);
  bind_one(set, "population_pss", out.pss, log);
  bind_one(set, "population_jia", out.jia, log);
  out.growth = bind_growth(set, log);
  out.screening = bind_screening(set, log);
  if (log.errors.size() != errors_before) return std::nullopt;
  return out;
}

}  // namespace il2t::population
