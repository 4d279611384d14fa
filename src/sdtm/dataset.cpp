#include "sdtm/dataset.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "data/csv_read.h"

namespace il2t::sdtm {

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

bool same_name(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto up = [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; };
    if (up(a[i]) != up(b[i])) return false;
  }
  return true;
}

}  // namespace

std::optional<std::size_t> Dataset::find(std::string_view name) const {
  for (std::size_t c = 0; c < columns_.size(); ++c)
    if (same_name(columns_[c].name, name)) return c;
  return std::nullopt;
}

std::string Dataset::where(std::size_t r) const {
  return file_ + (by_line_ ? ", line " : ", record ") + std::to_string(origin(r));
}

std::string Dataset::text(std::size_t c, std::size_t r) const {
  const Column& col = columns_[c];
  if (col.type == VarType::text) return col.values[col.codes[r]];
  const double v = col.numbers[r];
  if (std::isnan(v)) return {};
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

std::string_view Dataset::text_view(std::size_t c, std::size_t r) const {
  const Column& col = columns_[c];
  return col.type == VarType::text ? std::string_view(col.values[col.codes[r]]) : std::string_view();
}

std::optional<double> Dataset::number(std::size_t c, std::size_t r) const {
  const Column& col = columns_[c];
  const double v = col.type == VarType::number ? col.numbers[r] : parsed_[c][col.codes[r]];
  if (std::isnan(v)) return std::nullopt;
  return v;
}

bool Dataset::missing(std::size_t c, std::size_t r) const {
  const Column& col = columns_[c];
  return col.type == VarType::number ? std::isnan(col.numbers[r]) : col.codes[r] == 0;
}

std::size_t Dataset::add_column(std::string name, VarType type, std::string label, int length) {
  Column col;
  col.name = std::move(name);
  col.label = std::move(label);
  col.type = type;
  col.length = length;
  if (type == VarType::text) col.values.emplace_back();
  columns_.push_back(std::move(col));
  index_.emplace_back();
  if (type == VarType::text) index_.back().slots.assign(64, 0);
  return columns_.size() - 1;
}

void Dataset::begin_row(std::size_t origin) {
  ++rows_;
  if (origin != 0 || !origin_.empty()) {
    if (origin_.empty())
      for (std::size_t r = 0; r + 1 < rows_; ++r) origin_.push_back(r + 1);
    origin_.push_back(origin != 0 ? origin : rows_);
  }
  for (Column& col : columns_) {  // a row starts missing in every column
    if (col.type == VarType::text) col.codes.push_back(0);
    else col.numbers.push_back(kMissing);
  }
}

void Dataset::set_text(std::size_t c, std::string_view value) {
  Column& col = columns_[c];
  if (col.type == VarType::number) {
    col.numbers.back() = data::finite_number(value).value_or(kMissing);
    return;
  }
  col.codes.back() = value.empty() ? 0 : intern(c, value);
}

std::uint32_t Dataset::intern(std::size_t c, std::string_view value) {
  Column& col = columns_[c];
  Index& index = index_[c];
  const auto find = [&](std::string_view v) -> std::uint32_t& {
    const std::size_t mask = index.slots.size() - 1;
    for (std::size_t i = std::hash<std::string_view>{}(v) & mask;; i = (i + 1) & mask) {
      std::uint32_t& slot = index.slots[i];
      if (slot == 0 || col.values[slot - 1] == v) return slot;
    }
  };
  std::uint32_t& slot = find(value);
  if (slot != 0) return slot - 1;
  const auto code = static_cast<std::uint32_t>(col.values.size());
  col.values.emplace_back(value);
  slot = code + 1;
  if (2 * ++index.used > index.slots.size()) {  // at half full: double, and place every value again
    index.slots.assign(2 * index.slots.size(), 0);
    for (std::uint32_t k = 1; k < col.values.size(); ++k) find(col.values[k]) = k + 1;
  }
  return code;
}

void Dataset::set_number(std::size_t c, double value) {
  Column& col = columns_[c];
  if (col.type == VarType::number) {
    col.numbers.back() = value;
    return;
  }
  if (std::isnan(value)) {
    col.codes.back() = 0;
    return;
  }
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, value);
  set_text(c, std::string_view(buf, static_cast<std::size_t>(res.ptr - buf)));
}

void Dataset::finish() {
  parsed_.assign(columns_.size(), {});
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    Column& col = columns_[c];
    if (col.type == VarType::text) {
      col.codes.resize(rows_, 0);
      for (const std::string& v : col.values) parsed_[c].push_back(data::finite_number(v).value_or(kMissing));
    } else {
      col.numbers.resize(rows_, kMissing);
    }
  }
  index_.clear();
  index_.resize(columns_.size());
}

}  // namespace il2t::sdtm
