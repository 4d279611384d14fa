#pragma once
// The regimen grammar: how a protocol writes a dosing schedule, its parsed form,
// its canonical text, and its expansion into dose days.
//
//   regimen  := [dose] [route] phase { ("," ["then"] | "then") phase } [";" cycles]
//   phase    := [dose] frequency "for" duration | duration "off" | "once"
//   dose     := number unit [ "of" number conc-unit ]      e.g. "0.5 mL of 1 mg/mL"
//   frequency:= "daily" | "every other day" | "every N days" | "weekly"
//             | "every N weeks" | "twice a week" | "N times a week" | ...
//   duration := number ("day"|"days"|"week"|"weeks"|"month"|"months"|"year"|"years")
//   cycles   := N "cycles" [ "of" duration ]
//
// Day numbering: study day 1 is the day of the first dose; there is no day 0.
// Phases follow each other without a gap; a dosing phase doses on its first day.
// A month is 365.25/12 days and a year 365.25 days, each rounded to whole days.
// docs/protocol-format.md has the full reference with examples.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/units.h"

namespace il2t::protocol {

enum class Route { unspecified, sc, iv, im, po };
const char* to_string(Route r);

enum class DurationUnit { days, weeks, months, years };

struct Duration {
  double count = 0;
  DurationUnit unit = DurationUnit::days;
  int days() const;  // whole days
  friend bool operator==(const Duration&, const Duration&) = default;
};

// How often doses are given within a phase.
struct Frequency {
  enum class Kind { every_n_days, times_per_week, once } kind = Kind::every_n_days;
  int n = 1;  // the interval in days (every_n_days) or doses a week (times_per_week)
  friend bool operator==(const Frequency&, const Frequency&) = default;
};

struct Phase {
  bool off = false;                  // a rest period: no doses
  std::optional<units::Dose> dose;   // overrides the regimen's dose for this phase
  Frequency frequency;
  Duration duration;                 // unused for Kind::once
  int days() const;
  friend bool operator==(const Phase&, const Phase&) = default;
};

struct Regimen {
  std::optional<units::Dose> dose;  // absent for placebo
  Route route = Route::unspecified;
  std::vector<Phase> phases;
  int cycles = 1;
  std::optional<Duration> cycle_length;  // "3 cycles of 4 weeks"
  friend bool operator==(const Regimen&, const Regimen&) = default;

  int cycle_days() const;  // cycle_length, or the phases end to end
  int total_days() const;  // cycles × cycle length (the last cycle's rest included)
};

// Why a regimen does not parse: the message and its 0-based character offset into the text.
using RegimenError = Error;

struct RegimenParse {
  std::optional<Regimen> regimen;
  std::optional<RegimenError> error;
};

RegimenParse parse_regimen(std::string_view text);
std::string to_string(const Regimen& r);  // canonical text that parses back equal

struct DoseEvent {
  int day = 1;       // study day, 1-based
  int cycle = 1;     // 1-based
  int phase = 1;     // 1-based within the cycle
  std::optional<units::Dose> dose;  // absent for placebo
};

// Every dose, in day order. A structural problem (a cycle shorter than its phases)
// is reported by validate, not here: expansion lays cycles at their stated length.
std::vector<DoseEvent> expand(const Regimen& r);

// The first number + unit found in free text such as a registry's words
// ("100IU injected", "0.5ml once per day"), with its offset; nullopt if none.
struct FoundDose {
  units::Dose dose;
  std::string text;
  int offset = 0;
};
std::optional<FoundDose> find_dose_in_text(std::string_view text);

}  // namespace il2t::protocol
