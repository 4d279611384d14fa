#include "sdtm/csv_dataset.h"

#include <algorithm>
#include <cctype>

#include "data/csv_read.h"

namespace il2t::sdtm {

namespace {

// Splits CSV text into fields one at a time, reusing one buffer for a quoted field.
class Fields {
 public:
  explicit Fields(std::string_view t) : t_(t) {}
  bool done() const { return i_ >= t_.size(); }
  int line() const { return line_; }
  // The next field of the current record into `out`; `end_of_record` says whether it
  // was the record's last. False on an unterminated quote.
  bool next(std::string_view& out, bool& end_of_record) {
    if (i_ < t_.size() && t_[i_] == '"') {
      buf_.clear();
      ++i_;
      for (;;) {
        if (i_ >= t_.size()) return false;
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
    } else {
      if (i_ < t_.size() && t_[i_] == '\r') ++i_;
      if (i_ < t_.size() && t_[i_] == '\n') ++i_, ++line_;
      else if (i_ < t_.size()) {  // text after a closing quote: take it as the field's rest
        return false;
      }
    }
    return true;
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
  std::string buf_;
};

std::string upper(std::string_view s) {
  std::string u(s);
  for (char& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return u;
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
  Dataset d(upper(name), file);
  d.set_by_line(true);
  Fields f(text);
  if (!f.at_record()) return fail(1, "", "no header row: the file is empty");
  std::string_view cell;
  bool end = false;
  while (true) {
    const int line = f.line();
    if (!f.next(cell, end)) return fail(line, "", "a quoted field is not closed, or text follows its closing quote");
    std::string var = upper(cell);
    if (var.empty()) return fail(line, "", "variable " + std::to_string(d.width() + 1) + " of the header has no name");
    if (d.find(var)) return fail(line, var, "variable " + var + " appears twice in the header");
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
      if (!f.next(cell, end)) return fail(line, c < d.width() ? d.column(c).name : "", "a quoted field is not closed, or text follows its closing quote");
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
      if (d.column(c).type == VarType::text) append_field(out, d.text_view(c, r));
      else out += d.text(c, r);
    }
    out += '\n';
  }
  return out;
}

}  // namespace il2t::sdtm
