#pragma once
// A calendar date (proleptic Gregorian), for participant calendars: parsing
// "YYYY-MM-DD", adding days, and formatting. Built on std::chrono's civil calendar.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace il2t::schedule {

class Date {
 public:
  Date() = default;
  static std::optional<Date> parse(std::string_view iso);  // strict YYYY-MM-DD
  static Date from_days(std::chrono::sys_days d) { return Date(d); }

  Date plus_days(int n) const { return Date(days_ + std::chrono::days(n)); }
  std::string iso() const;         // 2027-01-04
  std::string compact() const;     // 20270104 (iCalendar DATE)
  std::string weekday() const;     // Mon, Tue, ...
  std::chrono::sys_days days() const { return days_; }
  friend bool operator==(const Date&, const Date&) = default;

 private:
  explicit Date(std::chrono::sys_days d) : days_(d) {}
  std::chrono::sys_days days_{};
};

}  // namespace il2t::schedule
