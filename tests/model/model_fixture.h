#pragma once
// Shared by the model tests: the shipped model, and a participant's plan for a
// protocol arm built through src/schedule exactly as `il2trial patient` builds it.
#include <string>
#include <utility>
#include <vector>

#include "model/model.h"
#include "model/plan.h"

namespace il2t::test {

// The shipped models/ with optional overrides; fails the test on any error.
model::Model shipped_model(const std::vector<std::pair<std::string, double>>& overrides = {});

struct ArmCase {
  std::string protocol_file, protocol_id, arm;
  model::Disease disease = model::Disease::sle;
  model::Covariates cov;
  model::CoursePlan plan;
};

// Every arm of every shipped protocol that gives a drug, at the typical participant.
std::vector<ArmCase> seed_arm_cases(const model::Model& m);

// A plan from a regimen text (e.g. "1 MIU sc daily for 8 weeks") over `days` days.
model::CoursePlan plan_from_regimen(const std::string& regimen, int days, double bsa_m2 = 1.7);

}  // namespace il2t::test
