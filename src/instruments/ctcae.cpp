#include "instruments/ctcae.h"

#include <string>

#include "instruments/parse.h"

namespace il2t::instruments {

namespace {

// Grade texts paraphrased from the sources in docs/instruments.md.
constexpr std::array<CtcaeTerm, 4> kTerms{{
    {"fever", "Fever", 1, 5,
     {"38.0 to 39.0 °C", "above 39.0 up to 40.0 °C", "above 40.0 °C for 24 hours or less",
      "above 40.0 °C for more than 24 hours", "death"},
     true, "v5.0 transcription; v6.0 NCI spreadsheet transcription gives the same grades"},
    {"injection_site_reaction", "Injection site reaction", 1, 5,
     {"tenderness, with or without warmth, redness or itching", "pain; lipodystrophy; oedema; phlebitis",
      "ulceration or necrosis; severe tissue damage; surgery indicated",
      "life-threatening; urgent intervention indicated", "death"},
     false, "v6.0 transcription only; v5.0 text not seen"},
    {"flu_like_symptoms", "Flu like symptoms", 1, 3,
     {"mild flu-like symptoms", "moderate; limits instrumental activities of daily living",
      "severe; limits self-care activities of daily living", "", ""},
     false, "not verified: background knowledge of v5.0"},
    {"infection_other", "Infections and infestations - Other, specify", 1, 5,
     {"mild; localised; local treatment indicated", "moderate; oral antimicrobial indicated",
      "intravenous antimicrobial, radiological or operative intervention indicated",
      "life-threatening; urgent intervention indicated", "death"},
     false, "not verified: pattern of v5.0 infection terms from transcriptions"},
}};

}  // namespace

Scored<CtcaeGrade> ctcae_grade(int grade) {
  if (grade < 1 || grade > 5) {
    return fail("grade", "CTCAE: grade " + std::to_string(grade) + " is outside 1–5");
  }
  return static_cast<CtcaeGrade>(grade);
}

std::string_view ctcae_generic_meaning(CtcaeGrade g) {
  switch (g) {
    case CtcaeGrade::grade1:
      return "mild: no or mild symptoms, observation only, no intervention indicated";
    case CtcaeGrade::grade2:
      return "moderate: minimal, local or non-invasive intervention indicated; limits "
             "age-appropriate instrumental activities of daily living";
    case CtcaeGrade::grade3:
      return "severe or medically significant, not immediately life-threatening: "
             "hospitalisation indicated; disabling; limits self-care activities of daily living";
    case CtcaeGrade::grade4: return "life-threatening: urgent intervention indicated";
    case CtcaeGrade::grade5: return "death related to the adverse event";
  }
  return "";
}

std::span<const CtcaeTerm> ctcae_terms() { return kTerms; }

Scored<const CtcaeTerm*> find_ctcae_term(std::string_view id) {
  for (const auto& t : kTerms) {
    if (t.id == id) return &t;
  }
  return fail(std::string(id), "CTCAE: unknown term \"" + std::string(id) + "\"");
}

Scored<CtcaeGrade> ctcae_term_grade(std::string_view term, int grade) {
  auto t = find_ctcae_term(term);
  if (!t) return t.error();
  const CtcaeTerm& info = **t;
  if (grade < info.min_grade || grade > info.max_grade) {
    return fail(std::string(term), "CTCAE " + std::string(term) + ": grade " + std::to_string(grade) +
                                       " is not defined for this term (grades " +
                                       std::to_string(info.min_grade) + "–" +
                                       std::to_string(info.max_grade) + ")");
  }
  return static_cast<CtcaeGrade>(grade);
}

Scored<std::optional<CtcaeGrade>> ctcae_fever_grade(double temperature_c, double hours_above_40) {
  auto t = detail::in_range("temperature_c", "CTCAE fever temperature_c", temperature_c, 30, 45, " °C");
  if (!t) return t.error();
  auto h = detail::in_range("hours_above_40", "CTCAE fever hours_above_40", hours_above_40, 0, 1e6, " h");
  if (!h) return h.error();
  std::optional<CtcaeGrade> g;
  if (*t < 38.0) return g;
  if (*t <= 39.0) {
    g = CtcaeGrade::grade1;
  } else if (*t <= 40.0) {
    g = CtcaeGrade::grade2;
  } else {
    g = *h > 24.0 ? CtcaeGrade::grade4 : CtcaeGrade::grade3;
  }
  return g;
}

}  // namespace il2t::instruments
