// A few-event proportion's margin in a trial arm's copula (calibration/binomial_margin.h):
// its likelihood, mid-p normal score and quantile against R
// (tests/reference/calibration_binomial_margin.R).
#include <gtest/gtest.h>

#include "calibration/binomial_margin.h"

namespace il2t::calibration {
namespace {

struct MarginCase {
  double k, n, mu, error, log_p, z;
};
// tests/reference/calibration_binomial_margin.R
constexpr MarginCase kMargins[] = {
    {2, 30, 0.32175055439664219, 0, -0.20736382056816693, -0.53153764929346969},
    {0, 30, 0.22551340589813121, 0, -1.5387988316265158, -1.2409106339886458},
    {28, 30, 1.1730969117028249, 0, -0.99686919187039758, 1.2831786160276286},
    {3, 45, 0.2013579207903308, 0.08, -0.57153348564366979, 0.6180635307506267},
    {44, 46, 1.2490457723982544, 0.05, -0.89191104433602963, 1.1003547042085313},
    {4, 12, 0.29999999999999999, 0.2, -1.4060560606411272, 1.2940359961343464},
};

TEST(BinomialMargin, MidPMatchesR) {
  for (const MarginCase& c : kMargins) {
    const MarginScore m = binomial_margin(c.k, c.n, c.mu, c.error);
    EXPECT_NEAR(m.log_p, c.log_p, 1e-9) << c.k << " of " << c.n;
    EXPECT_NEAR(m.z, c.z, 1e-9) << c.k << " of " << c.n;
  }
}

TEST(BinomialMargin, QuantileMatchesR) {
  struct Q {
    double u;
    int n;
    double p;
    int x;
  };
  for (const Q& q : {Q{0.3, 30, 0.1, 2}, Q{0.975, 30, 0.1, 7}, Q{0.5, 46, 0.9, 42}, Q{0.001, 20, 0.5, 3},
                     Q{0.999, 12, 0.02, 3}})
    EXPECT_EQ(binomial_quantile(q.u, q.n, q.p), q.x) << q.u << " " << q.n << " " << q.p;
  EXPECT_EQ(binomial_quantile(0.5, 10, 0.0), 0);
  EXPECT_EQ(binomial_quantile(0.5, 10, 1.0), 10);
}

TEST(BinomialMargin, FewMeansFewerThanFiveEventsOrNonEvents) {
  EXPECT_TRUE(few_events(4, 30));
  EXPECT_FALSE(few_events(5, 30));
  EXPECT_TRUE(few_events(26, 30));
  EXPECT_FALSE(few_events(25, 30));
  EXPECT_TRUE(few_events(4.4, 30));  // a published proportion × N, rounded
}

}  // namespace
}  // namespace il2t::calibration
