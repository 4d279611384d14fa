// The lane solver (model/course_lanes.h) against one participant at a time: every
// participant's course — each day's state, the visits, the events, the solver's
// counts — must be bit-identical to simulate_course's, whatever shares its lanes.
#include <gtest/gtest.h>

#include <cstring>
#include <deque>

#include "model/course.h"
#include "model/course_lanes.h"
#include "model/model_fixture.h"

namespace il2t::model {
namespace {

struct Case {
  Individual ind;
  BaselineTargets targets;
  CoursePlan plan;
};

// Every drug-giving arm of every shipped protocol (IL-2, sirolimus, SLE with CMV, pSS,
// JIA), each with drawn variability, cut to different lengths. The Treg Hill
// coefficient takes every path of the right-hand side: the shipped 1.5 (a square root,
// all lanes at once) in the first round, 1.37 (det_pow, all lanes at once) in the
// second, and lanes that differ (lane by lane) where the rounds meet and for the third
// participant (1.4). The helpers' suppression power is the shipped whole number in
// every lane of the first round (all lanes at once) except for one participant, whose
// power is not a whole number (its batch lane by lane), and 2.7 in the second (no lane
// has a whole number: det_pow, all lanes at once), as a posterior draw gives.
std::deque<Case> varied_cases(const Model& m) {
  std::deque<Case> cases;
  std::uint64_t id = 0;
  for (int round = 0; round < 2; ++round) {
    for (const test::ArmCase& a : test::seed_arm_cases(m)) {
      Covariates cov = a.cov;
      if (a.disease == Disease::sle && id % 2 == 0) cov.cmv_copies = m.bound.p.cmv_baseline_copies;
      Stream eta(7, 0, ++id, Purpose::variability);
      Case c{make_individual(m.individual_parameters(eta), cov), m.typical_targets(a.disease), a.plan};
      c.plan.days = std::max(1, c.plan.days - static_cast<int>(id * 13 % 60));
      if (round == 1) {
        c.ind.treg.hill = 1.37;
        c.ind.p.helper_suppression = 2.7;
        c.ind.helper_power = -1;
      }
      if (id == 3) c.ind.treg.hill = 1.4;
      if (id == 5) {
        c.ind.p.helper_suppression = 1.5;
        c.ind.helper_power = -1;
      }
      cases.push_back(std::move(c));
    }
  }
  return cases;
}

void expect_same(const CourseBuffers& a, const CourseBuffers& b, const CourseResult& ra, const CourseResult& rb,
                 std::size_t job) {
  SCOPED_TRACE("job " + std::to_string(job));
  EXPECT_EQ(ra.ok, rb.ok);
  EXPECT_EQ(ra.stats.steps, rb.stats.steps);
  EXPECT_EQ(ra.stats.rejected, rb.stats.rejected);
  EXPECT_EQ(ra.stats.evaluations, rb.stats.evaluations);
  ASSERT_EQ(a.daily.size(), b.daily.size());
  for (std::size_t d = 0; d < a.daily.size(); ++d) {
    ASSERT_EQ(std::memcmp(a.daily[d].x.data(), b.daily[d].x.data(), sizeof(StateVector)), 0) << "day " << d + 1;
    ASSERT_EQ(a.daily[d].il2_mean_pM, b.daily[d].il2_mean_pM);
    ASSERT_EQ(a.daily[d].prednisone, b.daily[d].prednisone);
  }
  ASSERT_EQ(a.visits.size(), b.visits.size());
  for (std::size_t v = 0; v < a.visits.size(); ++v) {
    EXPECT_EQ(a.visits[v].day, b.visits[v].day);
    EXPECT_EQ(a.visits[v].sledai, b.visits[v].sledai);
    EXPECT_EQ(a.visits[v].pga, b.visits[v].pga);
    EXPECT_EQ(a.visits[v].sri4, b.visits[v].sri4);
    EXPECT_EQ(a.visits[v].essdai, b.visits[v].essdai);
    EXPECT_EQ(a.visits[v].jadas27, b.visits[v].jadas27);
    EXPECT_EQ(a.visits[v].treg_pct_obs, b.visits[v].treg_pct_obs);
    EXPECT_EQ(a.visits[v].cmv_obs, b.visits[v].cmv_obs);
    EXPECT_EQ(a.visits[v].prednisone, b.visits[v].prednisone);
  }
  ASSERT_EQ(a.events.size(), b.events.size());
  for (std::size_t e = 0; e < a.events.size(); ++e) {
    EXPECT_EQ(a.events[e].day, b.events[e].day);
    EXPECT_STREQ(a.events[e].term, b.events[e].term);
    EXPECT_EQ(a.events[e].grade, b.events[e].grade);
  }
}

TEST(LaneSolver, EveryCourseBitIdenticalToOneParticipantAtATime) {
  const Model m = test::shipped_model();
  const std::deque<Case> cases = varied_cases(m);
  ASSERT_GT(cases.size(), 2 * kLanes);  // lanes are refilled as courses end
  const std::size_t n = cases.size();
  std::vector<CourseBuffers> lane_bufs(n), one_bufs(n);
  std::vector<CourseResult> lane_res(n), one_res(n);
  std::vector<CourseJob> jobs;
  for (std::size_t i = 0; i < n; ++i) {
    const Case& c = cases[i];
    lane_bufs[i].reserve(c.plan);
    jobs.push_back({&c.ind, &c.targets, &c.plan, {3, 1, i}, &lane_bufs[i], &lane_res[i]});
    one_res[i] = simulate_course(c.ind, m.tables, c.targets, c.plan, {3, 1, i}, one_bufs[i]);
  }
  CourseLanes lanes;
  lanes.simulate(m.tables, jobs);
  for (std::size_t i = 0; i < n; ++i) expect_same(one_bufs[i], lane_bufs[i], one_res[i], lane_res[i], i);

  // Again, in reverse order: other companions in every lane, the same courses.
  std::vector<CourseJob> reversed(jobs.rbegin(), jobs.rend());
  std::vector<CourseBuffers> again(n);
  std::vector<CourseResult> again_res(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t k = n - 1 - i;
    reversed[i].out = &again[k];
    reversed[i].result = &again_res[k];
  }
  lanes.simulate(m.tables, reversed);
  for (std::size_t i = 0; i < n; ++i) expect_same(one_bufs[i], again[i], one_res[i], again_res[i], i);
}

TEST(LaneSolver, FewerJobsThanLanesAndNone) {
  const Model m = test::shipped_model();
  const std::deque<Case> cases = varied_cases(m);
  CourseLanes lanes;
  lanes.simulate(m.tables, {});
  CourseBuffers one, lane;
  CourseResult r_lane;
  const Case& c = cases[1];
  const CourseJob job{&c.ind, &c.targets, &c.plan, {5, 0, 9}, &lane, &r_lane};
  lanes.simulate(m.tables, std::span<const CourseJob>(&job, 1));
  const CourseResult r_one = simulate_course(c.ind, m.tables, c.targets, c.plan, {5, 0, 9}, one);
  expect_same(one, lane, r_one, r_lane, 0);
}

}  // namespace
}  // namespace il2t::model
