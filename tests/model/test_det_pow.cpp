// det_pow.h: the pow the right-hand sides use for a Hill coefficient other than 1.
#include <gtest/gtest.h>

#include <cmath>

#include "model/det_pow.h"

namespace il2t::model::detmath {
namespace {

double rel(double ours, double ref) { return std::abs(ours - ref) / std::abs(ref); }

TEST(DetPow, LogAndExpAgreeWithLibmToBelow1e13) {
  double worst_log = 0, worst_exp = 0;
  for (double x = 1e-300; x < 1e300; x *= 1.37) {
    const double ref = std::log(x);
    if (ref != 0) worst_log = std::max(worst_log, rel(det_log<ScalarOps>(x), ref));
  }
  for (double x : {0.5, 0.9999999, 1.0, 1.0000001, 1.4142135, 1.4142136, 2.0, 3.0}) {
    EXPECT_NEAR(det_log<ScalarOps>(x), std::log(x), 1e-13 * std::max(1.0, std::abs(std::log(x)))) << x;
  }
  for (double y = -708; y < 709; y += 0.0731) worst_exp = std::max(worst_exp, rel(det_exp<ScalarOps>(y), std::exp(y)));
  EXPECT_LT(worst_log, 1e-13);
  EXPECT_LT(worst_exp, 1e-13);
  EXPECT_EQ(det_exp<ScalarOps>(0.0), 1.0);
}

TEST(DetPow, PowAgreesWithLibmOverTheHillRange) {
  // Plasma IL-2 over EC50 spans about 1e-9 to 1e4 in the model; Hill 0.2 to 5.
  double worst = 0;
  for (double h : {0.2, 0.7, 1.533, 2.0, 2.9, 5.0})
    for (double x = 1e-9; x < 1e4; x *= 1.11) {
      const double y = std::abs(h * std::log(x));
      worst = std::max(worst, rel(det_pow<ScalarOps>(x, h), std::pow(x, h)) / (1 + y));
    }
  EXPECT_LT(worst, 1e-13);
  EXPECT_EQ(det_pow<ScalarOps>(1.0, 1.533), 1.0);
}

TEST(DetPow, ExtremesStayFiniteAndPositive) {
  EXPECT_GT(det_pow<ScalarOps>(1e-320, 1.5), 0.0);  // held at 1e-300, exponent held at -708
  EXPECT_LT(det_pow<ScalarOps>(1e-320, 1.5), 1e-300);
  EXPECT_TRUE(std::isfinite(det_pow<ScalarOps>(1e300, 5.0)));  // exponent held at 709
  EXPECT_NEAR(det_pow<ScalarOps>(1e-200, 1.0), 1e-200, 1e-213);
}

}  // namespace
}  // namespace il2t::model::detmath
