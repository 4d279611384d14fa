#pragma once
// SDTM datasets (a sponsor's delivery, or what write_trial.h wrote) read into a trial's
// records (trial/records.h) for the protocol's design, so that `analyze` derives every
// endpoint with the code `simulate` uses. docs/sdtm.md states each rule:
//
// - Participants are DM's rows, in order; ARMCD names the protocol's arm. Study days
//   are --DY, or else counted from RFSTDTC to --DTC as SDTM counts them (no day 0).
// - A finding (LB, RS, QS) belongs to the protocol visit its VISIT names ("WEEK 12",
//   or the visit's id "w12"); with VISIT empty, to VISITNUM (the protocol's visits
//   numbered 1, 2, … in order). An unscheduled visit (VISIT starting "UNSCHEDULED", or
//   a VISITNUM with a fraction) counts for the scheduled visit whose window holds its
//   day, where that visit has no value of the test (the nearest to the target day
//   first); outside every window it is not used. SCREENING (VISITNUM 0) gives the
//   activity score at entry.
// - Glucocorticoids (CM) become prednisone-equivalent mg/day at each visit attended and
//   on the day before day 1 (the dose at entry): the sum over records whose start and
//   end (imputed as start and end dates: dates.h) cover the day, of dose × factor ×
//   administrations per day (conventions.h).
// - AE: every record is an event on its start day (a partial start date imputed as a
//   start date); its category from its body system or AECAT (conventions.h).
// - DS: a participant completed when a disposition event says COMPLETED; the last day
//   observed is RFPENDTC's (else the disposition's, else the last record's).
//
// Every problem is collected with its file, row, variable and value: a missing domain
// or variable, an unknown visit, test, arm or unit, a duplicate record, an impossible
// value, a participant not in DM, a date that does not parse. With `lenient` the
// affected records (or participants) are left out and the problems kept as warnings.
#include <map>
#include <string>
#include <vector>

#include "core/error.h"
#include "sdtm/dataset.h"
#include "trial/design.h"
#include "trial/records.h"

namespace il2t::sdtm {

// The delivered datasets by domain name ("DM").
using Study = std::map<std::string, Dataset>;

struct ReadReport {
  std::vector<Error> problems;  // errors, or warnings under `lenient`
  std::size_t excluded_subjects = 0, excluded_records = 0;
  std::size_t unscheduled_used = 0;       // unscheduled findings that stood in for a visit
  std::size_t unscheduled_unused = 0;     // outside every window, or where the visit had the test
  std::size_t unused_records = 0;         // a test il2trial does not read (LB), a glucocorticoid not systemic
  std::vector<std::string> usubjid;       // per participant read, its USUBJID
  std::string study;                      // DM's STUDYID (its first row's)
  bool ok() const;                        // no error among the problems
};

ReadReport read_trial(const trial::TrialDesign& d, const Study& study, bool lenient, trial::TrialRecords& out);

}  // namespace il2t::sdtm
