#pragma once
// iCalendar (RFC 5545) output: all-day events with UID and DTSTAMP, text escaped,
// lines folded at 75 octets (never inside a UTF-8 character), CRLF line ends.
#include <string>
#include <vector>

namespace il2t::data {

struct IcsEvent {
  std::string uid;          // globally unique, stable across runs (see ics_uid)
  std::string date;         // YYYYMMDD: an all-day event
  std::string summary;
  std::string description;  // may be empty
};

// `dtstamp` is a UTC date-time, YYYYMMDDTHHMMSSZ.
std::string write_ics(const std::vector<IcsEvent>& events, const std::string& calendar_name,
                      const std::string& dtstamp);

// A UID from a name: a UUID (RFC 9562 version 8) made of the SHA-256 of `parts`
// (each length-prefixed, so that no two lists of parts give the same input). The same
// parts give the same UID on every run and machine; it reveals nothing of them (RFC
// 7986 asks that a UID carry no identifying data).
std::string ics_uid(const std::vector<std::string>& parts);

std::string ics_escape(const std::string& text);
std::string ics_fold(const std::string& line);  // returns the line with CRLF (and folds)

}  // namespace il2t::data
