#pragma once
// A participant schedule written as a table (people), CSV, JSON or iCalendar.
#include <string>

#include "schedule/schedule.h"

namespace il2t::report {

// Whose schedule it is, and what it may show.
struct ScheduleView {
  // The participant's id (screening or randomisation number): named in every format, and
  // with the protocol's id and the event it makes each ICS event's UID, so that two
  // participants' calendars never share a UID and the same participant's does on every run.
  std::string participant = "1";
  // A masked protocol's calendar for the participant and the site (the default there;
  // `--unblinded` turns it off): the drug is "study drug", and the arm, its label, the
  // drug's id, the dose and the IL-2 total are not shown, only what the arms share (the
  // days, the route, the cycle and the visits).
  bool blinded = false;
};

inline constexpr const char* kBlindedDrug = "study drug";

std::string schedule_table(const schedule::ParticipantSchedule& s, const ScheduleView& view = {});
std::string schedule_csv(const schedule::ParticipantSchedule& s, const ScheduleView& view = {});
std::string schedule_json(const schedule::ParticipantSchedule& s, const std::string& protocol_sha256,
                          const ScheduleView& view = {});
// `dtstamp`: UTC, YYYYMMDDTHHMMSSZ (see data/ics.h). Each event's UID is
// data::ics_uid({protocol id, participant, event}), the event being "dose<n>-day<d>" (the
// n-th dose, on study day d) or "visit-<id>": neither the arm nor the start date is in
// it, so a blinded UID reveals nothing and a calendar made again after the start moves
// updates the same events.
std::string schedule_ics(const schedule::ParticipantSchedule& s, const std::string& dtstamp,
                         const ScheduleView& view = {});

}  // namespace il2t::report
