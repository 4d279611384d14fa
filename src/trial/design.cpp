#include "trial/design.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "model/plan.h"
#include "population/choice.h"
#include "core/diagnostic.h"
#include "schedule/schedule.h"
#include "trial/engine.h"
#include "trial/randomisation.h"
#include "trial/scenario.h"
#include "trial/sequential.h"

namespace il2t::trial {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool names_control(const protocol::Arm& a) {
  for (const std::string& s : {lower(a.id), lower(a.label.value)})
    if (s.find("placebo") != std::string::npos || s.find("standard") != std::string::npos ||
        s.find("control") != std::string::npos)
      return true;
  return false;
}

// How the simulator reads an instrument (the catalogue's reading under the method).
Reading reading_of(const std::string& instrument, const std::string& method, std::string& note) {
  const Reading r = measures::reading_for(instrument, method);
  if (r == Reading::not_simulated) note = "not simulated: the model has no " + instrument + " measure";
  return r;
}

Method method_of(const std::string& m, Reading r, std::string& note) {
  if (r == Reading::not_simulated) return Method::descriptive;
  const measures::MethodSpec* spec = measures::find_method(m);
  if (!spec || !measures::runs_on(*spec, r)) {  // validation rejects these; a design made anyway says so
    note = "analysis \"" + m + "\" does not run on this endpoint; its distribution is reported";
    return Method::descriptive;
  }
  static constexpr std::pair<std::string_view, Method> kByName[] = {
      {"fisher", Method::fisher}, {"chi-square", Method::chi_square}, {"cmh", Method::cmh},
      {"logistic", Method::logistic}, {"t-test", Method::t_test}, {"ancova", Method::ancova},
      {"mmrm", Method::mmrm}, {"wilcoxon", Method::wilcoxon}, {"logrank", Method::logrank},
      {"cox", Method::cox}, {"poisson", Method::poisson}, {"mcp-mod", Method::mcp_mod}};
  for (const auto& [name, method] : kByName)
    if (name == m) return method;
  return Method::descriptive;
}

Multiplicity multiplicity_of(const std::optional<protocol::Fact<std::string>>& m) {
  if (!m) return Multiplicity::none;
  for (Multiplicity x : {Multiplicity::bonferroni, Multiplicity::holm, Multiplicity::hochberg, Multiplicity::dunnett})
    if (m->value == to_string(x)) return x;
  return Multiplicity::none;
}

}  // namespace

measures::Id activity_test(model::Disease d) {
  using measures::Id;
  return d == model::Disease::sle ? Id::sledai_2k : d == model::Disease::pss ? Id::essdai : Id::jadas27;
}

const char* to_string(Method m) {
  switch (m) {
    case Method::fisher: return "fisher";
    case Method::chi_square: return "chi-square";
    case Method::cmh: return "cmh";
    case Method::logistic: return "logistic";
    case Method::t_test: return "t-test";
    case Method::ancova: return "ancova";
    case Method::mmrm: return "mmrm";
    case Method::wilcoxon: return "wilcoxon";
    case Method::logrank: return "logrank";
    case Method::cox: return "cox";
    case Method::poisson: return "poisson";
    case Method::mcp_mod: return "mcp-mod";
    case Method::descriptive: return "descriptive";
  }
  return "";
}

const char* to_string(Multiplicity m) {
  switch (m) {
    case Multiplicity::none: return "none";
    case Multiplicity::bonferroni: return "bonferroni";
    case Multiplicity::holm: return "holm";
    case Multiplicity::hochberg: return "hochberg";
    case Multiplicity::dunnett: return "dunnett";
  }
  return "";
}

