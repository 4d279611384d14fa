#pragma once
// A protocol made ready to simulate: its disease, arms (with the IL-2 dose each gives),
// visits, compiled eligibility criteria, and each endpoint's derivation and planned
// analysis as the simulator carries them out. Built once, read-only, shared by threads.
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "eligibility/screen.h"
#include "measures/catalogue.h"
#include "model/individual.h"
#include "population/params.h"
#include "protocol/protocol.h"
#include "trial/sequential_spec.h"
#include "trial/strata.h"

namespace il2t::trial {

struct ArmInfo {
  std::string id, label;
  double il2_dose_miu = 0;  // the arm's first IL-2 dose, MIU at the protocol's reference body size: its dose level
  bool gives_il2 = false;
  bool control = false;     // placebo or standard care by its id or label
};

using Reading = measures::Reading;  // how an endpoint's value is read from the records

enum class Method { fisher, chi_square, cmh, logistic, t_test, ancova, mmrm, wilcoxon, logrank, cox, poisson, mcp_mod, descriptive };
const char* to_string(Method m);

// How a pairwise analysis adjusts for comparing several doses with one reference
// (at each visit): none, or the adjusted p-value of Bonferroni, Holm, Hochberg or
// Dunnett's single-step test.
enum class Multiplicity { none, bonferroni, holm, hochberg, dunnett };
const char* to_string(Multiplicity m);

struct EndpointPlan {
  std::string id, instrument;
  bool primary = false;
  Reading reading = Reading::not_simulated;
  Method method = Method::descriptive;
  std::vector<std::size_t> visits;  // timepoints (indices into the protocol's visits)
  std::vector<std::size_t> arms;    // compared arms (indices), in the protocol's order
  int sri_threshold = 4;            // the SRI reading's SLEDAI threshold (SRI-4; 5 to 8 for SRI-5 …)
  std::size_t reference = 0;        // the control arm of two-group comparisons
  // For Cox and logistic regression: subject covariates (age_years, sledai_2k,
  // prednisone_mg_per_day); logistic regression and CMH also take the randomisation strata.
  std::vector<std::string> covariates;
  std::optional<double> alpha;      // the protocol's analysis.alpha, when it gives one
  Multiplicity multiplicity = Multiplicity::none;
  std::string note;                 // why an endpoint is not simulated or analysed as written
  bool binary() const { return reading == Reading::sri4 || reading == Reading::undetectable || reading == Reading::any_event; }
  // Read at each of its visits (a response or value at a visit) rather than once, as
  // events by the last visit are: each visit is analysed, the decision at the last.
  bool per_visit() const {
    return visits.size() > 1 && method != Method::mcp_mod && method != Method::descriptive &&
           (reading == Reading::sri4 || reading == Reading::undetectable || reading == Reading::value);
  }
};

// An arm's endpoint stated directly (protocol [[assumed]] or simulate --assume) rather
// than read from the model: a response rate, or a mean and SD (trial/scenario.h).
struct AssumedArm {
  bool response = true;
  double rate = 0, mean = 0, sd = 1;
};

// The disease's activity score: SLEDAI-2K, ESSDAI or JADAS-27.
measures::Id activity_test(model::Disease d);

struct TrialDesign {
  const protocol::Protocol* protocol = nullptr;
  model::Disease disease = model::Disease::sle;
  // The candidate population drawn from: the disease's, or its children's for a
  // protocol whose participants are children (population/choice.h).
  model::Population population = model::Population::sle;
  bool cmv = false;
  bool observational = false;  // not randomised: allocation by the clinician-choice model
  // The study's own prednisone at entry (a calibration study's baseline table); nullopt:
  // the population's (models/population.toml).
  std::optional<population::PrednisoneAtEntry> prednisone;
  int planned_n = 0;
  double reference_bsa_m2 = 0;  // of the protocol's reference body (Mosteller): ArmInfo::il2_dose_miu per m²
  std::vector<ArmInfo> arms;
  std::vector<std::string> visit_ids;
  std::optional<std::size_t> baseline_visit;  // a visit on study day 1
  eligibility::CompiledProtocol criteria;
  // The protocol's stratification factors, and those the simulation allocates within
  // (with its note on the others); a randomised design only.
  Strata strata;
  SimulatedStrata simulated_strata;
  std::vector<EndpointPlan> endpoints;  // the primary ones first
  // Per endpoint: nothing, or an assumed outcome per compared arm (EndpointPlan::arms' order).
  std::vector<std::vector<AssumedArm>> assumed;
  std::optional<SequentialSpec> sequential;  // a group-sequential design's looks
};

struct DesignMade {
  std::optional<TrialDesign> design;
  Error error;
};

// `p` must outlive the design (a temporary is refused at compile time). `stand_in`:
// the disease simulated when the protocol's has no population in the model (the
// calibration's pharmacology studies in other diseases); nullopt: the protocol's own.
// Either way the protocol's ages choose between the disease's adults and children.
DesignMade make_design(const protocol::Protocol& p, std::optional<model::Disease> stand_in = std::nullopt);
DesignMade make_design(protocol::Protocol&& p, std::optional<model::Disease> stand_in = std::nullopt) = delete;

}  // namespace il2t::trial
