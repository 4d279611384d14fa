#pragma once
// A trial's records (trial/records.h) as SDTM datasets: DM, DS, EX, SV, VS, AE, CM, LB,
// RS and QS (domains.h), as `simulate --records` writes them and `analyze` reads them
// back (read_trial.h) to the same analysis, to the last digit.
//
// Dates: every participant starts on `first_day`; a study day d is first_day + d − 1
// (d ≥ 1) or first_day + d (d < 0), as SDTM counts days. Screening (weight, height, the
// activity score and the prednisone-equivalent dose at entry) is on day −7. A dose of
// prednisone measured at a visit is written as a CM record from that visit's day to
// the day before the next visit's (the last visit's: that day alone).
#include <chrono>
#include <string>
#include <vector>

#include "sdtm/dataset.h"
#include "trial/design.h"
#include "trial/records.h"

namespace il2t::sdtm {

struct WriteOptions {
  std::string study_id;  // STUDYID; empty: the protocol's id
  std::chrono::sys_days first_day{std::chrono::year{2025} / 1 / 1};  // study day 1
};

std::vector<Dataset> write_trial(const trial::TrialDesign& d, const trial::TrialRecords& r, const WriteOptions& o);

// "S00001": the participant's SUBJID (USUBJID is STUDYID-SUBJID).
std::string subject_id(std::uint32_t index);

}  // namespace il2t::sdtm
