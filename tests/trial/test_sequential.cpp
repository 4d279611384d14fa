// Group-sequential trials and assumed-outcome scenarios as simulate runs them:
// recruitment in calendar time (the expected curve and the draws), the bounds of the
// shipped example equal rpact's, a calendar look's information from the expected
// recruitment, every replicate trial stopping where its z crosses a bound, the same
// results on 1 and 2 threads and through shard files, assumed rates drawn as stated,
// and --assume parsed or refused.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "trial/sim_fixture.h"
#include "report/sim_json.h"
#include "stats/distributions.h"
#include "trial/recruitment.h"
#include "trial/scenario.h"
#include "trial/sequential.h"
#include "trial/simulate.h"
#include "unit/test_support.h"

namespace il2t::trial {
namespace {

constexpr const char* kExample = "NCT04077684-group-sequential.toml";

using Fixture = test_sim::SimFixture;

TEST(Recruitment, ExpectedCurveAndItsInverseAgree) {
  const RecruitmentCurve c{8 / kDaysPerMonth, 3 * kDaysPerMonth};
  EXPECT_NEAR(expected_enrolled(c, c.ramp_days), 12, 1e-12);  // half the full rate over the ramp
  EXPECT_NEAR(expected_enrolled(c, c.ramp_days + 10 * kDaysPerMonth), 92, 1e-12);
  for (double day : {1.0, 30.0, 91.0, 92.0, 400.0, 2000.0})
    EXPECT_NEAR(day_expected(c, expected_enrolled(c, day)), day, 1e-9) << day;
  EXPECT_EQ(expected_enrolled(c, -5), 0);
}

TEST(Recruitment, DrawsFollowTheExpectedCurve) {
  // At a constant rate the 200th arrival is Gamma(200, rate): mean 200 / rate, SD √200 / rate.
  const RecruitmentCurve c{10 / kDaysPerMonth, 0};
  std::vector<double> days, again;
  double sum = 0;
  constexpr int kReplicates = 400;
  for (int r = 0; r < kReplicates; ++r) {
    draw_enrolment_days(c, 3, static_cast<std::uint64_t>(r), 200, days);
    ASSERT_EQ(days.size(), 200u);
    for (std::size_t i = 1; i < days.size(); ++i) ASSERT_LE(days[i - 1], days[i]);
    sum += days.back();
  }
  const double mean = 200 / c.per_day, se = std::sqrt(200.0) / c.per_day / std::sqrt(kReplicates);
  EXPECT_NEAR(sum / kReplicates, mean, 4 * se);
  draw_enrolment_days(c, 3, 7, 200, days);
  draw_enrolment_days(c, 3, 7, 200, again);
  EXPECT_EQ(days, again);  // keyed by seed and replicate only
}

// rpact's bounds for the example (tests/reference/sequential_example.R).
TEST(Sequential, ExampleBoundsEqualRpacts) {
  Fixture f(kExample);
  ASSERT_TRUE(f.design.sequential.has_value());
  const auto g = sequential_design(*f.design.sequential, 160, 0.05);
  ASSERT_TRUE(g) << g.error().text();
  std::ifstream in(test::source_path("tests/reference/sequential_example.csv"));
  std::string line;
  std::getline(in, line);  // header
  std::size_t k = 0;
  while (std::getline(in, line)) {
    std::stringstream row(line);
    std::string look, information, efficacy, futility;
    std::getline(row, look, ',');
    std::getline(row, information, ',');
    std::getline(row, efficacy, ',');
    std::getline(row, futility, ',');
    ASSERT_LT(k, g->design.bounds.efficacy.size());
    EXPECT_NEAR(g->design.bounds.information_rates[k], std::stod(information), 1e-12);
    EXPECT_NEAR(g->design.bounds.efficacy[k], std::stod(efficacy), 1e-6);
    if (futility != "NA") {
      EXPECT_NEAR(g->design.bounds.futility[k], std::stod(futility), 1e-6);
    }
    ++k;
  }
  EXPECT_EQ(k, 2u);
  EXPECT_EQ(g->alpha, 0.025);
}

TEST(Sequential, CalendarLookTakesItsInformationFromTheExpectedRecruitment) {
  protocol::Protocol p = test::shipped_protocol(kExample);
  p.interims[0].information.reset();
  p.interims[0].month = protocol::Fact<double>{14, {}, {}};
  Fixture f(std::move(p));
  const SequentialSpec& s = *f.design.sequential;
  const auto g = sequential_design(s, 160, 0.05);
  ASSERT_TRUE(g) << g.error().text();
  const double day = 14 * kDaysPerMonth;
  EXPECT_NEAR(g->design.bounds.information_rates[0], expected_enrolled(s.recruitment, day - s.decision_day) / 160, 1e-12);
  EXPECT_NEAR(g->planned_day[0], day, 1e-9);
  // A month after everyone is expected at the decision visit is refused, naming the look.
  EXPECT_EQ(sequential_design(s, 40, 0.05).error().field, "interim[0].month");
  const auto late = sequential_design(s, 40, 0.05);
  ASSERT_FALSE(late);
  EXPECT_NE(late.error().message.find("interim[0].month: month 14 is not before month"), std::string::npos)
      << late.error().message;
}

TEST(Sequential, EachTrialStopsWhereItsZCrossesABound) {
  Fixture f(kExample);
  SimulationSettings s = f.settings(24, 2);
  s.keep_replicates = true;
  const SimulationResult r = simulate(f.design, f.model, s);
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.sequential.size(), 1u);
  const stats::Boundaries& b = r.sequential[0].design.bounds;
  const SequentialSpec& q = *f.design.sequential;
  int looked = 0, stopped_early = 0;
  for (const ReplicateResult& x : r.replicate_results) {
    EXPECT_EQ(x.looks, 2);
    if (x.endpoint != q.endpoint || x.comparison != q.comparison) continue;
    ++looked;
    const Comparison& c = x.result;
    ASSERT_TRUE(c.ok);
    const double z = (c.estimate > 0 ? 1 : c.estimate < 0 ? -1 : 0) * -stats::dist::norm_quantile(c.p_value / 2);
    const auto k = static_cast<std::size_t>(x.look - 1);
    if (x.look < x.stopped_at) {  // continued: inside the continuation region
      EXPECT_LT(z, b.efficacy[k]);
      EXPECT_GT(z, b.futility[k]);
      EXPECT_EQ(x.decision, static_cast<int>(stats::Decision::continue_trial));
    } else if (x.look == x.stopped_at && x.look < x.looks) {  // stopped at an interim
      ++stopped_early;
      EXPECT_TRUE(z >= b.efficacy[k] || z <= b.futility[k]) << z;
      EXPECT_EQ(x.decision, static_cast<int>(z >= b.efficacy[k] ? stats::Decision::reject_null
                                                                : stats::Decision::stop_for_futility));
    } else if (x.stopped_at < x.looks) {  // the final analysis of a trial that stopped early: no decision
      EXPECT_EQ(x.decision, -1);
    }
  }
  EXPECT_GE(looked, 24);                    // each trial's final look, and its interim when it had one
  const SequentialStats& st = r.summaries[0].sequential;
  EXPECT_EQ(st.trials, 24);
  EXPECT_EQ(st.efficacy[0] + st.futility[0], stopped_early);
  EXPECT_EQ(st.reached[1], 24 - stopped_early);
}

TEST(Sequential, SameOnOneAndTwoThreadsAndThroughShardFiles) {
  protocol::Protocol p = test::shipped_protocol(kExample);
  ASSERT_TRUE(add_assumption(p, "sri4-w12-1:placebo=0.3"));
  ASSERT_TRUE(add_assumption(p, "sri4-w12-1:il2-1=0.5"));
  Fixture f(std::move(p));
  const SimulationResult one = simulate(f.design, f.model, f.settings(6, 1));
  const SimulationResult two = simulate(f.design, f.model, f.settings(6, 2));
  ASSERT_TRUE(one.ok && two.ok) << one.error << two.error;
  EXPECT_EQ(f.json(one), f.json(two));
  report::SimProvenance pv;
  pv.ns = {f.design.planned_n};
  pv.replicates = 6;
  SimulationResult merged;
  for (int i = 0; i < 2; ++i) {
    SimulationSettings s = f.settings(6, 1);
    s.shard = i;
    s.shards = 2;
    const SimulationResult part = simulate(f.design, f.model, s);
    ASSERT_TRUE(part.ok) << part.error;
    SimulationResult back;
    report::SimProvenance pv_back;
    int shard = 0, shards = 0;
    Error error;
    ASSERT_TRUE(report::read_shard(nlohmann::json::parse(report::shard_json(pv, i, 2, part).dump()), f.design, pv_back,
                                   shard, shards, back, error))
        << error;
    if (i == 0) merged = back;
    else merged.summaries[0].merge(back.summaries[0]);
  }
  merged.first = 0;
  merged.last = 6;
  EXPECT_EQ(f.json(merged), f.json(one));
}

// A calendar look dated just before the expected final analysis falls after many
// trials' own final analysis (their recruitment ran fast): those trials do not hold it
// and go on to their final analysis; the trials that hold it analyse fewer than all.
TEST(Sequential, ACalendarLookAfterTheTrialsOwnFinalIsNotHeld) {
  protocol::Protocol p = test::shipped_protocol(kExample);
  p.interims[0].information.reset();
  p.interims[0].month = protocol::Fact<double>{24.2, {}, {}};  // the expected final: month 24.3
  Fixture f(std::move(p));
  SimulationSettings s = f.settings(12, 2);
  s.keep_replicates = true;
  const SimulationResult r = simulate(f.design, f.model, s);
  ASSERT_TRUE(r.ok) << r.error;
  const SequentialStats& st = r.summaries[0].sequential;
  EXPECT_LT(st.reached[0], st.trials);  // some did not hold it
  EXPECT_LE(st.efficacy[0] + st.futility[0], st.reached[0]);
  const SequentialSpec& q = *f.design.sequential;
  int interim_rows = 0;
  for (const ReplicateResult& x : r.replicate_results)
    if (x.endpoint == q.endpoint && x.comparison == q.comparison && x.look == 1) {
      ++interim_rows;
      EXPECT_LT(x.n_analysed, 80u);  // a look held before the trial's final sees fewer than all
    }
  EXPECT_EQ(interim_rows, st.reached[0]);
}

// Long tier: under the null (IL-2 given as placebo) the group-sequential decision's
// rejection rate stays within Monte Carlo error of the bounds' one-sided 2.5 % (Fisher's
// test is conservative, so below it is fine); under the model it stays near the fixed
// design's power on the same replicates (an interim at half the information with
// O'Brien–Fleming-type spending costs little power; a wrong sign or bound would not).
TEST(SequentialLong, TypeIErrorHoldsAndPowerStaysNearTheFixedDesigns) {
  Fixture f(kExample);
  const SequentialSpec& q = *f.design.sequential;
  for (const bool null_effect : {true, false}) {
    SimulationSettings s = f.settings(300, 2);
    s.null_effect = null_effect;
    const SimulationResult r = simulate(f.design, f.model, s);
    ASSERT_TRUE(r.ok) << r.error;
    const SequentialStats& st = r.summaries[0].sequential;
    ASSERT_EQ(st.trials, 300);
    std::int64_t rejected = 0;
    for (std::int64_t k : st.efficacy) rejected += k;
    const double rate = static_cast<double>(rejected) / 300;
    if (null_effect) {
      EXPECT_LE(rate, 0.025 + 3 * std::sqrt(0.025 * 0.975 / 300)) << "type I error";
    } else {
      const ComparisonStats& fixed = r.summaries[0].endpoints[q.endpoint].comparisons[q.comparison];
      const double power = static_cast<double>(fixed.reject) / static_cast<double>(fixed.ok);
      EXPECT_GT(power, 0.3);  // the comparison has an effect to find
      EXPECT_GE(rate, power - 0.10) << "fixed-design power " << power;
      EXPECT_LE(rate, power + 0.05) << "fixed-design power " << power;
    }
  }
}

TEST(Scenario, AssumedRatesAreDrawnAsStated) {
  protocol::Protocol p = test::shipped_protocol(kExample);
  ASSERT_TRUE(add_assumption(p, "sri4-w12-1:placebo=0.2"));
  ASSERT_TRUE(add_assumption(p, "sri4-w12-1:il2-1=0.6"));
  Fixture f(std::move(p));
  const SimulationResult r = simulate(f.design, f.model, f.settings(30, 2));
  ASSERT_TRUE(r.ok) << r.error;
  const std::size_t e = f.design.sequential->endpoint;  // sri4-w12-1
  const ScenarioStats& x = r.summaries[0].scenario[e];
  ASSERT_EQ(x.arm_mean.size(), 2u);  // il2-1, placebo (the protocol's compare order)
  // Each replicate's proportion of 40: SD √(p(1−p)/40); the mean of 30 within 4 SE.
  EXPECT_NEAR(x.arm_mean[0].mean(), 0.6, 4 * std::sqrt(0.6 * 0.4 / 40 / 30));
  EXPECT_NEAR(x.arm_mean[1].mean(), 0.2, 4 * std::sqrt(0.2 * 0.8 / 40 / 30));
  // 0.6 against 0.2 with 40 a side: Fisher's power is about 96 %.
  EXPECT_GE(x.reject[0], 25);
}

TEST(Scenario, AssumeIsParsedOrRefusedByName) {
  protocol::Protocol p;
  ASSERT_TRUE(add_assumption(p, "e:a=0.3"));
  ASSERT_TRUE(add_assumption(p, "e:b=-2,4.5"));
  ASSERT_TRUE(add_assumption(p, "e:a=0.4"));  // replaces the first
  ASSERT_EQ(p.assumed.size(), 2u);
  EXPECT_EQ(p.assumed[0].rate->value, 0.4);
  EXPECT_EQ(p.assumed[1].mean->value, -2);
  EXPECT_EQ(p.assumed[1].sd->value, 4.5);
  for (const char* bad : {"e=0.3", "e:a=", "e:a=x", ":a=0.3", "e:a=1,", "e:a=nan"}) {
    const auto r = add_assumption(p, bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_NE(r.error().message.find(std::string("--assume \"") + bad + "\""), std::string::npos) << r.error().message;
  }
}

}  // namespace
}  // namespace il2t::trial
