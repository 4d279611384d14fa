#include "protocol/drugs.h"

#include <array>
#include <cctype>

namespace il2t::protocol {

namespace {

constexpr std::array<std::string_view, 7> kIl2Aliases = {
    "il-2", "aldesleukin", "rhil-2", "interleukin-2", "interleukin 2", "proleukin", "ld-il2"};
constexpr std::array<std::string_view, 1> kPlaceboAliases = {"matching placebo"};
constexpr std::array<std::string_view, 2> kSirolimusAliases = {"rapamycin", "rapamune"};

constexpr std::array<DrugInfo, 3> kDrugs = {{
    {"il2", "IL-2 (aldesleukin)", kIl2Aliases, true, true, true,
     // Lowest: 0.04 MIU/m² single doses (DILT1D, Todd 2016 PLoS Med 13:e1002139), about
     // 0.05 MIU at 1.3 m²; highest: 720,000 IU/kg iv every 8 h (Proleukin label), about
     // 72 MIU at 100 kg. Low-dose range: 0.04 MIU/m² to 3 MIU a dose (Hartemann 2013
     // Lancet Diabetes Endocrinol 1:295 gave up to 3 MIU a day).
     0.02e6, 100e6, 0.02e6, 3e6, "low-dose IL-2 in autoimmune disease",
     "Todd 2016 PLoS Med; Hartemann 2013 Lancet Diabetes Endocrinol; Proleukin label"},
    {"placebo", "placebo", kPlaceboAliases, false, false, false, 0, 0, 0, 0, "", ""},
    {"sirolimus", "sirolimus (rapamycin)", kSirolimusAliases, true, false, true,
     // Rapamune label: loading doses up to 15 mg, maintenance 2–5 mg a day, at most
     // 40 mg a day; 0.5–2 mg a day in autoimmune use (sirolimus oral solution 1 mg/mL).
     0.1, 40.0, 0.25, 5.0, "sirolimus in autoimmune disease", "Rapamune prescribing information"},
}};

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

}  // namespace

const DrugInfo* find_drug(std::string_view name) {
  for (const DrugInfo& d : kDrugs) {
    if (iequals(d.id, name)) return &d;
    for (auto a : d.aliases) {
      if (iequals(a, name)) return &d;
    }
  }
  return nullptr;
}

std::string known_drug_list() {
  std::string s;
  for (const DrugInfo& d : kDrugs) {
    if (!s.empty()) s += ", ";
    s += d.id;
  }
  return s;
}

}  // namespace il2t::protocol
