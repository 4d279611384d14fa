// Every protocol's computable criteria at their boundaries: the patient on each side
// of each limit gets the outcome the registry's words mean.
#include <gtest/gtest.h>

#include "../unit/test_support.h"
#include "data/patient_reader.h"
#include "records.h"
#include "eligibility/screen.h"
#include "schedule/date.h"

namespace il2t::eligibility {
namespace {

const std::int32_t kAsOf =
    static_cast<std::int32_t>(schedule::Date::parse("2026-11-22")->days().time_since_epoch().count());

CompiledProtocol load(const char* file) {
  const test::Checked c = test::check_text(test::read_text(test::source_path(std::string("protocols/") + file)), file);
  EXPECT_TRUE(c.ok) << file;
  Diagnostics d(file);
  auto p = compile_protocol(*c.protocol, d);
  EXPECT_TRUE(p.has_value()) << file;
  return p.value_or(CompiledProtocol{});
}

PatientRecord record(std::initializer_list<std::pair<const char*, const char*>> cells) {
  return test::make_record(cells, kAsOf);
}

// The expression of criterion `id` on `r` (for an exclusion, `yes` means it applies).
Tri criterion(const CompiledProtocol& p, const char* id, const PatientRecord& r) {
  for (const auto& c : p.criteria) {
    if (c.id == id) {
      EXPECT_TRUE(c.expr.has_value()) << id << " is manual";
      return c.expr ? evaluate(*c.expr, r, kAsOf) : Tri::unknown;
    }
  }
  ADD_FAILURE() << "no criterion " << id << " in " << p.id;
  return Tri::unknown;
}

TEST(Boundaries, NCT04077684AgeWeightSledaiLiver) {
  const auto p = load("NCT04077684-dose-ranging.toml");
  auto adult = [](const char* age, const char* weight) { return record({{"age", age}, {"weight", weight}}); };
  EXPECT_EQ(criterion(p, "I3", adult("17", "60 kg")), Tri::no);
  EXPECT_EQ(criterion(p, "I3", adult("18", "60 kg")), Tri::yes);
  EXPECT_EQ(criterion(p, "I3", adult("75", "60 kg")), Tri::yes);
  EXPECT_EQ(criterion(p, "I3", adult("76", "60 kg")), Tri::no);
  EXPECT_EQ(criterion(p, "I3", adult("30", "44.9 kg")), Tri::no);
  EXPECT_EQ(criterion(p, "I3", adult("30", "45 kg")), Tri::yes);
  EXPECT_EQ(criterion(p, "I3", adult("30", "80 kg")), Tri::yes);
  EXPECT_EQ(criterion(p, "I3", adult("30", "80.1 kg")), Tri::no);
  EXPECT_EQ(criterion(p, "I2", record({{"sledai_2k", "7"}})), Tri::no);
  EXPECT_EQ(criterion(p, "I2", record({{"sledai_2k", "8"}})), Tri::yes);
  // "ALT or AST = 2 times the upper limit" read as ≥ 2 (interpreted in the file): 2 × ULN excludes.
  auto liver = [](const char* alt) { return record({{"alt", alt}, {"alt_uln", "40 U/L"}, {"ast_x_uln", "1"}}); };
  EXPECT_EQ(criterion(p, "E3", liver("79.9 U/L")), Tri::no);
  EXPECT_EQ(criterion(p, "E3", liver("80 U/L")), Tri::yes);
  EXPECT_EQ(criterion(p, "E3", liver("80.1 U/L")), Tri::yes);
  // Rituximab within 6 months excludes: 5 months before screening does, 7 does not.
  EXPECT_EQ(criterion(p, "E12", record({{"rituximab", "2026-06-22"}, {"biologic", "never"}})), Tri::yes);
  EXPECT_EQ(criterion(p, "E12", record({{"rituximab", "2026-04-22"}, {"biologic", "never"}})), Tri::no);
  EXPECT_EQ(criterion(p, "I5", record({{"prednisone_dose", "60 mg/day"}, {"weight", "60 kg"}})), Tri::yes);
  EXPECT_EQ(criterion(p, "I5", record({{"prednisone_dose", "61 mg/day"}, {"weight", "60 kg"}})), Tri::no);
}

TEST(Boundaries, NCT04397107ChildrenLiverKidney) {
  const auto p = load("NCT04397107-paediatric.toml");
  EXPECT_EQ(criterion(p, "I1", record({{"age", "17"}})), Tri::yes);
  EXPECT_EQ(criterion(p, "I1", record({{"age", "18"}})), Tri::no);
  // "transaminase > 2 times" the upper limit: exactly 2 × ULN does not exclude.
  EXPECT_EQ(criterion(p, "E2", record({{"alt_x_uln", "2"}, {"ast_x_uln", "1"}})), Tri::no);
  EXPECT_EQ(criterion(p, "E2", record({{"alt_x_uln", "2.01"}, {"ast_x_uln", "1"}})), Tri::yes);
  // "creatinine clearance =30ml/min" read as ≤ 30: 30 excludes, 30.1 does not.
  EXPECT_EQ(criterion(p, "E3", record({{"creatinine_clearance", "30 mL/min"}})), Tri::yes);
  EXPECT_EQ(criterion(p, "E3", record({{"creatinine_clearance", "30.1 mL/min"}})), Tri::no);
  EXPECT_EQ(criterion(p, "E1", record({{"nyha_class", "2"}})), Tri::no);
  EXPECT_EQ(criterion(p, "E1", record({{"nyha_class", "3"}})), Tri::yes);
}

TEST(Boundaries, NCT06971913CmvAgeWeightSteroid) {
  const auto p = load("NCT06971913-cmv.toml");
  EXPECT_EQ(criterion(p, "I2", record({{"cmv_dna", "positive"}})), Tri::yes);
  EXPECT_EQ(criterion(p, "I2", record({{"cmv_dna", "negative"}})), Tri::no);
  EXPECT_EQ(criterion(p, "I2", record({})), Tri::unknown);
  EXPECT_EQ(criterion(p, "I3", record({{"age", "65"}, {"weight", "45 kg"}})), Tri::yes);
  EXPECT_EQ(criterion(p, "I3", record({{"age", "66"}, {"weight", "45 kg"}})), Tri::no);
  EXPECT_EQ(criterion(p, "I3", record({{"age", "40"}, {"weight", "44.9 kg"}})), Tri::no);
  // "corticosteroid less than 1.0 mg/kg/d": exactly 1.0 fails.
  EXPECT_EQ(criterion(p, "I4", record({{"prednisone_mg_per_kg_day", "1.0 mg/kg/day"}})), Tri::no);
  EXPECT_EQ(criterion(p, "I4", record({{"prednisone_mg_per_kg_day", "0.99 mg/kg/day"}})), Tri::yes);
  // "transaminases > 3N".
  EXPECT_EQ(criterion(p, "E6", record({{"nyha_class", "1"}, {"alt_x_uln", "3"}, {"ast_x_uln", "3"}})), Tri::no);
  EXPECT_EQ(criterion(p, "E6", record({{"nyha_class", "1"}, {"alt_x_uln", "3.1"}, {"ast_x_uln", "1"}})), Tri::yes);
}

TEST(Boundaries, NCT05605665AgeEssdai) {
  const auto p = load("NCT05605665-sjogren-rapamycin.toml");
  EXPECT_EQ(criterion(p, "I1", record({{"age", "17"}})), Tri::no);
  EXPECT_EQ(criterion(p, "I1", record({{"age", "18"}})), Tri::yes);
  EXPECT_EQ(criterion(p, "I1", record({{"age", "70"}})), Tri::yes);
  EXPECT_EQ(criterion(p, "I1", record({{"age", "71"}})), Tri::no);
  EXPECT_EQ(criterion(p, "I4", record({{"essdai", "3"}})), Tri::no);
  EXPECT_EQ(criterion(p, "I4", record({{"essdai", "4"}})), Tri::yes);
  EXPECT_EQ(criterion(p, "E6", record({{"rituximab", "2026-08-22"}, {"biologic", "never"}})), Tri::yes);
  EXPECT_EQ(criterion(p, "E6", record({{"rituximab", "2026-08-21"}, {"biologic", "never"}})), Tri::no);
}

TEST(Boundaries, NCT04136106AndHe2020) {
  const auto obs = load("NCT04136106-infection-observational.toml");
  EXPECT_EQ(criterion(obs, "I5", record({{"age", "80"}})), Tri::yes);
  EXPECT_EQ(criterion(obs, "I5", record({{"age", "81"}})), Tri::no);
  const auto he = load("NCT02465580-he2020.toml");
  EXPECT_EQ(criterion(he, "I6", record({{"sledai_2k", "7"}})), Tri::no);
  EXPECT_EQ(criterion(he, "I6", record({{"sledai_2k", "8"}})), Tri::yes);
  EXPECT_EQ(criterion(he, "I5", record({{"ana_titre", "160"}, {"anti_dsdna", "negative"}, {"igg", "15 g/L"},
                                        {"low_c3", "no"}, {"low_c4", "no"}, {"wbc", "5 10^9/L"}, {"platelets", "200 10^9/L"}})),
            Tri::no);
  EXPECT_EQ(criterion(he, "I5", record({{"ana_titre", "320"}})), Tri::yes);
  // A cancer cured 4 years ago excludes, unless it was a basal-cell carcinoma.
  EXPECT_EQ(criterion(he, "E3", record({{"malignancy", "2022-11-22"}, {"malignancy_type", "other"}})), Tri::yes);
  EXPECT_EQ(criterion(he, "E3", record({{"malignancy", "2022-11-22"}, {"malignancy_type", "basal_cell"}})), Tri::no);
  EXPECT_EQ(criterion(he, "E3", record({{"malignancy", "never"}})), Tri::no);
}

TEST(Screen, VerdictsAndManualChecks) {
  const auto p = load("NCT05605665-sjogren-rapamycin.toml");
  const auto eligible = record({{"age", "45"}, {"sex", "female"}, {"pss_aecg2002", "yes"}, {"essdai", "6"},
                                {"childbearing_potential", "no"}, {"nyha_class", "1"}, {"alt_x_uln", "1"},
                                {"ast_x_uln", "1"}, {"serious_infection", "no"}, {"malignancy", "never"},
                                {"chronic_respiratory_failure", "no"}, {"steroid_pulse_refractory", "no"},
                                {"rituximab", "never"}, {"biologic", "never"}, {"tb", "negative"},
                                {"latent_tb", "negative"}});
  ScreenResult r = screen(p, eligible, kAsOf);
  EXPECT_EQ(r.verdict, Verdict::eligible);
  EXPECT_TRUE(r.failed.empty());
  EXPECT_EQ(r.manual.size(), 3u);  // I3, I6 and E8 are for the investigator, never passed silently
  EXPECT_EQ(screen_verdict(p, eligible, kAsOf), Verdict::eligible);

  PatientRecord missing = eligible;
  missing.at("tb") = Cell{};
  r = screen(p, missing, kAsOf);
  EXPECT_EQ(r.verdict, Verdict::undetermined);
  ASSERT_EQ(r.unknown.size(), 1u);
  EXPECT_EQ(r.unknown[0].id, "E7");
  EXPECT_EQ(r.unknown[0].missing, (std::vector<std::string>{"tb"}));

  PatientRecord young = eligible;
  young.at("age").number = 17;
  r = screen(p, young, kAsOf);
  EXPECT_EQ(r.verdict, Verdict::not_eligible);
  // Both the registry's eligible ages and inclusion criterion I1 fail.
  ASSERT_EQ(r.failed.size(), 2u);
  EXPECT_EQ(r.failed[0].id, "population.age");
  EXPECT_EQ(r.failed[0].reasons, (std::vector<std::string>{"age >= 18 years: age is 17 years"}));
  EXPECT_EQ(r.failed[1].id, "I1");
  EXPECT_EQ(r.failed[1].reasons, (std::vector<std::string>{"age >= 18: age is 17 years"}));
  EXPECT_EQ(screen_verdict(p, young, kAsOf), Verdict::not_eligible);
}

}  // namespace
}  // namespace il2t::eligibility
