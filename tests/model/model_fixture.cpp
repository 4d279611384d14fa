#include "model/model_fixture.h"

#include <gtest/gtest.h>

#include "protocol/regimen.h"
#include "schedule/schedule.h"
#include "trial/assumptions.h"
#include "unit/test_support.h"

namespace il2t::test {

model::Model shipped_model(const std::vector<std::pair<std::string, double>>& overrides) {
  // The whole set checked, as the commands load it: an unused entry fails every test.
  model::ModelLoad ml = trial::load_checked_model(source_path("models"), overrides);
  for (const Error& e : ml.errors) ADD_FAILURE() << e;
  if (!ml.model) throw std::runtime_error("the shipped model does not load");
  return std::move(*ml.model);
}

std::vector<ArmCase> seed_arm_cases(const model::Model& m) {
  std::vector<ArmCase> out;
  for (const std::string& f : protocol_files()) {
    Checked c = check_text(read_text(f), f);
    if (!c.protocol) { ADD_FAILURE() << f << " does not read"; continue; }
    const protocol::Protocol& p = *c.protocol;
    const auto disease = model::disease_of(p);
    if (!disease) { ADD_FAILURE() << f << ": no modelled disease"; continue; }
    for (const protocol::Arm& arm : p.arms) {
      ArmCase a;
      a.protocol_file = f;
      a.protocol_id = p.identity.id.value;
      a.arm = arm.id;
      a.disease = *disease;
      a.cov = m.typical_covariates(*disease);
      if (model::studies_cmv(p)) a.cov.cmv_copies = m.bound.p.cmv_baseline_copies;
      auto s = schedule::build_schedule(p, arm.id, *schedule::Date::parse("2027-01-04"),
                                        units::Body{a.cov.weight_kg, a.cov.height_cm});
      if (!s.schedule) { ADD_FAILURE() << f << " arm " << arm.id << ": " << s.error; continue; }
      a.plan = model::plan_from_schedule(p, *s.schedule);
      bool drug = false;
      for (const auto& d : a.plan.doses) drug = drug || d.kind != model::DoseAt::Kind::placebo;
      if (drug) out.push_back(std::move(a));
    }
  }
  return out;
}

model::CoursePlan plan_from_regimen(const std::string& regimen, int days, double bsa_m2) {
  auto r = protocol::parse_regimen(regimen);
  if (!r.regimen) throw std::runtime_error("bad regimen in a test: " + regimen);
  model::CoursePlan plan;
  plan.days = days;
  for (const protocol::DoseEvent& ev : protocol::expand(*r.regimen)) {
    model::DoseAt d;
    d.day = ev.day;
    const double weight = 60;  // a body of this weight and the height that gives `bsa_m2`
    const units::Body body{weight, bsa_m2 * bsa_m2 * 3600 / weight};
    double miu = 0;
    if (ev.dose) {
      auto a = units::absolute(*ev.dose, body);
      if (!a) throw std::runtime_error("a test regimen's dose: " + a.error().message);
      miu = units::il2_miu(*a);
    }
    d.amount = miu;
    if (d.day <= days) plan.doses.push_back(d);
  }
  return plan;
}

}  // namespace il2t::test
