#pragma once
// iCalendar (RFC 5545) output: all-day events with UID and DTSTAMP, text escaped,
// lines folded at 75 octets (never inside a UTF-8 character), CRLF line ends.
#include <string>
#include <vector>

namespace il2t::data {

struct IcsEvent {
  std::string uid;          // globally unique, stable across runs
  std::string date;         // YYYYMMDD: an all-day event
  std::string summary;
  std::string description;  // may be empty
};

// `dtstamp` is a UTC date-time, YYYYMMDDTHHMMSSZ.
std::string write_ics(const std::vector<IcsEvent>& events, const std::string& calendar_name,
                      const std::string& dtstamp);

std::string ics_escape(const std::string& text);
std::string ics_fold(const std::string& line);  // returns the line with CRLF (and folds)

}  // namespace il2t::data
