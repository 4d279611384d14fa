#pragma once
// One participant's calendar under a protocol arm: every dose (study day, date,
// drug, amount as written and absolute) and every visit (target date and window).
// Also the per-arm dosing totals that `show` reports, computed without dates.
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "protocol/protocol.h"
#include "schedule/date.h"

namespace il2t::schedule {

struct ScheduledDose {
  int study_day = 1;
  Date date;
  std::string drug;        // the protocol's drug id as written
  std::string as_written;  // "500000 IU/m²"; "placebo" for placebo
  std::string absolute;    // "780000 IU" at this participant's size; "" for placebo
  double il2_miu = 0;      // IL-2 content of this dose (0 for other drugs)
  double mass_mg = 0;      // drugs dosed by mass (sirolimus): the dose in mg; else 0
  std::string drug_id;     // the known drug's canonical id ("il2", "placebo", "sirolimus")
  std::string route;
  int cycle = 1;
};

struct ScheduledVisit {
  std::string id;
  int study_day = 1;
  Date date, earliest, latest;
  double window_days = 0;
};

struct ParticipantSchedule {
  std::string protocol_id;
  std::string arm_id;
  std::string arm_label;
  Date start;
  std::vector<ScheduledDose> doses;    // in day order
  std::vector<ScheduledVisit> visits;  // in day order
};

struct ScheduleResult {
  std::optional<ParticipantSchedule> schedule;
  Error error;  // why there is no schedule
};

// `start` is study day 1, the day of the first dose.
ScheduleResult build_schedule(const protocol::Protocol& p, const std::string& arm_id, Date start,
                              const units::Body& body);

struct InterventionTotals {
  std::string drug;
  std::string regimen;  // canonical text
  int doses = 0;
  std::optional<double> total_il2_miu;  // IL-2 only, at the reference size
  std::string total_text;               // "21 MIU", "84 mg", "" if not computable
};

struct ArmTotals {
  std::string id, label;
  double ratio = 1;
  int doses_per_participant = 0;  // all drugs, placebo injections included
  double total_il2_miu = 0;       // active IL-2 over the treatment period
  std::vector<InterventionTotals> interventions;
  std::vector<std::string> background;
};

// Totals at the protocol's reference size (population.reference_*), if it names one.
ArmTotals arm_totals(const protocol::Protocol& p, const protocol::Arm& arm);

}  // namespace il2t::schedule
