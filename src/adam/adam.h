#pragma once
// ADaM analysis datasets from a trial's records, so that a reviewer can check each
// derivation against the SDTM it came from and the analysis that used it (admiral's
// way: each variable a small named derivation, bds.h):
// - ADSL  one row per participant: planned and actual treatment, age, sex, baseline
//         activity and prednisone, completion;
// - ADRS  every clinician-rated and patient-reported value by visit (PARAMCD = the test
//         code) with BASE, CHG and ABLFL; and, at each SRI endpoint's timepoint, SRI-4
//         (or SRI-k) with its three components (SRI4SLED, SRI4BILA, SRI4PGA);
// - ADLB  the laboratory values by visit, as ADRS;
// - ADAE  the adverse events, with treatment-emergent and infection flags;
// - ADTTE time to first infection, one parameter per time-to-event endpoint (or over
//         the whole follow-up when the protocol has none).
// ANL01FL marks the records an endpoint's analysis reads, so each analysed value can be
// traced (docs/sdtm.md, Analysis datasets).
#include <string>
#include <vector>

#include "sdtm/dataset.h"
#include "trial/design.h"
#include "trial/records.h"

namespace il2t::adam {

struct Ids {
  std::string study;                 // STUDYID
  std::vector<std::string> usubjid;  // per participant of the records
};

std::vector<sdtm::Dataset> derive_adam(const trial::TrialDesign& d, const trial::TrialRecords& r, const Ids& ids);

}  // namespace il2t::adam
