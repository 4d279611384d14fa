#pragma once
// Many participants' courses on the lane solver: kLanes courses advance together, one
// SIMD lane each, and a lane whose course ends takes the next job. Each job's
// buffers and result are exactly what simulate_course gives for it alone (the lane
// solver is bit-identical per lane), so a participant's course does not depend on
// which others share its lanes, nor on the lane count.
#include <span>

#include "model/course.h"
#include "model/integrator_lanes.h"

namespace il2t::model {

struct CourseJob {
  const Individual* ind = nullptr;        // must outlive simulate_courses
  const BaselineTargets* targets = nullptr;
  const CoursePlan* plan = nullptr;
  CourseKeys keys;
  CourseBuffers* out = nullptr;           // reserved by the caller for the plan
  CourseResult* result = nullptr;
};

// The lanes' working memory, reused from call to call (one per thread).
class CourseLanes {
 public:
  // Fills every job's buffers and result.
  void simulate(const DiseaseTables& tables, std::span<const CourseJob> jobs);

 private:
  IntegratorLanes integ_;
  LaneState x_{};
};

}  // namespace il2t::model
