// Checks of the timeline, the visit plan and the regimens against it.
#include <algorithm>
#include <cmath>
#include <set>

#include "protocol/validate.h"

namespace il2t::protocol::detail {

namespace {

int weeks_to_last_day(double weeks) { return static_cast<int>(weeks * 7.0 + 0.5) + 1; }

void regimens(const Protocol& p, Diagnostics& d) {
  const int treatment_days = static_cast<int>(p.timeline.treatment_weeks.value * 7.0 + 0.5);
  for (std::size_t i = 0; i < p.arms.size(); ++i) {
    for (std::size_t k = 0; k < p.arms[i].interventions.size(); ++k) {
      const Intervention& iv = p.arms[i].interventions[k];
      if (!iv.regimen) continue;
      const Regimen& r = *iv.regimen;
      const std::string where = "arms[" + std::to_string(i) + "].interventions[" + std::to_string(k) + "].regimen";
      int content = 0;
      for (const Phase& ph : r.phases) content += ph.days();
      if (r.cycle_length && r.cycle_length->days() < content) {
        d.error(iv.regimen_text.pos, where + ": each cycle's phases take " + std::to_string(content) +
                                         " days, longer than the cycle (" + std::to_string(r.cycle_length->days()) +
                                         " days): a cycle overlaps the next");
        continue;
      }
      const auto doses = expand(r);
      if (!doses.empty() && treatment_days > 0 && doses.back().day > treatment_days)
        d.error(iv.regimen_text.pos, where + ": the last dose falls on study day " +
                                         std::to_string(doses.back().day) + ", after the treatment period (" +
                                         std::to_string(treatment_days) + " days, timeline.treatment_weeks)");
    }
  }
}

void visits(const Protocol& p, Diagnostics& d) {
  const int last_day = weeks_to_last_day(p.timeline.duration_weeks.value);
  std::set<std::string> ids;
  std::vector<const Visit*> ordered;
  for (std::size_t i = 0; i < p.visits.size(); ++i) {
    const Visit& v = p.visits[i];
    const std::string where = "visits[" + std::to_string(i) + "]";
    if (!v.id.empty() && !ids.insert(v.id).second) d.error(v.pos, where + ".id: \"" + v.id + "\" is used twice");
    if (v.unit.empty()) continue;
    if (v.at.value < (v.unit == "day" ? 1 : 0)) {
      d.error(v.at.pos, where + "." + v.unit + ": must be " + (v.unit == "day" ? "at least 1 (study day 1 is the "
                                                                                  "first dose)"
                                                                                : "0 or more"));
      continue;
    }
    if (v.window_days.pos.line > 0 && (v.window_days.value < 0 || v.window_days.value != std::floor(v.window_days.value)))
      d.error(v.window_days.pos, where + ".window_days: must be a whole number of days, 0 or more (it is ± days)");
    const double day = v.unit == "week" ? v.at.value * 7.0 : v.at.value;
    if (v.unit != "month" && day != std::floor(day))
      d.error(v.at.pos, where + "." + v.unit + ": must fall on a whole study day");
    // The last visit's target is the trial's end; its window may run past it, as in practice.
    if (p.timeline.duration_weeks.value > 0 && v.study_day() > last_day) {
      d.error(v.at.pos, where + ": study day " + std::to_string(v.study_day()) + " is after the trial's end (day " +
                            std::to_string(last_day) + ", timeline.duration_weeks)");
    }
    ordered.push_back(&v);
  }
  std::sort(ordered.begin(), ordered.end(), [](const Visit* a, const Visit* b) { return a->study_day() < b->study_day(); });
  for (std::size_t i = 1; i < ordered.size(); ++i) {
    const Visit& a = *ordered[i - 1];
    const Visit& b = *ordered[i];
    if (a.study_day() + a.window_days.value >= b.study_day() - b.window_days.value)
      d.warning(b.pos, "visits: the windows of \"" + a.id + "\" and \"" + b.id + "\" overlap");
  }
}

}  // namespace

void validate_schedule(const Protocol& p, Diagnostics& d) {
  const Timeline& t = p.timeline;
  if (t.treatment_weeks.pos.line > 0 && t.treatment_weeks.value <= 0)
    d.error(t.treatment_weeks.pos, "timeline.treatment_weeks: must be positive");
  if (t.duration_weeks.pos.line > 0 && t.duration_weeks.value < t.treatment_weeks.value)
    d.error(t.duration_weeks.pos, "timeline.duration_weeks: the trial ends before its treatment period does");
  regimens(p, d);
  visits(p, d);
}

}  // namespace il2t::protocol::detail
