// The given-data first-order sensitivity index (src/stats/first_order.h) against R
// (tests/reference/stats_first_order.R), and its behaviour with and without dependence.
#include <gtest/gtest.h>

#include <cmath>

#include "model/rng.h"
#include "stats/first_order.h"

namespace il2t::stats {
namespace {

const std::vector<double> kX = {0.3, 1.2, -0.4, 2.2, 0.9, 1.7, -1.1, 0.1, 0.5, 1.0, 2.5, -0.2, 1.4, 0.8, 0.0, 1.9, -0.7};
const std::vector<double> kY = {1.1, 2.9, 0.2, 4.1, 2.0, 3.0, -0.5, 0.9, 1.9, 2.4, 5.2, 0.8, 2.2, 1.3, 0.4, 3.9, 0.1};

TEST(FirstOrder, MatchesR) {
  EXPECT_NEAR(first_order_index(kX, kY, 4).index, 0.783614112687764, 1e-12);
  const std::vector<double> ties = {2, 2, 1, 1, 3, 3, 2, 1, 3, 2, 1, 3, 2, 1, 3, 2, 1};
  EXPECT_NEAR(first_order_index(ties, kY, 4).index, 0.0906519028676601, 1e-12);
  EXPECT_NEAR(first_order_index(kX, kY, 4).null, 3.0 / 16, 1e-15);
  EXPECT_TRUE(std::isnan(first_order_index({1, 2, 3}, {1, 2, 3}, 2).index));  // too few pairs
  EXPECT_TRUE(std::isnan(first_order_index(kX, std::vector<double>(kX.size(), 1.0), 4).index));
}

TEST(FirstOrder, FindsTheInputThatMovesTheOutputAndNotTheOther) {
  // y = 2 a + noise; b unrelated. S_a near Var(2a)/Var(y) = 4/5, S_b near its null.
  model::Stream rng(3, 0, 0, model::Purpose::trial);
  std::vector<double> a, b, y;
  for (int i = 0; i < 4000; ++i) {
    a.push_back(rng.normal());
    b.push_back(rng.normal());
    y.push_back(2 * a.back() + rng.normal());
  }
  const FirstOrder sa = first_order_index(a, y, 20), sb = first_order_index(b, y, 20);
  EXPECT_NEAR(sa.index, 0.8, 0.03);
  EXPECT_LT(sb.index, 3 * sb.null);
}

}  // namespace
}  // namespace il2t::stats
