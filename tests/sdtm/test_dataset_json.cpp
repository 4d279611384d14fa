// CDISC Dataset-JSON 1.1 (src/sdtm/dataset_json.h): a written document is valid 1.1
// (attributes in the specification's order, numbers as numbers, missing as null) and
// reads back cell for cell; every dataType and the versions read; and each refusal —
// version, row width, value type, records, required attributes, duplicates, size,
// depth, not JSON — is an Error naming the file, the row and the variable.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sdtm/dataset_json.h"

namespace il2t::sdtm {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr const char* kFile = "dm.json";

Dataset sample() {
  Dataset d("DM", "");
  d.add_column("USUBJID", VarType::text, "Unique Subject Identifier", 14);
  d.add_column("AGE", VarType::number, "Age");
  d.add_column("WEIGHT", VarType::number, "");
  d.add_column("ARM", VarType::text, "Description of Planned Arm");  // no declared length
  d.add_column("COVAL", VarType::text, "Comment \"quoted\"", 40);
  const std::vector<std::vector<std::string>> text = {
      {"IL2-SLE-01-001", "Low-dose IL-2", "line\nbreak, tab\t, back\\slash"},
      {"IL2-SLE-01-002", "", "\xc3\xbc" "ber"},
      {"IL2-SLE-01-003", "Placebo", ""},
  };
  const std::vector<std::vector<double>> numbers = {{34, 72.5}, {kNaN, 1.0 / 3.0}, {1e6, -1e-300}};
  for (std::size_t r = 0; r < text.size(); ++r) {
    d.begin_row();
    d.set_text(0, text[r][0]);
    d.set_number(1, numbers[r][0]);
    d.set_number(2, numbers[r][1]);
    d.set_text(3, text[r][1]);
    d.set_text(4, text[r][2]);
  }
  d.finish();
  return d;
}

// A document with the required attributes, and `columns` and `rows` as given.
std::string document(const std::string& columns, const std::string& rows, int records,
                     const std::string& version = "\"1.1.0\"") {
  return R"({"datasetJSONCreationDateTime": "2024-06-01T10:00:00", "datasetJSONVersion": )" + version +
         R"(, "itemGroupOID": "IG.DM", "records": )" + std::to_string(records) +
         R"(, "name": "DM", "label": "Demographics", "columns": )" + columns + R"(, "rows": )" + rows + "}";
}

const std::string kColumns = R"([
  {"itemOID": "IT.DM.USUBJID", "name": "USUBJID", "label": "Unique Subject Identifier", "dataType": "string", "length": 8},
  {"itemOID": "IT.DM.AGE", "name": "AGE", "label": "Age", "dataType": "integer"},
  {"itemOID": "IT.DM.AGEU", "name": "AGEU", "label": "Age Units", "dataType": "string", "length": 5}])";

Error read_error(const std::string& text, const ReadLimits& limits = {}) {
  const Expected<Dataset> d = read_dataset_json(text, kFile, limits);
  EXPECT_FALSE(d.ok());
  return d.ok() ? Error{} : d.error();
}

TEST(DatasetJson, WrittenDocumentReadsBackCellForCell) {
  const Dataset d = sample();
  const std::string text = write_dataset_json(d, "2024-06-01T10:00:00");
  const Expected<Dataset> back = read_dataset_json(text, kFile);
  ASSERT_TRUE(back.ok()) << back.error().text();
  EXPECT_EQ(back->name(), "DM");
  EXPECT_EQ(back->file(), kFile);
  ASSERT_EQ(back->width(), d.width());
  ASSERT_EQ(back->rows(), d.rows());
  for (std::size_t c = 0; c < d.width(); ++c) {
    const Column& x = d.column(c);
    const Column& y = back->column(c);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.type, y.type) << x.name;
    EXPECT_EQ(x.label, y.label) << x.name;
    for (std::size_t r = 0; r < d.rows(); ++r) {
      if (x.type == VarType::text) EXPECT_EQ(d.text_view(c, r), back->text_view(c, r)) << x.name;
      else if (std::isnan(x.numbers[r])) EXPECT_TRUE(std::isnan(y.numbers[r])) << x.name;
      else EXPECT_EQ(x.numbers[r], y.numbers[r]) << x.name << " row " << r + 1;  // exactly
    }
  }
  EXPECT_EQ(back->column(0).length, 14);
  EXPECT_EQ(back->column(3).length, 13);  // the longest value, "Low-dose IL-2"
  EXPECT_EQ(back->column(4).length, 40);
  EXPECT_EQ(back->where(1), std::string(kFile) + ", record 2");
}

