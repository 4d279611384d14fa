#include "data/patient_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "data/csv_read.h"
#include "core/units.h"
#include "schedule/date.h"

namespace il2t::data {

namespace {

using eligibility::Cell;
using eligibility::FieldKind;
using eligibility::FieldSpec;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string o(s);
  for (char& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return o;
}

std::string quantity(const FieldSpec& f, std::string_view s, Cell& out) {
  double v = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  if (r.ec != std::errc() || !std::isfinite(v)) return "\"" + std::string(s) + "\" is not a number";
  const std::string_view unit = trim(std::string_view(r.ptr, static_cast<std::size_t>(s.data() + s.size() - r.ptr)));
  auto c = eligibility::to_canonical(f, v, unit);
  if (!c.value) return "\"" + std::string(s) + "\": " + c.error.text();
  if (*c.value < f.min || *c.value > f.max) {
    const std::string u = f.canonical_unit.empty() ? "" : " " + std::string(f.canonical_unit);
    return units::format_number(*c.value) + u + " is impossible (plausible " + units::format_number(f.min) + "–" +
           units::format_number(f.max) + u + ")";
  }
  out.state = Cell::State::value;
  out.number = *c.value;
  return {};
}

}  // namespace

std::string parse_cell(const FieldSpec& f, std::string_view raw, std::int32_t as_of, Cell& out) {
  const std::string_view s = trim(raw);
  out = Cell{};
  if (s.empty()) return {};  // missing
  const std::string l = lower(s);
  switch (f.kind) {
    case FieldKind::text: return {};
    case FieldKind::quantity: return quantity(f, s, out);
    case FieldKind::flag:
      if (l == "yes" || l == "true" || l == "1" || l == "y") { out.state = Cell::State::value; out.number = 1; return {}; }
      if (l == "no" || l == "false" || l == "0" || l == "n") { out.state = Cell::State::value; out.number = 0; return {}; }
      return "\"" + std::string(s) + "\" is not yes or no";
    case FieldKind::result:
      if (l == "positive" || l == "pos" || l == "+") { out.state = Cell::State::value; out.number = 1; return {}; }
      if (l == "negative" || l == "neg" || l == "-") { out.state = Cell::State::value; out.number = 0; return {}; }
      return "\"" + std::string(s) + "\" is not positive or negative";
    case FieldKind::choice:
      for (std::size_t k = 0; k < f.choices.size(); ++k) {
        if (l == f.choices[k]) { out.state = Cell::State::value; out.number = static_cast<double>(k); return {}; }
      }
      break;
    case FieldKind::event: {
      if (l == "never" || l == "no") { out.state = Cell::State::never; return {}; }
      if (l == "yes") { out.state = Cell::State::ever_undated; return {}; }
      auto d = schedule::Date::parse(s);
      if (!d) return "\"" + std::string(s) + "\" is not a date (YYYY-MM-DD), \"never\" or \"yes\"";
      const auto day = static_cast<std::int32_t>(d->days().time_since_epoch().count());
      if (day > as_of) return std::string(s) + " is in the future (after the screening date)";
      out.state = Cell::State::value;
      out.day = day;
      return {};
    }
    case FieldKind::list: {
      out.state = Cell::State::value;
      if (l == "none") return {};
      std::size_t from = 0;
      while (from <= l.size()) {
        const std::size_t to = std::min(l.find(';', from), l.size());
        const std::string item(trim(std::string_view(l).substr(from, to - from)));
        bool found = false;
        for (std::size_t k = 0; k < f.choices.size(); ++k) {
          if (item == f.choices[k]) { out.bits |= 1u << k; found = true; }
        }
        if (!found) { out = Cell{}; return "\"" + item + "\" is not one of its values"; }
        from = to + 1;
      }
      return {};
    }
  }
  std::string known;
  for (auto c : f.choices) known += (known.empty() ? "" : ", ") + std::string(c);
  return "\"" + std::string(s) + "\" is not one of: " + known;
}

namespace {

// Finishes a row: keeps it (derived fields filled) unless it had an error.
void keep(PatientInput& in, eligibility::PatientRecord r, bool bad) {
  ++in.rows_read;
  if (bad) return;
  eligibility::derive(r);
  in.records.push_back(std::move(r));
}

}  // namespace

PatientInput read_patients_csv(std::string_view text, const std::string& name, std::int32_t as_of) {
  PatientInput in{{}, Diagnostics(name), 0};
  text = without_bom(text);
  CsvTable t = read_csv(text);
  if (!t.error.empty()) in.diagnostics.error(t.error.pos, t.error.message);
  if (t.rows.empty()) {
    in.diagnostics.error({1, 0}, "the file is empty: a header row naming the fields comes first");
    return in;
  }
  const auto& header = t.rows[0].fields;
  std::vector<const FieldSpec*> specs;
  std::vector<std::size_t> index;
  bool has_id = false;
  for (std::size_t k = 0; k < header.size(); ++k) {
    const std::string h(trim(header[k]));
    const FieldSpec* f = eligibility::find_field(h);
    if (!f) {
      in.diagnostics.error({1, 0}, "column " + std::to_string(k + 1) + " \"" + h +
                                       "\": unknown field, ignored (docs/patient-fields.md)");
    } else {
      for (std::size_t m = 0; m < k; ++m) {
        if (specs[m] == f) {
          in.diagnostics.error({1, 0}, "column " + std::to_string(k + 1) + " \"" + h + "\": the field is also column " +
                                           std::to_string(m + 1) + "; this one is ignored");
          f = nullptr;
          break;
        }
      }
    }
    has_id = has_id || h == "patient_id";
    specs.push_back(f);
    index.push_back(f ? eligibility::PatientRecord::index_of(h) : 0);
  }
  if (!has_id) in.diagnostics.error({1, 0}, "the header has no patient_id column");
  for (std::size_t r = 1; r < t.rows.size(); ++r) {
    const CsvRow& row = t.rows[r];
    eligibility::PatientRecord rec;
    rec.row = static_cast<int>(r);
    bool bad = false;
    if (row.fields.size() != header.size()) {
      in.diagnostics.error({row.line, 0}, "row " + std::to_string(r) + ": " + std::to_string(row.fields.size()) +
                                              " fields, the header has " + std::to_string(header.size()));
      keep(in, std::move(rec), true);
      continue;
    }
    for (std::size_t k = 0; k < header.size(); ++k) {
      if (specs[k] && specs[k]->name == "patient_id") rec.id = std::string(trim(row.fields[k]));
    }
    if (rec.id.empty()) rec.id = "row " + std::to_string(r);
    for (std::size_t k = 0; k < header.size(); ++k) {
      if (!specs[k]) continue;
      const std::string why = parse_cell(*specs[k], row.fields[k], as_of, rec.cells[index[k]]);
      if (!why.empty()) {
        in.diagnostics.error({row.line, 0}, "row " + std::to_string(r) + " (" + rec.id + "), " +
                                                                      std::string(specs[k]->name) + ": " + why);
        bad = true;
      }
    }
    keep(in, std::move(rec), bad);
  }
  return in;
}

PatientInput read_patients_json(std::string_view text, const std::string& name, std::int32_t as_of) {
  PatientInput in{{}, Diagnostics(name), 0};
  text = without_bom(text);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    const std::size_t upto = std::min(e.byte, text.size());
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(upto), '\n'));
    in.diagnostics.error({line, 0}, "not valid JSON (at byte " + std::to_string(e.byte) + ")");
    return in;
  }
  if (j.is_object()) j = nlohmann::json::array({j});
  if (!j.is_array()) {
    in.diagnostics.error({}, "expected a patient object or an array of them");
    return in;
  }
  for (std::size_t i = 0; i < j.size(); ++i) {
    eligibility::PatientRecord rec;
    rec.row = static_cast<int>(i + 1);
    const std::string where = "patient " + std::to_string(i + 1);
    if (!j[i].is_object()) {
      in.diagnostics.error({}, where + ": expected an object");
      keep(in, std::move(rec), true);
      continue;
    }
    bool bad = false;
    if (const auto it = j[i].find("patient_id"); it != j[i].end()) {
      if (it->is_string()) {
        rec.id = it->get<std::string>();
      } else {
        in.diagnostics.error({}, where + ", patient_id: must be text");
        bad = true;
      }
    }
    if (rec.id.empty()) rec.id = where;
    for (const auto& [key, value] : j[i].items()) {
      const FieldSpec* f = eligibility::find_field(key);
      if (!f) {  // as for a CSV column: reported, ignored
        in.diagnostics.error({}, where + " (" + rec.id + "), " + key + ": unknown field, ignored (docs/patient-fields.md)");
        continue;
      }
      std::string cell;
      if (value.is_null()) continue;
      if (value.is_string()) cell = value.get<std::string>();
      else if (value.is_boolean()) cell = value.get<bool>() ? "yes" : "no";
      else if (value.is_number()) cell = units::format_number(value.get<double>());
      else if (value.is_array()) {
        for (const auto& x : value) cell += (cell.empty() ? "" : ";") + (x.is_string() ? x.get<std::string>() : x.dump());
        if (value.empty()) cell = "none";
      } else {
        in.diagnostics.error({}, where + " (" + rec.id + "), " + key + ": unexpected JSON type");
        bad = true;
        continue;
      }
      const std::string why = parse_cell(*f, cell, as_of, rec.cells[eligibility::PatientRecord::index_of(key)]);
      if (!why.empty()) {
        in.diagnostics.error({}, where + " (" + rec.id + "), " + key + ": " + why);
        bad = true;
      }
    }
    keep(in, std::move(rec), bad);
  }
  return in;
}

PatientInput read_patients_file(const std::string& path, std::int32_t as_of) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    PatientInput in{{}, Diagnostics(path), 0};
    in.diagnostics.error({}, "cannot open the file");
    return in;
  }
  std::stringstream ss;
  ss << f.rdbuf();
  const bool json = path.size() >= 5 && lower(path.substr(path.size() - 5)) == ".json";
  return json ? read_patients_json(ss.str(), path, as_of) : read_patients_csv(ss.str(), path, as_of);
}

}  // namespace il2t::data
