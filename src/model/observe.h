#pragma once
// How a participant's latent disease activity becomes the items a clinician records:
// SLEDAI-2K descriptors, BILAG-2004 domain grades and PGA for SLE; ESSDAI domain
// levels and ESSPRI for primary Sjögren's; JADAS components for JIA. Scores are then
// computed by src/instruments from these items, never drawn as a single number.
//
// Each descriptor (or ESSDAI domain) active at baseline gets a threshold u in (0, 1):
// it is present while the activity (1 at baseline) exceeds u, so descriptors resolve
// one by one as activity falls and return when it rises. Descriptors absent at
// baseline get thresholds above 1 and appear only in flares.
#include <array>
#include <string>
#include <vector>

#include "instruments/bilag.h"
#include "instruments/essdai.h"
#include "instruments/sledai.h"
#include "model/params.h"
#include "model/rng.h"

namespace il2t::model {

// The disease tables of a bound model, indexed by instrument item.
struct DiseaseTables {
  std::array<double, instruments::kSledaiItemCount> sledai_prevalence{};
  std::array<instruments::BilagDomain, instruments::kSledaiItemCount> bilag_domain{};
  std::array<instruments::BilagGrade, instruments::kSledaiItemCount> bilag_grade{};
  std::array<double, instruments::kEssdaiDomainCount> essdai_prevalence{};
  std::array<instruments::EssdaiLevel, instruments::kEssdaiDomainCount> essdai_level{};
  std::vector<double> infection_cumulative;  // cumulative probabilities
  std::vector<std::string> infection_types;
};

// Builds the tables; errors name the parameter ("sle_descriptors.rash: map ...").
struct TablesResult {
  DiseaseTables tables;
  std::vector<Error> errors;
};
TablesResult make_tables(const BoundModel& m);

struct BaselineTargets {
  double sledai = 0, pga = 0, essdai = 0, dryness = 0, fatigue = 0, pain = 0;
  double active_joints = 0, jadas_global = 0, esr = 0;
};

// One participant's fixed observation structure, drawn at baseline.
struct DiseaseBaseline {
  std::array<bool, instruments::kSledaiItemCount> sledai_at_baseline{};
  std::array<double, instruments::kSledaiItemCount> sledai_threshold{};
  std::array<double, instruments::kEssdaiDomainCount> essdai_threshold{};
  std::array<bool, instruments::kEssdaiDomainCount> essdai_at_baseline{};
  int sledai = 0, clinical_sledai = 0, essdai = 0;  // as drawn (the targets are reached or passed)
  BaselineTargets given;  // PGA, ESSPRI items, JADAS components: taken as given
};


DiseaseBaseline draw_baseline(const DiseaseTables& t, const ModelParams& p, const BaselineTargets& target,
                              Stream& rng);

// Items present at activity a (1 = baseline).
instruments::SledaiVisit sledai_at(const DiseaseBaseline& b, double activity);
instruments::EssdaiVisit essdai_at(const DiseaseBaseline& b, const DiseaseTables& t, double activity);

// BILAG grades from the descriptors present at activity a; `ever` marks domains active
// at any earlier assessment (graded D when inactive now) and is updated. A present
// descriptor whose activity is within the lower share `improving` of its span above
// its threshold u (u < a <= u + improving·(1 − u)) is improving: its grade is one
// milder (A → B, B → C). With improving = 0 every present descriptor has its grade.
instruments::BilagVisit bilag_at(const DiseaseTables& t, const DiseaseBaseline& b, double activity, double improving,
                                 const instruments::SledaiVisit& s, std::array<bool, instruments::kBilagDomainCount>& ever);

}  // namespace il2t::model