TEST(DatasetJson, WrittenDocumentIsVersion11InTheSpecificationsOrder) {
  const std::string text = write_dataset_json(sample(), "2024-06-01T10:00:00");
  const auto j = nlohmann::ordered_json::parse(text);
  std::vector<std::string> keys;
  for (const auto& [key, value] : j.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"datasetJSONCreationDateTime", "datasetJSONVersion", "itemGroupOID",
                                            "records", "name", "label", "columns", "rows"}));
  EXPECT_EQ(j["datasetJSONCreationDateTime"], "2024-06-01T10:00:00");
  EXPECT_EQ(j["datasetJSONVersion"], "1.1.0");
  EXPECT_EQ(j["itemGroupOID"], "IG.DM");
  EXPECT_EQ(j["records"], 3);
  EXPECT_EQ(j["columns"][0].dump(),
            R"({"itemOID":"IT.DM.USUBJID","name":"USUBJID","label":"Unique Subject Identifier","dataType":"string","length":14})");
  EXPECT_EQ(j["columns"][1]["dataType"], "integer");  // 34, missing, 1e6: whole numbers
  EXPECT_EQ(j["columns"][2]["dataType"], "double");
  EXPECT_FALSE(j["columns"][1].contains("length"));
  EXPECT_TRUE(j["rows"][1][1].is_null());
  EXPECT_TRUE(j["rows"][2][1].is_number_integer());
  EXPECT_EQ(j["rows"][2][1], 1000000);
  EXPECT_EQ(j["rows"][1][3], "");
  EXPECT_NE(text.find("\n[\"IL2-SLE-01-002\",null,0.3333333333333333,\"\",\"\xc3\xbc" "ber\"],\n"),
            std::string::npos)
      << text;
}

TEST(DatasetJson, NonFiniteNumbersAndBrokenUtf8AreWrittenAsValidJson) {
  Dataset d("LB", "");
  d.add_column("LBSTRESN", VarType::number);
  d.add_column("LBORRES", VarType::text);
  d.begin_row();
  d.set_number(0, std::numeric_limits<double>::infinity());
  d.set_text(1, "caf\xe9");  // Latin-1, not UTF-8
  d.finish();
  const std::string text = write_dataset_json(d, "2024-06-01T10:00:00");
  const Expected<Dataset> back = read_dataset_json(text, kFile);
  ASSERT_TRUE(back.ok()) << back.error().text() << "\n" << text;
  EXPECT_TRUE(back->missing(0, 0));
  EXPECT_EQ(back->text(1, 0), "caf\xef\xbf\xbd");  // U+FFFD
}

TEST(DatasetJson, ReadsEveryDataType) {
  const std::string columns = R"([
    {"itemOID": "IT.ADSL.USUBJID", "name": "usubjid", "label": "Unique Subject Identifier", "dataType": "string", "length": 11, "keySequence": 1},
    {"itemOID": "IT.ADSL.AGE", "name": "AGE", "label": "Age", "dataType": "integer"},
    {"itemOID": "IT.ADSL.BMIBL", "name": "BMIBL", "label": "Baseline BMI", "dataType": "decimal", "targetDataType": "decimal", "length": 16},
    {"itemOID": "IT.ADSL.HEIGHT", "name": "HEIGHT", "label": "Height", "dataType": "float"},
    {"itemOID": "IT.ADSL.WEIGHT", "name": "WEIGHT", "label": "Weight", "dataType": "double"},
    {"itemOID": "IT.ADSL.SAFFL", "name": "SAFB", "label": "Safety", "dataType": "boolean"},
    {"itemOID": "IT.ADSL.TRTSDT", "name": "TRTSDT", "label": "Start", "dataType": "date", "targetDataType": "integer", "displayFormat": "E8601DA."},
    {"itemOID": "IT.ADSL.TRTSDTM", "name": "TRTSDTM", "label": "Start time", "dataType": "datetime"},
    {"itemOID": "IT.ADSL.TRTSTM", "name": "TRTSTM", "label": "Start clock", "dataType": "time"},
    {"itemOID": "IT.ADSL.REF", "name": "REF", "label": "Reference", "dataType": "URI"}])";
  const std::string rows = R"([
    ["01-701-1015", 63, "30.8983333232059", 147.3, 54.4, true, "2014-01-02", "2014-01-02T10:00", "10:00", "https://x.org/a"],
    ["01-701-1023", null, "-1234.5e0", null, 80, false, "", null, "", ""],
    ["01-701-1028", 71.0, 26.5, 1e2, -0.25, null, null, "", null, null]])";
  const Expected<Dataset> d = read_dataset_json(document(columns, rows, 3), "adsl.json");
  ASSERT_TRUE(d.ok()) << d.error().text();
  EXPECT_EQ(d->column(0).name, "USUBJID");
  EXPECT_EQ(d->column(0).length, 11);
  const std::vector<VarType> types = {VarType::text,   VarType::number, VarType::number, VarType::number, VarType::number,
                                      VarType::number, VarType::text,   VarType::text,   VarType::text,   VarType::text};
  for (std::size_t c = 0; c < types.size(); ++c) EXPECT_EQ(d->column(c).type, types[c]) << d->column(c).name;
  EXPECT_EQ(d->column(2).length, 0);  // a number has no length here
  const std::vector<std::vector<std::string>> cells = {
      {"01-701-1015", "63", "30.8983333232059", "147.3", "54.4", "1", "2014-01-02", "2014-01-02T10:00", "10:00",
       "https://x.org/a"},
      {"01-701-1023", "", "-1234.5", "", "80", "0", "", "", "", ""},
      {"01-701-1028", "71", "26.5", "100", "-0.25", "", "", "", "", ""},
  };
  ASSERT_EQ(d->rows(), cells.size());
  for (std::size_t r = 0; r < cells.size(); ++r)
    for (std::size_t c = 0; c < types.size(); ++c) EXPECT_EQ(d->text(c, r), cells[r][c]) << d->column(c).name;
}

