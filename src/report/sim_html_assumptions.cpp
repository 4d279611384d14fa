#include "report/sim_html_assumptions.h"

#include <fmt/format.h>

#include <vector>

#include "report/svg_plot.h"

namespace il2t::report {

namespace {

std::string h(const std::string& s) { return xml_escape(s); }

// Facts sharing one origin and reason, listed once with every field that has it.
struct Entry {
  std::vector<std::string> fields;
  protocol::Origin origin;
};

void add(std::vector<Entry>& out, const std::string& field, const protocol::Origin& o) {
  if (o.kind == protocol::OriginKind::registry) return;
  for (Entry& e : out)
    if (e.origin == o) {
      e.fields.push_back(field);
      return;
    }
  out.push_back({{field}, o});
}

std::string table(const std::vector<Entry>& entries) {
  std::string o = "<table class=\"origins\">\n<tr><th>protocol field</th><th>origin</th><th>why</th></tr>\n";
  for (const Entry& e : entries) {
    std::string fields;
    for (const std::string& f : e.fields) fields += (fields.empty() ? "" : ", ") + h(f);
    std::string why = h(e.origin.reason);
    if (!e.origin.words.empty()) why += " <span class=\"note\">(registry: “" + h(e.origin.words) + "”)</span>";
    o += "<tr><td>" + fields + "</td><td>" + protocol::to_string(e.origin.kind) + "</td><td>" + why + "</td></tr>\n";
  }
  return o + "</table>\n";
}

// The arms and their regimens.
std::vector<Entry> regimen_origins(const protocol::Protocol& p) {
  std::vector<Entry> out;
  for (const protocol::Arm& a : p.arms) {
    const std::string at = "arms." + a.id;
    add(out, at, a.origin);
    add(out, at + ".label", a.label.origin);
    add(out, at + ".ratio", a.ratio.origin);
    add(out, at + ".background", a.background.origin);
    for (const protocol::Intervention& i : a.interventions) {
      const std::string drug = at + "." + i.drug.value;
      add(out, drug, i.origin);
      add(out, drug + ".drug", i.drug.origin);
      add(out, drug + ".regimen", i.regimen_text.origin);
    }
  }
  return out;
}

// Everything else the file states: identity, timeline, eligibility, randomisation,
// visits and endpoints.
std::vector<Entry> other_origins(const protocol::Protocol& p) {
  std::vector<Entry> out;
  const protocol::Identity& id = p.identity;
  add(out, "identity.phase", id.phase.origin);
  add(out, "identity.design", id.design.origin);
  add(out, "identity.masking", id.masking.origin);
  add(out, "identity.enrolment", id.enrolment.origin);
  add(out, "timeline.treatment_weeks", p.timeline.treatment_weeks.origin);
  add(out, "timeline.duration_weeks", p.timeline.duration_weeks.origin);
  for (const auto& c : p.eligibility.inclusion) add(out, "inclusion." + c.id, c.origin);
  for (const auto& c : p.eligibility.exclusion) add(out, "exclusion." + c.id, c.origin);
  add(out, "randomisation.method", p.randomisation.method.origin);
  add(out, "randomisation.block_sizes", p.randomisation.block_sizes.origin);
  add(out, "randomisation.strata", p.randomisation.strata.origin);
  for (const auto& v : p.visits) {
    add(out, "visits." + v.id, v.origin);
    add(out, "visits." + v.id + ".window_days", v.window_days.origin);
  }
  for (const auto& e : p.endpoints) {
    add(out, "endpoints." + e.id, e.origin);
    add(out, "endpoints." + e.id + ".timepoints", e.timepoints.origin);
    add(out, "endpoints." + e.id + ".analysis", e.analysis.origin);
    add(out, "endpoints." + e.id + ".analysis.method", e.analysis.method.origin);
  }
  if (const auto& r = p.recruitment) {
    add(out, "recruitment.per_month", r->per_month.origin);
    if (r->ramp_up_months) add(out, "recruitment.ramp_up_months", r->ramp_up_months->origin);
  }
  if (const auto& g = p.group_sequential) {
    add(out, "group_sequential.endpoint", g->endpoint.origin);
    add(out, "group_sequential.benefit", g->benefit.origin);
    add(out, "group_sequential.efficacy", g->efficacy.origin);
    if (g->futility) add(out, "group_sequential.futility", g->futility->origin);
    if (g->beta) add(out, "group_sequential.beta", g->beta->origin);
    if (g->binding_futility) add(out, "group_sequential.binding_futility", g->binding_futility->origin);
  }
  for (std::size_t i = 0; i < p.interims.size(); ++i) add(out, "interim[" + std::to_string(i) + "]", p.interims[i].origin);
  for (const auto& a : p.assumed) add(out, "assumed." + a.endpoint.value + "." + a.arm.value, a.origin);
  return out;
}

}  // namespace

std::string assumptions_html(const trial::TrialDesign& d, const SimProvenance& pv) {
  const protocol::Protocol& p = *d.protocol;
  std::string o = "<h2>Assumptions</h2>\n";
  if (const auto regimens = regimen_origins(p); !regimens.empty())
    o += "<h3>How the arms and their regimens were read</h3>\n<p>What the protocol file interprets or assumes "
         "about the arms, beyond the registry's words:</p>\n" + table(regimens);
  if (const auto others = other_origins(p); !others.empty())
    o += "<h3>Other interpretations and assumptions of the protocol file</h3>\n" + table(others);
  std::string endpoints;
  for (const trial::EndpointPlan& e : d.endpoints) {
    if (e.reading != trial::Reading::not_simulated && e.note.empty()) continue;
    endpoints += "<tr><td>" + h(e.id) + (e.primary ? " (primary)" : "") + "</td><td>" +
                 (e.reading == trial::Reading::not_simulated ? "not simulated" : "simulated, analysed as noted") +
                 "</td><td>" + h(e.note.empty() ? std::string("the model has no such measure") : e.note) + "</td></tr>\n";
  }
  if (!endpoints.empty())
    o += "<h3>Endpoints not simulated, or not analysed as written</h3>\n<table class=\"origins\">\n"
         "<tr><th>endpoint</th><th>status</th><th>why</th></tr>\n" + endpoints + "</table>\n";
  o += "<h3>What the simulation assumes</h3>\n<ul>\n";
  o += "<li><b>Model</b>: every value in models/*.toml carries its source or is marked assumed with its reason "
       "(il2trial parameters lists them); parameter set " + h(pv.parameters_sha256.substr(0, 16)) + "….</li>\n";
  o += "<li><b>Trial conduct</b> (models/conduct.toml, assumed): adherence per dose, missed visits, dropout hazard, "
       "visits uniform in their windows.</li>\n";
  o += "<li><b>Screening</b> (models/screening.toml, assumed): prevalences of the record fields the criteria read, "
       "independent of each other and of disease activity.</li>\n";
  o += "<li><b>Missing data</b>: a missing binary response (missed visit, dropout) counts as non-response; a missing "
       "value leaves the participant out of that analysis (complete cases).</li>\n";
  o += fmt::format("<li><b>Truth</b>: each effect's true value is its estimate in a balanced trial of {} participants "
                   "per arm with the same seed; bias and coverage are against it.</li>\n", pv.truth_per_arm);
  o += fmt::format("<li><b>MCP-Mod</b>: candidate models {}, one-sided level {}, clinically relevant effect {} (the "
                   "smallest studied dose at or above the estimated target dose is the one picked).</li>\n",
                   h(pv.models), pv.alpha / 2, pv.delta);
  o += "<li><b>Dose–response</b>: an arm's dose is its first IL-2 dose at the protocol's reference body size; arms "
       "without IL-2 are at dose 0.</li>\n";
  if (d.observational)
    o += "<li><b>Who gets IL-2</b> (observational): a logistic model of baseline activity and prednisone dose "
         "(models/conduct.toml [observational]); the protocol's Cox model adjusts for the covariates the records hold, "
         "and the unadjusted hazard ratio shows the confounding.</li>\n";
  if (!d.simulated_strata.note.empty())
    o += "<li><b>Strata</b>: " + h(d.simulated_strata.note) + "</li>\n";
  return o + "</ul>\n";
}

}  // namespace il2t::report
