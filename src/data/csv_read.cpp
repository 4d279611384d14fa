#include "data/csv_read.h"

#include <charconv>
#include <cmath>

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
  if (quoted) t.error = Error{.message = "a quoted field is not closed", .pos = {quote_line, 0}};
  if (any || !field.empty()) end_row();
  return t;
}

std::optional<double> finite_number(std::string_view s) {
  double v = 0;
  const char* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, v);
  if (ec != std::errc() || p != end || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::vector<CsvRow> rows_under_header(std::string_view text, const std::string& file,
                                      const std::vector<std::string>& header, Error& error) {
  error = Error{};
  std::vector<CsvRow> out;
  const CsvTable t = read_csv(without_bom(text));
  if (!t.error.empty()) {
    error = t.error;
    error.file = file;
    return out;
  }
  if (t.rows.empty() || t.rows[0].fields != header) {
    std::string names;
    for (const std::string& h : header) names += (names.empty() ? "" : ",") + h;
    error = Error{.message = "the header must be " + names, .file = file, .pos = {1, 0}};
    return out;
  }
  for (std::size_t i = 1; i < t.rows.size(); ++i) {
    const CsvRow& row = t.rows[i];
    if (row.fields.size() == 1 && row.fields[0].empty()) continue;
    if (row.fields.size() != header.size()) {
      error = Error{.message = std::to_string(row.fields.size()) + " fields, expected " + std::to_string(header.size()),
                    .file = file,
                    .pos = {row.line, 0}};
      out.clear();
      return out;
    }
    out.push_back(row);
  }
  return out;
}

}  // namespace il2t::data
