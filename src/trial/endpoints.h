#pragma once
// An endpoint's per-participant values, derived from trial records alone (records.h):
// SRI-4 from the SLEDAI-2K, BILAG-2004 and PGA rows of the baseline and follow-up
// visits through src/instruments; CMV clearance; any adverse event or infection by the
// last timepoint; time to first infection; a measured value and its baseline.
// Missing binary responses count as non-response (non-responder imputation); a
// missing value leaves the participant out (complete cases). Adverse events count from
// study day 1 (treatment-emergent); one before it (a real trial's) does not.
#include <cstdint>
#include <vector>

#include "trial/design.h"
#include "trial/records.h"

namespace il2t::trial {

struct EndpointRows {
  std::vector<std::uint32_t> arm;  // per row: the participant's arm
  std::vector<double> value;       // response (0/1 for binary readings), or time in days
  std::vector<double> baseline;    // the value at the baseline visit (NaN when not measured)
  std::vector<double> event;       // time to event: 1 event, 0 censored
  std::vector<std::uint32_t> subject;
  void clear();
};

// Fills `out` with the rows of the participants in the endpoint's compared arms.
void derive_endpoint(const TrialDesign& d, const EndpointPlan& e, const TrialRecords& r, EndpointRows& out);

// The study day of the protocol's visit `v` (nominal).
int nominal_day(const TrialDesign& d, std::size_t v);

}  // namespace il2t::trial
