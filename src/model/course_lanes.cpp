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
  bool any = false;
  for (std::size_t l = 0; l < kLanes; ++l) any = lanes.start(l) || any;
  LaneVec t0{}, t1{};
  std::array<Inputs, kLanes> u{};
  std::array<SolveStatus, kLanes> status{};
  while (any) {
    for (std::size_t l = 0; l < kLanes; ++l) {
      if (!lanes.job[l]) continue;
      CourseRun& run = *lanes.runs[l];
      StateVector x = get_lane(x_, l);
      run.begin_day(x);
      put_lane(x_, l, x);
      t0[l] = run.day() - 1;
      t1[l] = run.day();
      u[l] = run.inputs();
    }
    integ_.advance(t0, t1, x_, u, status);
    any = false;
    for (std::size_t l = 0; l < kLanes; ++l) {
      if (!lanes.job[l]) continue;
      CourseRun& run = *lanes.runs[l];
      if (status[l] != SolveStatus::ok) run.fail(status[l]);
      else run.end_day(get_lane(x_, l));
      if (run.finished()) {
        *lanes.job[l]->result = run.result();
        lanes.job[l]->result->stats = integ_.stats(l);
        lanes.start(l);
      }
      any = any || lanes.job[l] != nullptr;
    }
  }
}

}  // namespace il2t::model
