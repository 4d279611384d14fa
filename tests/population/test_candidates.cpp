// Virtual candidates: their covariates follow the published baseline table they are
// drawn from, they are reproducible from their keys, and they become the patient
// records that screening reads.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <vector>

#include "eligibility/screen.h"
#include "model/model_fixture.h"
#include "population/candidates.h"
#include "unit/test_support.h"

namespace il2t::population {
namespace {

using model::Disease;
using model::Population;

// The populations of the model's parameter set (params.h).
Populations pops_of(const model::Model& m) {
  model::BindLog log;
  std::optional<Populations> p = bind_populations(m.parameters, log);
  if (!p) throw std::runtime_error("the shipped populations do not bind");
  return std::move(*p);
}

std::vector<Candidate> draw(const model::Model& m, Population d, int n, std::uint64_t seed = 1) {
  const Populations pops = pops_of(m);
  std::vector<Candidate> out;
  for (int i = 0; i < n; ++i) {
    model::Stream rng(seed, 0, static_cast<std::uint64_t>(i), model::Purpose::population);
    out.push_back(draw_candidate(m, pops, d, rng));
  }
  return out;
}

double mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}
double sd(const std::vector<double>& v) {
  const double mu = mean(v);
  double s = 0;
  for (double x : v) s += (x - mu) * (x - mu);
  return std::sqrt(s / static_cast<double>(v.size() - 1));
}
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}
double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}
template <class F>
std::vector<double> column(const std::vector<Candidate>& cs, F f) {
  std::vector<double> v;
  for (const Candidate& c : cs) v.push_back(f(c));
  return v;
}
double share(const std::vector<double>& v, bool (*pred)(double)) {
  return static_cast<double>(std::count_if(v.begin(), v.end(), pred)) / static_cast<double>(v.size());
}

TEST(Candidates, SleFollowsHe2020Table1) {
  const model::Model m = test::shipped_model();
  const auto cs = draw(m, Population::sle, 20000);
  std::vector<double> age, weight, height, sledai, pred, female;
  for (const Candidate& c : cs) {
    age.push_back(c.cov.age_years);
    weight.push_back(c.cov.weight_kg);
    height.push_back(c.cov.height_cm);
    sledai.push_back(c.targets.sledai);
    pred.push_back(c.cov.prednisone);
    female.push_back(c.cov.female ? 1 : 0);
  }
  const PopulationParams p = pops_of(m).sle;
  // Age is normal cut to [age_min, age_max]: the truncated normal's mean and SD.
  const double a = (p.age_min - p.age_mean) / p.age_sd, b = (p.age_max - p.age_mean) / p.age_sd;
  auto phi = [](double z) { return std::exp(-z * z / 2) / std::sqrt(2 * M_PI); };
  auto Phi = [](double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); };
  const double mass = Phi(b) - Phi(a), lam = (phi(a) - phi(b)) / mass;
  const double t_mean = p.age_mean + p.age_sd * lam;
  const double t_sd = p.age_sd * std::sqrt(1 + (a * phi(a) - b * phi(b)) / mass - lam * lam);
  EXPECT_NEAR(mean(age), t_mean, 4 * t_sd / std::sqrt(20000.0));
  EXPECT_NEAR(sd(age), t_sd, 0.15);
  EXPECT_GE(*std::min_element(age.begin(), age.end()), p.age_min);
  EXPECT_LE(*std::max_element(age.begin(), age.end()), p.age_max);
  EXPECT_NEAR(mean(female), p.female, 0.01);
  EXPECT_NEAR(mean(weight), p.weight_mean, 0.3);
  EXPECT_NEAR(sd(weight), p.weight_sd, 0.3);
  EXPECT_NEAR(mean(height), p.height_mean, 0.2);
  // SLEDAI-2K: whole numbers round(offset + (median - offset)·exp(sd·Z)), so the share at
  // or above 8 is 1 - Phi(ln((7.5 - offset)/(median - offset))/sd).
  for (double s : sledai) ASSERT_EQ(s, std::round(s));
  EXPECT_NEAR(median(sledai), p.activity_median, 0.6);
  const double at_least_8 =
      static_cast<double>(std::count_if(sledai.begin(), sledai.end(), [](double s) { return s >= 8; })) / 20000.0;
  const double z8 = std::log((7.5 - p.activity_offset) / (p.activity_median - p.activity_offset)) / p.activity_sd_log;
  EXPECT_NEAR(at_least_8, 1 - Phi(z8), 4 * std::sqrt(0.25 / 20000.0));
  // Prednisone: 2.5 mg steps, median as published, a few candidates on none.
  for (double d : pred) ASSERT_EQ(std::fmod(d, 2.5), 0.0);
  EXPECT_NEAR(median(pred), p.prednisone_median, 2.5);
  const double none = static_cast<double>(std::count(pred.begin(), pred.end(), 0.0)) / 20000.0;
  EXPECT_NEAR(none, p.prednisone_zero, 0.005);
}

