#include "schedule/schedule.h"

#include <algorithm>

#include "protocol/drugs.h"
#include "protocol/plausibility.h"

namespace il2t::schedule {

namespace {

using protocol::DrugInfo;

struct DoseAmount {
  std::string text;
  double il2_miu = 0;
  double base = 0;  // IU or mg
};

Expected<DoseAmount> resolve(const DrugInfo* drug, const std::optional<units::Dose>& dose, const units::Body& body) {
  DoseAmount out;
  if (!drug || !drug->active || !dose) return out;
  auto a = units::absolute(*dose, body);
  if (!a) return a.error();
  if (drug->by_activity) {
    out.il2_miu = units::il2_miu(*a);
    out.base = out.il2_miu * 1e6;
  } else {
    out.base = a->value;
  }
  out.text = protocol::describe(*drug, out.base);
  return out;
}

units::Body reference(const protocol::Protocol& p) {
  units::Body b;
  if (p.population.reference_weight_kg) b.weight_kg = p.population.reference_weight_kg->value;
  if (p.population.reference_height_cm) b.height_cm = p.population.reference_height_cm->value;
  return b;
}

}  // namespace

ScheduleResult build_schedule(const protocol::Protocol& p, const std::string& arm_id, Date start,
                              const units::Body& body) {
  const protocol::Arm* arm = p.find_arm(arm_id);
  if (!arm) {
    std::string ids;
    for (const auto& a : p.arms) ids += (ids.empty() ? "" : ", ") + a.id;
    return {std::nullopt, "no arm \"" + arm_id + "\" in this protocol (arms: " + ids + ")"};
  }
  ParticipantSchedule s;
  s.protocol_id = p.identity.id.value;
  s.arm_id = arm->id;
  s.arm_label = arm->label.value;
  s.start = start;
  for (const protocol::Intervention& iv : arm->interventions) {
    if (!iv.regimen) return {std::nullopt, "the regimen of " + iv.drug.value + " did not parse"};
    const DrugInfo* drug = protocol::find_drug(iv.drug.value);
    for (const protocol::DoseEvent& ev : protocol::expand(*iv.regimen)) {
      const Expected<DoseAmount> amt = resolve(drug, ev.dose, body);
      if (!amt) return {std::nullopt, iv.drug.value + ": " + amt.error().message + " (give --weight and --height)"};
      ScheduledDose d;
      d.study_day = ev.day;
      d.date = start.plus_days(ev.day - 1);
      d.drug = iv.drug.value;
      d.as_written = ev.dose ? units::to_string(*ev.dose) : "placebo";
      d.absolute = amt->text;
      d.il2_miu = amt->il2_miu;
      if (drug && drug->active && !drug->by_activity) d.mass_mg = amt->base;
      d.drug_id = drug ? std::string(drug->id) : iv.drug.value;
      d.route = protocol::to_string(iv.regimen->route);
      d.cycle = ev.cycle;
      s.doses.push_back(std::move(d));
    }
  }
  std::stable_sort(s.doses.begin(), s.doses.end(),
                   [](const ScheduledDose& a, const ScheduledDose& b) { return a.study_day < b.study_day; });
  for (const protocol::Visit& v : p.visits) {
    const int day = v.study_day();
    const int w = static_cast<int>(v.window_days.value);
    s.visits.push_back({v.id, day, start.plus_days(day - 1), start.plus_days(day - 1 - w),
                        start.plus_days(day - 1 + w), v.window_days.value});
  }
  std::stable_sort(s.visits.begin(), s.visits.end(),
                   [](const ScheduledVisit& a, const ScheduledVisit& b) { return a.study_day < b.study_day; });
  return {std::move(s), {}};
}

ArmTotals arm_totals(const protocol::Protocol& p, const protocol::Arm& arm) {
  ArmTotals t;
  t.id = arm.id;
  t.label = arm.label.value;
  t.ratio = arm.ratio.value;
  t.background = arm.background.value;
  const units::Body body = reference(p);
  for (const protocol::Intervention& iv : arm.interventions) {
    InterventionTotals it;
    it.drug = iv.drug.value;
    it.regimen = iv.regimen ? protocol::to_string(*iv.regimen) : iv.regimen_text.value;
    const DrugInfo* drug = protocol::find_drug(iv.drug.value);
    if (iv.regimen) {
      double il2 = 0, base = 0;
      bool ok = true;
      for (const protocol::DoseEvent& ev : protocol::expand(*iv.regimen)) {
        ++it.doses;
        const Expected<DoseAmount> amt = resolve(drug, ev.dose, body);
        ok = ok && amt.ok();
        if (!amt) continue;
        il2 += amt->il2_miu;
        base += amt->base;
      }
      if (ok && drug && drug->active) {
        it.total_text = protocol::describe(*drug, base);
        if (drug->by_activity) it.total_il2_miu = il2;
      }
      if (drug && drug->by_activity && ok) t.total_il2_miu += il2;
    }
    t.doses_per_participant += it.doses;
    t.interventions.push_back(std::move(it));
  }
  return t;
}

}  // namespace il2t::schedule
