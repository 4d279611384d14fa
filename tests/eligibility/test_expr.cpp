// Eligibility expressions: compilation against the field dictionary, three-valued
// evaluation (Kleene), units in literals, calendar windows, and explanations.
#include <gtest/gtest.h>

#include "data/patient_reader.h"
#include "records.h"
#include "eligibility/expr.h"
#include "instruments/sledai.h"
#include "schedule/date.h"

namespace il2t::eligibility {
namespace {

std::int32_t day(const char* iso) {
  return static_cast<std::int32_t>(schedule::Date::parse(iso)->days().time_since_epoch().count());
}
const std::int32_t kAsOf = day("2026-11-22");

PatientRecord record(std::initializer_list<std::pair<const char*, const char*>> cells) {
  return test::make_record(cells, kAsOf);
}

Tri eval(const char* expr, const PatientRecord& r) {
  auto c = compile(expr);
  EXPECT_FALSE(c.error) << expr << ": " << (c.error ? c.error->message : "");
  return c.expr ? evaluate(*c.expr, r, kAsOf) : Tri::unknown;
}

TEST(Expr, ComparisonsAndUnits) {
  const auto r = record({{"age", "18"}, {"weight", "45 kg"}, {"creatinine_clearance", "30 mL/min"}});
  EXPECT_EQ(eval("age >= 18", r), Tri::yes);
  EXPECT_EQ(eval("age > 18", r), Tri::no);
  EXPECT_EQ(eval("age >= 18 years", r), Tri::yes);
  EXPECT_EQ(eval("weight >= 45000 g", r), Tri::yes);
  EXPECT_EQ(eval("creatinine_clearance <= 30 mL/min", r), Tri::yes);
  EXPECT_EQ(eval("creatinine_clearance <= 30", r), Tri::yes);
}

TEST(Expr, KleeneLogicWithMissingData) {
  const auto r = record({{"age", "30"}});
  EXPECT_EQ(eval("sledai_2k >= 8", r), Tri::unknown);
  EXPECT_EQ(eval("age < 18 and sledai_2k >= 8", r), Tri::no);       // false and unknown
  EXPECT_EQ(eval("age >= 18 and sledai_2k >= 8", r), Tri::unknown);  // true and unknown
  EXPECT_EQ(eval("age >= 18 or sledai_2k >= 8", r), Tri::yes);       // true or unknown
  EXPECT_EQ(eval("age < 18 or sledai_2k >= 8", r), Tri::unknown);    // false or unknown
  EXPECT_EQ(eval("not sledai_2k >= 8", r), Tri::unknown);
  EXPECT_EQ(eval("not (age < 18)", r), Tri::yes);
  EXPECT_EQ(eval("any(age < 18, sledai_2k >= 8, age > 20)", r), Tri::yes);
  EXPECT_EQ(eval("all(age > 20, sledai_2k >= 8)", r), Tri::unknown);
}

TEST(Expr, SymbolsFlagsResultsAndLists) {
  const auto r = record({{"sex", "female"}, {"pregnant", "no"}, {"hiv", "negative"}, {"allergies", "il2;corticosteroid"},
                         {"malignancy_type", "basal_cell"}});
  EXPECT_EQ(eval("sex == female", r), Tri::yes);
  EXPECT_EQ(eval("sex == male or pregnant", r), Tri::no);
  EXPECT_EQ(eval("hiv == negative", r), Tri::yes);
  EXPECT_EQ(eval("il2 in allergies", r), Tri::yes);
  EXPECT_EQ(eval("hydroxychloroquine in allergies", r), Tri::no);
  EXPECT_EQ(eval("malignancy_type in [cervical_in_situ, basal_cell]", r), Tri::yes);
}

TEST(Expr, InOnListsAndOnChoices) {
  const auto r = record({{"allergies", "corticosteroid"}, {"sledai_descriptors", "rash;fever"}});
  EXPECT_EQ(eval("allergies in [corticosteroid]", r), Tri::yes);
  EXPECT_EQ(eval("allergies in [il2]", r), Tri::no);
  EXPECT_EQ(eval("allergies in [il2]", record({{"allergies", "none"}})), Tri::no);
  // A descriptor that is also a field name still reads as a value of the list.
  EXPECT_EQ(eval("rash in sledai_descriptors", r), Tri::yes);
  EXPECT_EQ(eval("seizure in sledai_descriptors", r), Tri::no);
}

TEST(Expr, WithinCountsCalendarMonthsBackFromTheScreeningDate) {
  // Screening 2026-11-22: six calendar months back is 2026-05-22.
  EXPECT_EQ(eval("within(rituximab, 6 months)", record({{"rituximab", "2026-05-22"}})), Tri::yes);
  EXPECT_EQ(eval("within(rituximab, 6 months)", record({{"rituximab", "2026-05-21"}})), Tri::no);
  EXPECT_EQ(eval("within(rituximab, 6 months)", record({{"rituximab", "never"}})), Tri::no);
  EXPECT_EQ(eval("within(rituximab, 6 months)", record({{"rituximab", "yes"}})), Tri::unknown);
  EXPECT_EQ(eval("within(rituximab, 6 months)", record({})), Tri::unknown);
  EXPECT_EQ(eval("ever(rituximab)", record({{"rituximab", "yes"}})), Tri::yes);
  EXPECT_EQ(eval("within(trial_participation, 4 weeks)", record({{"trial_participation", "2026-10-25"}})), Tri::yes);
  EXPECT_EQ(eval("within(trial_participation, 4 weeks)", record({{"trial_participation", "2026-10-24"}})), Tri::no);
  EXPECT_EQ(eval("within(malignancy, 5 years)", record({{"malignancy", "2021-11-22"}})), Tri::yes);
  EXPECT_EQ(eval("within(malignancy, 5 years)", record({{"malignancy", "2021-11-21"}})), Tri::no);
}

TEST(Expr, DerivedFields) {
  const auto r = record({{"alt", "80 U/L"}, {"alt_uln", "40 U/L"}, {"prednisone_dose", "30 mg/day"}, {"weight", "60 kg"},
                         {"age", "40"}, {"sex", "female"}, {"creatinine", "1.0 mg/dL"}});
  EXPECT_EQ(eval("alt_x_uln >= 2", r), Tri::yes);
  EXPECT_EQ(eval("alt_x_uln > 2", r), Tri::no);
  EXPECT_EQ(eval("prednisone_mg_per_kg_day <= 0.5", r), Tri::yes);
  // Cockcroft–Gault: (140 − 40) × 60 / (72 × 1.0) × 0.85 = 70.83 mL/min.
  EXPECT_NEAR(r.at("creatinine_clearance").number, 100.0 * 60 / 72 * 0.85, 1e-9);
  // A child: bedside Schwartz 0.413 × 120 cm / 0.5 mg/dL = 99.12 mL/min/1.73 m².
  const auto child = record({{"age", "9"}, {"height", "120 cm"}, {"creatinine", "0.5 mg/dL"}});
  EXPECT_NEAR(child.at("creatinine_clearance").number, 0.413 * 120 / 0.5, 1e-9);
  ASSERT_EQ(child.notes.size(), 1u);
  EXPECT_EQ(child.notes[0], "creatinine_clearance 99.1 mL/min/1.73 m² by bedside Schwartz");
}

TEST(Expr, SledaiScoredFromItsDescriptors) {
  // The dictionary's descriptor list is the instruments module's, in the same order.
  const FieldSpec* f = find_field("sledai_descriptors");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(f->choices.size(), instruments::sledai_items().size());
  for (const auto& item : instruments::sledai_items())
    EXPECT_EQ(f->choices[static_cast<std::size_t>(item.item)], item.id);
  // Arthritis 4 + rash 2 + low complement 2 + increased DNA binding 2 = 10.
  const auto r = record({{"sledai_descriptors", "arthritis;rash;low_complement;increased_dna_binding"}});
  EXPECT_EQ(eval("sledai_2k >= 10", r), Tri::yes);
  EXPECT_EQ(eval("sledai_2k > 10", r), Tri::no);
  // A given total wins over the descriptors.
  EXPECT_EQ(eval("sledai_2k == 3", record({{"sledai_2k", "3"}, {"sledai_descriptors", "seizure"}})), Tri::yes);
}

TEST(Expr, ExplainsWithFieldsAndValues) {
  auto c = compile("age >= 18 and weight >= 45");
  ASSERT_TRUE(c.expr);
  const auto why = explain(*c.expr, record({{"age", "17"}, {"weight", "50 kg"}}), kAsOf);
  EXPECT_EQ(why.reasons, (std::vector<std::string>{"age >= 18: age is 17 years"}));
  const auto unknown = explain(*c.expr, record({{"age", "30"}}), kAsOf);
  EXPECT_EQ(unknown.missing, (std::vector<std::string>{"weight"}));
}

struct BadExpr {
  const char* text;
  int offset;
  const char* message;
};
class ExprErrors : public ::testing::TestWithParam<BadExpr> {};
TEST_P(ExprErrors, NameTheProblem) {
  auto c = compile(GetParam().text);
  ASSERT_TRUE(c.error) << GetParam().text;
  EXPECT_EQ(c.error->message, GetParam().message);
  EXPECT_EQ(c.error->offset, GetParam().offset);
}
INSTANTIATE_TEST_SUITE_P(
    All, ExprErrors,
    ::testing::Values(
        BadExpr{"agee >= 18", 0, "unknown field \"agee\" (docs/patient-fields.md lists them)"},
        BadExpr{"age >= 18 kg", 7, "age: unit \"kg\" does not fit (years, y)"},
        BadExpr{"sex == other", 7, "\"other\" is not a value of sex"},
        BadExpr{"hiv == yes", 7, "hiv is positive or negative"},
        BadExpr{"sex < male", 6, "only == and != apply to sex"},
        BadExpr{"age", 3, "\"age\" needs a comparison (it is not a yes/no field)"},
        BadExpr{"within(age, 6 months)", 7, "\"age\" is not a dated history field"},
        BadExpr{"within(rituximab, 6 fortnights)", 20, "\"fortnights\" is not days, weeks, months or years"},
        BadExpr{"age >= 18 and", 13, "expected a field name"},
        BadExpr{"(age >= 18", 10, "expected \")\""},
        BadExpr{"age >= 18 & sex == male", 10, "unexpected character '&'"},
        BadExpr{"pga >= 1e400", 7, "the number is out of range"},
        BadExpr{"within(rituximab, 1.5 months)", 18, "expected a whole number of days, weeks, months or years (1 or more)"}));

}  // namespace
}  // namespace il2t::eligibility