TEST(Candidates, AStudysOwnPrednisoneReplacesThePopulations) {
  const model::Model m = test::shipped_model();
  const Populations pops = pops_of(m);
  const PrednisoneAtEntry he2016{30, 0.5, 0.03}, none{0, 0, 1};
  std::vector<double> pred;
  for (int i = 0; i < 20000; ++i) {
    model::Stream a(1, 0, static_cast<std::uint64_t>(i), model::Purpose::population);
    model::Stream b(1, 0, static_cast<std::uint64_t>(i), model::Purpose::population);
    model::Stream c(1, 0, static_cast<std::uint64_t>(i), model::Purpose::population);
    const Candidate own = draw_candidate(m, pops, Population::sle, a, &he2016);
    const Candidate nobody = draw_candidate(m, pops, Population::sle, b, &none);
    const Candidate usual = draw_candidate(m, pops, Population::sle, c);
    // Everything drawn before the prednisone is the population's.
    ASSERT_EQ(own.cov.age_years, usual.cov.age_years);
    ASSERT_EQ(own.cov.weight_kg, usual.cov.weight_kg);
    ASSERT_EQ(own.targets.sledai, usual.targets.sledai);
    ASSERT_EQ(nobody.cov.prednisone, 0.0);
    pred.push_back(own.cov.prednisone);
  }
  for (double d : pred) ASSERT_EQ(std::fmod(d, 2.5), 0.0);
  EXPECT_NEAR(median(pred), 30, 2.5);
  const double zero = static_cast<double>(std::count(pred.begin(), pred.end(), 0.0)) / 20000.0;
  EXPECT_NEAR(zero, 0.03, 4 * std::sqrt(0.03 * 0.97 / 20000.0));
}

TEST(Candidates, WeightAndHeightAreCorrelated) {
  const model::Model m = test::shipped_model();
  const auto cs = draw(m, Population::sle, 20000, 2);
  std::vector<double> w, h;
  for (const Candidate& c : cs) {
    w.push_back(c.cov.weight_kg);
    h.push_back(c.cov.height_cm);
  }
  const double mw = mean(w), mh = mean(h);
  double cov = 0;
  for (std::size_t i = 0; i < w.size(); ++i) cov += (w[i] - mw) * (h[i] - mh);
  cov /= static_cast<double>(w.size() - 1);
  EXPECT_NEAR(cov / (sd(w) * sd(h)), pops_of(m).sle.weight_height_corr, 0.03);
}

TEST(Candidates, SameKeysSameCandidate) {
  const model::Model m = test::shipped_model();
  const Populations pops = pops_of(m);
  model::Stream a(5, 1, 7, model::Purpose::population), b(5, 1, 7, model::Purpose::population),
      c(5, 1, 8, model::Purpose::population);
  const Candidate x = draw_candidate(m, pops, Population::pss, a), y = draw_candidate(m, pops, Population::pss, b),
                  z = draw_candidate(m, pops, Population::pss, c);
  EXPECT_EQ(x.cov.age_years, y.cov.age_years);
  EXPECT_EQ(x.targets.essdai, y.targets.essdai);
  EXPECT_NE(x.cov.age_years, z.cov.age_years);
}

TEST(Candidates, RecordsCarryTheDrawnFieldsForScreening) {
  const model::Model m = test::shipped_model();
  const Populations pops = pops_of(m);
  model::Stream rng(3, 0, 0, model::Purpose::population);
  const Candidate c = draw_candidate(m, pops, Population::sle, rng);
  const eligibility::PatientRecord r = to_record(c, "V1");
  EXPECT_EQ(r.id, "V1");
  EXPECT_EQ(r.at("age").number, c.cov.age_years);
  EXPECT_EQ(r.at("sex").number, c.cov.female ? 0 : 1);
  EXPECT_EQ(r.at("sledai_2k").number, c.targets.sledai);
  EXPECT_EQ(r.at("prednisone_dose").number, c.cov.prednisone);
  EXPECT_NEAR(r.at("prednisone_mg_per_kg_day").number, c.cov.prednisone / c.cov.weight_kg, 1e-12);  // derived
  EXPECT_FALSE(r.at("hiv").present());  // not drawn: missing
}

