#include "trial/records_io.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "data/csv.h"
#include "data/csv_read.h"

namespace il2t::trial {

namespace {

std::string number(double v) { return fmt::format("{}", v); }  // shortest round-trip form

const char* category_name(AdverseEvent::Category c) {
  switch (c) {
    case AdverseEvent::Category::infection: return "INFECTION";
    case AdverseEvent::Category::reaction: return "REACTION";
    case AdverseEvent::Category::flare: return "FLARE";
  }
  return "";
}

std::string subject_id(std::uint32_t s) { return fmt::format("S{:05}", s + 1); }

// Reads one CSV with the expected header; calls row(fields, bad) for each data row,
// where bad(column, why) records the file, line and column in `error` (its text:
// "file:line: column: why") and returns false.
template <class Row>
bool each_row(std::string_view text, const std::string& name, const std::vector<std::string>& header, Row&& row,
              Error& error) {
  const std::vector<data::CsvRow> rows = data::rows_under_header(text, name, header, error);
  if (!error.empty()) return false;
  for (const data::CsvRow& r : rows) {
    auto bad = [&](const char* column, const std::string& why) {
      error = Error{.message = std::string(column) + ": " + why, .file = name, .pos = {r.line, 0}, .field = column};
      return false;
    };
    if (!row(r.fields, bad)) return false;
  }
  return true;
}

bool to_double(const std::string& s, double& v) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return !s.empty() && ec == std::errc() && p == s.data() + s.size() && std::isfinite(v);
}
bool to_int(const std::string& s, int& v) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return !s.empty() && ec == std::errc() && p == s.data() + s.size();
}

const std::vector<std::string> kSubjects = {"USUBJID", "ARMCD", "AGE", "SEX", "WEIGHT", "HEIGHT", "BASEACT",
                                            "BASEPRED", "LASTDY", "DSDECOD", "EXPLAN", "EXTAKEN"};
const std::vector<std::string> kFindings = {"USUBJID", "VISIT", "DY", "TESTCD", "STRESN"};
const std::vector<std::string> kEvents = {"USUBJID", "AECAT", "AETERM", "AESTDY", "AETOXGR", "AESER"};

}  // namespace

RecordFiles write_records(const TrialDesign& d, const TrialRecords& r) {
  RecordFiles f;
  f.subjects = data::csv_row(kSubjects);
  for (std::uint32_t s = 0; s < r.subjects.size(); ++s) {
    const Subject& x = r.subjects[s];
    f.subjects += data::csv_row({subject_id(s), d.arms[x.arm].id, number(x.age), x.female ? "F" : "M", number(x.weight),
                                 number(x.height), number(x.baseline_activity), number(x.baseline_prednisone),
                                 std::to_string(x.last_day), x.completed ? "COMPLETED" : "DISCONTINUED",
                                 std::to_string(x.doses_planned), std::to_string(x.doses_taken)});
  }
  f.findings = data::csv_row(kFindings);
  for (const Finding& x : r.findings)
    f.findings += data::csv_row({subject_id(x.subject), d.visit_ids[x.visit], std::to_string(x.day),
                                 std::string(test_code(x.test)), number(x.value)});
  f.events = data::csv_row(kEvents);
  for (const AdverseEvent& x : r.events)
    f.events += data::csv_row({subject_id(x.subject), category_name(x.category), x.term, std::to_string(x.day),
                               x.grade > 0 ? std::to_string(x.grade) : std::string(), x.serious ? "Y" : "N"});
  return f;
}

