// Randomisation as the protocols say: balance within every permuted block, the
// allocation ratio, every order of a block equally likely, strata kept apart, simple
// randomisation's frequencies, reproducibility, and the errors.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "trial/randomisation.h"
#include "unit/test_support.h"

namespace il2t::trial {
namespace {

protocol::Protocol load(const std::string& file) { return test::shipped_protocol(file); }

Randomiser make(const protocol::Protocol& p, std::size_t strata = 1) {
  auto m = Randomiser::make(p, strata);
  if (!m.randomiser) throw std::runtime_error(m.error);
  return *m.randomiser;
}

TEST(Randomisation, He2020BlocksOfFourAreBalanced) {
  Randomiser r = make(load("NCT02465580-he2020.toml"));
  ASSERT_EQ(r.method(), Randomiser::Method::permuted_blocks);
  model::Stream rng(1, 0, 0, model::Purpose::trial);
  for (int block = 0; block < 500; ++block) {
    int counts[2] = {0, 0};
    for (int k = 0; k < 4; ++k) ++counts[r.assign(0, rng)];
    ASSERT_EQ(counts[0], 2) << "block " << block;
    ASSERT_EQ(counts[1], 2) << "block " << block;
  }
}

TEST(Randomisation, EveryOrderOfABlockIsEquallyLikely) {
  // 1:1 blocks of 4 have 6 orders; 60,000 blocks give each about 10,000 (SD about 91).
  Randomiser r = make(load("NCT02465580-he2020.toml"));
  model::Stream rng(2, 0, 0, model::Purpose::trial);
  std::map<std::string, int> orders;
  const int n = 60000;
  for (int b = 0; b < n; ++b) {
    std::string o;
    for (int k = 0; k < 4; ++k) o += static_cast<char>('0' + r.assign(0, rng));
    ++orders[o];
  }
  ASSERT_EQ(orders.size(), 6u);
  for (const auto& [order, count] : orders) EXPECT_NEAR(count, n / 6.0, 5 * std::sqrt(n * (1 / 6.0) * (5 / 6.0))) << order;
}

TEST(Randomisation, MixedBlockSizesKeepFourArmsBalanced) {
  // NCT04077684: 1:1:1:1 in blocks of 4 and 8. The running imbalance between any two
  // arms never exceeds half the largest block, and both sizes occur.
  Randomiser r = make(load("NCT04077684-dose-ranging.toml"));
  ASSERT_EQ(r.arms(), 4u);
  model::Stream rng(3, 0, 0, model::Purpose::trial);
  int counts[4] = {0, 0, 0, 0};
  int balanced_at = 0;
  for (int i = 1; i <= 4000; ++i) {
    ++counts[r.assign(0, rng)];
    const auto [lo, hi] = std::minmax_element(std::begin(counts), std::end(counts));
    ASSERT_LE(*hi - *lo, 4) << "after " << i;
    if (*hi == *lo) ++balanced_at;
  }
  EXPECT_EQ(counts[0] + counts[1] + counts[2] + counts[3], 4000);
  // Balanced after every block: between 4000/8 times (all blocks of 8) and 4000/4 (all
  // of 4), strictly between when both sizes occur.
  EXPECT_GT(balanced_at, 500) << "blocks of 4 should occur too";
  EXPECT_LT(balanced_at, 1000) << "blocks of 8 should occur too";
}

TEST(Randomisation, StrataAreBalancedSeparately) {
  Randomiser r = make(load("NCT05605665-sjogren-rapamycin.toml"), 2);
  model::Stream rng(4, 0, 0, model::Purpose::trial);
  // Interleave two strata; each stratum's own sequence is balanced after 6 of its own.
  int s0[3] = {0, 0, 0}, s1[3] = {0, 0, 0};
  for (int i = 0; i < 6 * 50; ++i) {
    ++s0[r.assign(0, rng)];
    if (i % 2 == 0) ++s1[r.assign(1, rng)];
  }
  EXPECT_EQ(s0[0], 100);
  EXPECT_EQ(s0[1], 100);
  EXPECT_EQ(s0[2], 100);
  EXPECT_EQ(s1[0] + s1[1] + s1[2], 150);
  EXPECT_LE(std::max({s1[0], s1[1], s1[2]}) - std::min({s1[0], s1[1], s1[2]}), 3);
}

TEST(Randomisation, UnequalRatioInBlocks) {
  protocol::Protocol p = load("NCT02465580-he2020.toml");
  p.arms[0].ratio.value = 2;  // 2:1
  p.randomisation.block_sizes.value = {3, 6};
  Randomiser r = make(p);
  model::Stream rng(5, 0, 0, model::Purpose::trial);
  int counts[2] = {0, 0};
  for (int i = 0; i < 3000; ++i) ++counts[r.assign(0, rng)];
  EXPECT_EQ(counts[0], 2000);
  EXPECT_EQ(counts[1], 1000);
}

TEST(Randomisation, SimpleRandomisationFollowsTheRatio) {
  protocol::Protocol p = load("NCT02465580-he2020.toml");
  p.randomisation.method.value = "simple";
  p.arms[0].ratio.value = 3;
  Randomiser r = make(p);
  model::Stream rng(6, 0, 0, model::Purpose::trial);
  const int n = 40000;
  int first = 0;
  for (int i = 0; i < n; ++i) first += r.assign(0, rng) == 0;
  EXPECT_NEAR(first, 0.75 * n, 5 * std::sqrt(n * 0.75 * 0.25));
}

TEST(Randomisation, TheSameStreamGivesTheSameAllocation) {
  const protocol::Protocol p = load("NCT04077684-dose-ranging.toml");
  Randomiser a = make(p), b = make(p);
  model::Stream ra(7, 1, 0, model::Purpose::trial), rb(7, 1, 0, model::Purpose::trial), rc(7, 2, 0, model::Purpose::trial);
  Randomiser c = make(p);
  bool differs = false;
  for (int i = 0; i < 160; ++i) {
    const std::size_t x = a.assign(0, ra);
    EXPECT_EQ(x, b.assign(0, rb));
    differs = differs || x != c.assign(0, rc);
  }
  EXPECT_TRUE(differs) << "another replicate's stream should allocate differently";
}

TEST(Randomisation, ErrorsNameTheField) {
  EXPECT_EQ(Randomiser::make(load("NCT04136106-infection-observational.toml")).error,
            "randomisation.method: \"none\" does not allocate participants to arms");
  protocol::Protocol p = load("NCT02465580-he2020.toml");
  p.randomisation.block_sizes.value = {3};
  EXPECT_EQ(Randomiser::make(p).error,
            "randomisation.block_sizes: 3 is not a multiple of the ratios' sum (2) up to 64");
  p.randomisation.block_sizes.value = {};
  EXPECT_EQ(Randomiser::make(p).error, "randomisation.block_sizes: permuted blocks need at least one block size");
  p = load("NCT02465580-he2020.toml");
  p.arms[1].ratio.value = 1.5;
  EXPECT_EQ(Randomiser::make(p).error, "arms.placebo.ratio: permuted blocks need whole-number ratios, not 1.5");
}

}  // namespace
}  // namespace il2t::trial
