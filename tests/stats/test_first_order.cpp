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

TEST(FirstOrderNull, NearNormalTheoryForNormalOutcomes) {
  // For normal y the between-bin share is near Beta((bins − 1)/2, (n − bins)/2): with
  // n = 500 and 10 bins its upper 5 % point is about null + 1.645 √(2·9)/500 = 0.032.
  model::Stream rng(5, 0, 0, model::Purpose::trial);
  std::vector<double> y;
  for (int i = 0; i < 500; ++i) y.push_back(rng.normal());
  const double q = first_order_null_quantile(y, {}, 10, 0.05, 4000, 1);
  EXPECT_NEAR(q, 9.0 / 499 + 1.645 * std::sqrt(18.0) / 500, 0.004);
  EXPECT_EQ(q, first_order_null_quantile(y, {}, 10, 0.05, 4000, 1));  // the same seed, the same quantile
}

TEST(FirstOrderNull, HoldsItsErrorRateForTwoValuedOutcomes) {
  // A trial that succeeds in 1 of 10 replicates: y is 0 or 1. Unrelated inputs exceed
  // the permutation threshold at its nominal 5 %, within binomial error of 2000 inputs
  // (SD 0.5 %), where the normal-theory threshold would be passed far more often.
  model::Stream rng(7, 0, 0, model::Purpose::trial);
  std::vector<double> y;
  for (int i = 0; i < 500; ++i) y.push_back(rng.uniform() < 0.1 ? 1.0 : 0.0);
  const double q = first_order_null_quantile(y, {}, 10, 0.05, 4000, 1);
  int above = 0;
  for (int k = 0; k < 2000; ++k) {
    std::vector<double> x;
    for (int i = 0; i < 500; ++i) x.push_back(rng.uniform());
    above += first_order_index(x, y, 10).index > q;
  }
  EXPECT_NEAR(above / 2000.0, 0.05, 0.016);
}

TEST(FirstOrderNull, HoldsItsErrorRateWhenTrialsShareADraw) {
  // 500 trials drawn from 1000 posterior rows share some rows, and a row's trials share
  // its x and much of y. An input unrelated to y, constant within a row, passes the
  // clustered threshold at its nominal 5 %; the unclustered one is passed more often.
  model::Stream rng(11, 0, 0, model::Purpose::trial);
  std::vector<double> row_y(1000);
  for (double& v : row_y) v = rng.normal();
  std::vector<std::uint32_t> row;
  std::vector<double> y;
  for (int i = 0; i < 500; ++i) {
    row.push_back(static_cast<std::uint32_t>(rng.uniform() * 1000));
    y.push_back(row_y[row.back()] + 0.2 * rng.normal());
  }
  const double clustered = first_order_null_quantile(y, row, 10, 0.05, 4000, 1);
  const double plain = first_order_null_quantile(y, {}, 10, 0.05, 4000, 1);
  int above = 0, above_plain = 0;
  for (int k = 0; k < 2000; ++k) {
    std::vector<double> row_x(1000), x;
    for (double& v : row_x) v = rng.uniform();
    for (std::uint32_t r : row) x.push_back(row_x[r]);
    const double s = first_order_index(x, y, 10).index;
    above += s > clustered;
    above_plain += s > plain;
  }
  EXPECT_NEAR(above / 2000.0, 0.05, 0.016);
  EXPECT_GT(above_plain / 2000.0, 0.07);
  EXPECT_TRUE(std::isnan(first_order_null_quantile(y, {1, 2}, 10, 0.05, 100, 1)));  // wrong length
}

TEST(FirstOrderNull, UndefinedWhereTheIndexIs) {
  EXPECT_TRUE(std::isnan(first_order_null_quantile({1, 2, 3}, {}, 2, 0.05, 100, 1)));
  EXPECT_TRUE(std::isnan(first_order_null_quantile(std::vector<double>(40, 1.0), {}, 4, 0.05, 100, 1)));
  EXPECT_TRUE(std::isnan(first_order_null_quantile(kY, {}, 4, 0, 100, 1)));
}

}  // namespace
}  // namespace il2t::stats
