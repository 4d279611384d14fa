// The trial simulator as users rely on it: identical results on 1 and 2 threads;
// shards merged through their files equal the unsharded run to the last digit;
// enrolment to the target size with the allocation ratio kept; dropout ending a
// participant's records; the truth of a null effect; exact, order-free accumulators.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "trial/sim_fixture.h"
#include "report/sim_json.h"
#include "trial/engine.h"
#include "trial/simulate.h"
#include "unit/test_support.h"

namespace il2t::trial {
namespace {

using Fixture = test_sim::SimFixture;

TEST(Simulate, SameResultOnOneAndTwoThreads) {
  Fixture f("NCT02465580-he2020.toml");
  const SimulationResult one = simulate(f.design, f.model, f.settings(6, 1));
  const SimulationResult two = simulate(f.design, f.model, f.settings(6, 2));
  ASSERT_TRUE(one.ok) << one.error;
  ASSERT_TRUE(two.ok) << two.error;
  EXPECT_EQ(one.summaries[0].replicates, 6);
  EXPECT_EQ(f.json(one), f.json(two));
}

TEST(Simulate, ShardsMergedThroughTheirFilesEqualTheWholeRun) {
  Fixture f("NCT02465580-he2020.toml");
  const SimulationResult whole = simulate(f.design, f.model, f.settings(5, 2));
  ASSERT_TRUE(whole.ok) << whole.error;
  report::SimProvenance pv;
  pv.ns = {f.design.planned_n};
  pv.replicates = 5;
  SimulationResult merged;
  for (int i = 0; i < 3; ++i) {
    SimulationSettings s = f.settings(5, 1);
    s.shard = i;
    s.shards = 3;
    const SimulationResult part = simulate(f.design, f.model, s);
    ASSERT_TRUE(part.ok) << part.error;
    // Through the shard file's text, as il2trial merge reads it.
    const auto text = report::shard_json(pv, i, 3, part).dump();
    SimulationResult back;
    report::SimProvenance pv_back;
    int shard = 0, shards = 0;
    Error error;
    ASSERT_TRUE(report::read_shard(nlohmann::json::parse(text), f.design, pv_back, shard, shards, back, error)) << error;
    EXPECT_EQ(shard, i);
    if (i == 0) merged = back;
    else merged.summaries[0].merge(back.summaries[0]);
  }
  merged.first = 0;
  merged.last = 5;
  EXPECT_EQ(f.json(merged), f.json(whole));
}

TEST(Simulate, ShardRangesCoverEveryReplicateOnce) {
  std::int64_t next = 0;
  for (int i = 0; i < 7; ++i) {
    const auto [lo, hi] = shard_range(100, i, 7);
    EXPECT_EQ(lo, next);
    next = hi;
  }
  EXPECT_EQ(next, 100);
}

TEST(TrialRunner, EnrolsTheTargetInTheRatioWithWholeBlocks) {
  Fixture f("NCT04077684-dose-ranging.toml");
  TrialRunner runner(f.design, f.model);
  TrialRecords r;
  Error error;
  ASSERT_TRUE(runner.run(3, RunSettings{11, 160, false, false}, r, error)) << error;
  ASSERT_EQ(r.subjects.size(), 160u);
  int per_arm[4] = {0, 0, 0, 0};
  for (const Subject& s : r.subjects) ++per_arm[s.arm];
  for (int a : per_arm) EXPECT_EQ(a, 40);  // 160 is a whole number of blocks of 4 and 8
  EXPECT_GE(r.screened, 160u);
  EXPECT_EQ(r.screened - r.screen_failures, 160u);
  ASSERT_EQ(r.finding_begin.size(), 161u);
  // Each participant's findings lie within their follow-up, in visit order.
  for (std::uint32_t s = 0; s < r.subjects.size(); ++s)
    for (std::uint32_t i = r.finding_begin[s]; i < r.finding_begin[s + 1]; ++i) {
      EXPECT_EQ(r.findings[i].subject, s);
      EXPECT_LE(r.findings[i].day, r.subjects[s].last_day);
      if (i > r.finding_begin[s]) {
        EXPECT_GE(r.findings[i].visit, r.findings[i - 1].visit);
      }
    }
}

TEST(TrialRunner, DropoutEndsRecordsAndDosesAreNeverMoreThanPlanned) {
  Fixture f("NCT02465580-he2020.toml");
  TrialRunner runner(f.design, f.model);
  TrialRecords r;
  Error error;
  int dropped = 0;
  for (std::uint64_t rep = 0; rep < 10; ++rep) {
    ASSERT_TRUE(runner.run(rep, RunSettings{5, 60, false, false}, r, error)) << error;
    for (std::uint32_t s = 0; s < r.subjects.size(); ++s) {
      const Subject& subj = r.subjects[s];
      EXPECT_LE(subj.doses_taken, subj.doses_planned);
      if (subj.completed) continue;
      ++dropped;
      for (std::uint32_t i = r.event_begin[s]; i < r.event_begin[s + 1]; ++i) EXPECT_LE(r.events[i].day, subj.last_day);
    }
  }
  EXPECT_GT(dropped, 0);  // 15 % a year over 24 weeks: about 7 % of 600
}

TEST(TrialRunner, SameKeysSameRecords) {
  Fixture f("NCT02465580-he2020.toml");
  TrialRunner a(f.design, f.model), b(f.design, f.model);
  TrialRecords ra, rb, other;
  Error error;
  ASSERT_TRUE(a.run(2, RunSettings{9, 60, false, false}, ra, error));
  ASSERT_TRUE(b.run(1, RunSettings{9, 60, false, false}, other, error));  // b has run something else first
  ASSERT_TRUE(b.run(2, RunSettings{9, 60, false, false}, rb, error));
  ASSERT_EQ(ra.findings.size(), rb.findings.size());
  for (std::size_t i = 0; i < ra.findings.size(); ++i) EXPECT_EQ(ra.findings[i].value, rb.findings[i].value);
}

TEST(TrialRunner, UnderTheNullTheArmChangesNothingInTheDoseRangingTrial) {
  // Its placebo follows the active schedule, so with IL-2 given as placebo (--null) a
  // participant's records cannot depend on the arm: the same candidates, allocated in
  // turn starting from another arm, give the same values. Without --null they differ.
  Fixture f("NCT04077684-dose-ranging.toml");
  TrialRunner runner(f.design, f.model);
  TrialRecords a, b, c;
  Error error;
  ASSERT_TRUE(runner.run(0, RunSettings{3, 40, true, true, 0}, a, error)) << error;
  ASSERT_TRUE(runner.run(0, RunSettings{3, 40, true, true, 1}, b, error)) << error;
  ASSERT_TRUE(runner.run(0, RunSettings{3, 40, false, true, 1}, c, error)) << error;
  ASSERT_EQ(a.findings.size(), b.findings.size());
  bool any_arm_differs = false, any_value_differs_with_effect = false;
  for (std::size_t s = 0; s < a.subjects.size(); ++s) any_arm_differs |= a.subjects[s].arm != b.subjects[s].arm;
  for (std::size_t i = 0; i < a.findings.size(); ++i) {
    EXPECT_EQ(a.findings[i].value, b.findings[i].value) << "finding " << i;
    if (i < c.findings.size()) any_value_differs_with_effect |= b.findings[i].value != c.findings[i].value;
  }
  EXPECT_TRUE(any_arm_differs);
  EXPECT_TRUE(any_value_differs_with_effect);
}

TEST(Summary, ExactSumsAndHistogramsMergeInAnyOrder) {
  ExactSum a, b, c, all;
  Histogram ha(0, 1, 10), hb(0, 1, 10), hall(0, 1, 10);
  const double values[] = {0.1, 0.7, 0.3333333333, 1e-9, 0.999, 0.5, 0.25};
  for (int i = 0; i < 7; ++i) {
    (i % 3 == 0 ? a : i % 3 == 1 ? b : c).add(values[i]);
    (i % 2 ? ha : hb).add(values[i]);
    all.add(values[i]);
    hall.add(values[i]);
  }
  ExactSum x = c;
  x.merge(a);
  x.merge(b);
  EXPECT_TRUE(x.sum == all.sum && x.squares == all.squares && x.n == all.n);
  EXPECT_NEAR(all.mean(), 2.882333334 / 7, 1e-9);
  hb.merge(ha);
  EXPECT_EQ(hb.counts, hall.counts);
  EXPECT_NEAR(hall.quantile(0.5), 0.35, 0.1);
}

}  // namespace
}  // namespace il2t::trial

