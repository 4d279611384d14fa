#pragma once
// Building patient records for tests from (field, cell text) pairs, read as the CSV
// reader reads cells, with derived fields filled.
#include <gtest/gtest.h>

#include <initializer_list>
#include <utility>

#include "data/patient_reader.h"
#include "eligibility/record.h"

namespace il2t::test {

inline eligibility::PatientRecord make_record(std::initializer_list<std::pair<const char*, const char*>> cells,
                                              std::int32_t as_of) {
  eligibility::PatientRecord r;
  for (auto [field, text] : cells) {
    const eligibility::FieldSpec* f = eligibility::find_field(field);
    EXPECT_NE(f, nullptr) << field;
    if (f) {
      EXPECT_EQ(data::parse_cell(*f, text, as_of, r.at(field)), "") << field << " = " << text;
    }
  }
  eligibility::derive(r);
  return r;
}

}  // namespace il2t::test
