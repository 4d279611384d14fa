#include "trial/participant_plan.h"

#include <algorithm>

#include "schedule/schedule.h"
#include "trial/engine.h"

namespace il2t::trial {

Expected<model::CoursePlan> participant_plan(const protocol::Protocol& p, const std::string& arm,
                                             const model::Covariates& cov) {
  auto sched = schedule::build_schedule(p, arm, study_start(), units::Body{cov.weight_kg, cov.height_cm});
  if (!sched.schedule) return Error{.message = "arm " + arm + ": " + sched.error.text(), .field = "arm"};
  model::CoursePlan plan = model::plan_from_schedule(p, *sched.schedule);
  for (std::size_t i = 0; i < plan.visits.size(); ++i) {
    const std::string& id = sched.schedule->visits[i].id;
    const auto at = std::find_if(p.visits.begin(), p.visits.end(), [&](const protocol::Visit& v) { return v.id == id; });
    plan.visits[i].index = static_cast<int>(at - p.visits.begin());
  }
  return plan;
}

}  // namespace il2t::trial
