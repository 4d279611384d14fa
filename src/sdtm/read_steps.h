#pragma once
// The SDTM reader's steps, in the order read_trial runs them, and what they gather on
// the way to the trial's records. Internal to src/sdtm.
#include <map>
#include <optional>
#include <vector>

#include "sdtm/read_context.h"

namespace il2t::sdtm::detail {

struct Gathered {
  std::vector<std::vector<trial::Finding>> findings;    // per participant
  std::vector<std::vector<trial::AdverseEvent>> events;  // per participant, in file order
  std::vector<std::map<std::uint16_t, int>> attended;    // per participant: visit → its day
  std::vector<std::optional<double>> screening_activity;
  std::vector<int> screening_day;                       // of that value
  std::vector<std::optional<int>> end_day;              // RFPENDTC's study day
  std::vector<std::string> excluded_ids;                // USUBJIDs of DM rows left out
  bool is_excluded_id(std::string_view id) const;
};

// DM: the participants. False when DM cannot be read at all.
bool read_subjects(ReadContext& c, trial::TrialRecords& out, Gathered& g);
// LB, RS and QS: the catalogue's tests at the protocol's visits.
void read_findings(ReadContext& c, trial::TrialRecords& out, Gathered& g);
// CM: prednisone-equivalent doses at each visit attended and at entry.
void read_medication(ReadContext& c, trial::TrialRecords& out, Gathered& g);
// AE.
void read_events(ReadContext& c, trial::TrialRecords& out, Gathered& g);
// DS and VS: completion, the last day, weight and height.
void read_disposition(ReadContext& c, trial::TrialRecords& out, Gathered& g);
// The records in the engine's order: participants as DM, findings by visit then test,
// events by day.
void assemble(ReadContext& c, trial::TrialRecords& out, Gathered& g);

// The factor that turns a result in `delivered` units into the catalogue's `unit`
// (conventions: g/L from mg/dL, cells/µL from 10^9/L, ...); nullopt when unknown.
std::optional<double> unit_factor(std::string_view unit, std::string_view delivered);

}  // namespace il2t::sdtm::detail