TEST(Candidates, ScreeningRejectsThoseOutsideTheCriteria) {
  // He 2020 admits ages 18-65 and SLEDAI >= 8 among others. Candidates outside either
  // are not eligible; the others are undetermined here, because fields the criteria
  // need (infections, pregnancy, laboratory values) are not drawn yet.
  const model::Model m = test::shipped_model();
  test::Checked pc = test::check_text(test::read_text(test::source_path("protocols/NCT02465580-he2020.toml")), "he");
  ASSERT_TRUE(pc.protocol);
  Diagnostics diag;
  const auto compiled = eligibility::compile_protocol(*pc.protocol, diag);
  ASSERT_TRUE(compiled);
  int outside = 0, rejected = 0, eligible = 0;
  const auto cs = draw(m, Population::sle, 2000, 4);
  for (std::size_t i = 0; i < cs.size(); ++i) {
    const eligibility::PatientRecord r = to_record(cs[i], "V" + std::to_string(i));
    const bool out = cs[i].cov.age_years < 18 || cs[i].cov.age_years >= 66 || cs[i].targets.sledai < 8;
    const eligibility::Verdict v = eligibility::screen_verdict(*compiled, r, 20000);
    outside += out;
    rejected += v == eligibility::Verdict::not_eligible;
    eligible += v == eligibility::Verdict::eligible;
    if (out) {
      EXPECT_EQ(v, eligibility::Verdict::not_eligible) << "candidate " << i;
    }
  }
  EXPECT_GT(outside, 50);
  EXPECT_GE(rejected, outside);
  EXPECT_EQ(eligible, 0);
}

TEST(Growth, TheReferenceGivesItsTabulatedMedianHeight) {
  // CDC 2000 statage.csv: girls' M at Agemos 179.5 and 180.5 (161.817 and 161.898 cm)
  // average 161.86 cm at 15.0 years; boys' at 119.5 and 120.5 (138.414 and 138.823),
  // 138.62 cm at 10.0.
  const model::Model m = test::shipped_model();
  const GrowthReference g = pops_of(m).growth;
  EXPECT_NEAR(g.at(true, 15.0).height, 161.86, 0.005);
  EXPECT_NEAR(g.at(false, 10.0).height, 138.62, 0.005);
  EXPECT_EQ(g.at(true, 15.0).height, m.parameters.find("growth_girls.age_15_height")->value);
  // Linear between whole years; the nearest year's outside the table.
  const GrowthRow y15 = g.at(true, 15.0), y16 = g.at(true, 16.0), mid = g.at(true, 15.5);
  EXPECT_DOUBLE_EQ(mid.height, (y15.height + y16.height) / 2);
  EXPECT_DOUBLE_EQ(mid.bmi, (y15.bmi + y16.bmi) / 2);
  EXPECT_EQ(g.at(false, 2.0).height, g.at(false, static_cast<double>(g.first_age)).height);
  EXPECT_EQ(g.at(false, 40.0).height, g.at(false, static_cast<double>(g.first_age + g.boys.size() - 1)).height);
  EXPECT_GT(g.at(false, 15.0).height, g.at(true, 15.0).height);  // boys are taller at 15
}

