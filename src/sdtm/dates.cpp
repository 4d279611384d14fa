#include "sdtm/dates.h"

#include <array>
#include <cstdio>

namespace il2t::sdtm {

namespace {

namespace chr = std::chrono;

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

std::string digits(int v, int width) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*d", width, v);
  return buf;
}
std::string two(int v) { return digits(v, 2); }

Error problem(std::string_view text, std::size_t at, const std::string& what) {
  Error e;
  e.message = "\"" + std::string(text) + "\": " + what;
  e.offset = static_cast<int>(at);
  return e;
}

// The six parts in order; `written` when the text has the part's place (digits or '-').
constexpr std::size_t kYear = 0, kMonth = 1, kDay = 2, kHour = 3, kMinute = 4, kSecond = 5, kSlots = 6;
constexpr std::array<const char*, kSlots> kNames = {"year", "month", "day", "hour", "minute", "second"};

struct Parser {
  explicit Parser(std::string_view text) : s(text) {}

  std::string_view s;
  std::size_t i = 0;
  std::array<std::optional<int>, kSlots> value{};
  std::array<bool, kSlots> written{};
  std::array<std::size_t, kSlots> at{};
  PartialDate d;  // the parts other than the six
  Error error;

  char peek() const { return i < s.size() ? s[i] : '\0'; }
  bool done() const { return i == s.size(); }
  bool fail(std::size_t where, const std::string& what) {
    error = problem(s, where, "not ISO 8601: " + what);
    return false;
  }
  std::optional<int>& slot(std::size_t k) { return value[k]; }
  std::size_t digits_from(std::size_t j) const {
    std::size_t n = 0;
    while (j + n < s.size() && s[j + n] >= '0' && s[j + n] <= '9') ++n;
    return n;
  }
  int number(std::size_t j, std::size_t n) const {
    int v = 0;
    for (std::size_t k = 0; k < n; ++k) v = v * 10 + (s[j + k] - '0');
    return v;
  }

  // One part: its digits (four for the year, else two), or '-' when it is not known.
  bool part(std::size_t k) {
    const std::string name = kNames[k];
    const std::size_t width = k == kYear ? 4 : 2;
    written[k] = true;
    at[k] = i;
    if (peek() == '-') {
      ++i;
      return true;
    }
    const std::size_t n = digits_from(i);
    if (n == 0) return fail(i, "expected the " + name + " (" + std::to_string(width) + " digits, or '-' if unknown)");
    if (n != width)
      return fail(i, "the " + name + " must be " + std::to_string(width) + " digits" +
                         (n > width ? " (SDTM uses the extended format, with '-' and ':')" : ""));
    slot(k) = number(i, n);
    i += n;
    return true;
  }

  bool date() {
    if (!part(kYear)) return false;
    for (std::size_t k : {kMonth, kDay}) {
      if (done()) return true;
      if (peek() == 'T' || peek() == 't')
        return fail(i, "a time needs the whole date before it ('-' in place of a missing month or day)");
      if (peek() != '-') return fail(i, "expected '-' after the " + std::string(kNames[k - 1]));
      ++i;
      if (!part(k)) return false;
    }
    return true;
  }

  bool time() {
    if (peek() == 't') return fail(i, "the time designator is an upper-case 'T'");
    if (peek() != 'T') return fail(i, "expected 'T' before the time");
    ++i;
    d.time = true;
    if (!part(kHour)) return false;
    for (std::size_t k : {kMinute, kSecond}) {
      if (peek() != ':') break;
      ++i;
      if (!part(k)) return false;
    }
    if (peek() == ',') return fail(i, "a decimal fraction is written after '.', not ','");
    if (peek() == '.') {
      if (!written[kSecond]) return fail(i, "only the seconds may have a decimal fraction");
      if (!slot(kSecond)) return fail(i, "a decimal fraction needs the seconds");
      const std::size_t n = digits_from(++i);
      if (n == 0) return fail(i, "expected digits after '.'");
      d.fraction = std::string(s.substr(i, n));
      i += n;
    }
    return offset();
  }

  // "Z", or "+hh:mm" / "-hh:mm".
  bool offset() {
    if (peek() == 'Z') {
      ++i;
      d.utc_offset_minutes = 0;
      return true;
    }
    if (peek() == 'z') return fail(i, "the UTC designator is an upper-case 'Z'");
    if (peek() != '+' && peek() != '-') return true;
    const std::size_t start = i++;
    const int sign = s[start] == '-' ? -1 : 1;
    if (digits_from(i) != 2 || s.size() < i + 5 || s[i + 2] != ':' || digits_from(i + 3) != 2)
      return fail(start, "a UTC offset is written +hh:mm or -hh:mm");
    const int h = number(i, 2), m = number(i + 3, 2);
    if (h > 23 || m > 59) {
      error = problem(s, start, "UTC offset " + std::string(s.substr(start, 6)) + " out of range (hours 00-23, minutes 00-59)");
      return false;
    }
    d.utc_offset_minutes = sign * (h * 60 + m);
    i += 5;
    return true;
  }

