#pragma once
// The patient-record field dictionary: every field a record may carry, its kind,
// its canonical unit and the units it converts from, its plausible range, and what
// it means. Screening expressions may name only these fields. docs/patient-record.md
// is generated from this table's content.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/error.h"

namespace il2t::eligibility {

enum class FieldKind {
  quantity,  // a number in a unit (age, creatinine, ALT)
  flag,      // yes / no
  result,    // a test result: positive / negative
  choice,    // one of a fixed list (sex)
  event,     // a dated history item: the last date, or "never"
  list,      // several symbols (allergies)
  text,      // free text, never used by expressions (the patient id)
};

struct UnitFactor {
  std::string_view unit;  // as written in a record, case-sensitive after normalisation
  double to_canonical;    // multiply a value in `unit` by this to get the canonical unit
};

struct FieldSpec {
  std::string_view name;
  FieldKind kind;
  std::string_view canonical_unit;       // quantity only; "" for a pure number
  std::span<const UnitFactor> units;     // accepted units (the canonical one first)
  bool unit_required = false;            // a bare number is an error
  double min = 0, max = 0;               // plausible range in the canonical unit
  std::span<const std::string_view> choices;  // choice and list kinds
  std::string_view meaning;
};

const FieldSpec* find_field(std::string_view name);
std::span<const FieldSpec> all_fields();

// Converts "88 µmol/L", "1.0 mg/dL" or a bare number to the field's canonical unit.
// Errors name the field and what is wrong.
struct Converted {
  std::optional<double> value;
  Error error;
};
Converted to_canonical(const FieldSpec& f, double number, std::string_view unit);

}  // namespace il2t::eligibility
