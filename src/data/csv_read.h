#pragma once
// Reading CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF), keeping the
// line each record starts on so errors can name it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace il2t::data {

struct CsvRow {
  int line = 0;  // 1-based line where the row starts
  std::vector<std::string> fields;
};

struct CsvTable {
  std::vector<CsvRow> rows;  // the header is rows[0]
  Error error;  // an unterminated quote, with its line (pos; no file)
};

CsvTable read_csv(std::string_view text);

// `text` without a leading UTF-8 byte-order mark (spreadsheet exports often carry one).
std::string_view without_bom(std::string_view text);

// The whole of `s` as a finite number ("1.5", "-2e3"); nullopt for anything else.
std::optional<double> finite_number(std::string_view s);

// The data rows of a CSV file with a fixed header: blank lines skipped, each row
// checked to have the header's number of fields. `error` names the file and line of
// the first problem (the header not `header`, quoted with the comma-joined names).
std::vector<CsvRow> rows_under_header(std::string_view text, const std::string& file,
                                      const std::vector<std::string>& header, Error& error);

}  // namespace il2t::data
