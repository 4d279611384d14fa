#pragma once
// One SDTM or ADaM dataset (a domain such as DM, QS or ADSL) as read from, or to be
// written to, CSV, SAS transport (XPT) or CDISC Dataset-JSON: named variables, each a
// column of text or of numbers, and where each row came from (its line in a CSV file,
// its record number otherwise) so that messages can name it.
//
// Columns are stored by column. A text column keeps each distinct value once and a
// code per row, since SDTM repeats the same few values (STUDYID, VISIT, --TESTCD,
// units) over millions of rows; a numeric column keeps doubles, NaN where missing.
// A text column can still be read as numbers (CSV has no types): each distinct value
// is parsed once.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace il2t::sdtm {

// A hash of strings that looks up a string_view without making a string.
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

enum class VarType : std::uint8_t { text, number };

struct Column {
  std::string name;   // upper case, as SDTM spells it: "USUBJID", "QSSTRESN"
  std::string label;  // may be empty
  VarType type = VarType::text;
  int length = 0;     // a text column's declared length in bytes (XPT, Dataset-JSON); 0 unknown
  std::vector<double> numbers;        // number: one per row, NaN when missing
  std::vector<std::uint32_t> codes;   // text: one per row, an index into `values`
  std::vector<std::string> values;    // text: the distinct values; values[0] is ""

  std::size_t rows() const { return type == VarType::text ? codes.size() : numbers.size(); }
};

class Dataset {
 public:
  Dataset() = default;
  Dataset(std::string name, std::string file) : name_(std::move(name)), file_(std::move(file)) {}

  const std::string& name() const { return name_; }  // "DM"; upper case
  const std::string& file() const { return file_; }  // for messages; may be empty
  void set_file(std::string f) { file_ = std::move(f); }
  void set_name(std::string n) { name_ = std::move(n); }

  std::size_t rows() const { return rows_; }
  std::size_t width() const { return columns_.size(); }
  const std::vector<Column>& columns() const { return columns_; }
  const Column& column(std::size_t c) const { return columns_[c]; }
  // The index of the variable called `name` (case-insensitive), or nullopt.
  std::optional<std::size_t> find(std::string_view name) const;

  // Where row r came from: its 1-based line in a CSV file, or its 1-based record number.
  std::size_t origin(std::size_t r) const { return origin_.empty() ? r + 1 : origin_[r]; }
  // "file.csv, line 12" or "dm.xpt, record 12", for messages.
  std::string where(std::size_t r) const;
  bool by_line() const { return by_line_; }

  // A cell as text: a text column's value, or a number written shortest-round-trip
  // ("" when missing).
  std::string text(std::size_t c, std::size_t r) const;
  // A text column's value without a copy; "" for a numeric column.
  std::string_view text_view(std::size_t c, std::size_t r) const;
  // A cell as a number: a numeric column's value, or a text column's value parsed as a
  // finite decimal number (each distinct value parsed once, by finish()); nullopt when
  // missing or not a number (missing() tells the two apart).
  std::optional<double> number(std::size_t c, std::size_t r) const;
  // True when the cell is missing: an empty text, or a NaN number.
  bool missing(std::size_t c, std::size_t r) const;

  // Building. Add every column first, then rows cell by cell, each row from column 0
  // to the last, then finish().
  std::size_t add_column(std::string name, VarType type, std::string label = {}, int length = 0);
  void begin_row(std::size_t origin = 0);  // origin 0: the record number
  void set_text(std::size_t c, std::string_view value);
  void set_number(std::size_t c, double value);  // NaN: missing
  void set_by_line(bool v) { by_line_ = v; }
  // Pads every column to the row count (missing cells) and prepares lookups.
  void finish();

 private:
  std::string name_, file_;
  std::vector<Column> columns_;
  std::size_t rows_ = 0;
  std::vector<std::size_t> origin_;
  bool by_line_ = false;
  // Per text column while building: an open-addressing table of code + 1 (0 empty),
  // keyed by the value's hash, so that interning a value seen before allocates nothing.
  struct Index {
    std::vector<std::uint32_t> slots;
    std::size_t used = 0;
  };
  std::vector<Index> index_;
  // Per text column once finished: each value as a number (NaN: not a number).
  std::vector<std::vector<double>> parsed_;
  std::uint32_t intern(std::size_t c, std::string_view value);
};

}  // namespace il2t::sdtm
