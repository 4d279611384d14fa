// Reading candidates' records: malformed input is reported with file, line, row and
// field, the row is left out, and the valid rows are kept.
#include <gtest/gtest.h>

#include "data/patient_reader.h"
#include "schedule/date.h"

namespace il2t::data {
namespace {

const std::int32_t kAsOf =
    static_cast<std::int32_t>(schedule::Date::parse("2026-11-22")->days().time_since_epoch().count());

std::vector<std::string> messages(const PatientInput& in) {
  std::vector<std::string> out;
  for (const auto& d : in.diagnostics.items()) out.push_back(format(d));
  return out;
}

TEST(PatientReader, ReportsEachBadCellAndKeepsTheValidRows) {
  const char* csv =
      "patient_id,age,weight,alt,alt_uln,rituximab,sex,hiv,colour\n"
      "P1,30,60,40 U/L,40 U/L,never,female,negative,blue\n"
      "P2,-3,0,-5 U/L,40 U/L,2027-01-01,woman,maybe,red\n"
      "P3,41,,,,,,,\n"
      "P4,50,70 kg,88,40 U/L,2026-01-01,male,positive,\n";
  const PatientInput in = read_patients_csv(csv, "c.csv", kAsOf);
  EXPECT_EQ(in.rows_read, 4);
  ASSERT_EQ(in.records.size(), 2u);  // P1 and P3 are valid; P2 and P4 are not
  EXPECT_EQ(in.records[0].id, "P1");
  EXPECT_EQ(in.records[1].id, "P3");
  EXPECT_EQ(messages(in),
            (std::vector<std::string>{
                "c.csv:1: error: column 9 \"colour\": unknown field, ignored (docs/patient-fields.md)",
                "c.csv:3: error: row 2 (P2), age: -3 years is impossible (plausible 0–120 years)",
                "c.csv:3: error: row 2 (P2), weight: 0 kg is impossible (plausible 1–300 kg)",
                "c.csv:3: error: row 2 (P2), alt: -5 U/L is impossible (plausible 0–20000 U/L)",
                "c.csv:3: error: row 2 (P2), rituximab: 2027-01-01 is in the future (after the screening date)",
                "c.csv:3: error: row 2 (P2), sex: \"woman\" is not one of: female, male",
                "c.csv:3: error: row 2 (P2), hiv: \"maybe\" is not positive or negative",
                "c.csv:5: error: row 4 (P4), alt: \"88\": a unit is needed (U/L, IU/L)",
            }));
}

TEST(PatientReader, ConvertsUnits) {
  const PatientInput in = read_patients_csv(
      "patient_id,creatinine,weight,height,igg\nP1,1.0 mg/dL,154 lb,1.62 m,1200 mg/dL\n", "u.csv", kAsOf);
  ASSERT_EQ(in.records.size(), 1u) << format(in.diagnostics.items().front());
  const auto& r = in.records[0];
  EXPECT_DOUBLE_EQ(r.at("creatinine").number, 88.42);
  EXPECT_NEAR(r.at("weight").number, 69.85322498, 1e-8);
  EXPECT_DOUBLE_EQ(r.at("height").number, 162.0);
  EXPECT_DOUBLE_EQ(r.at("igg").number, 12.0);
}

TEST(PatientReader, JsonOneOrMany) {
  const PatientInput one = read_patients_json(
      R"({"patient_id": "J1", "age": 30, "sex": "female", "pregnant": false, "allergies": ["il2"], "alt": "50 U/L"})",
      "one.json", kAsOf);
  ASSERT_EQ(one.records.size(), 1u);
  EXPECT_EQ(one.records[0].at("allergies").bits, 1u);
  EXPECT_EQ(one.records[0].at("pregnant").number, 0);
  const PatientInput bad = read_patients_json(R"([{"patient_id": "J2", "weight": 0}, {"patient_id": "J3", "hgt": 1}])",
                                              "many.json", kAsOf);
  // J2 is left out; J3's unknown key is reported and ignored, as a CSV column would be.
  ASSERT_EQ(bad.records.size(), 1u);
  EXPECT_EQ(bad.records[0].id, "J3");
  EXPECT_EQ(messages(bad), (std::vector<std::string>{
                               "many.json: error: patient 1 (J2), weight: 0 kg is impossible (plausible 1–300 kg)",
                               "many.json: error: patient 2 (J3), hgt: unknown field, ignored (docs/patient-fields.md)"}));
}

TEST(PatientReader, ByteOrderMarkDuplicateColumnsAndBadIds) {
  const PatientInput bom = read_patients_csv("\xEF\xBB\xBFpatient_id,age\r\nA,20\r\n", "bom.csv", kAsOf);
  ASSERT_EQ(bom.records.size(), 1u);
  EXPECT_EQ(bom.records[0].id, "A");
  EXPECT_TRUE(messages(bom).empty());
  const PatientInput dup = read_patients_csv("patient_id,age,age\nA,17,40\n", "dup.csv", kAsOf);
  EXPECT_EQ(messages(dup), (std::vector<std::string>{
                               "dup.csv:1: error: column 3 \"age\": the field is also column 2; this one is ignored"}));
  ASSERT_EQ(dup.records.size(), 1u);
  EXPECT_EQ(dup.records[0].at("age").number, 17);
  const PatientInput id = read_patients_json(R"([{"patient_id": 17, "age": 20}, {"patient_id": "B", "age": 30}])",
                                             "id.json", kAsOf);
  EXPECT_EQ(messages(id), (std::vector<std::string>{"id.json: error: patient 1, patient_id: must be text"}));
  ASSERT_EQ(id.records.size(), 1u);
  const PatientInput broken = read_patients_json("[\n{\"age\": 20,,}\n]", "broken.json", kAsOf);
  EXPECT_EQ(messages(broken), (std::vector<std::string>{"broken.json:2: error: not valid JSON (at byte 14)"}));
}

TEST(PatientReader, UnitsMatchWithoutCaseAndGreekMu) {
  const PatientInput in =
      read_patients_csv("patient_id,creatinine,alt\nA,88 \xCE\xBCmol/L,40 u/l\nB,1.0 mg/dl,40 U/L\n", "u.csv", kAsOf);
  ASSERT_EQ(in.records.size(), 2u) << messages(in).front();
  EXPECT_DOUBLE_EQ(in.records[0].at("creatinine").number, 88.0);
  EXPECT_DOUBLE_EQ(in.records[1].at("creatinine").number, 88.42);
}

TEST(PatientReader, EmptyAndRaggedFiles) {
  EXPECT_EQ(messages(read_patients_csv("", "e.csv", kAsOf)),
            (std::vector<std::string>{"e.csv:1: error: the file is empty: a header row naming the fields comes first"}));
  EXPECT_EQ(messages(read_patients_csv("patient_id,age\nP1,30,40\n", "r.csv", kAsOf)),
            (std::vector<std::string>{"r.csv:2: error: row 1: 3 fields, the header has 2"}));
  EXPECT_EQ(messages(read_patients_csv("age\n30\n", "n.csv", kAsOf)),
            (std::vector<std::string>{"n.csv:1: error: the header has no patient_id column"}));
}

}  // namespace
}  // namespace il2t::data