bool read_records(const TrialDesign& d, const RecordFiles& texts, const RecordFiles& names, TrialRecords& out,
                  Error& error) {
  out.clear();
  std::map<std::string, std::uint32_t> ids;
  bool ok = each_row(texts.subjects, names.subjects, kSubjects, [&](const std::vector<std::string>& c, const auto& bad) {
    Subject s;
    std::size_t arm = d.arms.size();
    for (std::size_t a = 0; a < d.arms.size(); ++a)
      if (d.arms[a].id == c[1]) arm = a;
    int last = 0, planned = 0, taken = 0;
    if (ids.count(c[0])) return bad("USUBJID", "\"" + c[0] + "\" appears twice");
    if (arm == d.arms.size()) return bad("ARMCD", "no arm \"" + c[1] + "\" in the protocol");
    if (!to_double(c[2], s.age) || s.age < 0 || s.age > 120) return bad("AGE", "\"" + c[2] + "\" is not an age in years (0-120)");
    if (c[3] != "F" && c[3] != "M") return bad("SEX", "\"" + c[3] + "\": write F or M");
    if (!to_double(c[4], s.weight) || s.weight <= 0 || s.weight > 300) return bad("WEIGHT", "\"" + c[4] + "\" is not a weight in kg");
    if (!to_double(c[5], s.height) || s.height <= 0 || s.height > 250) return bad("HEIGHT", "\"" + c[5] + "\" is not a height in cm");
    if (!to_double(c[6], s.baseline_activity) || s.baseline_activity < 0) return bad("BASEACT", "\"" + c[6] + "\" is not a score");
    if (!to_double(c[7], s.baseline_prednisone) || s.baseline_prednisone < 0) return bad("BASEPRED", "\"" + c[7] + "\" is not a dose in mg/day");
    if (!to_int(c[8], last) || last < 1) return bad("LASTDY", "\"" + c[8] + "\" is not a study day (1 or later)");
    if (c[9] != "COMPLETED" && c[9] != "DISCONTINUED") return bad("DSDECOD", "\"" + c[9] + "\": write COMPLETED or DISCONTINUED");
    if (!to_int(c[10], planned) || planned < 0) return bad("EXPLAN", "\"" + c[10] + "\" is not a count");
    if (!to_int(c[11], taken) || taken < 0 || taken > planned) return bad("EXTAKEN", "\"" + c[11] + "\" is not a count up to EXPLAN");
    s.arm = static_cast<std::uint32_t>(arm);
    s.female = c[3] == "F";
    s.last_day = last;
    s.completed = c[9] == "COMPLETED";
    s.doses_planned = static_cast<std::uint32_t>(planned);
    s.doses_taken = static_cast<std::uint32_t>(taken);
    ids[c[0]] = static_cast<std::uint32_t>(out.subjects.size());
    out.subjects.push_back(s);
    return true;
  }, error);
  if (!ok) return false;
  std::vector<std::vector<Finding>> findings(out.subjects.size());
  ok = each_row(texts.findings, names.findings, kFindings, [&](const std::vector<std::string>& c, const auto& bad) {
    Finding f;
    auto id = ids.find(c[0]);
    if (id == ids.end()) return bad("USUBJID", "\"" + c[0] + "\" is not in " + names.subjects);
    std::size_t visit = d.visit_ids.size();
    for (std::size_t v = 0; v < d.visit_ids.size(); ++v)
      if (d.visit_ids[v] == c[1]) visit = v;
    if (visit == d.visit_ids.size()) return bad("VISIT", "no visit \"" + c[1] + "\" in the protocol");
    const std::optional<Test> test = measures::find_test(c[3]);
    if (!test) return bad("TESTCD", "unknown test code \"" + c[3] + "\"");
    if (!to_int(c[2], f.day) || f.day < 1) return bad("DY", "\"" + c[2] + "\" is not a study day (1 or later)");
    if (!to_double(c[4], f.value)) return bad("STRESN", "\"" + c[4] + "\" is not a number");
    const measures::TestSpec& range = measures::test(*test);
    if (f.value < range.lo || f.value > range.hi || (range.whole && f.value != std::floor(f.value)))
      return bad("STRESN", "\"" + c[4] + "\" is outside " + c[3] + "'s " + (range.whole ? "whole numbers " : "range ") +
                               number(range.lo) + "-" + number(range.hi));
    if (f.day > out.subjects[id->second].last_day)
      return bad("DY", "day " + c[2] + " is after the participant's last day (LASTDY " +
                           std::to_string(out.subjects[id->second].last_day) + ")");
    for (const Finding& g : findings[id->second])
      if (g.visit == visit && g.test == *test)
        return bad("TESTCD", c[3] + " at " + c[1] + " for " + c[0] + " is given twice");
    f.subject = id->second;
    f.visit = static_cast<std::uint16_t>(visit);
    f.test = *test;
    findings[id->second].push_back(f);
    return true;
  }, error);
  if (!ok) return false;
  std::vector<std::vector<AdverseEvent>> events(out.subjects.size());
  ok = each_row(texts.events, names.events, kEvents, [&](const std::vector<std::string>& c, const auto& bad) {
    AdverseEvent e;
    auto id = ids.find(c[0]);
    if (id == ids.end()) return bad("USUBJID", "\"" + c[0] + "\" is not in " + names.subjects);
    if (c[1] == "INFECTION") e.category = AdverseEvent::Category::infection;
    else if (c[1] == "REACTION") e.category = AdverseEvent::Category::reaction;
    else if (c[1] == "FLARE") e.category = AdverseEvent::Category::flare;
    else return bad("AECAT", "\"" + c[1] + "\": write INFECTION, REACTION or FLARE");
    if (!to_int(c[3], e.day) || e.day < 1) return bad("AESTDY", "\"" + c[3] + "\" is not a study day (1 or later)");
    if (e.day > out.subjects[id->second].last_day)
      return bad("AESTDY", "day " + c[3] + " is after the participant's last day (LASTDY " +
                               std::to_string(out.subjects[id->second].last_day) + ")");
    // Empty for an event CTCAE does not grade (a disease flare).
    e.grade = 0;
    if (!c[4].empty() && (!to_int(c[4], e.grade) || e.grade < 1 || e.grade > 5))
      return bad("AETOXGR", "\"" + c[4] + "\" is not a CTCAE grade (1-5; empty if not graded)");
    if (c[5] != "Y" && c[5] != "N") return bad("AESER", "\"" + c[5] + "\": write Y or N");
    out.terms.push_back(c[2]);
    e.term = out.terms.back().c_str();
    e.subject = id->second;
    e.serious = c[5] == "Y";
    events[id->second].push_back(e);
    return true;
  }, error);
  if (!ok) return false;
  // In subject order (then visit, then day), as the engine emits them.
  for (std::uint32_t s = 0; s < out.subjects.size(); ++s) {
    std::stable_sort(findings[s].begin(), findings[s].end(), [](const Finding& a, const Finding& b) { return a.visit < b.visit; });
    std::stable_sort(events[s].begin(), events[s].end(), [](const AdverseEvent& a, const AdverseEvent& b) { return a.day < b.day; });
    out.finding_begin.push_back(static_cast<std::uint32_t>(out.findings.size()));
    out.event_begin.push_back(static_cast<std::uint32_t>(out.events.size()));
    out.findings.insert(out.findings.end(), findings[s].begin(), findings[s].end());
    out.events.insert(out.events.end(), events[s].begin(), events[s].end());
  }
  out.finding_begin.push_back(static_cast<std::uint32_t>(out.findings.size()));
  out.event_begin.push_back(static_cast<std::uint32_t>(out.events.size()));
  return true;
}

}  // namespace il2t::trial
