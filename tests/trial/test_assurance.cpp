// The simulator with posterior draws (issue 21): a replicate takes its draw by weight
// and its own trial effect; with one draw equal to the power run's model and no trial
// effect the assurance run repeats the power run exactly; results are the same on 1 and
// 2 threads and merge from shard files to the last digit; the decomposition finds the
// parameter that moves the primary endpoint.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "model/draws.h"
#include "model/model_fixture.h"
#include "report/sim_json.h"
#include "report/uncertainty.h"
#include "trial/simulate.h"
#include "unit/test_support.h"

namespace il2t::trial {
namespace {

struct Fixture {
  protocol::Protocol protocol = test::shipped_protocol("NCT02465580-he2020.toml");
  model::Model model = test::shipped_model();
  TrialDesign design;
  Fixture() {
    auto made = make_design(protocol);
    if (!made.design) throw std::runtime_error(made.error);
    design = std::move(*made.design);
  }
  SimulationSettings settings(std::int64_t replicates, int threads, const model::ParameterDraws& draws) const {
    SimulationSettings s;
    s.seed = 5;
    s.replicates = replicates;
    s.threads = threads;
    s.ns = {design.planned_n};
    s.truth_per_arm = 100;
    s.base = &model.parameters;
    s.draws = &draws;
    return s;
  }
  std::string json(const SimulationResult& r) const {
    report::SimProvenance pv;
    pv.replicates = r.last - r.first;
    pv.posterior_file = "p.csv";
    return report::simulation_json(design, pv, r).dump();
  }
};

model::ParameterDraws draws_of(std::vector<std::string> names, std::vector<std::vector<double>> rows) {
  model::ParameterDraws d;
  d.names = std::move(names);
  d.rows = std::move(rows);
  d.weights.assign(d.rows.size(), 1.0 / static_cast<double>(d.rows.size()));
  return d;
}

TEST(Draws, RowsByWeightTrialEffectsBySdAndTheShareMultiplied) {
  const model::Model m = test::shipped_model();
  model::ParameterDraws d = draws_of({"activity.soc_fraction", "activity.trial_sd"}, {{0.4, 0.0}, {0.6, 0.5}, {0.8, 0.5}});
  d.weights = {0.2, 0.3, 0.5};
  std::map<std::size_t, int> count;
  double sum2 = 0;
  int with_sd = 0;
  for (std::uint64_t r = 0; r < 20000; ++r) {
    const model::ReplicateDraw x = model::draw_replicate(d, m.parameters, model::Disease::sle, 9, r);
    ++count[x.row];
    EXPECT_EQ(x.trial_sd, d.rows[x.row][1]);
    if (x.row > 0) sum2 += x.trial_effect * x.trial_effect, ++with_sd;
    else EXPECT_EQ(x.trial_effect, 0);
    EXPECT_EQ(model::draw_replicate(d, m.parameters, model::Disease::sle, 9, r).trial_effect, x.trial_effect);
  }
  // Frequencies within 4 binomial SEs of the weights; the effect's SD within 5 %.
  for (std::size_t k = 0; k < 3; ++k)
    EXPECT_NEAR(count[k] / 20000.0, d.weights[k], 4 * std::sqrt(d.weights[k] * (1 - d.weights[k]) / 20000)) << k;
  EXPECT_NEAR(std::sqrt(sum2 / with_sd), 0.5, 0.025);
  // The replicate's model: the row's values, the share times exp(u).
  const model::ReplicateDraw x{2, 0.5, 0.3};
  const auto o = model::replicate_overrides(d, m.parameters, model::Disease::sle, x);
  ASSERT_EQ(o.size(), 3u);
  EXPECT_EQ(o.back().first, "activity.soc_fraction");
  EXPECT_NEAR(o.back().second, 0.8 * std::exp(0.3), 1e-15);
  // Weighted medians.
  EXPECT_EQ(d.medians()[0], 0.6);  // the cumulative weight reaches one half there
  EXPECT_EQ(draws_of({"a"}, {{3}, {1}, {2}}).medians()[0], 2);
  // A disease without a trial effect draws none.
  EXPECT_EQ(model::draw_replicate(d, m.parameters, model::Disease::jia, 9, 1).trial_effect, 0);
}

TEST(Assurance, OneDrawAtThePowerModelWithoutTrialEffectRepeatsThePowerRun) {
  Fixture f;
  const double soc = f.model.parameters.find("activity.soc_fraction")->value;
  const auto draws = draws_of({"activity.soc_fraction", "activity.trial_sd"}, {{soc, 0.0}});
  const SimulationResult r = simulate(f.design, f.model, f.settings(6, 2, draws));
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.assurance.size(), 1u);
  const auto& a = r.assurance[0].endpoints;
  const auto& p = r.summaries[0].endpoints;
  ASSERT_EQ(a.size(), p.size());
  for (std::size_t e = 0; e < a.size(); ++e) {
    for (std::size_t c = 0; c < a[e].comparisons.size(); ++c) {
      EXPECT_EQ(a[e].comparisons[c].reject, p[e].comparisons[c].reject);
      EXPECT_EQ(a[e].comparisons[c].estimate.sum, p[e].comparisons[c].estimate.sum);
    }
    for (std::size_t i = 0; i < a[e].arm_hist.size(); ++i) EXPECT_EQ(a[e].arm_hist[i].counts, p[e].arm_hist[i].counts);
  }
  ASSERT_EQ(r.assurance[0].outcomes.size(), 6u);
  for (const DrawOutcome& o : r.assurance[0].outcomes) EXPECT_EQ(o.trial_effect, 0);
}

TEST(Assurance, SameOnOneAndTwoThreadsAndMergedFromShardFiles) {
  Fixture f;
  const auto draws = draws_of({"activity.soc_fraction", "cells.treg_emax", "activity.trial_sd"},
                              {{0.45, 120, 0.2}, {0.55, 150, 0.3}, {0.5, 90, 0.1}, {0.6, 200, 0.4}});
  const SimulationResult one = simulate(f.design, f.model, f.settings(6, 1, draws));
  const SimulationResult two = simulate(f.design, f.model, f.settings(6, 2, draws));
  ASSERT_TRUE(one.ok) << one.error;
  EXPECT_EQ(f.json(one), f.json(two));
  report::SimProvenance pv;
  pv.ns = {f.design.planned_n};
  pv.replicates = 6;
  pv.posterior_sha256 = "x";
  SimulationResult merged;
  for (int i = 0; i < 3; ++i) {
    SimulationSettings s = f.settings(6, 1, draws);
    s.shard = i;
    s.shards = 3;
    const SimulationResult part = simulate(f.design, f.model, s);
    ASSERT_TRUE(part.ok) << part.error;
    SimulationResult back;
    report::SimProvenance pv_back;
    int shard = 0, shards = 0;
    Error error;
    const auto text = report::shard_json(pv, i, 3, part).dump();
    ASSERT_TRUE(report::read_shard(nlohmann::json::parse(text), f.design, pv_back, shard, shards, back, error)) << error;
    if (i == 0) {
      merged = back;
    } else {
      merged.summaries[0].merge(back.summaries[0]);
      merged.assurance[0].merge(back.assurance[0]);
      merged.draw_values.insert(back.draw_values.begin(), back.draw_values.end());
    }
  }
  merged.first = 0;
  merged.last = 6;
  EXPECT_EQ(f.json(merged), f.json(one));
  // The outcomes name the rows drawn, whose values travel with them.
  for (const DrawOutcome& o : one.assurance[0].outcomes) EXPECT_EQ(one.draw_values.at(o.row), draws.rows[o.row]);
}

TEST(Assurance, TheDecompositionFindsTheParameterThatMovesThePrimaryEndpointLong) {
  // The SLE share spans a wide range (a low share: activity falls far in both arms);
  // the CMV growth rate moves nothing in He 2020 (no CMV is followed).
  Fixture f;
  std::vector<std::vector<double>> rows;
  for (int k = 0; k < 40; ++k) rows.push_back({0.25 + 0.0175 * k, 0.3 + 0.02 * ((k * 7) % 40), 0.0});
  const auto draws = draws_of({"activity.soc_fraction", "cmv.growth_rate", "activity.trial_sd"}, rows);
  const SimulationResult r = simulate(f.design, f.model, f.settings(240, 2, draws));
  ASSERT_TRUE(r.ok) << r.error;
  report::SimProvenance pv;
  pv.posterior_file = "p.csv";
  const auto u = report::uncertainty_json(f.design, pv, r, 0);
  const auto& sources = u["decomposition"]["sources"];
  ASSERT_FALSE(sources.empty()) << u.dump(2);
  EXPECT_EQ(sources[0]["source"], "activity.soc_fraction") << u["decomposition"].dump(2);
  for (const auto& s : sources) EXPECT_NE(s["source"], "cmv.growth_rate") << u["decomposition"].dump(2);
}

}  // namespace
}  // namespace il2t::trial
