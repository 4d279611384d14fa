#pragma once
// SDTM dates: reading an SDTM --DTC value (ISO 8601 as SDTMIG 3.3/3.4 section 4.4
// allows it, partial dates included), imputing a partial date to a whole day under a
// named rule with ADaM's --DTF flag, the SDTM study day, and writing a day back as
// YYYY-MM-DD. Days are std::chrono::sys_days (days since 1970-01-01, proleptic Gregorian).
//
// The forms read (SDTMIG 4.4.1 and 4.4.2; extended format only):
//   2003-12-15T13:14:17.123   date-time, a decimal fraction of seconds after '.'
//   2003-12-15T13:14:17, 2003-12-15T13:14, 2003-12-15T13, 2003-12-15, 2003-12, 2003
//                             right truncation: a missing last part is left out
//   2003---15, --12-15, 2003-12--T10:00, -----T07:15, 2003-12-15T-:15, 2003-12-15T13:-:17
//                             a missing part in the middle is one '-' in its place
//   ...T13:14:17Z, ...T13:14+05:30
//                             a UTC offset after a time, as CDISC's CORE rules accept
// and not: the basic format (20031215), a comma before a fraction, a fraction of hours
// or minutes, week and ordinal dates, a time after a truncated date (2003-12T10: the
// date keeps a place for each part), a trailing '-' for a missing last part (2003-12--:
// truncate instead), hour 24, second 60, spaces. An interval ("a/b") or a duration
// ("P3D") is not a single date and is refused. An empty text is SDTM's missing value:
// it reads as a date with nothing known.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace il2t::sdtm {

// A --DTC value's parts; a part not known (truncated, or '-') is nullopt.
struct PartialDate {
  std::optional<int> year, month, day;
  std::optional<int> hour, minute, second;
  std::string fraction;                   // the digits after the seconds' '.', "" if none
  std::optional<int> utc_offset_minutes;  // "Z": 0, "-05:00": -300; nullopt: none written
  bool time = false;                      // a time part ('T...') was written

  bool empty() const { return !year && !month && !day && !time; }  // the missing value ""
  bool complete_date() const { return year && month && day; }
  friend bool operator==(const PartialDate&, const PartialDate&) = default;
};

// Reads a --DTC value; the Error says what is wrong, with the text, and its offset is
// where: "\"2021-13-01\": month 13 out of range (01-12)",
// "\"2021/03/15\": not ISO 8601: expected '-' after the year".
Expected<PartialDate> parse_dtc(std::string_view text);

// Writes a PartialDate back as SDTM text, the inverse of parse_dtc.
std::string format_dtc(const PartialDate& d);

// How a partial date becomes a day (ADaM *DT from --DTC; admiral's derive_vars_dt with
// highest_imputation = "M"). A date with its year missing is never imputed (admiral
// imputes a year only against min_dates or max_dates).
enum class Imputation {
  none,   // no imputation: only a complete date gives a day
  start,  // a start date (exposure, AE start): missing day → the 1st, missing month → January
          // (date_imputation = "first")
  end,    // an end date: missing day → the last day of the month, missing month → December
          // (date_imputation = "last"), so 2024-02 → 2024-02-29
};

// ADaM's date imputation flag (--DTF, as admiral's compute_dtf): the highest part imputed.
enum class DateFlag {
  none,   // nothing imputed (the date was complete): DTF missing
  day,    // "D": the day only
  month,  // "M": the month, and the day with it
  year,   // "Y": the year; never set by these rules, which leave such a date missing
};
std::string_view dtf_code(DateFlag f);  // "", "D", "M", "Y"

struct ImputedDate {
  std::chrono::sys_days day;
  DateFlag flag = DateFlag::none;
  friend bool operator==(const ImputedDate&, const ImputedDate&) = default;
};

// The day a date stands for under `rule`, or nullopt when it stays missing (rule none
// and the date partial, the year unknown, or the value empty). With a missing month the
// day is imputed with it, as admiral does by default (preserve = FALSE): 2021---15 →
// 2021-01-01 (start) or 2021-12-31 (end), flag "M". With preserve the known day is kept:
// 2021-01-15 or 2021-12-15. The time part plays no role. A PartialDate that parse_dtc
// would refuse (2021-04-31, month 13) gives nullopt.
std::optional<ImputedDate> impute(const PartialDate& d, Imputation rule, bool preserve = false);

// The SDTM study day (SDTMIG 4.4.4, --DY) of `date` relative to the reference start
// (RFSTDTC): date - reference + 1 on or after the reference, date - reference before
// it. There is no day 0: the day before day 1 is day -1.
int study_day(std::chrono::sys_days date, std::chrono::sys_days reference);

// "YYYY-MM-DD" for a day in the years 0000-9999.
std::string format_date(std::chrono::sys_days day);

}  // namespace il2t::sdtm
