// The dose-response measure of the calibration (dose_for_peak_increase, for DILT1D):
// its line is R's lm() (tests/reference/calibration_dose_line.R), it reads each
// participant's peak over baseline from hand-made records of the DILT1D protocol, and
// the studies file refuses an arm for it.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "calibration/measure.h"
#include "calibration/studies.h"
#include "trial/design.h"
#include "unit/test_support.h"

namespace il2t::calibration {
namespace {

// tests/reference/calibration_dose_line.R
constexpr double kIntercept = 0.0854651877514529, kSlope = 0.260533080017881;
constexpr double kDose10 = 0.0557887399463806, kDose20 = 0.439617158176944;
const std::vector<double> kDose{0.04, 0.04, 0.1, 0.1, 0.25, 0.25, 0.5, 0.5, 1.5, 1.5};
const std::vector<double> kPeak{1.05, 1.12, 1.08, 1.15, 1.10, 1.22, 1.25, 1.18, 1.55, 1.40};

TEST(Measure, ParsesTheDoseResponseMeasure) {
  const auto m = parse_measure("dose_for_peak_increase:TREGPCT:0.10");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->kind, MeasureKind::dose_for_peak_increase);
  EXPECT_EQ(m->test, trial::Test::treg_pct);
  EXPECT_DOUBLE_EQ(m->level, 0.10);
  EXPECT_TRUE(spans_arms(m->kind));
  EXPECT_FALSE(spans_arms(MeasureKind::fold_peak));
  EXPECT_FALSE(parse_measure("dose_for_peak_increase:TREGPCT"));
  EXPECT_FALSE(parse_measure("dose_for_peak_increase:TREGPCT:"));
  EXPECT_FALSE(parse_measure("dose_for_peak_increase:TREGPCT:0.1x"));
  EXPECT_FALSE(parse_measure("dose_for_peak_increase:NOPE:0.1"));
}

TEST(Measure, DoseLineIsRsLm) {
  std::vector<double> y;
  for (double p : kPeak) y.push_back(p - 1);
  const DoseLine line = fit_dose_line(kDose, y);
  EXPECT_EQ(line.n, kDose.size());
  EXPECT_NEAR(line.intercept, kIntercept, 1e-13);
  EXPECT_NEAR(line.slope, kSlope, 1e-13);
  EXPECT_NEAR(line.dose_for(0.10), kDose10, 1e-12);
  EXPECT_NEAR(line.dose_for(0.20), kDose20, 1e-12);
  EXPECT_DOUBLE_EQ(line.highest, 1.5);
  // No line through a single dose.
  EXPECT_EQ(fit_dose_line({0.1, 0.1}, {0.2, 0.3}).n, 0u);
  EXPECT_TRUE(std::isnan(fit_dose_line({0.1, 0.1}, {0.2, 0.3}).dose_for(0.1)));
}

// The estimate is held to [0, twice the highest dose]: a nearly flat line would
// otherwise put it at thousands of MIU/m², of either sign.
TEST(Measure, ADoseIsHeldToZeroAndTheCap) {
  // Already above the level without a dose: 0, whatever the slope's sign.
  EXPECT_EQ(fit_dose_line({0.1, 0.5}, {0.2, 0.3}).dose_for(0.1), 0.0);
  EXPECT_EQ(fit_dose_line({0.1, 0.5}, {0.3, 0.2}).dose_for(0.1), 0.0);
  // A falling line below the level never reaches it: the cap, 2 × 0.5.
  EXPECT_EQ(fit_dose_line({0.1, 0.5}, {0.05, 0.01}).dose_for(0.1), 1.0);
  // A flat one likewise.
  EXPECT_EQ(fit_dose_line({0.1, 0.5}, {0.05, 0.05}).dose_for(0.1), 1.0);
  // A rising line that reaches it beyond the cap: (0.1 − 0.0375)/0.0125 = 5, held to 1.
  EXPECT_EQ(fit_dose_line({0.1, 0.5}, {0.03875, 0.04375}).dose_for(0.1), 1.0);
  // Inside: as it is, (0.1 − 0)/0.2 = 0.5.
  EXPECT_NEAR(fit_dose_line({0.1, 0.5}, {0.02, 0.10}).dose_for(0.1), 0.5, 1e-12);
}

TEST(Measure, DoseForPeakIncreaseOnHandMadeRecords) {
  const protocol::Protocol p = test::shipped_protocol("calibration/dilt1d-t1d-single-dose.toml");
  const trial::DesignMade made = trial::make_design(p, model::Disease::sle);
  ASSERT_TRUE(made.design) << made.error;
  const trial::TrialDesign& d = *made.design;
  ASSERT_EQ(d.arms.size(), 5u);
  ASSERT_EQ(d.visit_ids.size(), 6u);  // d1 (baseline), d2, d3, d4, d5, d8
  trial::TrialRecords r;
  auto add = [&](std::uint32_t arm, double baseline, std::vector<double> after) {
    const auto s = static_cast<std::uint32_t>(r.subjects.size());
    trial::Subject sub;
    sub.arm = arm;
    r.subjects.push_back(sub);
    r.finding_begin.push_back(static_cast<std::uint32_t>(r.findings.size()));
    r.event_begin.push_back(0);
    if (baseline > 0) r.findings.push_back({s, 0, 1, trial::Test::treg_pct, baseline});
    const int days[] = {2, 3, 4, 5, 8};
    for (std::uint16_t v = 0; v < after.size(); ++v)
      r.findings.push_back({s, static_cast<std::uint16_t>(v + 1), days[v], trial::Test::treg_pct, after[v]});
  };
  // Two participants per arm whose largest ratio to baseline is kPeak, reached on
  // different days; values before and after it are lower.
  for (std::size_t i = 0; i < kPeak.size(); ++i) {
    const double b = 4 + static_cast<double>(i % 3);
    std::vector<double> after(5, b * 0.98);
    after[i % 5] = b * kPeak[i];
    add(static_cast<std::uint32_t>(i / 2), b, after);
  }
  add(4, 0, {9, 9, 9, 9, 9});  // no baseline: left out
  r.finding_begin.push_back(static_cast<std::uint32_t>(r.findings.size()));
  r.event_begin.assign(r.subjects.size() + 1, 0);
  const auto m10 = *parse_measure("dose_for_peak_increase:TREGPCT:0.10");
  const auto m20 = *parse_measure("dose_for_peak_increase:TREGPCT:0.20");
  // Doses per m² come back from the reference body's MIU within rounding.
  EXPECT_NEAR(measure(d, m10, 0, 5, r), kDose10, 1e-9);
  EXPECT_NEAR(measure(d, m20, 0, 5, r), kDose20, 1e-9);
}

TEST(Studies, RefusesAnArmForAMeasureOverEveryArm) {
  const std::string dir = std::string(IL2T_SOURCE_DIR) + "/data/calibration";
  const std::string tmp = ::testing::TempDir() + "/studies_dr.toml";
  std::ofstream(tmp, std::ios::binary)
      << "format = 1\n[[study]]\nid = \"dilt1d\"\nprotocol = \"" << IL2T_SOURCE_DIR
      << "/protocols/calibration/dilt1d-t1d-single-dose.toml\"\n"
         "population = { value = \"sle\", assumed = \"x\" }\n"
         "[[target]]\nid = \"dilt1d-single-dose\"\nstudy = \"dilt1d\"\narm = \"d01\"\nvisit = \"d8\"\n"
         "measure = \"dose_for_peak_increase:TREGPCT:0.10\"\n";
  EXPECT_EQ(load_setup(dir + "/targets.csv", tmp).error,
            tmp + ":6: target.arm: dose_for_peak_increase:TREGPCT:0.10 is measured over every IL-2 arm of the study: give no arm");
}

// Serology's parameters are observation-only (left out of a posterior's model
// check), so no target may read C3, C4 or anti-dsDNA.
TEST(Studies, RefusesATargetOnAnObservationOnlyMeasure) {
  const std::string dir = std::string(IL2T_SOURCE_DIR) + "/data/calibration";
  const std::string tmp = ::testing::TempDir() + "/studies_obs.toml";
  std::ofstream(tmp, std::ios::binary)
      << "format = 1\n[[study]]\nid = \"dilt1d\"\nprotocol = \"" << IL2T_SOURCE_DIR
      << "/protocols/calibration/dilt1d-t1d-single-dose.toml\"\n"
         "population = { value = \"sle\", assumed = \"x\" }\n"
         "[[target]]\nid = \"dilt1d-single-dose\"\nstudy = \"dilt1d\"\narm = \"d01\"\nvisit = \"d8\"\n"
         "measure = \"median:DSDNA\"\n";
  EXPECT_EQ(load_setup(dir + "/targets.csv", tmp).error,
            tmp + ":6: target.measure: median:DSDNA reads DSDNA, an observation-only measure (its parameters are left out "
                  "of a posterior's model check, model/parameter_set.h): it cannot be a calibration target");
}

}  // namespace
}  // namespace il2t::calibration
