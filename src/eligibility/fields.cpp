// The field dictionary's content. Ranges are plausibility limits for input checking
// (values outside them are rejected as impossible), not clinical reference ranges.
#include "eligibility/fields.h"

#include <array>
#include <cctype>
#include <string>

namespace il2t::eligibility {

namespace {

using U = UnitFactor;
constexpr std::array<U, 2> kYears = {{{"years", 1.0}, {"y", 1.0}}};
constexpr std::array<U, 3> kKg = {{{"kg", 1.0}, {"g", 0.001}, {"lb", 0.45359237}}};
constexpr std::array<U, 3> kCm = {{{"cm", 1.0}, {"m", 100.0}, {"in", 2.54}}};
constexpr std::array<U, 1> kNone = {{{"", 1.0}}};
// Creatinine: 1 mg/dL = 88.42 µmol/L (molar mass 113.12 g/mol).
constexpr std::array<U, 4> kCreatinine = {{{"µmol/L", 1.0}, {"umol/L", 1.0}, {"mg/dL", 88.42}, {"mmol/L", 1000.0}}};
constexpr std::array<U, 2> kUPerL = {{{"U/L", 1.0}, {"IU/L", 1.0}}};
constexpr std::array<U, 2> kMlMin = {{{"mL/min", 1.0}, {"ml/min", 1.0}}};
constexpr std::array<U, 2> kGPerDay = {{{"g/day", 1.0}, {"mg/day", 0.001}}};
constexpr std::array<U, 2> kGPerL = {{{"g/L", 1.0}, {"mg/dL", 0.01}}};
constexpr std::array<U, 2> kPer10e9 = {{{"10^9/L", 1.0}, {"/mm3", 0.001}}};
constexpr std::array<U, 1> kMm = {{{"mm", 1.0}}};
constexpr std::array<U, 1> kMgDay = {{{"mg/day", 1.0}}};
constexpr std::array<U, 1> kMonths = {{{"months", 1.0}}};
constexpr std::array<U, 1> kIuMl = {{{"IU/mL", 1.0}}};
constexpr std::array<U, 1> kMgKgDay = {{{"mg/kg/day", 1.0}}};

constexpr std::array<std::string_view, 2> kSex = {"female", "male"};
constexpr std::array<std::string_view, 3> kMalignancy = {"cervical_in_situ", "basal_cell", "other"};
constexpr std::array<std::string_view, 5> kAllergens = {"il2", "corticosteroid", "hydroxychloroquine",
                                                        "cyclophosphamide", "mycophenolate_mofetil"};
// The SLEDAI-2K descriptors, in the order of instruments::SledaiItem (a test checks it).
constexpr std::array<std::string_view, 24> kSledaiDescriptors = {
    "seizure", "psychosis", "organic_brain_syndrome", "visual_disturbance", "cranial_nerve_disorder",
    "lupus_headache", "cva", "vasculitis", "arthritis", "myositis", "urinary_casts", "hematuria", "proteinuria",
    "pyuria", "rash", "alopecia", "mucosal_ulcers", "pleurisy", "pericarditis", "low_complement",
    "increased_dna_binding", "fever", "thrombocytopenia", "leukopenia"};
constexpr std::span<const std::string_view> kNoChoices{};
constexpr std::span<const U> kNoUnits{};

constexpr FieldSpec q(std::string_view n, std::string_view unit, std::span<const U> us, bool req, double lo,
                      double hi, std::string_view meaning) {
  return {n, FieldKind::quantity, unit, us, req, lo, hi, kNoChoices, meaning};
}
constexpr FieldSpec flag(std::string_view n, std::string_view meaning) {
  return {n, FieldKind::flag, "", kNoUnits, false, 0, 0, kNoChoices, meaning};
}
constexpr FieldSpec result(std::string_view n, std::string_view meaning) {
  return {n, FieldKind::result, "", kNoUnits, false, 0, 0, kNoChoices, meaning};
}
constexpr FieldSpec event(std::string_view n, std::string_view meaning) {
  return {n, FieldKind::event, "", kNoUnits, false, 0, 0, kNoChoices, meaning};
}

constexpr std::array kFields = {
    FieldSpec{"patient_id", FieldKind::text, "", kNoUnits, false, 0, 0, kNoChoices, "identifier of the candidate"},
    // Demographics.
    q("age", "years", kYears, false, 0, 120, "age at screening"),
    FieldSpec{"sex", FieldKind::choice, "", kNoUnits, false, 0, 0, kSex, "sex: female or male"},
    q("weight", "kg", kKg, false, 1, 300, "body weight"),
    q("height", "cm", kCm, false, 30, 250, "height"),
    flag("childbearing_potential", "a woman who can become pregnant"),
    flag("pregnant", "pregnant now"),
    flag("lactating", "breast-feeding now"),
    result("pregnancy_test", "urine or serum pregnancy test at screening"),
    // Diagnosis and classification.
    flag("sle_acr1997", "meets the 1997 revised ACR classification criteria for SLE"),
    flag("pss_aecg2002", "meets the 2002 American-European Consensus Group criteria for primary Sjögren's"),
    flag("jia_ilar", "meets the ILAR classification of juvenile idiopathic arthritis"),
    flag("other_autoimmune_disease", "another autoimmune disease besides the one studied"),
    // Disease activity (scores, or the items they come from).
    q("sledai_2k", "", kNone, false, 0, 105, "SLEDAI-2K total (given, or scored from sledai_descriptors)"),
    FieldSpec{"sledai_descriptors", FieldKind::list, "", kNoUnits, false, 0, 0, kSledaiDescriptors,
              "the SLEDAI-2K descriptors present, separated by ';', or none"},
    q("selena_sledai", "", kNone, false, 0, 105, "SELENA-SLEDAI total"),
    q("essdai", "", kNone, false, 0, 123, "ESSDAI total"),
    q("pga", "", kNone, false, 0, 3, "physician's global assessment, 0–3"),
    flag("thrombocytopenia", "SLE thrombocytopenia (< 100 × 10^9/L)"),
    flag("rash", "SLE rash"),
    flag("mucosal_ulcers", "oral or nasal ulcers"),
    flag("fever", "fever of SLE, infection excluded"),
    flag("vasculitis", "active vasculitis"),
    flag("neuropsychiatric_sle", "neuropsychiatric SLE"),
    flag("severe_neuropsychiatric_sle", "active severe neuropsychiatric SLE"),
    q("proteinuria", "g/day", kGPerDay, true, 0, 50, "24-hour urine protein"),
    // Laboratory.
    q("ana_titre", "", kNone, false, 0, 100000, "ANA titre as its reciprocal (1:160 is 160)"),
    result("anti_dsdna", "anti-dsDNA antibodies"),
    q("igg", "g/L", kGPerL, true, 0, 100, "serum IgG"),
    flag("low_c3", "C3 below the lab's lower limit"),
    flag("low_c4", "C4 below the lab's lower limit"),
    q("wbc", "10^9/L", kPer10e9, true, 0, 500, "white cell count"),
    q("platelets", "10^9/L", kPer10e9, true, 0, 3000, "platelet count"),
    q("alt", "U/L", kUPerL, true, 0, 20000, "alanine aminotransferase"),
    q("alt_uln", "U/L", kUPerL, true, 1, 500, "the lab's upper limit of normal for ALT"),
    q("ast", "U/L", kUPerL, true, 0, 20000, "aspartate aminotransferase"),
    q("ast_uln", "U/L", kUPerL, true, 1, 500, "the lab's upper limit of normal for AST"),
    q("alt_x_uln", "", kNone, false, 0, 500, "ALT as a multiple of its upper limit (given, or alt / alt_uln)"),
    q("ast_x_uln", "", kNone, false, 0, 500, "AST as a multiple of its upper limit (given, or ast / ast_uln)"),
    q("creatinine", "µmol/L", kCreatinine, true, 5, 3000, "serum creatinine"),
    q("creatinine_clearance", "mL/min", kMlMin, true, 0, 300,
      "creatinine clearance, given, or computed: Cockcroft–Gault (age ≥ 18) or bedside Schwartz (age < 18)"),
    q("ppd", "mm", kMm, true, 0, 100, "tuberculin skin test induration"),
    // Infections.
    result("hiv", "HIV test"),
    result("hbv", "hepatitis B (HBsAg or HBV DNA)"),
    result("hcv", "hepatitis C (antibody or RNA)"),
    result("ebv", "active EBV infection (EBV DNA)"),
    result("tb", "active tuberculosis"),
    result("latent_tb", "latent tuberculosis (IGRA or skin test)"),
    result("pcp", "pneumocystis pneumonia"),
    result("cmv_dna", "plasma CMV DNA"),
    q("cmv_dna_load", "IU/mL", kIuMl, true, 0, 1e9, "plasma CMV DNA load"),
    flag("serious_infection", "serious infection now (bacteraemia, sepsis)"),
    flag("acute_infection", "acute infection now"),
    event("chronic_infection", "chronic infection (last date, or never)"),
    // Treatment.
    flag("on_corticosteroid", "taking corticosteroids"),
    flag("on_immunosuppressant", "taking an immunosuppressant"),
    q("prednisone_dose", "mg/day", kMgDay, true, 0, 2000, "daily corticosteroid dose as prednisone equivalent"),
    q("prednisone_mg_per_kg_day", "mg/kg/day", kMgKgDay, false, 0, 40,
      "prednisone-equivalent dose per kg (given, or prednisone_dose / weight)"),
    q("standard_treatment_months", "months", kMonths, false, 0, 600, "months on standard treatment"),
    flag("inadequate_response_to_standard_treatment", "standard treatment did not control the disease"),
    flag("steroid_pulse_refractory", "no response to high-dose steroid pulses"),
    event("rituximab", "rituximab (last dose date, or never)"),
    event("infliximab", "infliximab (last dose date, or never)"),
    event("biologic", "any biologic agent (last dose date, or never)"),
    event("ivig", "intravenous immunoglobulin (last dose date, or never)"),
    event("leflunomide", "leflunomide (last dose date, or never)"),
    event("steroid_pulse", "high-dose steroid pulse (last date, or never)"),
    event("iv_corticosteroid", "intravenous corticosteroid (last date, or never)"),
    event("plasmapheresis", "plasmapheresis (last date, or never)"),
    event("cmv_vaccine", "any anti-CMV vaccine (last date, or never)"),
    FieldSpec{"allergies", FieldKind::list, "", kNoUnits, false, 0, 0, kAllergens,
              "drug allergies, separated by ';' (il2, corticosteroid, hydroxychloroquine, cyclophosphamide, "
              "mycophenolate_mofetil), or none"},
    // Comorbidity and history.
    q("nyha_class", "", kNone, false, 1, 4, "NYHA heart-failure class, 1–4"),
    flag("heart_failure", "heart failure now"),
    flag("respiratory_failure", "respiratory failure now"),
    flag("chronic_respiratory_failure", "chronic respiratory failure"),
    flag("toxic_shock", "toxic shock now"),
    flag("active_peptic_ulcer", "active peptic ulcer"),
    flag("visual_disorder", "history of vision or visual-field disorder"),
    flag("cataract", "history of cataract"),
    event("malignancy", "cancer (date of diagnosis or cure, or never)"),
    FieldSpec{"malignancy_type", FieldKind::choice, "", kNoUnits, false, 0, 0, kMalignancy,
              "kind of the cancer in `malignancy`"},
    event("trial_participation", "another clinical trial (date it ended, or never)"),
};

}  // namespace

const FieldSpec* find_field(std::string_view name) {
  for (const FieldSpec& f : kFields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::span<const FieldSpec> all_fields() { return kFields; }

namespace {

// Units compare without case, and the Greek mu (U+03BC) stands for the micro sign (U+00B5).
std::string normal_unit(std::string_view u) {
  std::string s;
  for (std::size_t i = 0; i < u.size(); ++i) {
    if (i + 1 < u.size() && static_cast<unsigned char>(u[i]) == 0xCE && static_cast<unsigned char>(u[i + 1]) == 0xBC) {
      s += "\xC2\xB5";
      ++i;
      continue;
    }
    s += static_cast<char>(std::tolower(static_cast<unsigned char>(u[i])));
  }
  return s;
}

}  // namespace

Converted to_canonical(const FieldSpec& f, double number, std::string_view unit) {
  std::string known;
  for (const UnitFactor& u : f.units) {
    if (!u.unit.empty()) known += (known.empty() ? "" : ", ") + std::string(u.unit);
  }
  if (unit.empty()) {
    if (f.unit_required) return {std::nullopt, "a unit is needed (" + known + ")"};
    return {number, {}};
  }
  const std::string given = normal_unit(unit);
  for (const UnitFactor& u : f.units) {
    if (normal_unit(u.unit) == given) return {number * u.to_canonical, {}};
  }
  return {std::nullopt, "unit \"" + std::string(unit) + "\" does not fit (" +
                            (known.empty() ? std::string("a plain number") : known) + ")"};
}

}  // namespace il2t::eligibility