TEST(DatasetJson, ReadsColumnsThatComeAfterTheRows) {
  const std::string text = R"({"rows": [["S-1", 40, "YEARS"], ["S-2", null, ""]], "columns": )" + kColumns +
                           R"(, "records": 2, "name": "dm", "label": "", "itemGroupOID": "IG.DM",
      "datasetJSONVersion": "1.1", "datasetJSONCreationDateTime": "2024-06-01T10:00:00"})";
  const Expected<Dataset> d = read_dataset_json(text, kFile);
  ASSERT_TRUE(d.ok()) << d.error().text();
  EXPECT_EQ(d->name(), "DM");
  ASSERT_EQ(d->rows(), 2u);
  EXPECT_EQ(d->text(0, 1), "S-2");
  EXPECT_EQ(d->number(1, 0), 40.0);
  EXPECT_TRUE(d->missing(1, 1));
}

TEST(DatasetJson, ReadsOnlyVersion11) {
  for (const char* v : {"\"1.1\"", "\"1.1.0\"", "\"1.1.12\""}) {
    const Expected<Dataset> d = read_dataset_json(document(kColumns, "[]", 0, v), kFile);
    EXPECT_TRUE(d.ok()) << v << ": " << d.error().text();
  }
  for (const char* v : {"\"1.0.0\"", "\"1.2\"", "\"1.10\"", "\"1.1.01\"", "\"1.1.\"", "1.1", "null"}) {
    const Error e = read_error(document(kColumns, "[]", 0, v));
    EXPECT_EQ(e.field, "datasetJSONVersion") << v;
    EXPECT_NE(e.message.find("is not 1.1 or 1.1.x"), std::string::npos) << v << ": " << e.message;
  }
}

TEST(DatasetJson, WrongRowWidthNamesTheRowAndTheVariable) {
  Error e = read_error(document(kColumns, R"([["S-1", 40, "YEARS"], ["S-2", 41]])", 2));
  EXPECT_EQ(e.text(), "dm.json: row 2: 2 values for 3 columns (AGEU and after have no value)");
  EXPECT_EQ(e.field, "AGEU");
  e = read_error(document(kColumns, R"([["S-1", 40, "YEARS", "extra"]])", 1));
  EXPECT_EQ(e.text(), "dm.json: row 1: 4 values for 3 columns (a value after the last column, AGEU)");
  e = read_error(document(kColumns, R"([["S-1", 40, "YEARS"], {"USUBJID": "S-2"}])", 2));
  EXPECT_NE(e.message.find("row 2: expected an array of values, found an object"), std::string::npos) << e.message;
}

TEST(DatasetJson, WrongValueTypeNamesTheRowAndTheVariable) {
  struct Case {
    const char* rows;
    const char* says;
  };
  const std::vector<Case> cases = {
      {R"([["S-1", 40, "YEARS"], ["S-2", "41", "YEARS"]])",
       R"(row 2, AGE: expected a whole number or null, found a string ("41"))"},
      {R"([["S-1", 40.5, "YEARS"]])", "row 1, AGE: expected a whole number or null, found a number (40.5)"},
      {R"([["S-1", 40, 3]])", "row 1, AGEU: expected a string or null, found a number (3)"},
      {R"([[true, 40, "YEARS"]])", "row 1, USUBJID: expected a string or null, found a boolean (true)"},
      {R"([["S-1", [40], "YEARS"]])", "row 1, AGE: expected a whole number or null, found an array ([40])"},
  };
  for (const Case& k : cases) {
    const Error e = read_error(document(kColumns, k.rows, 2));
    EXPECT_EQ(e.message, k.says);
    EXPECT_EQ(e.file, kFile);
  }
}

