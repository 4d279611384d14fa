#include "data/columns.h"

#include <charconv>
#include <cmath>

namespace il2t::data {

Columns Columns::read(std::string_view text, const std::string& name) {
  Columns c;
  c.name_ = name;
  text = without_bom(text);
  c.table_ = read_csv(text);
  if (!c.table_.error.empty()) c.error_ = name + ": " + c.table_.error.text();
  else if (c.table_.rows.empty()) c.error_ = name + ": the file is empty";
  else if (c.table_.rows.size() < 2) c.error_ = name + ": the file has a header but no data rows";
  if (!c.error_.empty()) return c;
  const auto& h = c.table_.rows[0].fields;
  for (std::size_t k = 0; k < h.size(); ++k) c.index_.emplace(h[k], k);
  for (std::size_t r = 1; r < c.table_.rows.size(); ++r) {
    if (c.table_.rows[r].fields.size() != h.size()) {
      c.error_ = name + ":" + std::to_string(c.table_.rows[r].line) + ": " + std::to_string(c.table_.rows[r].fields.size()) +
                 " fields, the header has " + std::to_string(h.size());
      return c;
    }
  }
  return c;
}

std::optional<std::size_t> Columns::find(const std::string& column, std::string* why) const {
  const auto it = index_.find(column);
  if (it == index_.end()) {
    std::string known;
    for (const auto& [k, v] : index_) known += (known.empty() ? "" : ", ") + k;
    *why = name_ + ": no column \"" + column + "\" (columns: " + known + ")";
    return std::nullopt;
  }
  return it->second;
}

std::optional<std::vector<double>> Columns::numbers(const std::string& column, CellRule rule, std::string* why) const {
  const auto k = find(column, why);
  if (!k) return std::nullopt;
  std::vector<double> out;
  for (std::size_t r = 1; r < table_.rows.size(); ++r) {
    const std::string& s = table_.rows[r].fields[*k];
    const std::string where = name_ + ":" + std::to_string(table_.rows[r].line) + ": column " + column + ": ";
    double v = 0;
    const auto res = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || res.ec != std::errc() || res.ptr != s.data() + s.size() || !std::isfinite(v)) {
      *why = where + "\"" + s + "\" is not a number";
      return std::nullopt;
    }
    if (rule == CellRule::non_negative && v < 0) {
      *why = where + s + " is negative";
      return std::nullopt;
    }
    if (rule == CellRule::zero_or_one && v != 0 && v != 1) {
      *why = where + s + " is not 0 or 1";
      return std::nullopt;
    }
    out.push_back(v);
  }
  return out;
}

std::optional<std::vector<std::string>> Columns::labels(const std::string& column, std::string* why) const {
  const auto k = find(column, why);
  if (!k) return std::nullopt;
  std::vector<std::string> out;
  for (std::size_t r = 1; r < table_.rows.size(); ++r) {
    const std::string& s = table_.rows[r].fields[*k];
    if (s.empty()) {
      *why = name_ + ":" + std::to_string(table_.rows[r].line) + ": column " + column + ": empty";
      return std::nullopt;
    }
    out.push_back(s);
  }
  return out;
}

}  // namespace il2t::data
