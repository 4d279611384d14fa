// The calibration part: the targets file's checks (file:line:column errors), the
// shipped targets and studies mapping every target once, each measure on hand-made
// records with known answers, quantiles as R's type 7, and check-model's results the
// same on 1 and 2 threads.
#include <gtest/gtest.h>

#include <cmath>
#include <algorithm>
#include <fstream>
#include <iterator>

#include "calibration/check.h"
#include "calibration/measure.h"
#include "calibration/pk_study.h"
#include "calibration/studies.h"
#include "calibration/targets.h"
#include "model/model_fixture.h"
#include "unit/test_support.h"

namespace il2t::calibration {
namespace {

const std::string kHeader =
    "id,study,registry,disease,regimen,arm,quantity,week,statistic,value,numerator,denominator,spread,source\n";

TEST(Targets, ReadsRowsWithTheirFields) {
  const auto r = read_targets(kHeader + "a,S,NCT1,SLE,reg,il2,SRI-4,12,proportion,0.5517,16,29,,http://x\n"
                                        "b,S,,,reg,il2,fold,,fold,8,,29,greater than 8,src\n",
                              "t.csv");
  ASSERT_EQ(r.error, "");
  ASSERT_EQ(r.targets.size(), 2u);
  EXPECT_EQ(r.targets[0].id, "a");
  EXPECT_EQ(*r.targets[0].week, 12);
  EXPECT_EQ(*r.targets[0].numerator, 16);
  EXPECT_EQ(r.targets[0].line, 2);
  EXPECT_FALSE(r.targets[1].week.has_value());
  EXPECT_EQ(r.targets[1].spread, "greater than 8");
}

TEST(Targets, RefusesBadRowsNamingLineAndColumn) {
  auto err = [](const std::string& row) { return read_targets(kHeader + row, "t.csv").error; };
  EXPECT_EQ(err("a,S,,,r,il2,q,12,proportion,1.5,,,,s\n"), "t.csv:2: value: a proportion must lie in [0, 1], not 1.5");
  EXPECT_EQ(err("a,S,,,r,il2,q,12,proportion,0.6,16,29,,s\n"), "t.csv:2: value: 0.6 is not 16/29");
  EXPECT_EQ(err("a,S,,,r,il2,q,x,median,3,,,,s\n"), "t.csv:2: week: \"x\" is not a week (a number, 0 or more)");
  EXPECT_EQ(err("a,S,,,r,il2,q,1,average,3,,,,s\n"),
            "t.csv:2: statistic: \"average\" is not one of proportion, median, mean, fold, fold_minus_1, dose, range, rate");
  EXPECT_EQ(err("a,S,,,r,il2,q,1,median,,,,,s\n"), "t.csv:2: value: \"\" is not a finite number");
  EXPECT_EQ(err("a,S,,,r,il2,q,1,median,3,,2.5,,s\n"), "t.csv:2: denominator: \"2.5\" is not a count");
  EXPECT_EQ(err("a,S,,,r,il2,q,1,median,3,,,,s\nb,S,,,r,il2,q,1,median,3,,,,s\na,S,,,r,il2,q,1,median,3,,,,s\n"),
            "t.csv:4: id: \"a\" appears twice");
  EXPECT_EQ(err("a,S,,,r\n"), "t.csv:2: 5 fields, expected 14");
  EXPECT_EQ(read_targets("id,value\n", "t.csv").error.text().substr(0, 27), "t.csv:1: the header must be");
}

TEST(Studies, TheShippedFilesMapEveryTargetOnce) {
  const std::string dir = std::string(IL2T_SOURCE_DIR) + "/data/calibration";
  const auto s = load_setup(dir + "/targets.csv", dir + "/studies.toml");
  ASSERT_TRUE(s.setup) << s.error;
  EXPECT_EQ(s.setup->mappings.size(), s.setup->targets.size());
  EXPECT_GE(s.setup->targets.size(), 48u);
  EXPECT_EQ(s.setup->targets_sha256.size(), 64u);
}

TEST(Studies, RefusesAnUnmappedOrUnknownTarget) {
  const std::string dir = std::string(IL2T_SOURCE_DIR) + "/data/calibration";
  const std::string tmp = ::testing::TempDir() + "/studies.toml";
  auto load = [&](const std::string& text) {
    std::ofstream(tmp, std::ios::binary) << text;
    return load_setup(dir + "/targets.csv", tmp).error.text();
  };
  EXPECT_NE(load("format = 1\n").find("target \"he2020-sri4-w12-il2\""), std::string::npos);
  EXPECT_EQ(load("format = 1\n[[target]]\nid = \"nope\"\nnot_simulated = \"x\"\n"),
            tmp + ":2: target.id: \"nope\" is not in the targets file");
  EXPECT_EQ(load("format = 2\n"), tmp + ":1: format: write format = 1");
}

// The shipped studies file's text, its protocol paths made absolute so that an edited
// copy can live elsewhere.
std::string shipped_studies(const std::string& dir) {
  std::ifstream in(dir + "/studies.toml", std::ios::binary);
  std::string shipped((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (std::size_t at = 0; (at = shipped.find("\"../../", at)) != std::string::npos;) {
    shipped.replace(at + 1, 6, dir + "/../../");
    at += dir.size();
  }
  const std::string placebo = "placebo_arms = \"";
  if (const std::size_t at = shipped.find(placebo); at != std::string::npos) shipped.insert(at + placebo.size(), dir + "/");
  return shipped;
}

// The shipped studies file with the first line that starts `key = {` replaced: load()
// writes the edited copy and returns load_setup's error ("" when it loads).
struct EditedStudies {
  std::string dir = std::string(IL2T_SOURCE_DIR) + "/data/calibration";
  std::string shipped = shipped_studies(dir), tmp;
  std::size_t from = 0, to = 0;
  int line = 0;
  EditedStudies(const std::string& key, const std::string& file) : tmp(::testing::TempDir() + "/" + file) {
    from = shipped.find("\n" + key + " = {") + 1;
    to = shipped.find('\n', from);
    line = static_cast<int>(std::count(shipped.begin(), shipped.begin() + static_cast<long>(from), '\n')) + 1;
  }
  std::string load(const std::string& field) const {
    std::ofstream(tmp, std::ios::binary) << shipped.substr(0, from) + field + shipped.substr(to);
    return load_setup(dir + "/targets.csv", tmp).error.text();
  }
};

TEST(Studies, ReadsAStudysOwnPrednisoneAndRefusesBadOnes) {
  const std::string dir = std::string(IL2T_SOURCE_DIR) + "/data/calibration";
  const auto s = load_setup(dir + "/targets.csv", dir + "/studies.toml");
  ASSERT_TRUE(s.setup) << s.error;
  // The shipped ones: Koreth 2016's Table 1, none in type 1 diabetes;
  // the design the simulator reads carries the same.
  for (const auto& st : s.setup->studies) {
    if (!st->pk) {
      EXPECT_EQ(st->design.prednisone.has_value(), st->prednisone.has_value()) << st->id;
    }
    if (st->id == "koreth2016") {
      ASSERT_TRUE(st->design.prednisone);
      EXPECT_EQ(st->design.prednisone->median, 20);
      ASSERT_TRUE(st->prednisone);
      EXPECT_EQ(st->prednisone->median, 20);
      EXPECT_EQ(st->prednisone->zero, 0);
    } else if (st->id == "dilfrequency" || st->id == "dilt1d") {
      ASSERT_TRUE(st->prednisone);
      EXPECT_EQ(st->prednisone->zero, 1);
    } else if (st->id == "he2020") {
      EXPECT_FALSE(st->prednisone);
    } else if (st->id == "piscitelli-pk") {  // a PK study: its typical participant takes none
      ASSERT_TRUE(st->pk && st->pk->prednisone);
      EXPECT_EQ(*st->pk->prednisone, 0.0);
    }
  }

  const EditedStudies e("prednisone", "studies_prednisone.toml");
  ASSERT_NE(e.from, 0u);
  auto load = [&e](const std::string& field) { return e.load(field); };
  const std::string where = e.tmp + ":" + std::to_string(e.line) + ": study.prednisone";
  const std::string write = where +
      ": write { median = 15, sd_log = 0.5, zero = 0.03, source = \"the baseline table\" } (or assumed = \"why\")";
  EXPECT_EQ(load("prednisone = 30"), write);
  EXPECT_EQ(load("prednisone = { median = 30, sd_log = 0.5, zero = 0 }"), write);  // no reason
  EXPECT_EQ(load("prednisone = { median = 30, sd_log = 0.5, zero = 0, source = \"a\", assumed = \"b\" }"), write);
  EXPECT_EQ(load("prednisone = { median = 30, sd_log = 0.5, zero = 1.5, source = \"a\" }"),
            where + ".zero: 1.500000 is not a probability");
  EXPECT_EQ(load("prednisone = { median = 0, sd_log = 0, zero = 0.5, source = \"a\" }"),
            where + ".median: 0.000000 is not a daily prednisone dose in (0, 200] mg (0 only with zero = 1: nobody takes any)");
  EXPECT_EQ(load("prednisone = { median = 30, sd_log = -1, zero = 0, source = \"a\" }"),
            where + ".sd_log: -1.000000 is not an SD of log in [0, 3]");
  EXPECT_EQ(load("prednisone = { median = 30, sd_log = 0.5, zero = 0, assumed = \"a\" }"), "");
  // A misspelt key of a study is refused, not ignored.
  EXPECT_EQ(load("prednisolone = { median = 30, sd_log = 0.5, zero = 0, assumed = \"a\" }"),
            e.tmp + ":" + std::to_string(e.line) +
                ": study.prednisolone: not a field of a study (id, protocol, population, prednisone; a PK study has kind = \"pk\")");
  // A population written as a bare name is refused too, not ignored.
  const EditedStudies p("population", "studies_population.toml");
  ASSERT_NE(p.from, 0u);
  EXPECT_EQ(p.load("population = \"sle\""),
            p.tmp + ":" + std::to_string(p.line) +
                ": study.population: write { value = \"sle\", assumed = \"why this population stands in\" }");
}

TEST(Studies, ReadsGoalsForExpectedValuesAndRefusesBadOnes) {
  const std::string dir = std::string(IL2T_SOURCE_DIR) + "/data/calibration";
  const auto s = load_setup(dir + "/targets.csv", dir + "/studies.toml");
  ASSERT_TRUE(s.setup) << s.error;
  EXPECT_EQ(s.setup->studies_sha256.size(), 64u);
  // The shipped goals: He 2020's four SRI-4 rates within 5 percentage points.
  for (std::size_t i = 0; i < s.setup->targets.size(); ++i)
    EXPECT_EQ(s.setup->mappings[i].goal_within, s.setup->targets[i].id.rfind("he2020-sri4-", 0) == 0 ? 0.05 : 0.0)
        << s.setup->targets[i].id;

  const EditedStudies e("goal_within", "studies_goal.toml");
  ASSERT_NE(e.from, 0u);
  const std::string& tmp = e.tmp;
  auto load = [&e](const std::string& field) { return e.load(field); };
  const std::string where = tmp + ":" + std::to_string(e.line) + ": target.goal_within: ";
  EXPECT_EQ(load("goal_within = 0.05"), where + "write { value = 0.05, reason = \"whose goal, and why\" }");
  EXPECT_EQ(load("goal_within = { value = 0.05, assumed = \"x\" }"),
            where + "write { value = 0.05, reason = \"whose goal, and why\" }");
  EXPECT_EQ(load("goal_within = { value = 0.0, reason = \"x\" }"),
            where + "0.000000 is not a distance in (0, 1.000000] on he2020-sri4-w12-il2's scale");
  EXPECT_EQ(load("goal_within = { value = 0.1, reason = \"x\" }"), "");
  // A misspelt key is refused, not ignored.
  EXPECT_EQ(load("goal_witin = { value = 0.1, reason = \"x\" }"),
            tmp + ":" + std::to_string(e.line) +
                ": target.goal_witin: not a key of a target (id, study, arm, visit, measure, not_simulated, "
                "goal_within, trial)");
  // A target that is not simulated has no expected value.
  std::ofstream(tmp, std::ios::binary) << "format = 1\n[[target]]\nid = \"he2020-sri4-w12-il2\"\nnot_simulated = \"x\"\n"
                                          "goal_within = { value = 0.1, reason = \"x\" }\n";
  EXPECT_EQ(load_setup(dir + "/targets.csv", tmp).error,
            tmp + ":2: target.goal_within: \"he2020-sri4-w12-il2\" is not simulated, so it has no expected value to hold to a goal");
}

TEST(Measure, ParsesNamesAndTestCodes) {
  EXPECT_EQ(parse_measure("sri4")->kind, MeasureKind::sri);
  EXPECT_EQ(parse_measure("sri4")->level, 4);
  EXPECT_EQ(parse_measure("sri:5")->kind, MeasureKind::sri);
  EXPECT_EQ(parse_measure("sri:5")->level, 5);
  EXPECT_FALSE(parse_measure("sri:3"));
  EXPECT_FALSE(parse_measure("sri:9"));
  EXPECT_EQ(parse_measure("essdai_drop:3")->kind, MeasureKind::essdai_drop);
  EXPECT_EQ(parse_measure("essdai_drop:3")->level, 3);
  EXPECT_FALSE(parse_measure("essdai_drop:x"));
  EXPECT_FALSE(parse_measure("essdai_drop"));
  EXPECT_EQ(parse_measure("median:SLEDAI2K")->test, trial::Test::sledai_2k);
  EXPECT_EQ(parse_measure("fold_peak:TREG")->test, trial::Test::treg);
  EXPECT_EQ(parse_measure("reaction:fever")->term, "fever");
  EXPECT_FALSE(parse_measure("median:NOPE"));
  EXPECT_FALSE(parse_measure("sri4:x"));
  EXPECT_FALSE(parse_measure("reaction"));
}

TEST(Measure, ParsesPkMeasures) {
  EXPECT_EQ(parse_measure("pk_tmax")->kind, MeasureKind::pk_tmax);
  EXPECT_EQ(parse_measure("pk_thalf")->kind, MeasureKind::pk_thalf);
  EXPECT_FALSE(parse_measure("pk_tmax:x"));
}

TEST(PkStudy, ReadsTmaxAndTerminalHalfLifeOffABatemanCurve) {
  // c(t) = e^{-ka t} - e^{-ke t}, ka = 0.2 /h, ke = 2 /h: the peak at
  // ln(ke/ka)/(ke-ka) = 1.279 h lies between the samples at 1 h (0.683) and 2 h (0.652);
  // from 8 h the fast exponential is below 1e-6 of the slow one, so λz is ka.
  const std::vector<double> hours = {0.5, 1, 2, 3, 4, 6, 8, 10, 12, 16};
  std::vector<double> c;
  for (double t : hours) c.push_back(std::exp(-0.2 * t) - std::exp(-2 * t));
  const PkReading r = read_profile(hours, c, 4);
  EXPECT_EQ(r.tmax_h, 1);
  EXPECT_NEAR(r.thalf_h, std::log(2.0) / 0.2, 1e-6);
  // Fewer than 3 positive samples after the peak: no t½.
  EXPECT_TRUE(std::isnan(read_profile({1, 2, 3}, {0, 2, 1}, 4).thalf_h));
  EXPECT_TRUE(std::isnan(read_profile({1, 2, 3, 4}, {1, 2, 0, 0}, 4).thalf_h));
}

TEST(PkStudy, LinearLimitGivesTheAbsorptionHalfLifeAndIsReproducible) {
  // Without receptor consumption or variability the model is a one-compartment
  // Bateman function: with elimination much faster than absorption (flip-flop) the
  // terminal half-life is ln 2 / ka.
  const model::Model m = test::shipped_model({{"il2_pk.internalisation_rate", 0}, {"iiv.il2_pk.clearance", 0},
                                             {"iiv.il2_pk.volume", 0}, {"iiv.il2_pk.bioavailability", 0}});
  PkStudy s;
  s.dose_miu = 15;
  s.hours = {0.5, 1, 2, 3, 4, 6, 8, 12, 16, 20, 24, 30, 36, 42};  // λz from 24-42 h
  s.participants = 3;
  const PkReplicate a = simulate_pk(m, s, 1, 0);
  ASSERT_TRUE(a.ok) << a.error;
  const double ka = m.bound.p.il2_ka / 24;  // per hour
  EXPECT_NEAR(a.mean_thalf_h, std::log(2.0) / ka, 0.002 * std::log(2.0) / ka);
  const PkReplicate b = simulate_pk(m, s, 1, 0);
  EXPECT_EQ(a.mean_tmax_h, b.mean_tmax_h);
  EXPECT_EQ(a.mean_thalf_h, b.mean_thalf_h);
}

TEST(PkStudy, TakesTheStudysPrednisoneInPlaceOfTheTypicalParticipants) {
  // Through glucocorticoid's amplification of the Treg drive, expanding Treg consume
  // IL-2: the prednisone a PK study's participants take moves its terminal half-life.
  const model::Model m = test::shipped_model();
  ASSERT_GT(m.bound.p.treg_steroid_gain, 0);
  PkStudy s;
  s.dose_miu = 15;
  s.hours = {0.5, 1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 24};
  s.participants = 3;
  const PkReplicate typical = simulate_pk(m, s, 1, 0);
  s.prednisone = m.typical_covariates(model::Disease::sle).prednisone;
  const PkReplicate same = simulate_pk(m, s, 1, 0);
  s.prednisone = 0.0;
  const PkReplicate none = simulate_pk(m, s, 1, 0);
  ASSERT_TRUE(typical.ok && same.ok && none.ok);
  EXPECT_EQ(same.mean_thalf_h, typical.mean_thalf_h);
  EXPECT_GT(std::abs(none.mean_thalf_h - typical.mean_thalf_h), 0.01);
}

TEST(Studies, RefusesABadPkStudyNamingLineAndField) {
  const std::string dir = std::string(IL2T_SOURCE_DIR) + "/data/calibration";
  const std::string tmp = ::testing::TempDir() + "/studies_pk.toml";
  auto load = [&](const std::string& study) {
    std::ofstream(tmp, std::ios::binary) << "format = 1\n[[study]]\nid = \"pk\"\nkind = \"pk\"\n" << study;
    return load_setup(dir + "/targets.csv", tmp).error.text();
  };
  const std::string pop = "population = { value = \"sle\", assumed = \"x\" }\n";
  EXPECT_EQ(load("dose_miu = -1\nhours = [1, 2, 3, 4, 5]\nparticipants = 18\n" + pop),
            tmp + ":2: study.dose_miu: write a number above 0 and at most 100");
  EXPECT_EQ(load("dose_miu = 1\nhours = [1, 3, 2, 4, 5]\nparticipants = 18\n" + pop),
            tmp + ":6: study.hours: each an hour above 0 (at most 672), increasing");
  EXPECT_EQ(load("dose_miu = 1\nhours = [1, 2, 3]\nparticipants = 18\n" + pop),
            tmp + ":2: study.hours: at least terminal_points + 1 samples (5)");
  EXPECT_EQ(load("dose_miu = 1\nhours = [1, 2, 3, 4, 5]\nparticipants = 18\nprotocol = \"x.toml\"\n" + pop),
            tmp + ":8: study.protocol: not a field of a PK study (id, kind, population, prednisone, dose_miu, hours, "
                  "participants, terminal_points)");
  EXPECT_NE(load("dose_miu = 1\nhours = [1, 2, 3, 4, 5]\nparticipants = 18\n").find("study.population"), std::string::npos);
  EXPECT_EQ(load("kind2 = 1\n").substr(0, tmp.size() + 2), tmp + ":5");
}

// Three subjects of He 2020 (arms il2, placebo, il2) with hand-set values.
struct Records {
  protocol::Protocol protocol = test::shipped_protocol("NCT02465580-he2020.toml");
  trial::TrialDesign design;
  trial::TrialRecords r;
  std::uint16_t w0 = 0, w2 = 0, w12 = 0;
  Records() {
    design = *trial::make_design(protocol).design;
    auto visit = [&](const char* id) {
      for (std::size_t v = 0; v < design.visit_ids.size(); ++v)
        if (design.visit_ids[v] == id) return static_cast<std::uint16_t>(v);
      throw std::runtime_error(id);
    };
    w0 = visit("w0"), w2 = visit("w2"), w12 = visit("w12");
    const double treg0[] = {20, 30, 10}, treg2[] = {100, 30, 30}, treg12[] = {40, 60, 50};
    const double sledai12[] = {4, 8, 6};
    for (std::uint32_t s = 0; s < 3; ++s) {
      trial::Subject sub;
      sub.arm = s == 1 ? 1 : 0;
      sub.last_day = s == 2 ? 100 : 169;
      r.subjects.push_back(sub);
      r.finding_begin.push_back(static_cast<std::uint32_t>(r.findings.size()));
      r.event_begin.push_back(static_cast<std::uint32_t>(r.events.size()));
      r.findings.push_back({s, w0, 1, trial::Test::treg, treg0[s]});
      r.findings.push_back({s, w2, 15, trial::Test::treg, treg2[s]});
      r.findings.push_back({s, w12, 85, trial::Test::sledai_2k, sledai12[s]});
      for (std::size_t k = 0; k < instruments::kBilagDomainCount; ++k)  // s0: one A; s2: two B; s1: one B
        r.findings.push_back({s, w12, 85, static_cast<trial::Test>(static_cast<std::size_t>(trial::Test::bilag_first) + k),
                              k == 0 ? (s == 0 ? 0.0 : 1.0) : (k == 1 && s == 2 ? 1.0 : 4.0)});
      r.findings.push_back({s, w12, 85, trial::Test::treg, treg12[s]});
      if (s == 0) r.events.push_back({s, 30, trial::AdverseEvent::Category::infection, "pneumonia", 3, true});
      if (s == 2) r.events.push_back({s, 90, trial::AdverseEvent::Category::infection, "cold", 1, false});
      if (s == 2) r.events.push_back({s, 3, trial::AdverseEvent::Category::reaction, "fever", 1, false});
    }
    r.finding_begin.push_back(static_cast<std::uint32_t>(r.findings.size()));
    r.event_begin.push_back(static_cast<std::uint32_t>(r.events.size()));
  }
  double at(const char* text, std::size_t arm, std::uint16_t visit) const {
    return measure(design, *parse_measure(text), arm, visit, r);
  }
};

TEST(Measure, ValuesOnHandMadeRecords) {
  const Records x;
  EXPECT_DOUBLE_EQ(x.at("median:SLEDAI2K", 0, x.w12), 5);    // 4 and 6
  EXPECT_DOUBLE_EQ(x.at("mean:TREG", 0, x.w12), 45);          // 40 and 50
  EXPECT_DOUBLE_EQ(x.at("fold:TREG", 0, x.w12), 3.5);         // 2 and 5
  EXPECT_DOUBLE_EQ(x.at("increase:TREG", 0, x.w12), 2.5);
  EXPECT_DOUBLE_EQ(x.at("fold_peak:TREG", 0, x.w12), 5);      // max(5, 2) and max(3, 5)
  EXPECT_DOUBLE_EQ(x.at("fold_peak:TREG", 0, x.w2), 4);       // 5 and 3 up to week 2
  EXPECT_DOUBLE_EQ(x.at("bilag_a_or_2b", 0, x.w12), 1);       // one A; two B
  EXPECT_DOUBLE_EQ(x.at("bilag_a_or_2b", 1, x.w12), 0);       // one B
  EXPECT_DOUBLE_EQ(x.at("any_infection", 0, x.w12), 0.5);     // day 30 by day 85; day 90 not
  EXPECT_DOUBLE_EQ(x.at("serious_infection", 0, x.w12), 0.5);
  EXPECT_DOUBLE_EQ(x.at("reaction:fever", 0, x.w2), 0.5);
  EXPECT_DOUBLE_EQ(x.at("reaction:injection_site_reaction", 0, x.w2), 0);
  // One serious infection in 85 + 85 days of follow-up to week 12, per 100 years.
  EXPECT_NEAR(x.at("serious_infection_rate", 0, x.w12), 100.0 / (170 / 365.25), 1e-9);
  EXPECT_TRUE(std::isnan(x.at("median:PGA", 0, x.w12)));     // never measured
}

TEST(Check, QuantileIsRType7) {
  // tests/reference/calibration_quantile.R: R gives 1.1, 3 and 9.4
  const std::vector<double> v{10, 2, NAN, 4, 1, 3};
  EXPECT_NEAR(quantile(v, 0.025), 1.1, 1e-12);
  EXPECT_NEAR(quantile(v, 0.5), 3, 1e-12);
  EXPECT_NEAR(quantile(v, 0.975), 9.4, 1e-12);
}

TEST(Check, SameResultOnOneAndTwoThreads) {
  const std::string dir = std::string(IL2T_SOURCE_DIR) + "/data/calibration";
  const auto s = load_setup(dir + "/targets.csv", dir + "/studies.toml");
  ASSERT_TRUE(s.setup) << s.error;
  const model::Model m = test::shipped_model();
  CheckSettings c;
  c.replicates = 10;
  std::atomic<std::int64_t> done{0};
  c.threads = 1;
  const CheckOutcome one = check_model(*s.setup, m, c, done);
  EXPECT_EQ(done.load(), check_work(*s.setup, c));
  c.threads = 2;
  const CheckOutcome two = check_model(*s.setup, m, c, done);
  ASSERT_EQ(one.error, "");
  ASSERT_EQ(one.rows.size(), two.rows.size());
  for (std::size_t i = 0; i < one.rows.size(); ++i) {
    ASSERT_EQ(one.rows[i].values.size(), two.rows[i].values.size()) << one.rows[i].id;
    for (std::size_t k = 0; k < one.rows[i].values.size(); ++k) {
      const double a = one.rows[i].values[k], b = two.rows[i].values[k];
      EXPECT_TRUE(a == b || (std::isnan(a) && std::isnan(b))) << one.rows[i].id << " replicate " << k;
    }
  }
  EXPECT_GT(one.simulated(), 40);
}

}  // namespace
}  // namespace il2t::calibration
