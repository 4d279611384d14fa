// CTCAE grades, prednisone equivalents and body-surface area (src/instruments/
// ctcae.h, steroids.h, bsa.h). Sources: CTCAE v5.0 generic grades (NCI 2017, as
// tabulated in BioData Mining 2015 table 2 and studylib's copy of the v5.0 PDF); fever
// grades (v5.0 and v6.0 transcriptions agree); prednisolone label equivalence "15 mg
// prednisolone = 75 cortisone = 60 hydrocortisone = 15 prednisone = 12
// methylprednisolone = 12 triamcinolone = 2.25 dexamethasone"; Mosteller BSA example
// "100 cm and 16 kg gives 0.67 m²" (doctaverse paediatric BSA calculator page).
#include <gtest/gtest.h>

#include "instruments/bsa.h"
#include "instruments/ctcae.h"
#include "instruments/steroids.h"

namespace il2t::instruments {
namespace {

TEST(InstrumentCtcae, GradesOneToFive) {
  for (int g = 1; g <= 5; ++g) {
    auto grade = ctcae_grade(g);
    ASSERT_TRUE(grade.ok());
    EXPECT_EQ(to_int(*grade), g);
    EXPECT_FALSE(ctcae_generic_meaning(*grade).empty());
  }
  auto six = ctcae_grade(6);
  ASSERT_FALSE(six.ok());
  EXPECT_EQ(six.error().field, "grade");
  EXPECT_EQ(six.error().message, "CTCAE: grade 6 is outside 1–5");
  EXPECT_FALSE(ctcae_grade(0).ok());
}

TEST(InstrumentCtcae, FeverByTemperature) {
  auto g = [](double t, double h = 0) { return ctcae_fever_grade(t, h).value(); };
  EXPECT_FALSE(g(37.9).has_value());
  EXPECT_EQ(g(38.0), CtcaeGrade::grade1);
  EXPECT_EQ(g(39.0), CtcaeGrade::grade1);
  EXPECT_EQ(g(39.1), CtcaeGrade::grade2);
  EXPECT_EQ(g(40.0), CtcaeGrade::grade2);
  EXPECT_EQ(g(40.1, 24), CtcaeGrade::grade3);
  EXPECT_EQ(g(40.1, 25), CtcaeGrade::grade4);
  auto cold = ctcae_fever_grade(25);
  ASSERT_FALSE(cold.ok());
  EXPECT_EQ(cold.error().field, "temperature_c");
  EXPECT_EQ(cold.error().message, "CTCAE fever temperature_c: 25 is outside 30–45 °C");
}

TEST(InstrumentCtcae, TermsDefineTheirOwnGrades) {
  EXPECT_EQ(to_int(*ctcae_term_grade("injection_site_reaction", 2)), 2);
  auto flu = ctcae_term_grade("flu_like_symptoms", 4);
  ASSERT_FALSE(flu.ok());
  EXPECT_EQ(flu.error().field, "flu_like_symptoms");
  EXPECT_EQ(flu.error().message,
            "CTCAE flu_like_symptoms: grade 4 is not defined for this term (grades 1–3)");
  auto unknown = ctcae_term_grade("cytokine_storm", 2);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message, "CTCAE: unknown term \"cytokine_storm\"");
  // Only fever is verified against a v5.0 transcription; the others carry the flag.
  EXPECT_TRUE((*find_ctcae_term("fever"))->verified);
  EXPECT_FALSE((*find_ctcae_term("flu_like_symptoms"))->verified);
  EXPECT_FALSE((*find_ctcae_term("injection_site_reaction"))->verified);
}

TEST(InstrumentSteroids, LabelEquivalences) {
  // Each of these label doses is 15 mg prednisone.
  EXPECT_DOUBLE_EQ(*prednisone_equivalent_mg(Glucocorticoid::prednisolone, 15), 15.0);
  EXPECT_DOUBLE_EQ(*prednisone_equivalent_mg(Glucocorticoid::cortisone, 75), 15.0);
  EXPECT_DOUBLE_EQ(*prednisone_equivalent_mg(Glucocorticoid::hydrocortisone, 60), 15.0);
  EXPECT_DOUBLE_EQ(*prednisone_equivalent_mg(Glucocorticoid::methylprednisolone, 12), 15.0);
  EXPECT_DOUBLE_EQ(*prednisone_equivalent_mg(Glucocorticoid::triamcinolone, 12), 15.0);
  EXPECT_NEAR(*prednisone_equivalent_mg(Glucocorticoid::dexamethasone, 2.25), 15.0, 1e-12);
  // Deflazacort 6 mg = 5 mg prednisone (ratio 1.2:1, contested and flagged).
  EXPECT_DOUBLE_EQ(*prednisone_equivalent_mg("deflazacort", 6), 5.0);
  EXPECT_DOUBLE_EQ(*prednisone_equivalent_mg("Methylprednisolone", 500), 625.0);
}

TEST(InstrumentSteroids, UnknownDrugAndImpossibleDose) {
  auto drug = prednisone_equivalent_mg("budesonide", 9);
  ASSERT_FALSE(drug.ok());
  EXPECT_EQ(drug.error().field, "budesonide");
  EXPECT_EQ(drug.error().message, "prednisone equivalent: unknown glucocorticoid \"budesonide\"");
  auto dose = prednisone_equivalent_mg(Glucocorticoid::dexamethasone, -1);
  ASSERT_FALSE(dose.ok());
  EXPECT_EQ(dose.error().message, "prednisone equivalent dexamethasone: -1 is outside 0–10000 mg");
}

TEST(InstrumentBsa, MostellerThroughTheUnitsModule) {
  auto child = body_surface_area(16, 100);
  ASSERT_TRUE(child.ok());
  EXPECT_NEAR(*child, 0.67, 0.005);
  EXPECT_DOUBLE_EQ(*body_surface_area(80, 180), 2.0);
  auto zero = body_surface_area(0, 100);
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.error().field, "weight_kg");
  EXPECT_EQ(zero.error().message, "BSA weight_kg: 0 is outside 0.3–400 kg");
  auto tall = body_surface_area(70, 300);
  ASSERT_FALSE(tall.ok());
  EXPECT_EQ(tall.error().message, "BSA height_cm: 300 is outside 25–260 cm");
}

}  // namespace
}  // namespace il2t::instruments