namespace il2t::trial {
namespace {

// Every shipped protocol runs end to end: its candidates are decided by every
// criterion, its replicate trials complete, and its first primary endpoint is simulated
// and analysed.
class EveryProtocol : public testing::TestWithParam<std::string> {};

TEST_P(EveryProtocol, RunsEndToEndAndReportsItsPrimaryEndpoint) {
  Fixture f(GetParam());
  SimulationSettings s = f.settings(2, 2);
  const SimulationResult r = simulate(f.design, f.model, s);
  ASSERT_TRUE(r.ok) << r.error;
  const Summary& sum = r.summaries[0];
  EXPECT_EQ(sum.failed, 0) << sum.first_error;
  EXPECT_EQ(sum.replicates, 2);
  EXPECT_EQ(sum.undetermined, 0);
  EXPECT_EQ(sum.enrolled, 2 * f.design.planned_n);
  ASSERT_FALSE(f.design.endpoints.empty());
  const EndpointPlan& primary = f.design.endpoints.front();
  EXPECT_TRUE(primary.primary);
  EXPECT_NE(primary.reading, Reading::not_simulated) << primary.id;
  EXPECT_NE(primary.method, Method::descriptive) << primary.id;
  const EndpointStats& st = sum.endpoints.front();
  EXPECT_EQ(primary.method == Method::mcp_mod ? st.mcp_ok : st.comparisons.front().ok, 2) << primary.id;
}

INSTANTIATE_TEST_SUITE_P(Shipped, EveryProtocol,
                         testing::Values("NCT02465580-he2020.toml", "NCT04077684-dose-ranging.toml",
                                         "NCT04136106-infection-observational.toml", "NCT04397107-paediatric.toml",
                                         "NCT05605665-sjogren-rapamycin.toml", "NCT06971913-cmv.toml"),
                         [](const testing::TestParamInfo<std::string>& i) {
                           return i.param.substr(0, i.param.find('-'));
                         });

}  // namespace
}  // namespace il2t::trial
