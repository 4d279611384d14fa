#pragma once
// One replicate trial, as the protocol would run it: virtual candidates screened by
// the protocol's criteria until the target size is enrolled; allocation by the
// protocol's randomisation (or, in an observational study, by the clinician-choice
// model of models/conduct.toml); each participant's schedule at their body size, doses
// missed for non-adherence, visits moved within their windows or missed, dropout; the
// model's course (a window of participants at a time, solved together in the lane
// solver, model/course_lanes.h); and the visits and adverse events emitted as trial
// records, in enrolment order.
//
// Every draw comes from a stream keyed by (seed, replicate, candidate, purpose), so a
// replicate's records do not depend on which thread runs it or what ran before.
#include <cstdint>
#include <optional>
#include <string>

#include "model/course.h"
#include "model/course_lanes.h"
#include "schedule/date.h"
#include "model/model.h"
#include "trial/assumptions.h"
#include "trial/design.h"
#include "trial/records.h"

namespace il2t::trial {

struct RunSettings {
  std::uint64_t seed = 1;
  int n = 0;                // participants to enrol
  bool null_effect = false; // IL-2 doses replaced by placebo: IL-2 has no effect
  bool balanced = false;    // arms in turn, whatever the design (the truth trials)
  std::size_t turn = 0;     // with `balanced`: the first participant's arm
};

// The study day screening is dated (days since 1970-01-01: 2027-01-04), for criteria
// on the timing of past events.
inline constexpr std::int32_t kScreeningDay = 20822;
// Study day 1 of every simulated participant: the screening date.
inline schedule::Date study_start() {
  return schedule::Date::from_days(std::chrono::sys_days{std::chrono::days{kScreeningDay}});
}

struct Enrolled;  // a screened-in candidate (engine.cpp)

// An enrolled participant, ready for (then through) the model's course.
struct Prepared {
  std::uint64_t key = 0;
  model::BaselineTargets targets;
  model::CoursePlan plan;
  model::Individual ind;
  Subject subj;
  model::CourseBuffers buf;
  model::CourseResult result;
};

class TrialRunner {
 public:
  // Under model `m`, with the populations and conduct bound from its parameter set
  // (assumptions.h).
  TrialRunner(const TrialDesign& d, const model::Model& m);
  // Runs the next replicates under another model (a replicate's posterior draw,
  // model/draws.h), and the populations and conduct of its parameter set; `m` must
  // outlive those runs.
  void use(const model::Model& m);
  // Simulates replicate `replicate` into `out` (cleared first). False, with `error`,
  // when the criteria admit too few candidates or a course cannot be solved.
  bool run(std::uint64_t replicate, const RunSettings& s, TrialRecords& out, Error& error);

 private:
  // Schedule, conduct and individual parameters of an enrolled participant, into
  // prepared_[index]; false, with `error`, when the schedule cannot be built.
  bool prepare(std::uint64_t replicate, std::uint64_t key, std::size_t arm, const Enrolled& e, const RunSettings& s,
               std::size_t index, Error& error);
  // Simulates prepared_[0, count) and emits their records, in enrolment order.
  bool flush(std::size_t count, std::uint64_t replicate, const RunSettings& s, TrialRecords& out, Error& error);
  // A simulated participant's visits and events, as trial records.
  void emit(const Prepared& p, TrialRecords& out) const;
  const TrialDesign& d_;
  const model::Model* m_;
  // The populations and conduct of m_'s parameter set, or why they do not bind (run
  // then fails with it).
  std::optional<Assumptions> a_;
  std::string assumptions_error_;
  // Reused from replicate to replicate: a window of participants, and the lanes their
  // courses are solved in (model/course_lanes.h).
  static constexpr std::size_t kWindow = 8 * model::kLanes;
  std::vector<Prepared> prepared_;
  std::vector<model::CourseJob> jobs_;
  model::CourseLanes lanes_;
};

}  // namespace il2t::trial
