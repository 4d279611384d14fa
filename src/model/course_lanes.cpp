#include "model/course_lanes.h"

#include <array>
#include <optional>

namespace il2t::model {

namespace {

// The courses in the lanes during one simulate() call.
struct Lanes {
  const DiseaseTables& tables;
  std::span<const CourseJob> jobs;
  IntegratorLanes& integ;
  LaneState& x;
  std::array<std::optional<CourseRun>, kLanes> runs{};
  std::array<const CourseJob*, kLanes> job{};
  std::size_t next = 0;

  // Puts the next job with days to simulate into `lane`; false when none is left.
  bool start(std::size_t lane) {
    while (next < jobs.size()) {
      const CourseJob& j = jobs[next++];
      runs[lane].emplace(*j.ind, tables, *j.targets, *j.plan, j.keys, *j.out);
      if (runs[lane]->finished()) {  // a plan of no days
        *j.result = runs[lane]->result();
        continue;
      }
      job[lane] = &j;
      integ.assign(lane, *j.ind);
      put_lane(x, lane, runs[lane]->initial_state());
      return true;
    }
    runs[lane].reset();
    job[lane] = nullptr;
    integ.clear(lane);
    return false;
  }
};

}  // namespace

void CourseLanes::simulate(const DiseaseTables& tables, std::span<const CourseJob> jobs) {
  Lanes lanes{tables, jobs, integ_, x_};
  // Starts the lane's course's next day; a lane's day is its own, whatever day the
  // other lanes are on.
  auto begin_day = [&](std::size_t l) {
    CourseRun& run = *lanes.runs[l];
    StateVector x = get_lane(x_, l);
    run.begin_day(x);
    put_lane(x_, l, x);
    integ_.begin(l, run.day() - 1, run.day(), run.inputs(), x_);
  };
  for (std::size_t l = 0; l < kLanes; ++l)
    if (lanes.start(l)) begin_day(l);
  std::array<SolveStatus, kLanes> status{};
  while (integ_.any_busy()) {
    const LaneMask ended = integ_.run(x_, status);
    for (std::size_t l = 0; l < kLanes; ++l) {
      if (!ended[l]) continue;
      CourseRun& run = *lanes.runs[l];
      if (status[l] != SolveStatus::ok) run.fail(status[l]);
      else run.end_day(get_lane(x_, l));
      if (run.finished()) {
        *lanes.job[l]->result = run.result();
        lanes.job[l]->result->stats = integ_.stats(l);
        if (!lanes.start(l)) continue;
      }
      begin_day(l);
    }
  }
}

}  // namespace il2t::model
