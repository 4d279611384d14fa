#include "data/csv_read.h"

namespace il2t::data {

std::string_view without_bom(std::string_view text) {
  return text.substr(0, 3) == "\xEF\xBB\xBF" ? text.substr(3) : text;
}

CsvTable read_csv(std::string_view text) {
  CsvTable t;
  CsvRow row;
  std::string field;
  int line = 1;
  row.line = 1;
  bool quoted = false, any = false;
  int quote_line = 0;
  auto end_field = [&] {
    row.fields.push_back(std::move(field));
    field.clear();
  };
  auto end_row = [&] {
    end_field();
    const bool blank = row.fields.size() == 1 && row.fields[0].find_first_not_of(" \t\r") == std::string::npos;
    if (!blank) t.rows.push_back(std::move(row));
    row = CsvRow{};
    row.line = line;
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty()) {
      quoted = true;
      quote_line = line;
      any = true;
    } else if (c == ',') {
      end_field();
      any = true;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      ++line;
      end_row();
    } else {
      field += c;
      any = true;
    }
  }
  if (quoted) t.error = "line " + std::to_string(quote_line) + ": a quoted field is not closed";
  if (any || !field.empty()) end_row();
  return t;
}

}  // namespace il2t::data
