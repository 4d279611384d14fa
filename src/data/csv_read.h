#pragma once
// Reading CSV (RFC 4180: quoted fields, doubled quotes, CRLF or LF), keeping the
// line each record starts on so errors can name it.
#include <string>
#include <string_view>
#include <vector>

namespace il2t::data {

struct CsvRow {
  int line = 0;  // 1-based line where the row starts
  std::vector<std::string> fields;
};

struct CsvTable {
  std::vector<CsvRow> rows;  // the header is rows[0]
  std::string error;         // an unterminated quote, with its line
};

CsvTable read_csv(std::string_view text);

// `text` without a leading UTF-8 byte-order mark (spreadsheet exports often carry one).
std::string_view without_bom(std::string_view text);

}  // namespace il2t::data