// Childhood-onset SLE: ages, sex, weight and activity as PLUTO's and the UK cohort's
// tables (models/population.toml [population_csle]); height and BMI for each child's age
// and sex from the growth reference. 20,000 candidates: the tolerances are about four
// sampling SEs.
TEST(Candidates, ChildhoodOnsetSleFollowsPlutoAndTheGrowthReference) {
  const model::Model m = test::shipped_model();
  const Populations pops = pops_of(m);
  const PopulationParams& p = pops.csle;
  ASSERT_TRUE(p.growth_reference);
  const auto cs = draw(m, Population::csle, 20000, 6);
  std::vector<double> age, weight, female, sledai, pred, z_height, z_bmi;
  for (const Candidate& c : cs) {
    ASSERT_EQ(c.cov.disease, Disease::sle);
    age.push_back(c.cov.age_years);
    weight.push_back(c.cov.weight_kg);
    female.push_back(c.cov.female ? 1 : 0);
    sledai.push_back(c.targets.sledai);
    pred.push_back(c.cov.prednisone);
    // Each child's size against the reference for their own age and sex.
    const GrowthRow g = pops.growth.at(c.cov.female, c.cov.age_years);
    const double bmi = c.cov.weight_kg / (c.cov.height_cm / 100) / (c.cov.height_cm / 100);
    z_height.push_back((c.cov.height_cm - g.height) / g.height_sd);
    z_bmi.push_back(std::log(bmi / (p.bmi_scale * g.bmi)) / g.bmi_sd_log);
  }
  EXPECT_GE(*std::min_element(age.begin(), age.end()), 5.0);  // PLUTO: 5 to 17 years
  EXPECT_LT(*std::max_element(age.begin(), age.end()), 18.0);
  // PLUTO: exact-age median 15.0 (whole years 15 and 14 in the arms); 13 of 93 under 12.
  EXPECT_NEAR(median(age), 15.0, 0.1);
  EXPECT_NEAR(share(age, [](double a) { return a < 12; }), 13.0 / 93, 0.015);
  EXPECT_NEAR(mean(female), 5.6 / 6.6, 0.01);  // UK cohort: 5.6 girls to 1 boy
  // PLUTO: median weight 53.3 and 52.3 kg (52.7 by arm size); the quartiles lie between
  // the two arms' (47.1 and 38.7; 60.0 and 67.0).
  EXPECT_NEAR(median(weight), 52.7, 0.5);
  EXPECT_GT(quantile(weight, 0.25), 38.7);
  EXPECT_LT(quantile(weight, 0.25), 47.1);
  EXPECT_GT(quantile(weight, 0.75), 60.0);
  EXPECT_LT(quantile(weight, 0.75), 67.0);
  // Height and log BMI are standard normal about the reference for age and sex.
  EXPECT_NEAR(mean(z_height), 0, 0.03);
  EXPECT_NEAR(sd(z_height), 1, 0.03);
  EXPECT_NEAR(mean(z_bmi), 0, 0.03);
  EXPECT_NEAR(sd(z_bmi), 1, 0.03);
  // PLUTO: SELENA-SLEDAI median 10 (IQR 8-12), 13 or more in 15.4 % and 18.9 %.
  EXPECT_EQ(median(sledai), 10);
  EXPECT_EQ(quantile(sledai, 0.25), 8);
  EXPECT_EQ(quantile(sledai, 0.75), 12);
  EXPECT_NEAR(share(sledai, [](double s) { return s >= 13; }), 0.17, 0.02);
  // PLUTO: 5 of 93 on no glucocorticoid.
  EXPECT_NEAR(share(pred, [](double d) { return d == 0; }), 5.0 / 93, 0.01);
}

// Primary Sjögren's: the abatacept phase 3 placebo arm's ESSDAI (mean 10.1, SD 5.0),
// glucocorticoid (23.2 %), hydroxychloroquine (37.9 %) and weight (67.5 kg).
TEST(Candidates, SjogrensFollowsTheAbataceptTrialsTable) {
  const model::Model m = test::shipped_model();
  const auto cs = draw(m, Population::pss, 20000, 8);
  ASSERT_TRUE(std::all_of(cs.begin(), cs.end(), [](const Candidate& c) { return c.cov.disease == Disease::pss; }));
  const auto essdai = column(cs, [](const Candidate& c) { return c.targets.essdai; });
  const auto pred = column(cs, [](const Candidate& c) { return c.cov.prednisone; });
  const auto hcq = column(cs, [](const Candidate& c) { return c.cov.antimalarial ? 1.0 : 0.0; });
  const auto weight = column(cs, [](const Candidate& c) { return c.cov.weight_kg; });
  EXPECT_NEAR(mean(essdai), 10.1, 0.15);
  EXPECT_NEAR(sd(essdai), 5.0, 0.25);
  EXPECT_NEAR(share(pred, [](double d) { return d > 0; }), 0.232, 0.015);
  EXPECT_NEAR(mean(hcq), 0.379, 0.015);
  EXPECT_NEAR(mean(weight), 67.5, 0.4);
}

TEST(Candidates, TheTypicalChildIsTheGrowthReferencesMedianGirlOfHerAge) {
  const model::Model m = test::shipped_model();
  const model::Covariates c = m.typical_covariates(Population::csle);
  EXPECT_EQ(c.disease, Disease::sle);
  EXPECT_TRUE(c.female);
  EXPECT_EQ(c.age_years, 15);  // PLUTO's median age
  const Populations pops = pops_of(m);
  const GrowthRow g = pops.growth.at(c.female, c.age_years);
  EXPECT_NEAR(c.height_cm, g.height, 0.005);
  const double metres = c.height_cm / 100;
  EXPECT_NEAR(c.weight_kg, pops.csle.bmi_scale * g.bmi * metres * metres, 0.05);
  EXPECT_EQ(m.typical_targets(Population::csle).sledai, 10);  // PLUTO's median
  // The disease's own typical participant is still the adult one.
  EXPECT_GT(m.typical_covariates(Disease::sle).age_years, 18);
}

}  // namespace
}  // namespace il2t::population
