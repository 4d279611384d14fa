#include "population/candidates.h"

#include <algorithm>
#include <cmath>

#include "model/plan.h"

namespace il2t::population {

namespace {

// A normal draw cut to [lo, hi] by redrawing (the cuts here remove at most about a third
// of the mass; a bounded number of tries keeps the cost fixed, then the value is clamped).
double truncated_normal(model::Stream& rng, double mean, double sd, double lo, double hi) {
  for (int tries = 0; tries < 64; ++tries) {
    const double v = mean + sd * rng.normal();
    if (v >= lo && v <= hi) return v;
  }
  return std::clamp(mean, lo, hi);
}

// Weight and height of a candidate whose age and sex are drawn: a bivariate normal, kept
// positive and plausible; or the growth reference's for that age and sex (height
// normal, BMI log-normal times the population's bmi_scale). Two normal draws either way.
void draw_body(const GrowthReference& growth, const PopulationParams& p, model::Stream& rng, model::Covariates& c) {
  const double z1 = rng.normal(), z2 = rng.normal();
  if (p.growth_reference) {
    const GrowthRow g = growth.at(c.female, c.age_years);
    c.height_cm = g.height + g.height_sd * z1;
    const double metres = c.height_cm / 100;
    c.weight_kg = p.bmi_scale * g.bmi * std::exp(g.bmi_sd_log * z2) * metres * metres;
    return;
  }
  const double r = p.weight_height_corr;
  c.height_cm = std::clamp(p.height_mean + p.height_sd * z1, 0.5 * p.height_mean, 1.5 * p.height_mean);
  c.weight_kg =
      std::clamp(p.weight_mean + p.weight_sd * (r * z1 + std::sqrt(1 - r * r) * z2), 0.4 * p.weight_mean, 2.5 * p.weight_mean);
}

}  // namespace

Candidate draw_candidate(const model::Model& m, const Populations& pops, model::Population pop, model::Stream& rng,
                         const PrednisoneAtEntry* prednisone) {
  const PopulationParams& p = pops.of(pop);
  const model::Disease d = model::disease_of(pop);
  Candidate c;
  c.cov = m.typical_covariates(pop);
  c.targets = m.typical_targets(pop);
  c.cov.age_years = truncated_normal(rng, p.age_mean, p.age_sd, p.age_min, p.age_max);
  c.cov.female = rng.bernoulli(p.female);
  draw_body(pops.growth, p, rng, c.cov);
  const double activity =
      std::round(p.activity_offset + (p.activity_median - p.activity_offset) * std::exp(p.activity_sd_log * rng.normal()));
  switch (d) {
    case model::Disease::sle:
      c.targets.sledai = activity;
      c.targets.pga = std::round(std::clamp(p.pga_mean + p.pga_sd * rng.normal(), 0.0, 3.0) * 100) / 100;
      break;
    case model::Disease::pss: c.targets.essdai = activity; break;
    case model::Disease::jia: c.targets.active_joints = activity; break;
  }
  const PrednisoneAtEntry pred =
      prednisone ? *prednisone : PrednisoneAtEntry{p.prednisone_median, p.prednisone_sd_log, p.prednisone_zero};
  c.cov.prednisone = rng.bernoulli(pred.zero)
                         ? 0.0
                         : std::max(2.5, std::round(pred.median * std::exp(pred.sd_log * rng.normal()) / 2.5) * 2.5);
  c.cov.antimalarial = rng.bernoulli(p.antimalarial);
  c.cov.immunosuppressant = rng.bernoulli(p.immunosuppressant);
  return c;
}

eligibility::PatientRecord to_record(const Candidate& c, const std::string& id) {
  using eligibility::Cell;
  eligibility::PatientRecord r;
  r.id = id;
  auto number = [&](std::string_view field, double v) {
    Cell& cell = r.at(field);
    cell.state = Cell::State::value;
    cell.number = v;
  };
  number("age", c.cov.age_years);
  number("sex", c.cov.female ? 0 : 1);  // the field's choices: female, male
  number("weight", c.cov.weight_kg);
  number("height", c.cov.height_cm);
  switch (c.cov.disease) {
    case model::Disease::sle:
      number("sledai_2k", c.targets.sledai);
      number("pga", c.targets.pga);
      break;
    case model::Disease::pss: number("essdai", c.targets.essdai); break;
    case model::Disease::jia: break;
  }
  number("prednisone_dose", c.cov.prednisone);
  number("on_corticosteroid", c.cov.prednisone > 0 ? 1 : 0);
  number("on_immunosuppressant", c.cov.immunosuppressant ? 1 : 0);
  eligibility::derive(r);
  return r;
}

eligibility::PatientRecord screening_record(const Candidate& c, const Populations& pops, model::Stream& rng,
                                            std::int32_t as_of, const std::string& id) {
  using eligibility::Cell;
  using eligibility::FieldKind;
  eligibility::PatientRecord r = to_record(c, id);
  auto set = [&](std::string_view field, double v) {
    Cell& cell = r.at(field);
    cell.state = Cell::State::value;
    cell.number = v;
  };
  set("sle_acr1997", c.cov.disease == model::Disease::sle);
  set("pss_aecg2002", c.cov.disease == model::Disease::pss);
  set("jia_ilar", c.cov.disease == model::Disease::jia);
  constexpr int kLookbackDays = 730;  // 24 months
  for (const ScreeningEntry& e : pops.screening) {
    const eligibility::FieldSpec* f = eligibility::find_field(e.field);
    Cell& cell = r.at(e.field);
    const bool women_only = e.field == "pregnant" || e.field == "lactating" || e.field == "childbearing_potential";
    switch (f->kind) {
      case FieldKind::flag:
      case FieldKind::result: {
        const bool yes = rng.bernoulli(e.value);  // drawn for everyone: draws stay aligned
        set(e.field, women_only && !c.cov.female ? 0.0 : yes ? 1.0 : 0.0);
        break;
      }
      case FieldKind::event:
        if (rng.bernoulli(e.value)) {
          cell.state = Cell::State::value;
          cell.day = as_of - static_cast<std::int32_t>(rng.uniform() * kLookbackDays);
        } else {
          cell.state = Cell::State::never;
          rng.uniform();
        }
        break;
      case FieldKind::list: {
        const bool any = rng.bernoulli(e.value);
        const auto pick = static_cast<std::size_t>(rng.uniform() * static_cast<double>(f->choices.size()));
        cell.state = Cell::State::value;
        cell.bits = any && !f->choices.empty() ? 1u << std::min(pick, f->choices.size() - 1) : 0u;
        break;
      }
      case FieldKind::quantity:
        set(e.field, std::clamp(e.value * std::exp(e.sd_log * rng.normal()), f->min, f->max));
        break;
      default: break;  // refused when the model was bound
    }
  }
  // The pregnancy test agrees with the pregnancy; a cancer's type is "other".
  const Cell& pregnant = r.at("pregnant");
  if (pregnant.present()) set("pregnancy_test", pregnant.number);
  if (r.at("malignancy").state == Cell::State::value) set("malignancy_type", 2);
  eligibility::derive(r);
  return r;
}

}  // namespace il2t::population
