#pragma once
// What a simulated trial emits, in the shape real trial data is read into: one row per
// participant (demographics and disposition, as SDTM's DM and DS), one per measured
// value at a visit (as QS and LB: a test code, the visit and study day, the value) and
// one per adverse event (as AE). Endpoints are derived from these rows only
// (endpoints.h), so the same derivation serves real data.
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "instruments/bilag.h"
#include "measures/catalogue.h"

namespace il2t::trial {

// The measured values (QSTESTCD / LBTESTCD / CMTRT): the catalogue's tests.
using Test = measures::Id;
inline constexpr std::size_t kTestCount = measures::kTestCount;
inline std::string_view test_code(Test t) { return measures::test(t).code; }  // "SLEDAI2K", "PGA", ...

struct Subject {
  std::uint32_t arm = 0;       // index into the protocol's arms
  double age = 0, female = 0, weight = 0, height = 0;
  double baseline_activity = 0;    // SLEDAI-2K, ESSDAI or active joints at screening
  double baseline_prednisone = 0;  // mg/day
  int last_day = 1;                // last study day observed (the end, or the day before dropout)
  bool completed = true;           // false: left the trial early (DS)
  std::uint32_t doses_planned = 0, doses_taken = 0;
  std::uint32_t stratum = 0;  // the randomisation stratum (strata.h's SimulatedStrata); 0 unstratified
};

struct Finding {
  std::uint32_t subject = 0;
  std::uint16_t visit = 0;  // index into the protocol's visits
  int day = 1;              // study day it was measured
  Test test = Test::sledai_2k;
  double value = 0;
};

struct AdverseEvent {
  enum class Category : std::uint8_t { infection, reaction, flare };
  std::uint32_t subject = 0;
  int day = 1;
  Category category = Category::infection;
  const char* term = "";
  int grade = 1;  // CTCAE grade; 0 when not graded (a flare)
  bool serious = false;
};

// One replicate trial's rows; reused from replicate to replicate.
struct TrialRecords {
  std::vector<Subject> subjects;
  std::vector<Finding> findings;      // by subject, then visit
  std::vector<AdverseEvent> events;   // by subject, then day
  std::vector<std::uint32_t> finding_begin, event_begin;  // per subject, plus one end entry
  std::size_t screened = 0;           // candidates screened to enrol the subjects
  std::size_t screen_failures = 0;
  std::size_t undetermined = 0;              // candidates a criterion could not decide (counted as failures)
  std::size_t unplaced = 0;                  // enrolled whom a stratification factor's rules did not place
  std::vector<std::uint32_t> failed_by;      // per criterion of the design: candidates it excluded
  std::deque<std::string> terms;             // event terms read from a file (stable addresses)

  void clear();
  // The value of `test` at `visit` for `subject`, or nullptr when it was not measured.
  const Finding* find(std::uint32_t subject, std::uint16_t visit, Test test) const;
  // Every value measured at `visit` for `subject` (the first of a test measured twice).
  measures::Values values_at(std::uint32_t subject, std::uint16_t visit) const;
};

}  // namespace il2t::trial
