#include "sdtm/csv_dataset.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <unordered_set>

#include "data/csv_read.h"

namespace il2t::sdtm {

namespace {

// What reading one field found.
enum class Field { ok, unclosed, after_quote, lone_cr };

// Splits CSV text into fields one at a time, reusing one buffer for a quoted field.
class Fields {
 public:
  explicit Fields(std::string_view t) : t_(t) {}
  // The line the current record starts on, and the line the last field started on.
  int line() const { return line_; }
  int field_line() const { return field_line_; }
  // The next field of the current record into `out`; `end_of_record` says whether it
  // was the record's last.
  Field next(std::string_view& out, bool& end_of_record) {
    field_line_ = line_;
    if (i_ < t_.size() && t_[i_] == '"') {
      buf_.clear();
      ++i_;
      for (;;) {
        if (i_ >= t_.size()) return Field::unclosed;
        const char c = t_[i_++];
        if (c == '"') {
          if (i_ < t_.size() && t_[i_] == '"') {
            buf_ += '"';
            ++i_;
            continue;
          }
          break;
        }
        if (c == '\n') ++line_;
        buf_ += c;
      }
      out = buf_;
    } else {
      const std::size_t start = i_;
      while (i_ < t_.size() && t_[i_] != ',' && t_[i_] != '\n' && t_[i_] != '\r') ++i_;
      out = t_.substr(start, i_ - start);
    }
    end_of_record = true;
    if (i_ < t_.size() && t_[i_] == ',') {
      ++i_;
      end_of_record = false;
    } else if (i_ < t_.size() && t_[i_] == '\r') {
      ++i_;
      if (i_ < t_.size() && t_[i_] != '\n') return Field::lone_cr;
      if (i_ < t_.size()) ++i_, ++line_;
    } else if (i_ < t_.size() && t_[i_] == '\n') {
      ++i_, ++line_;
    } else if (i_ < t_.size()) {  // only after a closing quote
      return Field::after_quote;
    }
    return Field::ok;
  }
  // Skips blank lines; true when a record starts here.
  bool at_record() {
    while (i_ < t_.size() && (t_[i_] == '\n' || t_[i_] == '\r')) {
      if (t_[i_] == '\n') ++line_;
      ++i_;
    }
    return i_ < t_.size();
  }

 private:
  std::string_view t_;
  std::size_t i_ = 0;
  int line_ = 1;
  int field_line_ = 1;
  std::string buf_;
};

std::string why(Field f) {
  switch (f) {
    case Field::unclosed: return "a quoted field that starts on this line is not closed";
    case Field::after_quote: return "text follows the closing quote of a quoted field";
    case Field::lone_cr: return "a carriage return without a line feed (lines must end in LF or CRLF)";
    case Field::ok: break;
  }
  return {};
}

std::string upper(std::string_view s) {
  std::string u(s);
  for (char& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return u;
}

std::string_view trimmed(std::string_view s) {
  const std::size_t from = s.find_first_not_of(" \t");
  if (from == std::string_view::npos) return {};
  return s.substr(from, s.find_last_not_of(" \t") - from + 1);
}

bool needs_quotes(std::string_view s) {
  return s.find_first_of(",\"\r\n") != std::string_view::npos;
}

void append_field(std::string& out, std::string_view s) {
  if (!needs_quotes(s)) {
    out += s;
    return;
  }
  out += '"';
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

Expected<Dataset> read_csv_dataset(std::string_view text, const std::string& file, const std::string& name,
                                   const ReadLimits& limits) {
  auto fail = [&](int line, std::string field, std::string message) {
    return Error{.message = std::move(message), .file = file, .pos = {line, 0}, .field = std::move(field)};
  };
  if (text.size() > limits.max_bytes)
    return fail(0, "", "the file is larger than " + std::to_string(limits.max_bytes) + " bytes");
  text = data::without_bom(text);
  // A binary file (an XPT or a spreadsheet named .csv, UTF-16 text) has NUL bytes; CSV
  // text never does. Said once, rather than as the column errors its bytes would make.
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    const auto at = static_cast<const char*>(nul) - text.data();
    const auto line = 1 + std::count(text.begin(), text.begin() + at, '\n');
    return fail(static_cast<int>(line), "", "not a text file: a NUL byte at line " + std::to_string(line));
  }
  Dataset d(upper(name), file);
  d.set_by_line(true);
  Fields f(text);
  if (!f.at_record()) return fail(1, "", "no header row: the file is empty");
  std::string_view cell;
  bool end = false;
  std::unordered_set<std::string> names;
  while (true) {
    const int line = f.line();
    if (const Field got = f.next(cell, end); got != Field::ok) return fail(f.field_line(), "", why(got));
    if (d.width() >= limits.max_columns)
      return fail(line, "", "the header has more than " + std::to_string(limits.max_columns) +
                                " variables, the most read (ReadLimits::max_columns)");
    std::string var = upper(trimmed(cell));
    if (var.empty()) return fail(line, "", "variable " + std::to_string(d.width() + 1) + " of the header has no name");
    if (!names.insert(var).second) return fail(line, var, "variable " + var + " appears twice in the header");
    d.add_column(std::move(var), VarType::text);
    if (end) break;
  }
  while (f.at_record()) {
    const int line = f.line();
    if (d.rows() >= limits.max_rows)
      return fail(line, "", "more than " + std::to_string(limits.max_rows) + " rows");
    d.begin_row(static_cast<std::size_t>(line));
    std::size_t c = 0;
    do {
      if (const Field got = f.next(cell, end); got != Field::ok)
        return fail(f.field_line(), c < d.width() ? d.column(c).name : "", why(got));
      if (c >= d.width()) return fail(line, "", "the row has more fields than the header's " + std::to_string(d.width()));
      d.set_text(c++, cell);
    } while (!end);
    if (c != d.width())
      return fail(line, d.column(c).name,
                  "the row has " + std::to_string(c) + " fields; the header has " + std::to_string(d.width()));
  }
  d.finish();
  return d;
}

std::string write_csv_dataset(const Dataset& d) {
  std::string out;
  for (std::size_t c = 0; c < d.width(); ++c) {
    if (c) out += ',';
    append_field(out, d.column(c).name);
  }
  out += '\n';
  for (std::size_t r = 0; r < d.rows(); ++r) {
    for (std::size_t c = 0; c < d.width(); ++c) {
      if (c) out += ',';
      const std::size_t at = out.size();
      if (d.column(c).type == VarType::text) append_field(out, d.text_view(c, r));
      else out += d.text(c, r);
      // One empty value alone would be a blank line, which a reader skips: quote it.
      if (d.width() == 1 && out.size() == at) out += "\"\"";
    }
    out += '\n';
  }
  return out;
}

}  // namespace il2t::sdtm
