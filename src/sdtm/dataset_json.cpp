#include "sdtm/dataset_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <exception>
#include <optional>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/csv_read.h"

namespace il2t::sdtm {

namespace {

using nlohmann::json;

// How a column's values are sent (its dataType), and so what each value must be.
enum class Kind { text, number, integer, decimal, boolean };

std::optional<Kind> kind_of(std::string_view data_type) {
  if (data_type == "string" || data_type == "date" || data_type == "datetime" || data_type == "time" ||
      data_type == "URI")
    return Kind::text;
  if (data_type == "float" || data_type == "double") return Kind::number;
  if (data_type == "integer") return Kind::integer;
  if (data_type == "decimal") return Kind::decimal;
  if (data_type == "boolean") return Kind::boolean;
  return std::nullopt;
}

std::string upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

// 1-based line and column of byte `at` (0-based) in `text`.
SourcePos position(std::string_view text, std::size_t at) {
  at = std::min(at, text.size());
  const std::size_t line_start = at == 0 ? 0 : text.rfind('\n', at - 1);
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
  const std::size_t column = line_start == std::string_view::npos || at == 0 ? at + 1 : at - line_start;
  return {static_cast<int>(line), static_cast<int>(column)};
}

// Brackets outside strings, counted before nlohmann sees the text.
std::optional<std::size_t> too_deep(std::string_view t, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const char ch = t[i];
    if (in_string) {
      if (ch == '\\') ++i;
      else if (ch == '"') in_string = false;
    } else if (ch == '"') {
      in_string = true;
    } else if (ch == '[' || ch == '{') {
      if (++depth > max_depth) return i;
    } else if (ch == ']' || ch == '}') {
      --depth;
    }
  }
  return std::nullopt;
}

// "a string (\"abc\")": what a value is, for messages.
std::string found(const json& v) {
  std::string s = v.dump(-1, ' ', false, json::error_handler_t::replace);
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  if (v.is_null()) return "null";
  return std::string(v.is_string() ? "a string" : v.is_number() ? "a number" : v.is_boolean() ? "a boolean"
                     : v.is_array() ? "an array" : "an object") + " (" + s + ")";
}

// A decimal sent as a string: an optional sign, digits with an optional decimal point
// (a digit on at least one side) and an optional exponent, and nothing else. "189,4",
// " 1.5", "NaN", "inf" and "0x1p3" are not: they are refused, never reinterpreted.
bool is_plain_decimal(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&] {
    const std::size_t from = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - from;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t n = digits();
  if (i < s.size() && s[i] == '.') {
    ++i;
    n += digits();
  }
  if (n == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

// The reader's state while nlohmann parses: columns are taken when their array ends,
// rows one by one as each ends (then dropped from the document), so that the rows are
// never all held as JSON values at once. Rows that come before the columns are kept
// and taken at the end.
struct Builder {
  std::string file{};
  const ReadLimits& limits;
  Dataset d{};
  std::vector<Kind> kinds{};
  bool have_columns = false;
  std::size_t rows_seen = 0;   // rows met, kept or not
  Error error{};               // the first problem among columns and rows
  Error duplicate{};           // a top-level key given twice
  std::string key{};           // the last top-level key
  std::unordered_set<std::string> keys_seen{};
  bool in_rows = false;
  bool kept_rows = false;      // rows that came before the columns, left in the document

  Error fail(std::string message, std::string field = {}) const {
    return Error{.message = std::move(message), .file = file, .field = std::move(field)};
  }

  void take_columns(const json& cols);
  void take_row(const json& row);
  void set_cell(std::size_t c, const json& v, std::size_t row);
  bool callback(int depth, json::parse_event_t event, json& parsed);
};

void Builder::take_columns(const json& cols) {
  if (!cols.is_array()) {
    error = fail("columns: expected an array, found " + found(cols), "columns");
    return;
  }
  if (cols.size() > limits.max_columns) {
    error = fail("columns: " + std::to_string(cols.size()) + " columns, more than the " +
                     std::to_string(limits.max_columns) + " read (ReadLimits::max_columns)",
                 "columns");
    return;
  }
  std::unordered_set<std::string> names;
  for (std::size_t i = 0; i < cols.size(); ++i) {
    const json& c = cols[i];
    std::string where = "columns[" + std::to_string(i) + "]";
    if (!c.is_object()) {
      error = fail(where + ": expected an object, found " + found(c), where);
      return;
    }
    const auto name = c.find("name");
    if (name == c.end() || !name->is_string() || name->get_ref<const std::string&>().empty()) {
      error = fail(where + ": the required name is missing or not a non-empty string", where);
      return;
    }
    std::string n = upper(name->get<std::string>());
    where += " (" + n + ")";
    const auto oid = c.find("itemOID");
    const auto label = c.find("label");
    const auto type = c.find("dataType");
    const auto length = c.find("length");
    if (oid == c.end() || !oid->is_string() || oid->get_ref<const std::string&>().empty()) {
      error = fail(where + ": the required itemOID is missing or not a non-empty string", n);
      return;
    }
    if (label == c.end() || !label->is_string()) {
      error = fail(where + ": the required label is missing or not a string", n);
      return;
    }
    const std::optional<Kind> kind = type != c.end() && type->is_string() ? kind_of(type->get_ref<const std::string&>())
                                                                          : std::nullopt;
    if (!kind) {
      error = fail(where + ": dataType must be one of string, integer, decimal, float, double, boolean, datetime, "
                           "date, time, URI",
                   n);
      return;
    }
    if (length != c.end() && !(length->is_number_integer() && length->get<std::int64_t>() >= 1 &&
                                length->get<std::int64_t>() <= INT32_MAX)) {
      error = fail(where + ": length must be a whole number from 1, found " + found(*length), n);
      return;
    }
    if (!names.insert(n).second) {
      error = fail(where + ": a second column of this name", n);
      return;
    }
    const bool text = *kind == Kind::text;
    const int len = text && length != c.end() ? static_cast<int>(length->get<std::int64_t>()) : 0;
    d.add_column(n, text ? VarType::text : VarType::number, label->get<std::string>(), len);
    kinds.push_back(*kind);
  }
  have_columns = true;
}

void Builder::set_cell(std::size_t c, const json& v, std::size_t row) {
  if (v.is_null()) return;  // a row starts missing
  const Kind k = kinds[c];
  auto wrong = [&](const std::string& expected) {
    const std::string& n = d.column(c).name;
    error = fail("row " + std::to_string(row) + ", " + n + ": expected " + expected + " or null, found " + found(v), n);
  };
  switch (k) {
    case Kind::text:
      if (v.is_string()) d.set_text(c, v.get_ref<const std::string&>());
      else wrong("a string");
      return;
    case Kind::number:
    case Kind::integer:
      if (!v.is_number()) return wrong(k == Kind::integer ? "a whole number" : "a number");
      if (k == Kind::integer && v.is_number_float() && std::trunc(v.get<double>()) != v.get<double>())
        return wrong("a whole number");
      d.set_number(c, v.get<double>());
      return;
    case Kind::decimal:
      if (v.is_number()) {
        d.set_number(c, v.get<double>());
      } else if (v.is_string()) {
        const std::string& s = v.get_ref<const std::string&>();
        const std::string& n = d.column(c).name;
        const auto bad = [&](const char* why) {
          error = fail("row " + std::to_string(row) + ", " + n + ": " + found(v) + " " + why, n);
        };
        if (!is_plain_decimal(s)) {
          bad("is not a plain decimal number (digits with an optional sign, decimal point and exponent; no "
              "commas, spaces, NaN or infinity)");
        } else if (const auto x = data::finite_number(std::string_view(s).substr(s[0] == '+' ? 1 : 0))) {
          d.set_number(c, *x);  // from_chars takes no '+'
        } else {
          bad("is beyond the range of a double");
        }
      } else {
        wrong("a decimal number (a string)");
      }
      return;
    case Kind::boolean:
      if (v.is_boolean()) d.set_number(c, v.get<bool>() ? 1.0 : 0.0);
      else wrong("true, false");
      return;
  }
}

void Builder::take_row(const json& row) {
  const std::size_t n = rows_seen;  // 1-based: counted before
  if (n > limits.max_rows) {
    error = fail("more than " + std::to_string(limits.max_rows) + " rows, the most read (ReadLimits::max_rows)");
    return;
  }
  if (!row.is_array()) {
    error = fail("row " + std::to_string(n) + ": expected an array of values, found " + found(row));
    return;
  }
  if (row.size() != kinds.size()) {
    const bool short_row = row.size() < kinds.size();
    const std::string& var = d.column(short_row ? row.size() : kinds.size() - 1).name;
    error = fail("row " + std::to_string(n) + ": " + std::to_string(row.size()) + " values for " +
                     std::to_string(kinds.size()) + " columns (" +
                     (short_row ? var + " and after have no value" : "a value after the last column, " + var) + ")",
                 var);
    return;
  }
  d.begin_row(0);
  for (std::size_t c = 0; c < kinds.size() && error.empty(); ++c) set_cell(c, row[c], n);
}

bool Builder::callback(int depth, json::parse_event_t event, json& parsed) {
  using E = json::parse_event_t;
  if (depth == 1 && event == E::key) {
    key = parsed.get<std::string>();
    if (!keys_seen.insert(key).second && duplicate.empty()) duplicate = fail(key + ": given twice", key);
    return true;
  }
  if (depth == 1 && event == E::array_start && key == "rows") in_rows = true;
  if (depth == 1 && (event == E::array_end || event == E::object_end || event == E::value)) {
    if (key == "columns" && error.empty() && !have_columns) take_columns(parsed);
    if (key == "rows") in_rows = false;
    return true;
  }
  const bool row_done = in_rows && depth == 2 && (event == E::array_end || event == E::object_end || event == E::value);
  if (!row_done) return true;
  ++rows_seen;
  if (!have_columns) {  // columns come later: keep the row for then
    kept_rows = true;
    return error.empty();
  }
  if (error.empty()) take_row(parsed);
  return false;  // taken (or not needed): drop it from the document
}

// "1.1", or "1.1." and a number without leading zeros: the specification's pattern.
bool is_version_1_1(std::string_view v) {
  if (v.substr(0, 3) != "1.1") return false;
  if (v.size() == 3) return true;
  const std::string_view n = v.substr(4);
  return v[3] == '.' && !n.empty() && (n == "0" || n[0] != '0') &&
         std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The required top-level attributes, and the version.
Error check_top(const json& j, const Builder& b) {
  auto fail = [&](const std::string& key, const std::string& why) { return b.fail(key + ": " + why, key); };
  const auto version = j.find("datasetJSONVersion");
  if (version == j.end()) return fail("datasetJSONVersion", "required, missing");
  if (!version->is_string() || !is_version_1_1(version->get_ref<const std::string&>()))
    return fail("datasetJSONVersion", found(*version) + " is not 1.1 or 1.1.x, the version read");
  for (const char* key : {"datasetJSONCreationDateTime", "itemGroupOID", "name", "label"}) {
    const auto it = j.find(key);
    if (it == j.end()) return fail(key, "required, missing");
    if (!it->is_string()) return fail(key, "expected a string, found " + found(*it));
    if (it->get_ref<const std::string&>().empty() && std::string_view(key) != "label")
      return fail(key, "must not be empty");
  }
  const auto records = j.find("records");
  if (records == j.end()) return fail("records", "required, missing");
  if (!records->is_number_integer() || records->get<std::int64_t>() < 0)
    return fail("records", "expected a whole number from 0, found " + found(*records));
  if (j.find("columns") == j.end()) return fail("columns", "required, missing");
  if (const auto rows = j.find("rows"); rows != j.end() && !rows->is_array())
    return fail("rows", "expected an array, found " + found(*rows));
  return {};
}

Error parse_failure(const nlohmann::json::exception& e, std::string_view text, const std::string& file) {
  std::string why = e.what();
  if (const auto at = why.find("] "); at != std::string::npos) why = why.substr(at + 2);
  Error out{.message = "not valid JSON: " + why, .file = file};
  if (const auto* pe = dynamic_cast<const json::parse_error*>(&e); pe && pe->byte > 0) {
    out.pos = position(text, pe->byte - 1);
    if (const auto colon = why.find(": "); why.rfind("parse error", 0) == 0 && colon != std::string::npos)
      out.message = "not valid JSON: " + why.substr(colon + 2);
  }
  return out;
}

// ---- Writing ----------------------------------------------------------------------

std::string escaped(const std::string& s) {
  return json(s).dump(-1, ' ', false, json::error_handler_t::replace);
}

bool whole_numbers(const Column& col) {
  constexpr double limit = 9007199254740992.0;  // 2^53
  return std::all_of(col.numbers.begin(), col.numbers.end(), [&](double x) {
    return !std::isfinite(x) || (std::trunc(x) == x && std::fabs(x) < limit);
  });
}

void append_number(std::string& out, double x, bool whole) {
  char buf[40];
  if (!std::isfinite(x)) {
    out += "null";
    return;
  }
  const auto res = whole ? std::to_chars(buf, buf + sizeof buf, static_cast<long long>(x))
                         : std::to_chars(buf, buf + sizeof buf, x);
  out.append(buf, res.ptr);
}

}  // namespace

Expected<Dataset> read_dataset_json(std::string_view text, const std::string& file, const ReadLimits& limits) {
  auto fail = [&](std::string message, SourcePos pos = {}) {
    return Error{.message = std::move(message), .file = file, .pos = pos};
  };
  if (text.size() > limits.max_bytes)
    return fail(std::to_string(text.size()) + " bytes, more than the " + std::to_string(limits.max_bytes) +
                " read (ReadLimits::max_bytes)");
  text = data::without_bom(text);
  if (const auto at = too_deep(text, limits.max_depth))
    return fail("arrays and objects nested deeper than " + std::to_string(limits.max_depth) +
                    " (ReadLimits::max_depth): refused",
                position(text, *at));
  try {
    Builder b{.file = file, .limits = limits, .d = Dataset({}, file)};
    json j = json::parse(text.begin(), text.end(),
                         [&b](int depth, json::parse_event_t event, json& parsed) { return b.callback(depth, event, parsed); });
    if (!j.is_object()) return fail("expected a Dataset-JSON object at the top level, found " + found(j));
    if (!b.duplicate.empty()) return b.duplicate;
    if (Error e = check_top(j, b); !e.empty()) return e;
    if (!b.error.empty()) return b.error;
    if (!b.have_columns) return b.fail("columns: required, missing", "columns");
    if (const auto rows = j.find("rows"); b.kept_rows && rows != j.end()) {
      b.rows_seen = 0;
      for (const json& row : *rows) {
        ++b.rows_seen;
        b.take_row(row);
        if (!b.error.empty()) return b.error;
      }
    }
    const auto records = j["records"].get<std::int64_t>();
    if (static_cast<std::size_t>(records) != b.rows_seen)
      return b.fail("records is " + std::to_string(records) + ", but rows holds " + std::to_string(b.rows_seen),
                    "records");
    b.d.set_name(upper(j["name"].get<std::string>()));
    b.d.finish();
    return std::move(b.d);
  } catch (const json::exception& e) {
    return parse_failure(e, text, file);
  } catch (const std::exception& e) {
    return fail(std::string("cannot be read: ") + e.what());
  }
}

std::string write_dataset_json(const Dataset& d, std::string_view creation_time) {
  nlohmann::ordered_json top;
  top["datasetJSONCreationDateTime"] = std::string(creation_time);
  top["datasetJSONVersion"] = "1.1.0";
  top["itemGroupOID"] = "IG." + d.name();
  top["records"] = d.rows();
  top["name"] = d.name();
  top["label"] = "";
  auto columns = nlohmann::ordered_json::array();
  std::vector<bool> whole(d.width(), false);
  std::vector<std::vector<std::string>> texts(d.width());  // each distinct value, escaped once
  for (std::size_t c = 0; c < d.width(); ++c) {
    const Column& col = d.column(c);
    nlohmann::ordered_json j;
    j["itemOID"] = "IT." + d.name() + "." + col.name;
    j["name"] = col.name;
    j["label"] = col.label;
    if (col.type == VarType::text) {
      std::size_t longest = 1;
      for (const std::string& v : col.values) longest = std::max(longest, v.size());
      j["dataType"] = "string";
      j["length"] = col.length > 0 ? static_cast<std::size_t>(col.length) : longest;
      for (const std::string& v : col.values) texts[c].push_back(escaped(v));
    } else {
      whole[c] = whole_numbers(col);
      j["dataType"] = whole[c] ? "integer" : "double";
    }
    columns.push_back(std::move(j));
  }
  top["columns"] = std::move(columns);
  std::string out = top.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  out.pop_back();  // the closing brace: the rows follow, one a line
  out += ",\"rows\":[";
  for (std::size_t r = 0; r < d.rows(); ++r) {
    out += r == 0 ? "\n[" : ",\n[";
    for (std::size_t c = 0; c < d.width(); ++c) {
      if (c > 0) out += ',';
      const Column& col = d.column(c);
      if (col.type == VarType::text) out += texts[c][col.codes[r]];
      else append_number(out, col.numbers[r], whole[c]);
    }
    out += ']';
  }
  out += "\n]}\n";
  return out;
}

}  // namespace il2t::sdtm
