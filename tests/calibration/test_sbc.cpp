// Simulation-based calibration of the posterior method (src/calibration/sbc.h): the
// rank test itself, and a reduced run of the whole method (a small design, three
// inputs and the SLE between-trial SD, synthetic worlds simulated by the model) whose
// ranks must be uniform, with the likelihood check (likelihood_check.h) on its data
// sets. The full runs are in docs/validation.md.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "calibration/free.h"
#include "calibration/journal.h"
#include "calibration/likelihood_check.h"
#include "calibration/objective.h"
#include "calibration/posterior.h"
#include "calibration/sbc.h"
#include "calibration/studies.h"
#include "data/read_file.h"
#include "model/model_fixture.h"
#include "shipped_calibration.h"

namespace il2t::calibration {
namespace {

TEST(Sbc, RankTestAcceptsUniformRanksAndRefusesPiledOnes) {
  SbcCoordinate flat{"a", {}, {}, 0, 1};
  for (int i = 0; i < 200; ++i) flat.ranks.push_back((i * 37) % 100);
  test_ranks(flat, 99, 10);
  EXPECT_EQ(flat.counts, std::vector<int>(10, 20));
  EXPECT_NEAR(flat.p_value, 1.0, 1e-12);
  // An over-confident posterior: true values fall outside its draws, ranks pile at 0 and 99.
  SbcCoordinate piled{"b", {}, {}, 0, 1};
  for (int i = 0; i < 200; ++i) piled.ranks.push_back(i % 3 == 0 ? 0 : i % 3 == 1 ? 99 : (i * 37) % 100);
  test_ranks(piled, 99, 10);
  EXPECT_LT(piled.p_value, 1e-6);
  SbcCoordinate some{"c", {}, {}, 0, 1};
  const std::vector<int> counts = {3, 7, 5, 5, 5, 5, 5, 5, 4, 6};  // chi2 = (4+4+0+0+0+0+0+0+1+1)/5 = 2
  for (int b = 0; b < 10; ++b)
    for (int k = 0; k < counts[static_cast<std::size_t>(b)]; ++k) some.ranks.push_back(b * 10);
  test_ranks(some, 99, 10);
  EXPECT_NEAR(some.chi_square, 2.0, 1e-12);
  EXPECT_NEAR(some.p_value, 0.991467606628814, 1e-12);  // R: pchisq(2, 9, lower.tail = FALSE)
}

// free.toml's priors for the reduced problem.
std::vector<FreeParameter> reduced(const model::ParameterSet& set) {
  const std::string dir = std::string(IL2T_SOURCE_DIR) + "/data/calibration";
  const FreeRead all = read_free(*data::read_file(dir + "/free.toml"), "free.toml", set);
  std::vector<FreeParameter> out;
  for (const FreeParameter& f : all.parameters)
    if (f.name == "activity.soc_fraction" || f.name == "activity.rate" || f.name == "il2_pk.absorption_rate" ||
        f.name == "activity.trial_sd")
      out.push_back(f);
  return out;
}

TEST(Sbc, ASyntheticValueCarriesTheResolutionErrorTheLikelihoodAssumes) {
  const auto shipped = test_data::shipped_calibration();
  ASSERT_EQ(shipped->error, "");
  const calibration::Setup& s = shipped->setup;
  const PosteriorLayout& l = *shipped->layout;
  std::vector<double> world(s.targets.size(), 0.3);
  int seen[3] = {0, 0, 0};
  for (std::size_t k = 0; k < l.observed.size(); ++k) {
    const Observed& o = l.observed[k];
    const Target& t = s.targets[l.observed_row[k]];
    model::Stream rng(9, k, 0, model::Purpose::sbc), copy = rng;
    Observed got = o;
    ASSERT_TRUE(observe_world(s, l, k, world, rng, got)) << t.id;
    if (o.kind == TermKind::binomial) {  // a count, and no draw
      EXPECT_DOUBLE_EQ(got.k, 0.3 * o.n) << t.id;
      EXPECT_EQ(rng.next(), copy.next()) << t.id;
      ++seen[0];
    } else {  // on the emulated scale, plus τ times one standard normal
      const double tau = resolution(t, o.kind);
      EXPECT_GT(tau, 0) << t.id;
      EXPECT_NEAR(got.y, on_emulated_scale(o, 0.3) + tau * copy.normal(), 1e-12) << t.id;
      ++seen[o.kind == TermKind::log_normal ? 2 : 1];
    }
    // No value: missing, whatever the kind.
    std::vector<double> none(s.targets.size(), NAN);
    EXPECT_FALSE(observe_world(s, l, k, none, rng, got)) << t.id;
  }
  EXPECT_GT(seen[0], 0);
  EXPECT_GT(seen[1], 0);
  EXPECT_GT(seen[2], 0);
}

TEST(Sbc, TheMethodsRanksAreUniformOnAReducedProblemLong) {
  const std::string dir = std::string(IL2T_SOURCE_DIR) + "/data/calibration";
  const auto loaded = load_setup(dir + "/targets.csv", dir + "/studies.toml");
  ASSERT_TRUE(loaded.setup) << loaded.error;
  const model::Model m = test::shipped_model();
  const std::vector<FreeParameter> free = reduced(m.parameters);
  ASSERT_EQ(free.size(), 4u);
  PosteriorSettings ps;
  ps.seed = 3;
  ps.replicates = 2;
  ps.points = 40;
  ps.waves = 1;
  ps.draws = 200;
  ps.check_points = 0;
  ps.threads = 2;
  ps.correlation_replicates = 40;
  ps.burn_in = 600;
  ps.steps = 400;
  const PosteriorRun run = run_posterior(*loaded.setup, m.parameters, free, "free.toml", ps, nullptr, {});
  ASSERT_EQ(run.error, "");
  ASSERT_EQ(run.draws.size(), 200u);
  SbcSettings ss;
  ss.datasets = 40;
  ss.sd_upper = run.sd_upper;
  ss.draws = 19;
  ss.bins = 4;
  ss.burn_in = 500;
  ss.steps = 200;
  ss.seed = 5;
  ss.threads = 2;
  const SbcResult sbc = run_sbc(*loaded.setup, m.parameters, run.layout, *run.emulator, run.design, ss, {});
  ASSERT_EQ(sbc.error, "");
  EXPECT_GE(sbc.datasets, 36);
  for (const SbcCoordinate& c : sbc.coordinates) {
    std::string counts;
    for (int k : c.counts) counts += std::to_string(k) + " ";
    std::cout << c.name << ": counts " << counts << "p " << c.p_value << "\n";
    // Four coordinates at 0.001 each: a false alarm about once in 250 seeds; an
    // over-confident or biased method fails by orders of magnitude.
    EXPECT_GT(c.p_value, 0.001) << c.name << ": counts " << counts << "chi2 " << c.chi_square;
  }

  // The likelihood check (likelihood_check.h) on the same data sets: every row's z
  // lies near standard normal here, where the likelihood's assumptions nearly hold;
  // a wrong scale or variance in the check gives z off by far more.
  const LikelihoodCheck lc = likelihood_check(*loaded.setup, m.parameters, run.layout, *run.emulator, ss, {});
  EXPECT_EQ(lc.datasets, sbc.datasets);
  ASSERT_EQ(lc.rows.size(), run.layout.observed.size());
  for (const RowZ& r : lc.rows) {
    if (r.count < 30) continue;  // a dose line some data sets give no value
    EXPECT_LT(std::abs(r.mean), 1.0) << r.id;
    EXPECT_GT(r.sd, 0.3) << r.id;
    EXPECT_LT(r.sd, 3.0) << r.id;
  }
  EXPECT_FALSE(lc.pairs.empty());

  // Resuming: a journalled SBC gives the ranks of one without a journal, whether every
  // data set is computed, replayed, or (after an interruption: a journal cut short
  // mid-line) some of each.
  SbcSettings es = ss;
  es.world = SbcWorld::emulator;
  es.datasets = 8;
  const SbcResult plain = run_sbc(*loaded.setup, m.parameters, run.layout, *run.emulator, run.design, es, {});
  ASSERT_EQ(plain.error, "");
  const std::string path = ::testing::TempDir() + "/sbc_resume.journal";
  std::remove(path.c_str());
  auto ranks_of = [&](const SbcResult& r) {
    std::vector<std::vector<int>> v;
    for (const SbcCoordinate& c : r.coordinates) v.push_back(c.ranks);
    return v;
  };
  for (int pass = 0; pass < 3; ++pass) {
    if (pass == 2) {  // keep the key line and three data sets, then half of the fourth's line
      std::string text = *data::read_file(path);
      std::size_t at = 0;
      for (int line = 0; line < 4; ++line) at = text.find('\n', at) + 1;
      const std::size_t next = text.find('\n', at);
      std::ofstream(path, std::ios::binary | std::ios::trunc) << text.substr(0, at + (next - at) / 2);
    }
    auto j = Journal::open(path, "sbc test");
    ASSERT_TRUE(j) << j.error();
    const std::size_t kept = (*j)->size();
    const SbcResult r = run_sbc(*loaded.setup, m.parameters, run.layout, *run.emulator, run.design, es, {}, j->get());
    ASSERT_EQ(r.error, "");
    EXPECT_EQ(kept, pass == 0 ? 0u : pass == 1 ? 8u : 3u);
    EXPECT_EQ(ranks_of(r), ranks_of(plain)) << "pass " << pass;
    EXPECT_EQ(r.datasets, plain.datasets);
    EXPECT_EQ(r.failed, plain.failed);
  }
  std::remove(path.c_str());
}

}  // namespace
}  // namespace il2t::calibration
