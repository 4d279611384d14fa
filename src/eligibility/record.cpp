#include "eligibility/record.h"

#include <fmt/format.h>

#include "instruments/sledai.h"

namespace il2t::eligibility {

std::size_t PatientRecord::index_of(std::string_view field) {
  const auto fields = all_fields();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == field) return i;
  }
  return static_cast<std::size_t>(-1);
}

Cell& PatientRecord::at(std::string_view field) { return cells.at(index_of(field)); }
const Cell& PatientRecord::at(std::string_view field) const { return cells.at(index_of(field)); }

namespace {

bool has(const PatientRecord& r, std::string_view f) { return r.at(f).state == Cell::State::value; }
double num(const PatientRecord& r, std::string_view f) { return r.at(f).number; }
void set(PatientRecord& r, std::string_view f, double v) {
  Cell& c = r.at(f);
  c.state = Cell::State::value;
  c.number = v;
}

}  // namespace

std::string_view derived_from(std::string_view field) {
  if (field == "alt_x_uln") return "alt and alt_uln";
  if (field == "ast_x_uln") return "ast and ast_uln";
  if (field == "prednisone_mg_per_kg_day") return "prednisone_dose and weight";
  if (field == "creatinine_clearance") return "creatinine, age, and weight and sex (adults) or height (children)";
  if (field == "sledai_2k") return "sledai_descriptors";
  return "";
}

void derive(PatientRecord& r) {
  if (!has(r, "sledai_2k") && has(r, "sledai_descriptors")) {
    instruments::SledaiVisit v;
    const std::uint32_t bits = r.at("sledai_descriptors").bits;
    for (const auto& item : instruments::sledai_items())
      v.set(item.item, (bits >> static_cast<unsigned>(item.item)) & 1u);
    set(r, "sledai_2k", instruments::sledai_2k(v));
    r.notes.push_back(fmt::format("sledai_2k {} scored from the descriptors", instruments::sledai_2k(v)));
  }
  for (auto [ratio, value, uln] : {std::tuple{"alt_x_uln", "alt", "alt_uln"}, std::tuple{"ast_x_uln", "ast", "ast_uln"}}) {
    if (!has(r, ratio) && has(r, value) && has(r, uln)) set(r, ratio, num(r, value) / num(r, uln));
  }
  if (!has(r, "prednisone_mg_per_kg_day") && has(r, "prednisone_dose") && has(r, "weight"))
    set(r, "prednisone_mg_per_kg_day", num(r, "prednisone_dose") / num(r, "weight"));
  if (!has(r, "creatinine_clearance") && has(r, "creatinine") && has(r, "age")) {
    const double scr_mg_dl = num(r, "creatinine") / 88.42;
    const double age = num(r, "age");
    if (age >= 18 && has(r, "weight") && has(r, "sex")) {
      // Cockcroft DW, Gault MH. Nephron 1976;16:31: (140 − age) × weight / (72 × SCr), × 0.85 for women.
      const double female = num(r, "sex") == 0 ? 0.85 : 1.0;
      set(r, "creatinine_clearance", (140.0 - age) * num(r, "weight") / (72.0 * scr_mg_dl) * female);
      r.notes.push_back(fmt::format("creatinine_clearance {:.1f} mL/min by Cockcroft–Gault",
                                    num(r, "creatinine_clearance")));
    } else if (age < 18 && has(r, "height")) {
      // Schwartz GJ et al. J Am Soc Nephrol 2009;20:629 (bedside): 0.413 × height / SCr, mL/min/1.73 m².
      set(r, "creatinine_clearance", 0.413 * num(r, "height") / scr_mg_dl);
      r.notes.push_back(fmt::format("creatinine_clearance {:.1f} mL/min/1.73 m² by bedside Schwartz",
                                    num(r, "creatinine_clearance")));
    }
  }
}

}  // namespace il2t::eligibility
