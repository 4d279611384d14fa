#pragma once
// A participant schedule written as a table (people), CSV, JSON or iCalendar.
#include <string>

#include "schedule/schedule.h"

namespace il2t::report {

std::string schedule_table(const schedule::ParticipantSchedule& s);
std::string schedule_csv(const schedule::ParticipantSchedule& s);
std::string schedule_json(const schedule::ParticipantSchedule& s, const std::string& protocol_sha256);
// `dtstamp`: UTC, YYYYMMDDTHHMMSSZ (see data/ics.h).
std::string schedule_ics(const schedule::ParticipantSchedule& s, const std::string& dtstamp);

}  // namespace il2t::report
