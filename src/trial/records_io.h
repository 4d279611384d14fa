#pragma once
// A trial's records as CSV files and back, in SDTM's long shape: subjects.csv (DM,
// DS and EX in one row per participant), findings.csv (QS and LB: one measured value
// per row) and events.csv (AE). Numbers are written to round-trip exactly, so a trial
// read back derives and analyses to the last digit as the one in memory. Reading
// checks every cell and names the file, line and column of the first problem.
#include <string>
#include <string_view>

#include "trial/design.h"
#include "trial/records.h"

namespace il2t::trial {

struct RecordFiles {
  std::string subjects, findings, events;  // CSV texts
};

RecordFiles write_records(const TrialDesign& d, const TrialRecords& r);

// Reads the three texts (`names` give their file names for messages) into `out`.
// False with `error`: its file, line and column (field); its text
// "findings.csv:12: VISIT: no visit \"w13\" in the protocol".
bool read_records(const TrialDesign& d, const RecordFiles& texts, const RecordFiles& names, TrialRecords& out,
                  Error& error);

}  // namespace il2t::trial
