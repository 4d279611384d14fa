#pragma once
// A CSV file read as named columns, for `il2trial stats`: numeric columns with
// per-cell checks, and grouping columns with their distinct labels. Every problem
// names the file, the row (as the file's line) and the column.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "data/csv_read.h"

namespace il2t::data {

enum class CellRule { any_number, non_negative, zero_or_one };

class Columns {
 public:
  // Fails (error()) when the file is empty or has no data rows.
  static Columns read(std::string_view text, const std::string& name);
  const Error& error() const { return error_; }

  // A column's numbers, each checked by `rule`; or an error naming the file, the line
  // and the column (field).
  Expected<std::vector<double>> numbers(const std::string& column, CellRule rule) const;
  // A column's labels, none empty.
  Expected<std::vector<std::string>> labels(const std::string& column) const;
  std::size_t rows() const { return table_.rows.empty() ? 0 : table_.rows.size() - 1; }

 private:
  std::string name_;
  Error error_;
  CsvTable table_;
  std::map<std::string, std::size_t> index_;
  Expected<std::size_t> find(const std::string& column) const;
  // "file:line: column <column>: why", with the row's line and the column as data.
  Error cell_error(std::size_t row, const std::string& column, const std::string& why) const;
};

}  // namespace il2t::data
