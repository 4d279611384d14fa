#include "data/columns.h"

#include <charconv>
#include <cmath>

namespace il2t::data {

Columns Columns::read(std::string_view text, const std::string& name) {
  Columns c;
  c.name_ = name;
  text = without_bom(text);
  c.table_ = read_csv(text);
  if (!c.table_.error.empty()) {
    c.error_ = c.table_.error;
    c.error_.file = name;
  } else if (c.table_.rows.empty()) {
    c.error_ = Error{.message = "the file is empty", .file = name};
  } else if (c.table_.rows.size() < 2) {
    c.error_ = Error{.message = "the file has a header but no data rows", .file = name};
  }
  if (!c.error_.empty()) return c;
  const auto& h = c.table_.rows[0].fields;
  for (std::size_t k = 0; k < h.size(); ++k) c.index_.emplace(h[k], k);
  for (std::size_t r = 1; r < c.table_.rows.size(); ++r) {
    if (c.table_.rows[r].fields.size() != h.size()) {
      c.error_ = Error{.message = std::to_string(c.table_.rows[r].fields.size()) + " fields, the header has " +
                                  std::to_string(h.size()),
                       .file = name,
                       .pos = {c.table_.rows[r].line, 0}};
      return c;
    }
  }
  return c;
}

Expected<std::size_t> Columns::find(const std::string& column) const {
  const auto it = index_.find(column);
  if (it == index_.end()) {
    std::string known;
    for (const auto& [k, v] : index_) known += (known.empty() ? "" : ", ") + k;
    return Error{.message = "no column \"" + column + "\" (columns: " + known + ")", .file = name_, .field = column};
  }
  return it->second;
}

Error Columns::cell_error(std::size_t row, const std::string& column, const std::string& why) const {
  return Error{.message = "column " + column + ": " + why, .file = name_, .pos = {table_.rows[row].line, 0}, .field = column};
}

Expected<std::vector<double>> Columns::numbers(const std::string& column, CellRule rule) const {
  const auto k = find(column);
  if (!k) return k.error();
  std::vector<double> out;
  for (std::size_t r = 1; r < table_.rows.size(); ++r) {
    const std::string& s = table_.rows[r].fields[*k];
    double v = 0;
    const auto res = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || res.ec != std::errc() || res.ptr != s.data() + s.size() || !std::isfinite(v))
      return cell_error(r, column, "\"" + s + "\" is not a number");
    if (rule == CellRule::non_negative && v < 0) return cell_error(r, column, s + " is negative");
    if (rule == CellRule::zero_or_one && v != 0 && v != 1) return cell_error(r, column, s + " is not 0 or 1");
    out.push_back(v);
  }
  return out;
}

Expected<std::vector<std::string>> Columns::labels(const std::string& column) const {
  const auto k = find(column);
  if (!k) return k.error();
  std::vector<std::string> out;
  for (std::size_t r = 1; r < table_.rows.size(); ++r) {
    const std::string& s = table_.rows[r].fields[*k];
    if (s.empty()) return cell_error(r, column, "empty");
    out.push_back(s);
  }
  return out;
}

}  // namespace il2t::data
