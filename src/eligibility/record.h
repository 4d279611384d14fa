#pragma once
// A patient record as screening sees it: one cell per dictionary field (fields.h),
// each missing or holding a value in the field's canonical unit. Real candidates
// (read from CSV or JSON by src/data) and virtual patients share this type.
#include <cstdint>
#include <string>
#include <vector>

#include "eligibility/fields.h"

namespace il2t::eligibility {

struct Cell {
  enum class State : std::uint8_t { missing, value, never, ever_undated };
  State state = State::missing;
  double number = 0;        // quantity (canonical unit), flag/result (0 or 1), choice (index)
  std::int32_t day = 0;     // event: days since 1970-01-01
  std::uint32_t bits = 0;   // list: one bit per choice
  bool present() const { return state != State::missing; }
};

struct PatientRecord {
  std::string id;
  int row = 0;  // 1-based data row (CSV) or array index + 1 (JSON)
  std::vector<Cell> cells = std::vector<Cell>(all_fields().size());
  std::vector<std::string> notes;  // how derived values were obtained

  static std::size_t index_of(std::string_view field);  // npos if unknown
  Cell& at(std::string_view field);
  const Cell& at(std::string_view field) const;
};

// Fills derived fields that are missing but computable: ALT and AST as multiples of
// the upper limit, prednisone per kg, creatinine clearance (Cockcroft–Gault for
// adults, bedside Schwartz for children, noted in `notes`).
void derive(PatientRecord& r);

// The fields a derived field is computed from ("alt and alt_uln"), or "" if none.
std::string_view derived_from(std::string_view field);

}  // namespace il2t::eligibility
