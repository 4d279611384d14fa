// simulate --target-power: the size grid, the Monte Carlo error of a rate, and (long
// tier) the size found for a two-arm trial analysed by Fisher's test against rpact's
// analytic two-proportion sample size at the simulated trial's true rates
// (tests/reference/sample_size_rpact.R).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "model/model_fixture.h"
#include "trial/sample_size.h"
#include "unit/test_support.h"

namespace il2t::trial {
namespace {

TEST(SampleSize, GridSpansTheRangeWithoutRepeats) {
  EXPECT_EQ(size_grid(4, 40, 10), (std::vector<int>{4, 8, 12, 16, 20, 24, 28, 32, 36, 40}));
  EXPECT_EQ(size_grid(10, 13, 10), (std::vector<int>{10, 11, 12, 13}));
  EXPECT_EQ(size_grid(7, 7, 10), (std::vector<int>{7}));
}

TEST(SampleSize, RateAndItsBinomialStandardError) {
  const SizePoint p{100, {200, 150}};
  EXPECT_DOUBLE_EQ(p.rate(), 0.75);
  EXPECT_DOUBLE_EQ(p.se(), std::sqrt(0.75 * 0.25 / 200));
  EXPECT_TRUE(std::isnan(SizePoint{}.rate()));
}

// rpact's total n at (pi1, pi2), bilinear between the reference grid's rates.
double rpact_n(double pi1, double pi2) {
  std::ifstream in(test::source_path("tests/reference/sample_size_rpact.csv"));
  std::map<std::pair<long, long>, double> grid;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line[0] == 'p') continue;
    std::istringstream s(line);
    double a = 0, b = 0, n = 0;
    char c = 0;
    s >> a >> c >> b >> c >> n;
    grid[{std::lround(a * 100), std::lround(b * 100)}] = n;
  }
  const long a0 = static_cast<long>(std::floor(pi1 * 50)) * 2, b0 = static_cast<long>(std::floor(pi2 * 50)) * 2;
  const double fa = (pi1 * 100 - static_cast<double>(a0)) / 2, fb = (pi2 * 100 - static_cast<double>(b0)) / 2;
  auto at = [&](long a, long b) { return grid.at({a, b}); };
  return (1 - fa) * (1 - fb) * at(a0, b0) + fa * (1 - fb) * at(a0 + 2, b0) + (1 - fa) * fb * at(a0, b0 + 2) +
         fa * fb * at(a0 + 2, b0 + 2);
}

TEST(SampleSize, ReferenceGridReadsBackRpactsValues) {
  EXPECT_NEAR(rpact_n(0.56, 0.36), 192.5913544, 1e-7);  // a grid point, as the R script wrote it
  EXPECT_GT(rpact_n(0.55, 0.35), rpact_n(0.56, 0.35));   // a bigger difference needs fewer
}

TEST(SampleSizeLong, FisherTrialSizeAgreesWithRpactWithinItsMonteCarloRange) {
  const protocol::Protocol p = test::shipped_protocol("NCT02465580-he2020.toml");
  const TrialDesign d = *make_design(p).design;
  const model::Model m = test::shipped_model();
  SimulationSettings s;
  s.seed = 7;
  s.replicates = 200;
  s.threads = 2;
  s.truth_per_arm = 2000;
  const SizeSearch found = find_sample_size(d, m, s, 0.8, 20, 320);
  ASSERT_TRUE(found.ok) << found.error;
  ASSERT_TRUE(found.n && found.n_low && found.n_high);
  // The primary endpoint compares il2 (first) with placebo.
  ASSERT_EQ(found.truth_mean.size(), 2u);
  const double rpact = rpact_n(found.truth_mean[0], found.truth_mean[1]);
  // Fisher's exact test needs more than the normal approximation rpact uses; the usual
  // approximation of its size is rpact's with the Casagrande–Pike–Smith continuity
  // correction (Fleiss, Tytun and Ury 1980): per group n' = n/4 (1 + √(1 + 4/(n Δ)))².
  const double per_group = rpact / 2, delta = std::fabs(found.truth_mean[0] - found.truth_mean[1]);
  const double fisher = 2 * per_group / 4 * std::pow(1 + std::sqrt(1 + 4 / (per_group * delta)), 2);
  // The range is the sizes whose simulated power is within 1.96 SE of 80 %.
  EXPECT_LE(*found.n_low, fisher) << "rpact " << rpact << " (corrected " << fisher << "), found " << *found.n;
  EXPECT_GE(*found.n_high, fisher) << "rpact " << rpact << " (corrected " << fisher << "), found " << *found.n;
  EXPECT_GE(*found.n_high, rpact);
}

}  // namespace
}  // namespace il2t::trial