DesignMade make_design(const protocol::Protocol& p, std::optional<model::Disease> stand_in) {
  DesignMade out;
  TrialDesign d;
  d.protocol = &p;
  const auto disease = stand_in ? stand_in : model::disease_of(p);
  if (!disease) {
    out.error = "population.conditions: none names a disease the model knows (SLE, primary Sjögren's, JIA)";
    return out;
  }
  d.disease = *disease;
  d.population = population::population_for(p, d.disease);
  d.cmv = model::studies_cmv(p);
  // Without randomisation, the clinician chooses who gets IL-2 (engine.h).
  d.observational = lower(p.identity.design.value) != "randomised" || lower(p.randomisation.method.value) == "none";
  d.planned_n = static_cast<int>(p.identity.enrolment.value);
  if (d.planned_n < 2) {
    out.error = "identity.enrolment: a trial needs at least 2 participants";
    return out;
  }
  const units::Body body{p.population.reference_weight_kg ? p.population.reference_weight_kg->value : 60.0,
                         p.population.reference_height_cm ? p.population.reference_height_cm->value : 165.0};
  d.reference_bsa_m2 = units::bsa_mosteller(*body.weight_kg, *body.height_cm);
  for (const protocol::Arm& a : p.arms) {
    ArmInfo info{a.id, a.label.value, 0, false, false};
    auto s = schedule::build_schedule(p, a.id, study_start(), body);
    if (!s.schedule) {
      out.error = "arms." + a.id + ": " + s.error.text();
      return out;
    }
    for (const auto& dose : s.schedule->doses)
      if (dose.drug_id == "il2") {
        info.gives_il2 = true;
        info.il2_dose_miu = dose.il2_miu;
        break;
      }
    info.control = !info.gives_il2 && names_control(a);  // "IL-2 plus standard care" is not the control
    d.arms.push_back(info);
  }
  for (std::size_t i = 0; i < p.visits.size(); ++i) {
    d.visit_ids.push_back(p.visits[i].id);
    if (p.visits[i].study_day() == 1 && !d.baseline_visit) d.baseline_visit = i;
  }
  Diagnostics diag;
  auto compiled = eligibility::compile_protocol(p, diag);
  if (!compiled) {
    out.error = "eligibility: a criterion does not compile (run il2trial validate)";
    return out;
  }
  d.criteria = std::move(*compiled);
  if (!d.observational) {
    auto strata = read_strata(p);
    if (!strata) {
      out.error = strata.error();
      return out;
    }
    d.strata = std::move(*strata);
    d.simulated_strata = simulated_strata(d.strata);
    auto r = Randomiser::make(p, d.simulated_strata.count);
    if (!r.randomiser) {
      out.error = r.error;
      return out;
    }
  }
  auto index_of_arm = [&](const std::string& id) {
    for (std::size_t i = 0; i < p.arms.size(); ++i)
      if (p.arms[i].id == id) return i;
    return p.arms.size();
  };
  auto index_of_visit = [&](const std::string& id) {
    for (std::size_t i = 0; i < p.visits.size(); ++i)
      if (p.visits[i].id == id) return i;
    return p.visits.size();
  };
  for (const protocol::Endpoint& e : p.endpoints) {
    EndpointPlan plan;
    plan.id = e.id;
    plan.instrument = e.instrument.value;
    plan.primary = e.kind.value == "primary";
    plan.reading = reading_of(e.instrument.value, e.analysis.method.value, plan.note);
    plan.method = method_of(e.analysis.method.value, plan.reading, plan.note);
    for (const std::string& v : e.timepoints.value) plan.visits.push_back(index_of_visit(v));
    for (const std::string& a : e.compare.value) plan.arms.push_back(index_of_arm(a));
    // The reference: the first compared arm that is a control, else the last listed.
    plan.reference = plan.arms.back();
    for (std::size_t a : plan.arms)
      if (d.arms[a].control) {
        plan.reference = a;
        break;
      }
    if (plan.method == Method::cox || plan.method == Method::logistic) plan.covariates = e.analysis.covariates.value;
    if (e.analysis.alpha) plan.alpha = e.analysis.alpha->value;
    plan.multiplicity = multiplicity_of(e.analysis.multiplicity);
    if (plan.reading == Reading::sri4 && !d.baseline_visit) {
      plan.reading = Reading::not_simulated;
      plan.method = Method::descriptive;
      plan.note = "not simulated: SRI-4 needs a baseline visit (week 0)";
    }
    d.endpoints.push_back(std::move(plan));
  }
  std::stable_partition(d.endpoints.begin(), d.endpoints.end(), [](const EndpointPlan& e) { return e.primary; });
  d.assumed = assumed_outcomes(p, d);
  auto sequential = make_sequential_spec(p, d);
  if (!sequential) {
    out.error = sequential.error();
    return out;
  }
  d.sequential = std::move(*sequential);
  out.design = std::move(d);
  return out;
}

}  // namespace il2t::trial
