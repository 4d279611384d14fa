// Malformed protocols: each gets its exact message at its exact place.
// The base protocol is valid; each case changes one thing.
#include <gtest/gtest.h>

#include "test_support.h"

namespace il2t::test {
namespace {

const char* const kBase = R"(format = 1

[identity]
id = "NCT00000001"
registry_ids = ["NCT00000001"]
title = "Test trial"
sponsor = "Test sponsor"
phase = "2"
design = "randomised"
masking = "double"
status = "completed"
enrolment = 60

[timeline]
treatment_weeks = 12
duration_weeks = 24

[population]
conditions = ["systemic lupus erythematosus"]
age_min_years = 18
age_max_years = 65
sex = "all"
reference_weight_kg = 60
reference_height_cm = 165

[[eligibility.inclusion]]
id = "I1"
text = "SLEDAI >= 8"
expr = "sledai_2k >= 8"

[[eligibility.exclusion]]
id = "E1"
text = "Inability to comply"
manual = true

[[arms]]
id = "il2"
label = "IL-2"
ratio = 1

[[arms.interventions]]
drug = "il2"
regimen = "1 MIU sc every other day for 2 weeks, then 2 weeks off; 3 cycles"

[[arms]]
id = "placebo"
label = "Placebo"
ratio = 1

[[arms.interventions]]
drug = "placebo"
regimen = "sc every other day for 2 weeks, then 2 weeks off; 3 cycles"

[randomisation]
method = "permuted-blocks"
block_sizes = [4]

[[visits]]
id = "w0"
week = 0
window_days = 0

[[visits]]
id = "w12"
week = 12
window_days = 3

[[endpoints]]
id = "sri4"
kind = "primary"
measure = "SRI-4 response"
instrument = "sri-4"
timepoints = ["w12"]
compare = ["il2", "placebo"]

[endpoints.analysis]
method = "fisher"
)";

std::string replace(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << "the base protocol has no \"" << from << "\"";
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

TEST(ProtocolBase, IsValidWithoutWarnings) {
  const Checked c = check_text(kBase);
  EXPECT_TRUE(c.ok);
  EXPECT_TRUE(c.messages.empty()) << c.messages.front();
}

struct Malformed {
  const char* name;
  const char* from;  // text of the base replaced ...
  const char* to;    // ... by this
  const char* expected;  // the first diagnostic, exactly
  const char* from2 = nullptr;  // an optional second replacement
  const char* to2 = nullptr;
};

class ProtocolMalformed : public ::testing::TestWithParam<Malformed> {};

TEST_P(ProtocolMalformed, ReportsExactMessageAndPlace) {
  const Malformed& m = GetParam();
  std::string text = replace(kBase, m.from, m.to);
  if (m.from2) text = replace(text, m.from2, m.to2);
  const Checked c = check_text(text);
  EXPECT_FALSE(c.ok) << m.name;
  ASSERT_FALSE(c.messages.empty()) << m.name;
  // The expected error is among the messages (a case may legitimately cause more).
  bool found = false;
  for (const auto& msg : c.messages) found = found || msg == m.expected;
  EXPECT_TRUE(found) << m.name << ": got\n  " << ::testing::PrintToString(c.messages);
}

INSTANTIATE_TEST_SUITE_P(
    All, ProtocolMalformed,
    ::testing::Values(
        Malformed{"syntax", "title = \"Test trial\"", "title = \"Test trial",
                  "p.toml:6:20: error: TOML syntax: Error while parsing string: unescaped control characters other than TAB "
                  "(U+0009) are explicitly prohibited"},
        Malformed{"unknown_top_key", "format = 1\n", "format = 1\nformatt = 2\n",
                  "p.toml:2:1: error: formatt: unknown key (did you mean `format`?)"},
        Malformed{"unknown_key_in_arm", "label = \"IL-2\"", "label = \"IL-2\"\nratoi = 1",
                  "p.toml:39:1: error: arms[0].ratoi: unknown key (did you mean `ratio`?)"},
        Malformed{"wrong_format", "format = 1", "format = 2",
                  "p.toml:1:10: error: format: this program reads protocol format 1"},
        Malformed{"missing_identity_title", "title = \"Test trial\"\n", "",
                  "p.toml:3:1: error: identity.title: missing (required)"},
        Malformed{"enrolment_string", "enrolment = 60", "enrolment = \"sixty\"",
                  "p.toml:12:13: error: identity.enrolment: expected an integer, got a string"},
        Malformed{"enrolment_zero", "enrolment = 60", "enrolment = 0",
                  "p.toml:12:13: error: identity.enrolment: must be a positive number of participants"},
        Malformed{"bad_design", "design = \"randomised\"", "design = \"randomized-ish\"",
                  "p.toml:9:10: error: identity.design: \"randomized-ish\" is not one of: randomised, non-randomised, "
                  "observational"},
        Malformed{"bad_nct", "registry_ids = [\"NCT00000001\"]", "registry_ids = [\"NCT0001\"]",
                  "p.toml:5:16: error: identity.registry_ids: \"NCT0001\" is not an NCT number (NCT and 8 digits)"},
        Malformed{"origin_both", "enrolment = 60",
                  "enrolment = { value = 60, interpreted = \"x\", assumed = \"y\" }",
                  "p.toml:12:56: error: identity.enrolment: a fact is either interpreted or assumed, not both"},
        Malformed{"origin_empty_reason", "enrolment = 60", "enrolment = { value = 60, assumed = \"\" }",
                  "p.toml:12:37: error: identity.enrolment.assumed: give the reason (it is empty)"},
        Malformed{"value_table_without_value", "enrolment = 60", "enrolment = { assumed = \"x\" }",
                  "p.toml:12:13: error: identity.enrolment.value: missing (a value with its origin needs `value`)"},
        Malformed{"age_implausible", "age_min_years = 18", "age_min_years = -3",
                  "p.toml:20:17: error: population.age_min_years: -3 is outside 0–120"},
        Malformed{"age_order", "age_max_years = 65", "age_max_years = 12",
                  "p.toml:21:17: error: population: the maximum age is below the minimum"},
        Malformed{"height_in_metres", "reference_height_cm = 165", "reference_height_cm = 1.65",
                  "p.toml:24:23: error: population.reference_height_cm: 1.65 is outside 40–250 (centimetres; metres or "
                  "inches?)"},
        Malformed{"criterion_without_expr", "expr = \"sledai_2k >= 8\"\n", "",
                  "p.toml:26:1: error: eligibility.inclusion[0]: give `expr` (an expression) or `manual = true`"},
        Malformed{"duplicate_criterion", "id = \"E1\"", "id = \"I1\"",
                  "p.toml:31:1: error: eligibility.exclusion[0].id: \"I1\" is used by another criterion"},
        Malformed{"unknown_drug", "drug = \"il2\"", "drug = \"il-17\"",
                  "p.toml:42:8: error: arms[0].interventions[0].drug: unknown drug \"il-17\" (known: il2, placebo, "
                  "sirolimus)"},
        Malformed{"regimen_syntax", "1 MIU sc every other day for 2 weeks,", "1 MIU sc every other day for 2 wekes,",
                  "p.toml:43:43: error: arms[0].interventions[0].regimen: expected \"days\", \"weeks\", \"months\" or "
                  "\"years\", got \"wekes\""},
        Malformed{"dose_missing", "regimen = \"1 MIU sc every", "regimen = \"sc every",
                  "p.toml:43:11: error: arms[0].interventions[0].regimen: the dose is missing (write it first, e.g. "
                  "\"1 MIU sc ...\")"},
        Malformed{"route_missing", "1 MIU sc every", "1 MIU every",
                  "p.toml:43:11: error: arms[0].interventions[0].regimen: give the route (sc, iv, im or po) after the "
                  "dose"},
        Malformed{"placebo_with_dose", "regimen = \"sc every", "regimen = \"1 MIU sc every",
                  "p.toml:52:11: error: arms[1].interventions[0].regimen: placebo has no dose: write only route and "
                  "schedule"},
        Malformed{"il2_in_mg_per_kg_is_fine_but_sirolimus_in_iu_is_not", "drug = \"il2\"", "drug = \"sirolimus\"",
                  "p.toml:43:11: error: arms[0].interventions[0].regimen: MIU is a unit of biological activity; "
                  "sirolimus (rapamycin) is dosed by mass (mg or µg)"},
        Malformed{"volume_without_concentration", "1 MIU sc every other day", "0.5 mL sc every other day",
                  "p.toml:43:11: error: arms[0].interventions[0].regimen: 0.5 mL is a volume without a concentration: "
                  "write it as \"0.5 mL of <concentration> mg/mL\""},
        Malformed{"per_m2_without_reference", "reference_weight_kg = 60\nreference_height_cm = 165\n", "",
                  "p.toml:41:11: error: arms[0].interventions[0].regimen: the dose is per m² of body-surface area: a "
                  "weight and a height are needed: give population.reference_weight_kg and reference_height_cm",
                  "1 MIU sc every", "1 MIU/m2 sc every"},
        Malformed{"ratio_negative", "ratio = 1\n\n[[arms.interventions]]\ndrug = \"il2\"",
                  "ratio = -1\n\n[[arms.interventions]]\ndrug = \"il2\"",
                  "p.toml:39:9: error: arms[0].ratio: an allocation ratio must be positive"},
        Malformed{"duplicate_arm", "id = \"placebo\"", "id = \"il2\"", "p.toml:45:1: error: arms[1].id: \"il2\" is used twice"},
        Malformed{"block_not_multiple", "block_sizes = [4]", "block_sizes = [3]",
                  "p.toml:56:15: error: randomisation.block_sizes: 3 is not a positive multiple of the allocation "
                  "ratios' sum (2)"},
        Malformed{"observational_randomised", "design = \"randomised\"", "design = \"observational\"",
                  "p.toml:55:10: error: randomisation.method: an observational study is not randomised: write \"none\""},
        Malformed{"regimen_past_treatment", "treatment_weeks = 12", "treatment_weeks = 8",
                  "p.toml:43:11: error: arms[0].interventions[0].regimen: the last dose falls on study day 69, after "
                  "the treatment period (56 days, timeline.treatment_weeks)"},
        Malformed{"cycle_overlap", "then 2 weeks off; 3 cycles\"\n\n[[arms]]", "then 2 weeks off; 3 cycles of 3 weeks\"\n\n[[arms]]",
                  "p.toml:43:11: error: arms[0].interventions[0].regimen: each cycle's phases take 28 days, longer "
                  "than the cycle (21 days): a cycle overlaps the next"},
        Malformed{"visit_after_end", "week = 12", "week = 30",
                  "p.toml:65:8: error: visits[1]: study day 211 is after the trial's end (day 169, "
                  "timeline.duration_weeks)"},
        Malformed{"visit_two_times", "week = 12", "week = 12\nday = 85",
                  "p.toml:65:8: error: visits[1].week: a visit has one of `day`, `week` or `month`"},
        Malformed{"dangling_visit", "timepoints = [\"w12\"]", "timepoints = [\"w13\"]",
                  "p.toml:73:14: error: endpoints[0].timepoints: no visit has the id \"w13\""},
        Malformed{"dangling_arm", "compare = [\"il2\", \"placebo\"]", "compare = [\"il2\", \"pbo\"]",
                  "p.toml:74:11: error: endpoints[0].compare: no arm has the id \"pbo\""},
        Malformed{"no_primary", "kind = \"primary\"", "kind = \"secondary\"",
                  "p.toml:68:1: error: endpoints: none is primary (mark one `kind = \"primary\"`, interpreted if the "
                  "registry does not say)"},
        Malformed{"bad_instrument", "instrument = \"sri-4\"", "instrument = \"sri4\"",
                  "p.toml:72:14: error: endpoints[0].instrument: \"sri4\" is not one of: sri-4, sledai-2k, "
                  "selena-sledai, bilag-2004, pga, essdai, esspri, vas-patient, vas-physician, jadas, ctcae, "
                  "treg-percent, cell-counts, cytokines, complement, anti-dsdna, steroid-dose, "
                  "immunosuppressant-dose, infection, adverse-event, cmv-viral-load"},
        Malformed{"missing_analysis", "\n[endpoints.analysis]\nmethod = \"fisher\"\n", "\n",
                  "p.toml:68:1: error: endpoints[0].analysis: missing (required)"},
        Malformed{"alpha_out_of_range", "method = \"fisher\"", "method = \"fisher\"\nalpha = 5",
                  "p.toml:78:9: error: endpoints[0].analysis.alpha: must lie between 0 and 1"},
        Malformed{"unknown_key_in_timeline", "duration_weeks = 24", "duration_weeks = 24\ntreatment_days = 84",
                  "p.toml:17:1: error: timeline.treatment_days: unknown key"},
        Malformed{"arms_missing", "[[arms]]\nid = \"placebo\"\nlabel = \"Placebo\"\nratio = 1\n\n[[arms.interventions]]\ndrug = \"placebo\"\nregimen = \"sc every other day for 2 weeks, then 2 weeks off; 3 cycles\"\n", "",
                  "p.toml:1:1: error: arms: missing (at least one [[arms]] is required)",
                  "[[arms]]\nid = \"il2\"\nlabel = \"IL-2\"\nratio = 1\n\n[[arms.interventions]]\ndrug = \"il2\"\nregimen = \"1 MIU sc every other day for 2 weeks, then 2 weeks off; 3 cycles\"\n", ""}),
    [](const ::testing::TestParamInfo<Malformed>& info) { return std::string(info.param.name); });

// The base with a group-sequential design and an assumed outcome: valid. Its design
// sections start on line 80.
std::string with_design(const std::string& text) {
  return replace(text, "method = \"fisher\"\n",
                 "method = \"fisher\"\n\n[recruitment]\nper_month = 4\n\n[group_sequential]\nendpoint = \"sri4\"\n"
                 "benefit = \"higher\"\nefficacy = \"obrien-fleming\"\n\n[[interim]]\ninformation = 0.5\n\n"
                 "[[assumed]]\nendpoint = \"sri4\"\narm = \"il2\"\nrate = 0.5\n\n"
                 "[[assumed]]\nendpoint = \"sri4\"\narm = \"placebo\"\nrate = 0.2\n");
}

TEST(ProtocolDesignSections, BaseWithLooksAndAssumptionsIsValid) {
  const Checked c = check_text(with_design(kBase));
  EXPECT_TRUE(c.ok);
  EXPECT_TRUE(c.messages.empty()) << c.messages.front();
}

class ProtocolDesignMalformed : public ::testing::TestWithParam<Malformed> {};

TEST_P(ProtocolDesignMalformed, ReportsExactMessageAndPlace) {
  const Malformed& m = GetParam();
  std::string text = replace(with_design(kBase), m.from, m.to);
  if (m.from2) text = replace(text, m.from2, m.to2);
  const Checked c = check_text(text);
  EXPECT_FALSE(c.ok) << m.name;
  bool found = false;
  for (const auto& msg : c.messages) found = found || msg == m.expected;
  EXPECT_TRUE(found) << m.name << ": got\n  " << ::testing::PrintToString(c.messages);
}

INSTANTIATE_TEST_SUITE_P(
    All, ProtocolDesignMalformed,
    ::testing::Values(
        Malformed{"unknown_spending", "efficacy = \"obrien-fleming\"", "efficacy = \"obf\"", "p.toml:85:12: error: group_sequential.efficacy: \"obf\" is not one of: obrien-fleming, pocock, hwang-shih-decani, kim-demets, obrien-fleming-fixed, pocock-fixed"},
        Malformed{"bad_benefit", "benefit = \"higher\"", "benefit = \"up\"", "p.toml:84:11: error: group_sequential.benefit: \"up\" is not one of: higher, lower (the direction of the estimate that favours IL-2)"},
        Malformed{"no_recruitment", "[recruitment]\nper_month = 4\n", "", "p.toml:80:1: error: group_sequential: needs [recruitment] (its rate per month), so that the looks fall in calendar time"},
        Malformed{"zero_rate", "per_month = 4", "per_month = 0", "p.toml:80:13: error: recruitment.per_month: must lie between 0.01 and 100000 participants per month"},
        Malformed{"interim_both", "information = 0.5", "information = 0.5\nmonth = 6", "p.toml:87:1: error: interim[0]: give `information` (a fraction of the planned participants at the decision visit) or `month` (after recruitment opens), one of the two"},
        Malformed{"interim_one", "information = 0.5", "information = 1", "p.toml:88:15: error: interim[0].information: must lie strictly between 0 and 1 (the final analysis is the last look)"},
        Malformed{"interim_order", "information = 0.5", "information = 0.6\n\n[[interim]]\ninformation = 0.4", "p.toml:91:15: error: interim[1].information: looks must come in time order"},
        Malformed{"no_interim", "[[interim]]\ninformation = 0.5\n", "", "p.toml:82:1: error: group_sequential: give at least one [[interim]] look"},
        Malformed{"dangling_endpoint", "endpoint = \"sri4\"\nbenefit", "endpoint = \"sri5\"\nbenefit", "p.toml:83:12: error: group_sequential.endpoint: no endpoint has the id \"sri5\""},
        Malformed{"futility_without_beta", "efficacy = \"obrien-fleming\"",
                  "efficacy = \"obrien-fleming\"\nfutility = \"pocock\"", "p.toml:82:1: error: group_sequential.beta: missing (the type II error the futility bounds spend)"},
        Malformed{"gamma_missing", "efficacy = \"obrien-fleming\"", "efficacy = \"hwang-shih-decani\"", "p.toml:82:1: error: group_sequential.efficacy_gamma: missing (hwang-shih-decani needs its γ)"},
        Malformed{"futility_with_fixed", "efficacy = \"obrien-fleming\"",
                  "efficacy = \"pocock-fixed\"\nfutility = \"pocock\"\nbeta = 0.2", "p.toml:86:12: error: group_sequential.futility: futility bounds need alpha-spending efficacy bounds (obrien-fleming, pocock, hwang-shih-decani or kim-demets), as in rpact"},
        Malformed{"events_endpoint", "instrument = \"sri-4\"", "instrument = \"infection\"", "p.toml:83:12: error: group_sequential.endpoint: \"sri4\" is analysed by \"fisher\" on events, not on a value or response at a visit; the looks decide on a pairwise test of a value or response read at a visit (fisher, chi-square, cmh, logistic, t-test, ancova, mmrm or wilcoxon)"},
        Malformed{"rate_out_of_range", "rate = 0.5", "rate = 1.5", "p.toml:93:8: error: assumed[0].rate: must lie between 0 and 1"},
        Malformed{"mean_for_a_response", "rate = 0.5", "mean = 1\nsd = 2", "p.toml:90:1: error: assumed[0]: \"sri4\" is a response: it takes `rate`, not `mean` and `sd`"},
        Malformed{"arm_not_assumed", "[[assumed]]\nendpoint = \"sri4\"\narm = \"placebo\"\nrate = 0.2\n", "", "p.toml:90:1: error: assumed: endpoint \"sri4\" has assumed outcomes, but none for its arm \"placebo\" (assume every compared arm, or none)"},
        Malformed{"arm_not_compared", "arm = \"placebo\"", "arm = \"pbo\"", "p.toml:97:7: error: assumed[1].arm: endpoint \"sri4\" does not compare an arm \"pbo\""}),
    [](const ::testing::TestParamInfo<Malformed>& info) { return std::string(info.param.name); });

TEST(ProtocolWarnings, ImplausibleDoseNamesTheLikelyIntendedOne) {
  const Checked c = check_text(replace(kBase, "regimen = \"1 MIU sc every other day",
                                       "regimen = { value = \"1 MIU sc every other day for 2 weeks, then 2 weeks off; 3 "
                                       "cycles\", registry = \"100IU injected subcutaneously every other day\", "
                                       "interpreted = \"100IU is 100万 IU\" }\n#"));
  EXPECT_TRUE(c.ok);
  ASSERT_EQ(c.messages.size(), 1u);
  EXPECT_EQ(c.messages[0],
            "p.toml:43:21: warning: arms[0].interventions[0].regimen: the registry's \"100IU\": 100 IU of IL-2 "
            "(aldesleukin) is far below any dose given to people (0.02 MIU to 100 MIU a dose; Todd 2016 PLoS Med; "
            "Hartemann 2013 Lancet Diabetes Endocrinol; Proleukin label); the likely intended dose is 1 MIU (a lost "
            "\"万\" (10^4): \"100万 IU\" is 1 million IU); this file runs \"1 MIU sc every other day for 2 weeks, then 2 "
            "weeks off; 3 cycles\" (interpreted)");
}

TEST(ProtocolWarnings, DoseAboveLowDoseRangeWarns) {
  const Checked c = check_text(replace(kBase, "1 MIU sc every", "18 MIU sc every"));
  EXPECT_TRUE(c.ok);
  ASSERT_EQ(c.messages.size(), 1u);
  EXPECT_EQ(c.messages[0],
            "p.toml:43:11: warning: arms[0].interventions[0].regimen: 18 MIU of IL-2 (aldesleukin) is outside the "
            "range of low-dose IL-2 in autoimmune disease (0.02 MIU to 3 MIU a dose)");
}

TEST(ProtocolWarnings, MilligramsOfIl2AreConvertedAndChecked) {
  // 1 mg of aldesleukin is 16.4 MIU: a unit confusion is caught by the plausibility check.
  const Checked c = check_text(replace(kBase, "1 MIU sc every", "1 mg sc every"));
  EXPECT_TRUE(c.ok);
  ASSERT_EQ(c.messages.size(), 1u);
  EXPECT_NE(c.messages[0].find("16.364 MIU of IL-2"), std::string::npos) << c.messages[0];
}

TEST(ProtocolWarnings, HintsFollowTheUnitWritten) {
  // Sirolimus written in µg: the likely slip is µg for mg, not a lost 万.
  Checked c = check_text(replace(replace(kBase, "drug = \"il2\"", "drug = \"sirolimus\""), "1 MIU sc every", "0.5 µg po every"));
  ASSERT_EQ(c.messages.size(), 1u);
  EXPECT_NE(c.messages[0].find("the likely intended dose is 0.5 mg (µg written for mg)"), std::string::npos) << c.messages[0];
  // 200 MIU of IL-2: no mass slip is offered for an activity unit.
  c = check_text(replace(kBase, "1 MIU sc every", "200 MIU sc every"));
  ASSERT_EQ(c.messages.size(), 1u);
  EXPECT_EQ(c.messages[0].find("likely intended"), std::string::npos) << c.messages[0];
}

TEST(ProtocolWarnings, OneWarningPerDistinctDose) {
  const Checked c = check_text(replace(kBase, "1 MIU sc every other day for 2 weeks, then 2 weeks off; 3 cycles",
                                       "5 MIU sc every other day for 2 weeks, then weekly for 2 weeks"));
  EXPECT_EQ(c.messages.size(), 1u) << ::testing::PrintToString(c.messages);
}

TEST(ProtocolErrors, WindowsAreWholeDaysAndManualIsPlain) {
  Checked c = check_text(replace(kBase, "window_days = 3", "window_days = 1.5"));
  ASSERT_FALSE(c.ok);
  EXPECT_EQ(c.messages[0], "p.toml:66:15: error: visits[1].window_days: must be a whole number of days, 0 or more (it "
                           "is ± days)");
  c = check_text(replace(kBase, "manual = true", "manual = { value = true, assumed = \"x\" }"));
  ASSERT_FALSE(c.ok);
  EXPECT_EQ(c.messages[0], "p.toml:34:20: error: eligibility.exclusion[0].manual: write plain true or false; the reason "
                           "goes in the criterion's `interpreted` or `assumed`");
}

TEST(ProtocolWarnings, LostSignInRegistryWords) {
  const Checked c = check_text(replace(kBase, "text = \"SLEDAI >= 8\"", "text = \"SLEDAI = 8\""));
  EXPECT_TRUE(c.ok);
  ASSERT_EQ(c.messages.size(), 1u);
  EXPECT_EQ(c.messages[0],
            "p.toml:26:1: warning: eligibility.inclusion[0].text: the registry's \"=\" (\"…SLEDAI = 8…\") reads as a "
            "lost ≥ or ≤; mark it `interpreted` with the sign it takes");
}

}  // namespace
}  // namespace il2t::test
