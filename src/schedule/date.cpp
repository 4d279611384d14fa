#include "schedule/date.h"

#include <array>
#include <cstdio>

namespace il2t::schedule {

std::optional<Date> Date::parse(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int v[3] = {0, 0, 0};
  const int start[3] = {0, 5, 8}, len[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k) {
    for (int i = 0; i < len[k]; ++i) {
      const char c = s[static_cast<std::size_t>(start[k] + i)];
      if (c < '0' || c > '9') return std::nullopt;
      v[k] = v[k] * 10 + (c - '0');
    }
  }
  const std::chrono::year_month_day ymd{std::chrono::year(v[0]), std::chrono::month(static_cast<unsigned>(v[1])),
                                        std::chrono::day(static_cast<unsigned>(v[2]))};
  if (!ymd.ok() || v[0] < 1900 || v[0] > 2200) return std::nullopt;
  return Date(std::chrono::sys_days(ymd));
}

std::string Date::iso() const {
  const std::chrono::year_month_day ymd(days_);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string Date::compact() const {
  std::string s = iso();
  return s.substr(0, 4) + s.substr(5, 2) + s.substr(8, 2);
}

std::string Date::weekday() const {
  static constexpr std::array<const char*, 7> names = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  return names[std::chrono::weekday(days_).c_encoding()];
}

}  // namespace il2t::schedule
