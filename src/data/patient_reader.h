#pragma once
// Reading candidates' records: CSV (one row a patient) or JSON (one object, or an
// array of them), with the fields of docs/patient-record.md. Every cell is checked
// (unit, range, date not in the future); a row with an error is reported with file,
// line, row and field, and left out, while the valid rows are kept.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "eligibility/record.h"
#include "core/diagnostic.h"

namespace il2t::data {

struct PatientInput {
  std::vector<eligibility::PatientRecord> records;  // valid rows only, derived fields filled
  Diagnostics diagnostics;
  int rows_read = 0;
};

// `as_of`: the screening date (days since 1970-01-01); later dates are errors.
PatientInput read_patients_csv(std::string_view text, const std::string& name, std::int32_t as_of);
PatientInput read_patients_json(std::string_view text, const std::string& name, std::int32_t as_of);
PatientInput read_patients_file(const std::string& path, std::int32_t as_of);  // by extension

// One cell, by the field's kind: "88 µmol/L", "yes", "positive", "2026-03-01", "never".
// Returns an empty string when it is valid, else what is wrong with it.
std::string parse_cell(const eligibility::FieldSpec& f, std::string_view text, std::int32_t as_of,
                       eligibility::Cell& out);

}  // namespace il2t::data
