#include "report/protocol_summary.h"

#include <fmt/format.h>

#include <cmath>

#include "il2trial/version.h"
#include "protocol/provenance.h"
#include "schedule/schedule.h"

namespace il2t::report {

namespace {

using protocol::Protocol;

std::string join(const std::vector<std::string>& xs, const char* sep) {
  std::string s;
  for (const auto& x : xs) s += (s.empty() ? "" : sep) + x;
  return s;
}

std::string num(double x) { return units::format_number(x); }

std::string range_text(const protocol::Range& r, const char* unit) {
  if (!r.min && !r.max) return "";
  if (r.min && r.max) return num(r.min->value) + "–" + num(r.max->value) + " " + unit;
  if (r.min) return "≥ " + num(r.min->value) + " " + unit;
  return "≤ " + num(r.max->value) + " " + unit;
}

std::string dose_days(const protocol::Intervention& iv) {
  if (!iv.regimen) return "";
  const auto ev = protocol::expand(*iv.regimen);
  if (ev.empty()) return "";
  if (ev.size() == 1) return fmt::format("study day {}", ev.front().day);
  return fmt::format("study days {}–{}", ev.front().day, ev.back().day);
}

struct Counts {
  int computable = 0, manual = 0;
};
Counts count(const std::vector<protocol::Criterion>& cs) {
  Counts c;
  for (const auto& x : cs) (x.manual ? c.manual : c.computable)++;
  return c;
}

std::string visit_time(const protocol::Visit& v) {
  return fmt::format("{} {} (study day {})", v.unit, num(v.at.value), v.study_day());
}

}  // namespace

std::string show_text(const Protocol& p, const InputProvenance& in) {
  std::string o;
  const auto& id = p.identity;
  o += fmt::format("{}  {}\n", id.id.value, id.title.value);
  o += fmt::format("  sponsor: {}\n", id.sponsor.value);
  o += fmt::format("  phase {}, {}, masking: {}, status: {}, enrolment {}\n", id.phase.value, id.design.value,
                   id.masking.value, id.status.value, id.enrolment.value);
  o += fmt::format("  treatment {} weeks; trial {} weeks from the first dose\n", num(p.timeline.treatment_weeks.value),
                   num(p.timeline.duration_weeks.value));
  const auto& pop = p.population;
  std::string popline = join(pop.conditions.value, ", ");
  if (auto a = range_text(pop.age_years, "years"); !a.empty()) popline += "; age " + a;
  if (auto w = range_text(pop.weight_kg, "kg"); !w.empty()) popline += "; weight " + w;
  popline += "; sex " + pop.sex.value;
  o += "  population: " + popline + "\n";
  if (pop.reference_weight_kg && pop.reference_height_cm) {
    const double w = pop.reference_weight_kg->value, h = pop.reference_height_cm->value;
    o += fmt::format("  reference participant: {} kg, {} cm, body-surface area {:.2f} m² (Mosteller)\n", num(w),
                     num(h), units::bsa_mosteller(w, h));
  }

  o += "\nArms\n";
  for (const auto& arm : p.arms) {
    const auto t = schedule::arm_totals(p, arm);
    o += fmt::format("  {}: {} (allocation {})\n", arm.id, arm.label.value, num(arm.ratio.value));
    for (std::size_t k = 0; k < arm.interventions.size(); ++k) {
      const auto& it = t.interventions[k];
      o += fmt::format("    {}: {}\n", it.drug, it.regimen);
      std::string line = fmt::format("{} dose{}, {}", it.doses, it.doses == 1 ? "" : "s", dose_days(arm.interventions[k]));
      if (!it.total_text.empty()) line += ", total " + it.total_text;
      o += "      " + line + "\n";
    }
    if (arm.interventions.empty()) o += "    no study drug\n";
    if (!t.background.empty()) o += "    background: " + join(t.background, "; ") + "\n";
    o += fmt::format("    per participant: {} dose{} of study drug, {} MIU of IL-2\n", t.doses_per_participant,
                     t.doses_per_participant == 1 ? "" : "s",
                     num(std::round(t.total_il2_miu * 1000) / 1000));
  }

  const auto& r = p.randomisation;
  o += "\nRandomisation: " + r.method.value;
  if (!r.block_sizes.value.empty()) {
    std::vector<std::string> b;
    for (auto x : r.block_sizes.value) b.push_back(std::to_string(x));
    o += ", blocks of " + join(b, " or ");
  }
  if (!r.strata.value.empty()) o += ", strata: " + join(r.strata.value, "; ");  // an entry holds commas
  o += "\n";

  o += "\nVisits\n";
  for (const auto& v : p.visits)
    o += fmt::format("  {:<8} {}, window ±{} day{}\n", v.id, visit_time(v), num(v.window_days.value),
                     v.window_days.value == 1 ? "" : "s");

  o += "\nEndpoints\n";
  for (const auto& e : p.endpoints) {
    o += fmt::format("  {:<9} {}: {} [{}] at {}; {}; analysis: {}\n", e.kind.value, e.id, e.measure.value,
                     e.instrument.value, join(e.timepoints.value, ", "), join(e.compare.value, " vs "),
                     e.analysis.method.value);
  }

  if (const auto& rec = p.recruitment)
    o += fmt::format("\nRecruitment: {} a month{}\n", num(rec->per_month.value),
                     rec->ramp_up_months ? ", rising from 0 over " + num(rec->ramp_up_months->value) + " months" : "");
  if (const auto& g = p.group_sequential) {
    o += fmt::format("Group-sequential: decides on {} (IL-2 better when {}); efficacy {}{}; futility {}{}; looks at", g->endpoint.value,
                     g->benefit.value, g->efficacy.value,
                     g->efficacy_gamma ? " (γ " + num(g->efficacy_gamma->value) + ")" : "",
                     g->futility ? g->futility->value : "none", g->beta ? " (beta " + num(g->beta->value) + ")" : "");
    for (const auto& x : p.interims)
      o += x.information ? " information " + num(x.information->value) + "," : " month " + num(x.month->value) + ",";
    o += " and the final analysis\n";
  }
  for (const auto& a : p.assumed)
    o += fmt::format("Assumed: {} in {}: {}\n", a.endpoint.value, a.arm.value,
                     a.rate ? "response rate " + num(a.rate->value)
                            : "mean " + num(a.mean ? a.mean->value : NAN) + ", SD " + num(a.sd ? a.sd->value : NAN));

  const Counts inc = count(p.eligibility.inclusion), exc = count(p.eligibility.exclusion);
  o += fmt::format("\nEligibility: {} inclusion criteria ({} as expressions, {} manual), {} exclusion ({} as "
                   "expressions, {} manual)\n",
                   p.eligibility.inclusion.size(), inc.computable, inc.manual, p.eligibility.exclusion.size(),
                   exc.computable, exc.manual);

  const auto prov = protocol::provenance(p);
  o += fmt::format("\nInterpretations and assumptions ({})\n", prov.size());
  for (const auto& e : prov)
    o += fmt::format("  {:<11} {} (line {}): {}\n", protocol::to_string(e.kind), e.path, e.pos.line, e.reason);

  o += fmt::format("\n{} sha256 {} · il2trial {}\n", in.file, in.sha256, kVersion);
  return o;
}

nlohmann::ordered_json show_json(const Protocol& p, const InputProvenance& in) {
  using nlohmann::ordered_json;
  ordered_json j;
  const auto& id = p.identity;
  j["id"] = id.id.value;
  j["registry_ids"] = id.registry_ids.value;
  j["title"] = id.title.value;
  j["sponsor"] = id.sponsor.value;
  j["phase"] = id.phase.value;
  j["design"] = id.design.value;
  j["masking"] = id.masking.value;
  j["status"] = id.status.value;
  j["enrolment"] = id.enrolment.value;
  j["treatment_weeks"] = p.timeline.treatment_weeks.value;
  j["duration_weeks"] = p.timeline.duration_weeks.value;
  if (p.population.reference_weight_kg && p.population.reference_height_cm) {
    const double w = p.population.reference_weight_kg->value, h = p.population.reference_height_cm->value;
    j["reference"] = {{"weight_kg", w}, {"height_cm", h}, {"bsa_m2", units::bsa_mosteller(w, h)}};
  }
  j["arms"] = ordered_json::array();
  for (const auto& arm : p.arms) {
    const auto t = schedule::arm_totals(p, arm);
    ordered_json a;
    a["id"] = t.id;
    a["label"] = t.label;
    a["ratio"] = t.ratio;
    a["doses_per_participant"] = t.doses_per_participant;
    a["total_il2_miu"] = t.total_il2_miu;
    a["interventions"] = ordered_json::array();
    for (const auto& it : t.interventions) {
      ordered_json x{{"drug", it.drug}, {"regimen", it.regimen}, {"doses", it.doses}};
      if (it.total_il2_miu) x["total_il2_miu"] = *it.total_il2_miu;
      if (!it.total_text.empty()) x["total"] = it.total_text;
      a["interventions"].push_back(x);
    }
    a["background"] = t.background;
    j["arms"].push_back(a);
  }
  j["randomisation"] = {{"method", p.randomisation.method.value},
                        {"block_sizes", p.randomisation.block_sizes.value},
                        {"strata", p.randomisation.strata.value}};
  j["visits"] = ordered_json::array();
  for (const auto& v : p.visits)
    j["visits"].push_back({{"id", v.id}, {"study_day", v.study_day()}, {"window_days", v.window_days.value}});
  j["endpoints"] = ordered_json::array();
  for (const auto& e : p.endpoints)
    j["endpoints"].push_back({{"id", e.id},
                              {"kind", e.kind.value},
                              {"measure", e.measure.value},
                              {"instrument", e.instrument.value},
                              {"timepoints", e.timepoints.value},
                              {"compare", e.compare.value},
                              {"analysis", e.analysis.method.value}});
  j["provenance"] = ordered_json::array();
  for (const auto& e : protocol::provenance(p))
    j["provenance"].push_back({{"path", e.path},
                               {"origin", protocol::to_string(e.kind)},
                               {"reason", e.reason},
                               {"registry", e.words},
                               {"line", e.pos.line}});
  j["input"] = {{"file", in.file}, {"sha256", in.sha256}};
  j["program"] = {{"name", "il2trial"}, {"version", kVersion}};
  return j;
}

}  // namespace il2t::report
