#pragma once
// CTCAE v5.0 (NCI, 27 Nov 2017) adverse-event grades: the grade scale 1–5 with its
// generic meanings, the terms low-dose IL-2 trials need (fever, injection site
// reaction, flu-like symptoms, infection), the grades each term defines, and fever
// graded from a temperature. Grade texts are paraphrased; use the NCI document for
// grading in a trial. Each term says how far it was verified (see docs/instruments.md):
// callers that need verified definitions check `verified`.
#include <array>
#include <optional>
#include <span>
#include <string_view>

#include "instruments/result.h"

namespace il2t::instruments {

enum class CtcaeGrade { grade1 = 1, grade2 = 2, grade3 = 3, grade4 = 4, grade5 = 5 };

inline int to_int(CtcaeGrade g) { return static_cast<int>(g); }

// 1..5, else "CTCAE: grade 6 is outside 1–5" (item "grade").
Scored<CtcaeGrade> ctcae_grade(int grade);

// Generic meaning of each grade (mild; moderate; severe; life-threatening; death).
std::string_view ctcae_generic_meaning(CtcaeGrade g);

struct CtcaeTerm {
  std::string_view id;    // "fever", "injection_site_reaction", "flu_like_symptoms", "infection_other"
  std::string_view name;  // "Fever"
  int min_grade;          // the grades the term defines: min_grade..max_grade
  int max_grade;
  std::array<std::string_view, 5> grade_text;  // paraphrased; "" where not defined
  bool verified;               // true: grade structure checked against a v5.0 transcription
  std::string_view evidence;   // what it was checked against
};
std::span<const CtcaeTerm> ctcae_terms();
// "CTCAE: unknown term "x"".
Scored<const CtcaeTerm*> find_ctcae_term(std::string_view id);

// The grade if `term` defines it: "CTCAE flu_like_symptoms: grade 4 is not defined for
// this term (grades 1–3)".
Scored<CtcaeGrade> ctcae_term_grade(std::string_view term, int grade);

// Fever by temperature (v5.0): 38.0–39.0 °C grade 1; >39.0–40.0 grade 2; >40.0 for
// <= 24 h grade 3; >40.0 for > 24 h grade 4. Below 38.0 °C there is no fever (nullopt).
// `hours_above_40` matters only above 40.0 °C. Grade 5 (death) is not a temperature.
// Errors: temperature outside 30–45 °C (item "temperature_c"); negative hours.
Scored<std::optional<CtcaeGrade>> ctcae_fever_grade(double temperature_c, double hours_above_40 = 0);

}  // namespace il2t::instruments
