#include "sdtm/conventions.h"

#include <array>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "instruments/sledai.h"

namespace il2t::sdtm {

namespace {


struct Glucocorticoid {
  std::string_view name;
  double factor;  // prednisone-equivalent mg per mg
};

// ../shared/reference/instruments.md 6.1 (Meikle & Tyler 1977): the dose equal to 5 mg
// prednisone. Betamethasone's sources differ (0.6-0.75 mg): 0.75 is taken, as for
// dexamethasone.
constexpr std::array<Glucocorticoid, 9> kGlucocorticoids{{
    {"PREDNISONE", 1.0},
    {"PREDNISOLONE", 1.0},
    {"METHYLPREDNISOLONE", 5.0 / 4.0},
    {"TRIAMCINOLONE", 5.0 / 4.0},
    {"HYDROCORTISONE", 5.0 / 20.0},
    {"CORTISONE", 5.0 / 25.0},
    {"DEXAMETHASONE", 5.0 / 0.75},
    {"BETAMETHASONE", 5.0 / 0.75},
    {"DEFLAZACORT", 5.0 / 6.0},
}};

struct Frequency {
  std::string_view code;
  double per_day;
};

constexpr std::array<Frequency, 9> kFrequencies{{
    {"QD", 1}, {"BID", 2}, {"TID", 3}, {"QID", 4}, {"QOD", 0.5}, {"Q2D", 0.5}, {"QW", 1.0 / 7}, {"ONCE", 1}, {"QAM", 1},
}};

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  for (char ch : text) {
    const auto u = static_cast<unsigned char>(ch);
    if (u < 0x20 || u == 0x7f) out += fmt::format("\\x{:02x}", u);
    else out += ch;
  }
  return out;
}

bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

std::optional<double> age_units_per_year(std::string_view unit) {
  if (same_text(unit, "YEARS") || unit.empty()) return 1.0;
  if (same_text(unit, "MONTHS")) return 12.0;
  if (same_text(unit, "WEEKS")) return 365.25 / 7;
  if (same_text(unit, "DAYS")) return 365.25;
  return std::nullopt;
}

std::string visit_name(const protocol::Visit& v) {
  std::string unit = v.unit.empty() ? "DAY" : v.unit;
  for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return fmt::format("{} {}", unit, v.at.value);
}

std::string_view epoch_of(const protocol::Protocol& p, int day) {
  if (day < 1) return "SCREENING";
  const double treatment_end = p.timeline.treatment_weeks.value * 7;
  return treatment_end <= 0 || day <= treatment_end ? "TREATMENT" : "FOLLOW-UP";
}

std::string_view ae_category(trial::AdverseEvent::Category c) {
  switch (c) {
    case trial::AdverseEvent::Category::infection: return "INFECTION";
    case trial::AdverseEvent::Category::reaction: return "REACTION";
    case trial::AdverseEvent::Category::flare: return "FLARE";
  }
  return "";
}

std::string_view ae_body_system(trial::AdverseEvent::Category c) {
  switch (c) {
    case trial::AdverseEvent::Category::infection: return "INFECTIONS AND INFESTATIONS";
    case trial::AdverseEvent::Category::reaction: return "GENERAL DISORDERS AND ADMINISTRATION SITE CONDITIONS";
    case trial::AdverseEvent::Category::flare: return "MUSCULOSKELETAL AND CONNECTIVE TISSUE DISORDERS";
  }
  return "";
}

trial::AdverseEvent::Category ae_category_of(std::string_view body_system, std::string_view category) {
  if (same_text(body_system, "INFECTIONS AND INFESTATIONS") || same_text(category, "INFECTION"))
    return trial::AdverseEvent::Category::infection;
  if (same_text(category, "FLARE")) return trial::AdverseEvent::Category::flare;
  return trial::AdverseEvent::Category::reaction;
}

std::optional<double> prednisone_factor(std::string_view name) {
  const std::string_view first = name.substr(0, name.find(' '));
  for (const Glucocorticoid& g : kGlucocorticoids)
    if (same_text(first, g.name)) return g.factor;
  return std::nullopt;
}

bool systemic_route(std::string_view route) {
  for (std::string_view r : {"ORAL", "INTRAVENOUS", "INTRAMUSCULAR", "SUBCUTANEOUS"})
    if (same_text(route, r)) return true;
  return false;
}

std::optional<std::size_t> sledai_item_of(std::string_view testcd) {
  if (testcd.size() != 8 || testcd.substr(0, 6) != "SLEDAI") return std::nullopt;
  const char a = testcd[6], b = testcd[7];
  if (a < '0' || a > '9' || b < '0' || b > '9') return std::nullopt;
  const int k = (a - '0') * 10 + (b - '0');
  if (k < 1 || k > static_cast<int>(instruments::kSledaiItemCount)) return std::nullopt;
  return static_cast<std::size_t>(k - 1);
}

std::optional<double> per_day(std::string_view frequency) {
  for (const Frequency& f : kFrequencies)
    if (same_text(frequency, f.code)) return f.per_day;
  return std::nullopt;
}

}  // namespace il2t::sdtm
