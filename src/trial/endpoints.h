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
  std::vector<double> value;       // response (0/1 for binary readings), time in days, or a count
  std::vector<double> baseline;    // the value at the baseline visit (NaN when not measured)
  std::vector<double> event;       // time to event: 1 event, 0 censored; a count: days at risk
  std::vector<std::uint32_t> subject;
  std::vector<std::uint16_t> visit;  // the row's timepoint: a position in the endpoint's visits
  void clear();
  void append(const EndpointRows& o);
  void push_row(const EndpointRows& o, std::size_t i);  // row i of `o`
};

// Which of an endpoint's timepoints to read: the last (what a single number per
// participant means), or each of them when the endpoint is read per visit
// (EndpointPlan::per_visit) — events by the last visit are read once either way.
enum class Timepoints { last, all };

// Fills `out` with the rows of the participants in the endpoint's compared arms, visit
// by visit in the endpoint's order.
void derive_endpoint(const TrialDesign& d, const EndpointPlan& e, const TrialRecords& r, EndpointRows& out,
                     Timepoints which = Timepoints::last);

// The study day of the protocol's visit `v` (nominal).
int nominal_day(const TrialDesign& d, std::size_t v);

}  // namespace il2t::trial
