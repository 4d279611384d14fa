// Canonical text of a regimen: what `to_string` writes parses back to an equal Regimen.
#include "protocol/regimen.h"

namespace il2t::protocol {

const char* to_string(Route r) {
  switch (r) {
    case Route::unspecified: return "";
    case Route::sc: return "sc";
    case Route::iv: return "iv";
    case Route::im: return "im";
    case Route::po: return "po";
  }
  return "";
}

namespace {

std::string duration_text(const Duration& d) {
  const bool one = d.count == 1.0;
  const char* unit = "days";
  switch (d.unit) {
    case DurationUnit::days: unit = one ? "day" : "days"; break;
    case DurationUnit::weeks: unit = one ? "week" : "weeks"; break;
    case DurationUnit::months: unit = one ? "month" : "months"; break;
    case DurationUnit::years: unit = one ? "year" : "years"; break;
  }
  return units::format_number(d.count) + " " + unit;
}

std::string frequency_text(const Frequency& f) {
  using K = Frequency::Kind;
  if (f.kind == K::once) return "once";
  if (f.kind == K::times_per_week) {
    return f.n == 2 ? "twice a week" : std::to_string(f.n) + " times a week";
  }
  if (f.n == 1) return "daily";
  if (f.n == 2) return "every other day";
  if (f.n == 7) return "weekly";
  if (f.n % 7 == 0) return "every " + std::to_string(f.n / 7) + " weeks";
  return "every " + std::to_string(f.n) + " days";
}

std::string phase_text(const Phase& p) {
  if (p.off) return duration_text(p.duration) + " off";
  std::string s;
  if (p.dose) s += units::to_string(*p.dose) + " ";
  s += frequency_text(p.frequency);
  if (p.frequency.kind != Frequency::Kind::once) s += " for " + duration_text(p.duration);
  return s;
}

}  // namespace

std::string to_string(const Regimen& r) {
  std::string s;
  if (r.dose) s += units::to_string(*r.dose) + " ";
  if (r.route != Route::unspecified) s += std::string(to_string(r.route)) + " ";
  for (std::size_t i = 0; i < r.phases.size(); ++i) {
    if (i > 0) s += ", then ";
    s += phase_text(r.phases[i]);
  }
  if (r.cycles != 1 || r.cycle_length) {
    s += "; " + std::to_string(r.cycles) + (r.cycles == 1 ? " cycle" : " cycles");
    if (r.cycle_length) s += " of " + duration_text(*r.cycle_length);
  }
  return s;
}

}  // namespace il2t::protocol
