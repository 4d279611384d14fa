#include "protocol/provenance.h"

namespace il2t::protocol {

namespace {

class Collector {
 public:
  std::vector<ProvenanceEntry> out;

  void origin(const std::string& path, const Origin& o, SourcePos pos) {
    if (o.kind != OriginKind::registry) out.push_back({path, o.kind, o.reason, o.words, pos});
  }
  template <typename T>
  void fact(const std::string& path, const Fact<T>& f) {
    origin(path, f.origin, f.pos);
  }
  template <typename T>
  void fact(const std::string& path, const std::optional<Fact<T>>& f) {
    if (f) origin(path, f->origin, f->pos);
  }
};

std::string at(const std::string& base, std::size_t i) { return base + "[" + std::to_string(i) + "]"; }

}  // namespace

std::vector<ProvenanceEntry> provenance(const Protocol& p) {
  Collector c;
  const Identity& id = p.identity;
  c.fact("identity.id", id.id);
  c.fact("identity.registry_ids", id.registry_ids);
  c.fact("identity.title", id.title);
  c.fact("identity.sponsor", id.sponsor);
  c.fact("identity.phase", id.phase);
  c.fact("identity.design", id.design);
  c.fact("identity.masking", id.masking);
  c.fact("identity.status", id.status);
  c.fact("identity.enrolment", id.enrolment);
  c.fact("timeline.treatment_weeks", p.timeline.treatment_weeks);
  c.fact("timeline.duration_weeks", p.timeline.duration_weeks);
  const Population& pop = p.population;
  c.fact("population.conditions", pop.conditions);
  c.fact("population.age_min_years", pop.age_years.min);
  c.fact("population.age_max_years", pop.age_years.max);
  c.fact("population.weight_min_kg", pop.weight_kg.min);
  c.fact("population.weight_max_kg", pop.weight_kg.max);
  c.fact("population.sex", pop.sex);
  c.fact("population.healthy_volunteers", pop.healthy_volunteers);
  c.fact("population.reference_weight_kg", pop.reference_weight_kg);
  c.fact("population.reference_height_cm", pop.reference_height_cm);
  for (std::size_t i = 0; i < p.eligibility.inclusion.size(); ++i) {
    const Criterion& cr = p.eligibility.inclusion[i];
    c.origin(at("eligibility.inclusion", i) + " (" + cr.id + ")", cr.origin, cr.pos);
  }
  for (std::size_t i = 0; i < p.eligibility.exclusion.size(); ++i) {
    const Criterion& cr = p.eligibility.exclusion[i];
    c.origin(at("eligibility.exclusion", i) + " (" + cr.id + ")", cr.origin, cr.pos);
  }
  for (std::size_t i = 0; i < p.arms.size(); ++i) {
    const Arm& a = p.arms[i];
    const std::string base = at("arms", i);
    c.origin(base + " (" + a.id + ")", a.origin, a.pos);
    c.fact(base + ".label", a.label);
    c.fact(base + ".ratio", a.ratio);
    c.fact(base + ".background", a.background);
    for (std::size_t k = 0; k < a.interventions.size(); ++k) {
      const Intervention& iv = a.interventions[k];
      const std::string ib = at(base + ".interventions", k);
      c.origin(ib, iv.origin, iv.pos);
      c.fact(ib + ".drug", iv.drug);
      c.fact(ib + ".regimen", iv.regimen_text);
    }
  }
  c.fact("randomisation.method", p.randomisation.method);
  c.fact("randomisation.block_sizes", p.randomisation.block_sizes);
  c.fact("randomisation.strata", p.randomisation.strata);
  for (std::size_t i = 0; i < p.visits.size(); ++i) {
    const Visit& v = p.visits[i];
    const std::string base = at("visits", i);
    c.origin(base + " (" + v.id + ")", v.origin, v.pos);
    c.fact(base + "." + v.unit, v.at);
    c.fact(base + ".window_days", v.window_days);
  }
  for (std::size_t i = 0; i < p.endpoints.size(); ++i) {
    const Endpoint& e = p.endpoints[i];
    const std::string base = at("endpoints", i);
    c.origin(base + " (" + e.id + ")", e.origin, e.pos);
    c.fact(base + ".kind", e.kind);
    c.fact(base + ".measure", e.measure);
    c.fact(base + ".description", e.description);
    c.fact(base + ".instrument", e.instrument);
    c.fact(base + ".timepoints", e.timepoints);
    c.fact(base + ".compare", e.compare);
    c.origin(base + ".analysis", e.analysis.origin, e.analysis.pos);
    c.fact(base + ".analysis.method", e.analysis.method);
    c.fact(base + ".analysis.covariates", e.analysis.covariates);
    c.fact(base + ".analysis.alpha", e.analysis.alpha);
  }
  if (const auto& r = p.recruitment) {
    c.fact("recruitment.per_month", r->per_month);
    c.fact("recruitment.ramp_up_months", r->ramp_up_months);
  }
  if (const auto& g = p.group_sequential) {
    c.fact("group_sequential.endpoint", g->endpoint);
    c.fact("group_sequential.benefit", g->benefit);
    c.fact("group_sequential.efficacy", g->efficacy);
    c.fact("group_sequential.efficacy_gamma", g->efficacy_gamma);
    c.fact("group_sequential.futility", g->futility);
    c.fact("group_sequential.futility_gamma", g->futility_gamma);
    c.fact("group_sequential.beta", g->beta);
    c.fact("group_sequential.binding_futility", g->binding_futility);
  }
  for (std::size_t i = 0; i < p.interims.size(); ++i) {
    const Interim& x = p.interims[i];
    const std::string base = at("interim", i);
    c.origin(base, x.origin, x.pos);
    c.fact(base + ".information", x.information);
    c.fact(base + ".month", x.month);
  }
  for (std::size_t i = 0; i < p.assumed.size(); ++i) {
    const AssumedOutcome& a = p.assumed[i];
    const std::string base = at("assumed", i);
    c.origin(base + " (" + a.endpoint.value + ", " + a.arm.value + ")", a.origin, a.pos);
    c.fact(base + ".rate", a.rate);
    c.fact(base + ".mean", a.mean);
    c.fact(base + ".sd", a.sd);
  }
  return c.out;
}

}  // namespace il2t::protocol
