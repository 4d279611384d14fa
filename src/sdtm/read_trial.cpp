#include "sdtm/read_trial.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "sdtm/conventions.h"
#include "sdtm/read_context.h"
#include "sdtm/read_steps.h"

namespace il2t::sdtm {

namespace detail {

std::string quoted(std::string_view v) { return v.empty() ? "(missing)" : "\"" + printable(v) + "\""; }

void ReadContext::problem(const Dataset& ds, std::size_t row, std::string_view variable, const std::string& message) {
  Error e;
  e.file = ds.file().empty() ? ds.name() : ds.file();
  if (row != static_cast<std::size_t>(-1) && ds.by_line()) e.pos.line = static_cast<int>(ds.origin(row));
  e.field = std::string(variable);
  const std::string where = row == static_cast<std::size_t>(-1) || ds.by_line() ? "" : "record " + std::to_string(ds.origin(row)) + ": ";
  e.message = where + (variable.empty() ? "" : std::string(variable) + ": ") + message;
  e.severity = lenient ? Severity::warning : Severity::error;
  report.problems.push_back(std::move(e));
}

const Dataset* ReadContext::domain(const DomainSpec& spec, bool required) {
  const auto it = study.find(std::string(spec.name));
  if (it != study.end()) return &it->second;
  if (required) {
    Error e;
    std::string lower(spec.name);
    for (char& ch : lower) ch = static_cast<char>(ch - 'A' + 'a');
    e.field = std::string(spec.name);
    e.message = "no " + std::string(spec.name) + " (" + std::string(spec.label) + ") dataset: give " + lower + ".xpt, " +
                lower + ".csv or " + lower + ".json";
    e.severity = Severity::error;  // nothing to read without it, lenient or not
    report.problems.push_back(std::move(e));
  }
  return nullptr;
}

bool ReadContext::has_required(const Dataset& ds, const DomainSpec& spec) {
  bool ok = true;
  for (const VariableSpec& v : spec.variables)
    if (v.required && !ds.find(v.name)) {
      Error e;
      e.file = ds.file().empty() ? ds.name() : ds.file();
      e.field = std::string(v.name);
      e.message = std::string(v.name) + ": the required variable is missing (" + std::string(v.label) + ")";
      e.severity = Severity::error;
      report.problems.push_back(std::move(e));
      ok = false;
    }
  return ok;
}

std::optional<std::size_t> ReadContext::column(const Dataset& ds, std::string_view name) {
  for (const Remembered& m : columns)
    if (m.ds == &ds && m.name == name) return m.column;
  columns.push_back({&ds, std::string(name), ds.find(name)});
  return columns.back().column;
}

std::optional<std::uint32_t> ReadContext::subject(const Dataset& ds, std::size_t r) {
  const std::size_t c = *column(ds, "USUBJID");
  const std::string_view id = ds.text_view(c, r);
  const auto it = subject_of.find(id);
  if (it != subject_of.end()) return it->second;
  problem(ds, r, "USUBJID", quoted(id) + " is not a participant of DM");
  return std::nullopt;
}

std::optional<int> ReadContext::day(const Dataset& ds, std::size_t r, std::uint32_t s, std::string_view prefix,
                                    Imputation rule, std::string_view dy, std::string_view dtc) {
  const std::string dy_name = std::string(prefix) + std::string(dy), dtc_name = std::string(prefix) + std::string(dtc);
  const auto dtc_col = column(ds, dtc_name);
  if (const auto c = column(ds, dy_name); c && !ds.missing(*c, r)) {
    const std::optional<double> v = ds.number(*c, r);
    if (!v || *v != std::floor(*v) || *v == 0 || std::abs(*v) > 1e5) {
      problem(ds, r, dy_name, quoted(ds.text(*c, r)) + " is not a study day (a whole number, not 0)");
      return std::nullopt;
    }
    // The date beside it must read, and where it is complete, give the same day.
    if (dtc_col && !ds.missing(*dtc_col, r)) {
      const Expected<PartialDate> date = parse_dtc(ds.text_view(*dtc_col, r));
      if (!date) {
        problem(ds, r, dtc_name, date.error().message);
        return std::nullopt;
      }
      if (const auto at = impute(*date, Imputation::none); at && study_day(at->day, reference[s]) != static_cast<int>(*v)) {
        problem(ds, r, dy_name,
                fmt::format("{} but {} {} is study day {}", *v, dtc_name, quoted(ds.text_view(*dtc_col, r)),
                            study_day(at->day, reference[s])));
        return std::nullopt;
      }
    }
    return static_cast<int>(*v);
  }
  const auto c = dtc_col;
  if (!c || ds.missing(*c, r)) {
    problem(ds, r, dtc_name, "no date (" + dtc_name + ") and no study day (" + dy_name + ")");
    return std::nullopt;
  }
  const std::string_view text = ds.text_view(*c, r);
  const Expected<PartialDate> date = parse_dtc(text);
  if (!date) {
    problem(ds, r, dtc_name, date.error().message);
    return std::nullopt;
  }
  const std::optional<ImputedDate> at = impute(*date, rule);
  if (!at) {
    problem(ds, r, dtc_name, quoted(text) + " is not a complete date, and this record's date is not imputed (docs/sdtm.md)");
    return std::nullopt;
  }
  return study_day(at->day, reference[s]);
}

}  // namespace detail

bool ReadReport::ok() const {
  return std::none_of(problems.begin(), problems.end(), [](const Error& e) { return e.severity == Severity::error; });
}

ReadReport read_trial(const trial::TrialDesign& d, const Study& study, bool lenient, trial::TrialRecords& out) {
  ReadReport report;
  out.clear();
  detail::ReadContext c{d, study, lenient, report, {}, {}, {}, {}};
  detail::Gathered g;
  if (!detail::read_subjects(c, out, g)) return report;
  detail::read_findings(c, out, g);
  detail::read_medication(c, out, g);
  detail::read_events(c, out, g);
  detail::read_disposition(c, out, g);
  detail::assemble(c, out, g);
  return report;
}

}  // namespace il2t::sdtm