// A decimal given as a string is read only when it is a plain number: "189,4" (a decimal
// comma) or "1,234.5" (a thousands separator) is refused, not read as 1894 or 1234.5.
TEST(DatasetJson, DecimalStringsMustBePlainNumbers) {
  const std::string columns = R"([
    {"itemOID": "IT.VS.USUBJID", "name": "USUBJID", "label": "", "dataType": "string"},
    {"itemOID": "IT.VS.VSSTRESN", "name": "VSSTRESN", "label": "", "dataType": "decimal"}])";
  auto rows = [](const std::string& value) {
    return R"([["S-1", "72.5"], ["S-2", )" + nlohmann::json(value).dump() + "]]";
  };
  const std::vector<std::pair<std::string, double>> good = {
      {"189.4", 189.4}, {"-0.25", -0.25}, {"+3", 3}, {".5", 0.5}, {"5.", 5}, {"1.5e3", 1500}, {"2E-2", 0.02},
      {"007", 7}};
  for (const auto& [text, value] : good) {
    const Expected<Dataset> d = read_dataset_json(document(columns, rows(text), 2), "vs.json");
    ASSERT_TRUE(d.ok()) << text << ": " << d.error().text();
    EXPECT_EQ(d->number(1, 1), value) << text;
  }
  for (const char* text : {"189,4", "1,234.5", " 1.5", "1.5 ", "1 000", "NaN", "nan", "inf", "-Infinity", "0x1A",
                           "0x1p3", "", ".", "-", "1e", "1e+", "e5", "1.2.3", "1..2", "+-1", "12abc", "1_000"}) {
    const Error e = read_error(document(columns, rows(text), 2));
    EXPECT_EQ(e.text(), "dm.json: row 2, VSSTRESN: a string (" + nlohmann::json(text).dump() +
                            ") is not a plain decimal number (digits with an optional sign, decimal point and "
                            "exponent; no commas, spaces, NaN or infinity)")
        << text;
    EXPECT_EQ(e.field, "VSSTRESN");
  }
  const Error huge = read_error(document(columns, rows("1e400"), 2));
  EXPECT_EQ(huge.message, R"(row 2, VSSTRESN: a string ("1e400") is beyond the range of a double)");
}

TEST(DatasetJson, RecordsMustCountTheRows) {
  Error e = read_error(document(kColumns, R"([["S-1", 40, "YEARS"]])", 2));
  EXPECT_EQ(e.text(), "dm.json: records is 2, but rows holds 1");
  EXPECT_EQ(e.field, "records");
  // No rows at all: metadata only, with records 0.
  const std::string no_rows = R"({"datasetJSONCreationDateTime": "2024-06-01T10:00:00", "datasetJSONVersion": "1.1.0",
    "itemGroupOID": "IG.DM", "records": 0, "name": "DM", "label": "", "columns": )" + kColumns + "}";
  const Expected<Dataset> d = read_dataset_json(no_rows, kFile);
  ASSERT_TRUE(d.ok()) << d.error().text();
  EXPECT_EQ(d->rows(), 0u);
  EXPECT_EQ(d->width(), 3u);
}