  // A '-' stands for a missing part in the middle only: the last part written is known.
  bool ends_known() {
    std::size_t last = 0;  // the year's place is always written
    for (std::size_t k = 0; k < kSlots; ++k)
      if (written[k]) last = k;
    if (slot(last)) return true;
    return fail(at[last], "a missing last part is left out, not written '-' (right truncation)");
  }

  bool range(std::size_t k, int lo, int hi, const std::string& where = {}) {
    const std::optional<int>& v = slot(k);
    if (!v || (*v >= lo && *v <= hi)) return true;
    error = problem(s, at[k], std::string(kNames[k]) + " " + std::string(s.substr(at[k], 2)) + " out of range (" + two(lo) +
                                  "-" + two(hi) + where + ")");
    return false;
  }

  bool ranges() {
    if (!range(kMonth, 1, 12)) return false;
    int max_day = 31;
    std::string where;
    const std::optional<int>& year = slot(kYear);
    const std::optional<int>& month = slot(kMonth);
    if (month && year) {
      max_day = days_in(*year, *month);
      where = " in " + std::string(s.substr(0, 7));
    } else if (month) {
      max_day = days_in(2000, *month);  // a leap year: the most the month can have
      where = " in month " + two(*month);
    }
    return range(kDay, 1, max_day, where) && range(kHour, 0, 23) && range(kMinute, 0, 59) && range(kSecond, 0, 59);
  }

  bool run() {
    for (std::size_t j = 0; j < s.size(); ++j) {
      if (s[j] == ' ' || s[j] == '\t') return fail(j, "it contains a space");
      if (s[j] == '/') return fail(j, "'/' marks an interval (\"start/end\"), not a single date");
    }
    if (peek() == 'P') return fail(0, "a duration (\"P...\") is not a date");
    if (!date()) return false;
    if (!done() && !time()) return false;
    if (!done()) return fail(i, "unexpected '" + std::string(1, peek()) + "'");
    return ends_known() && ranges();
  }
};

}  // namespace

Expected<PartialDate> parse_dtc(std::string_view text) {
  if (text.empty()) return PartialDate{};
  Parser p(text);
  if (!p.run()) return p.error;
  PartialDate d = p.d;
  d.year = p.slot(kYear);
  d.month = p.slot(kMonth);
  d.day = p.slot(kDay);
  d.hour = p.slot(kHour);
  d.minute = p.slot(kMinute);
  d.second = p.slot(kSecond);
  return d;
}

std::string format_dtc(const PartialDate& d) {
  if (d.empty()) return {};
  const std::array<std::optional<int>, 3> date = {d.year, d.month, d.day};
  const std::array<std::optional<int>, 3> time = {d.hour, d.minute, d.second};
  std::size_t last_date = 0, last_time = 0;  // the last part to write
  for (std::size_t k = 0; k < 3; ++k) {
    if (date[k]) last_date = k;
    if (time[k]) last_time = k;
  }
  if (d.time) last_date = 2;  // a time follows the whole date
  std::string out;
  for (std::size_t k = 0; k <= last_date; ++k) {
    if (k > 0) out += '-';
    out += date[k] ? digits(*date[k], k == 0 ? 4 : 2) : "-";
  }
  if (!d.time) return out;
  out += 'T';
  for (std::size_t k = 0; k <= last_time; ++k) {
    if (k > 0) out += ':';
    out += time[k] ? two(*time[k]) : "-";
  }
  if (!d.fraction.empty()) out += "." + d.fraction;
  if (d.utc_offset_minutes) {
    const int m = *d.utc_offset_minutes, a = m < 0 ? -m : m;
    out += m == 0 ? std::string("Z") : (m < 0 ? "-" : "+") + two(a / 60) + ":" + two(a % 60);
  }
  return out;
}

std::string_view dtf_code(DateFlag f) {
  switch (f) {
    case DateFlag::day: return "D";
    case DateFlag::month: return "M";
    case DateFlag::year: return "Y";
    case DateFlag::none: break;
  }
  return "";
}

std::optional<ImputedDate> impute(const PartialDate& d, Imputation rule, bool preserve) {
  if (!d.year || (d.month && (*d.month < 1 || *d.month > 12))) return std::nullopt;
  std::optional<int> day = d.day;
  if (!d.month && !preserve) day.reset();  // admiral: a missing month takes the day with it
  if (rule == Imputation::none && !(d.month && day)) return std::nullopt;
  const DateFlag flag = !d.month ? DateFlag::month : !day ? DateFlag::day : DateFlag::none;
  const int month = d.month.value_or(rule == Imputation::start ? 1 : 12);
  const int dd = day.value_or(rule == Imputation::start ? 1 : days_in(*d.year, month));
  const chr::year_month_day ymd{chr::year(*d.year), chr::month(static_cast<unsigned>(month)),
                                chr::day(static_cast<unsigned>(dd))};
  if (!ymd.ok()) return std::nullopt;  // not a date parse_dtc accepts
  return ImputedDate{chr::sys_days(ymd), flag};
}

int study_day(chr::sys_days date, chr::sys_days reference) {
  const auto diff = (date - reference).count();
  return static_cast<int>(diff >= 0 ? diff + 1 : diff);
}

std::string format_date(chr::sys_days day) {
  const chr::year_month_day ymd(day);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace il2t::sdtm
