// The predictive check (check_worlds, src/calibration/check.h): every row's replicate
// values the same on 1 and 2 threads, with the parameter files' values and with draws
// (each world its own draw, each trial its own effect).
#include <gtest/gtest.h>

#include <cmath>

#include "calibration/check.h"
#include "calibration/studies.h"
#include "model/model_fixture.h"

namespace il2t::calibration {
namespace {

TEST(CheckWorlds, SameOnOneAndTwoThreadsWithAndWithoutDrawsLong) {
  const std::string dir = std::string(IL2T_SOURCE_DIR) + "/data/calibration";
  const auto loaded = load_setup(dir + "/targets.csv", dir + "/studies.toml");
  ASSERT_TRUE(loaded.setup) << loaded.error;
  const model::Model m = test::shipped_model();
  model::ParameterDraws draws;
  draws.names = {"activity.soc_fraction", "activity.trial_sd"};
  draws.rows = {{0.45, 0.3}, {0.55, 0.2}};
  draws.weights = {0.5, 0.5};
  const std::vector<const model::ParameterDraws*> modes = {nullptr, &draws};
  for (const model::ParameterDraws* d : modes) {
    std::atomic<std::int64_t> done{0};
    const CheckOutcome one = check_worlds(*loaded.setup, m.parameters, d, {3, 7, 1}, done);
    const CheckOutcome two = check_worlds(*loaded.setup, m.parameters, d, {3, 7, 2}, done);
    ASSERT_EQ(one.error, "");
    ASSERT_EQ(one.rows.size(), two.rows.size());
    for (std::size_t i = 0; i < one.rows.size(); ++i) {
      ASSERT_EQ(one.rows[i].values.size(), two.rows[i].values.size());
      for (std::size_t r = 0; r < one.rows[i].values.size(); ++r) {
        const double a = one.rows[i].values[r], b = two.rows[i].values[r];
        EXPECT_TRUE(a == b || (std::isnan(a) && std::isnan(b))) << one.rows[i].id << " replicate " << r;
      }
    }
    EXPECT_EQ(done.load(), 6);
  }
}

}  // namespace
}  // namespace il2t::calibration