TEST(DatasetJson, RequiredAttributesAndColumnsAreChecked) {
  nlohmann::json good = nlohmann::json::parse(document(kColumns, "[]", 0));
  for (const char* key : {"datasetJSONCreationDateTime", "datasetJSONVersion", "itemGroupOID", "records", "name",
                          "label", "columns"}) {
    nlohmann::json j = good;
    j.erase(key);
    const Error e = read_error(j.dump());
    EXPECT_EQ(e.message, std::string(key) + ": required, missing");
  }
  struct Case {
    const char* columns;
    const char* says;
  };
  const std::vector<Case> cases = {
      {R"([{"itemOID": "IT.A", "name": "A", "label": "", "dataType": "text"}])",
       "columns[0] (A): dataType must be one of string, integer"},
      {R"([{"itemOID": "IT.A", "name": "A", "dataType": "string"}])", "columns[0] (A): the required label"},
      {R"([{"name": "A", "label": "", "dataType": "string"}])", "columns[0] (A): the required itemOID"},
      {R"([{"itemOID": "IT.A", "label": "", "dataType": "string"}])", "columns[0]: the required name"},
      {R"([{"itemOID": "IT.A", "name": "A", "label": "", "dataType": "string", "length": 0}])",
       "columns[0] (A): length must be a whole number from 1"},
      {R"([{"itemOID": "IT.A", "name": "A", "label": "", "dataType": "string"},
          {"itemOID": "IT.B", "name": "a", "label": "", "dataType": "integer"}])",
       "columns[1] (A): a second column of this name"},
      {R"({"A": 1})", "columns: expected an array"},
  };
  for (const Case& k : cases) {
    const Error e = read_error(document(k.columns, "[]", 0));
    EXPECT_EQ(e.message.rfind(k.says, 0), 0u) << e.message;
  }
  const Error twice = read_error(R"({"name": "DM", "name": "AE"})");
  EXPECT_EQ(twice.message, "name: given twice");
  EXPECT_EQ(read_error("[1, 2]").message, "expected a Dataset-JSON object at the top level, found an array ([1,2])");
}

TEST(DatasetJson, OverDeepNestingIsRefusedFast) {
  const std::string deep(100000, '[');
  const auto start = std::chrono::steady_clock::now();
  const Error e = read_error(deep);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(e.text(), "dm.json:1:65: arrays and objects nested deeper than 64 (ReadLimits::max_depth): refused");
  EXPECT_LT(took, std::chrono::seconds(1));
  // Brackets inside strings are text, not nesting.
  const std::string label = std::string(1000, '[') + "\\\"" + std::string(1000, '{');
  const std::string columns = R"([{"itemOID": "IT.A", "name": "A", "label": ")" + label + R"(", "dataType": "string"}])";
  const Expected<Dataset> d = read_dataset_json(document(columns, "[]", 0), kFile);
  ASSERT_TRUE(d.ok()) << d.error().text();
  EXPECT_EQ(d->column(0).label.size(), 2001u);
  // A lower limit refuses the ordinary three levels of a Dataset-JSON document.
  const Error shallow = read_error(document(kColumns, "[]", 0), ReadLimits{.max_depth = 2});
  EXPECT_NE(shallow.message.find("nested deeper than 2"), std::string::npos);
}

TEST(DatasetJson, SizeAndRowLimitsAreErrors) {
  const std::string text = document(kColumns, R"([["S-1", 40, "YEARS"], ["S-2", 41, "YEARS"]])", 2);
  Error e = read_error(text, ReadLimits{.max_bytes = 100});
  EXPECT_NE(e.message.find("more than the 100 read (ReadLimits::max_bytes)"), std::string::npos) << e.message;
  e = read_error(text, ReadLimits{.max_rows = 1});
  EXPECT_NE(e.message.find("more than 1 rows"), std::string::npos) << e.message;
  EXPECT_TRUE(read_dataset_json(text, kFile, ReadLimits{.max_rows = 2}).ok());
  e = read_error(text, ReadLimits{.max_columns = 2});
  EXPECT_EQ(e.text(), "dm.json: columns: 3 columns, more than the 2 read (ReadLimits::max_columns)");
  EXPECT_EQ(e.field, "columns");
  EXPECT_TRUE(read_dataset_json(text, kFile, ReadLimits{.max_columns = 3}).ok());
}

TEST(DatasetJson, NotJsonIsAnErrorWithItsLine) {
  Error e = read_error("{\"name\": \"DM\",\n  \"records\": 3,,\n}");
  EXPECT_EQ(e.file, kFile);
  EXPECT_EQ(e.pos.line, 2);
  EXPECT_EQ(e.message.rfind("not valid JSON: syntax error", 0), 0u) << e.message;
  e = read_error("{\"name\": \"D\xff\"}");  // not UTF-8
  EXPECT_EQ(e.message.rfind("not valid JSON", 0), 0u) << e.message;
  e = read_error("");
  EXPECT_EQ(e.message.rfind("not valid JSON", 0), 0u) << e.message;
}

// Every prefix of a good document is an Error naming the file; none crashes.
TEST(DatasetJson, EveryTruncationIsAnError) {
  const std::string text = write_dataset_json(sample(), "2024-06-01T10:00:00");
  const std::size_t end = text.find_last_of('}');
  for (std::size_t size = 0; size < end; ++size) {
    const Expected<Dataset> d = read_dataset_json(std::string_view(text).substr(0, size), kFile);
    ASSERT_FALSE(d.ok()) << size;
    EXPECT_EQ(d.error().file, kFile);
  }
}

}  // namespace
}  // namespace il2t::sdtm
