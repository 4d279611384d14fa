// LB, RS and QS into the trial's findings (read_steps.h): each record's test, value,
// study day and protocol visit; unscheduled records where the windows allow.
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include "instruments/sledai.h"
#include "sdtm/conventions.h"
#include "sdtm/read_steps.h"

namespace il2t::sdtm::detail {

namespace {

std::string upper_words(std::string_view s) {  // upper case, runs of spaces as one
  std::string u;
  for (char ch : s) {
    if (ch == ' ' && (u.empty() || u.back() == ' ')) continue;
    u += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  while (!u.empty() && u.back() == ' ') u.pop_back();
  return u;
}

enum class VisitKind { scheduled, screening, unscheduled, unknown };

struct VisitOf {
  VisitKind kind = VisitKind::unknown;
  std::uint16_t visit = 0;
};

// The protocol visit a record names by VISIT, else by VISITNUM.
VisitOf visit_of(const trial::TrialDesign& d, std::string_view name, std::optional<double> num) {
  const auto& visits = d.protocol->visits;
  if (!name.empty()) {
    const std::string n = upper_words(name);
    if (n == kScreeningVisit) return {VisitKind::screening, 0};
    if (n.rfind("UNSCHEDULED", 0) == 0) return {VisitKind::unscheduled, 0};
    for (std::size_t v = 0; v < visits.size(); ++v)
      if (n == visit_name(visits[v]) || n == upper_words(visits[v].id)) return {VisitKind::scheduled, static_cast<std::uint16_t>(v)};
    return {};
  }
  if (!num) return {};
  if (*num == kScreeningVisitNum) return {VisitKind::screening, 0};
  if (*num != std::floor(*num)) return {VisitKind::unscheduled, 0};
  if (*num >= 1 && *num <= static_cast<double>(visits.size())) return {VisitKind::scheduled, static_cast<std::uint16_t>(*num - 1)};
  return {};
}

struct Unscheduled {
  std::uint32_t subject;
  trial::Finding finding;  // its visit not yet set
};

// The scheduled visit whose window holds `day`, nearest its target day; nullopt if none.
std::optional<std::uint16_t> window_of(const trial::TrialDesign& d, int day) {
  std::optional<std::uint16_t> best;
  int gap = 0;
  const auto& visits = d.protocol->visits;
  for (std::size_t v = 0; v < visits.size(); ++v) {
    const int target = visits[v].study_day(), g = std::abs(day - target);
    if (g <= visits[v].window_days.value && (!best || g < gap)) best = static_cast<std::uint16_t>(v), gap = g;
  }
  return best;
}

// Row r's result as the catalogue's value of test t; nullopt, with a problem, when it
// has none, is not of the test's kind, or is impossible.
std::optional<double> result(ReadContext& c, const Dataset& ds, std::size_t r, const std::string& p,
                             const measures::TestSpec& t) {
  const auto stresc = c.column(ds, p + "STRESC"), stresn = c.column(ds, p + "STRESN"), orres = c.column(ds, p + "ORRES"),
             stresu = c.column(ds, p + "STRESU");
  const std::string_view text = stresc && !ds.missing(*stresc, r) ? ds.text_view(*stresc, r)
                                : orres && !ds.missing(*orres, r) ? ds.text_view(*orres, r)
                                                                  : std::string_view();
  double v = NAN;
  bool original = false;  // read from --ORRES, so in --ORRESU
  if (!t.coded.empty()) {
    const std::size_t at = text.size() == 1 ? t.coded.find(text[0]) : std::string_view::npos;
    if (at == std::string_view::npos) {
      c.problem(ds, r, p + "STRESC", quoted(text) + " is not a " + std::string(t.label) + " grade (" + std::string(t.coded) + ")");
      return std::nullopt;
    }
    return static_cast<double>(at);
  }
  if (stresn && !ds.missing(*stresn, r)) {
    const auto n = ds.number(*stresn, r);
    if (!n) {
      c.problem(ds, r, p + "STRESN", quoted(ds.text(*stresn, r)) + " is not a number");
      return std::nullopt;
    }
    v = *n;
  } else if (!text.empty()) {  // --STRESC, else --ORRES, read as a number
    const bool from_stresc = stresc && !ds.missing(*stresc, r);
    original = !from_stresc;
    const auto n = from_stresc ? ds.number(*stresc, r) : ds.number(*orres, r);
    if (!n) {
      c.problem(ds, r, p + (from_stresc ? "STRESC" : "ORRES"), quoted(text) + " is not a number, as " + std::string(t.code) + " is read");
      return std::nullopt;
    }
    v = *n;
  } else {
    c.problem(ds, r, p + "STRESN", "no result (a test not done has " + p + "STAT = NOT DONE)");
    return std::nullopt;
  }
  if (!t.unit.empty() && t.unit != "grade") {
    const auto unit_col = original ? c.column(ds, p + "ORRESU") : stresu;
    const std::string_view unit = unit_col ? ds.text_view(*unit_col, r) : std::string_view();
    const std::optional<double> factor = unit_factor(t.unit, unit);
    if (!factor) {
      c.problem(ds, r, p + (original ? "ORRESU" : "STRESU"), quoted(unit) + " is not a unit il2trial reads " + std::string(t.code) + " in (" + std::string(t.unit) + ")");
      return std::nullopt;
    }
    v *= *factor;
  }
  if (!(v >= t.lo && v <= t.hi) || (t.whole && v != std::floor(v))) {
    c.problem(ds, r, p + "STRESN", fmt::format("{} is impossible for {} ({}{} to {})", v, t.code, t.whole ? "whole numbers " : "", t.lo, t.hi));
    return std::nullopt;
  }
  return v;
}

// A finding at its visit: a scheduled visit's (a second value of a test there is a
// duplicate record), an unscheduled one (placed by the windows later), or screening's
// (the activity score at entry).
void place(ReadContext& c, Gathered& g, std::vector<Unscheduled>& unscheduled, const trial::Finding& f,
           VisitKind kind, const Dataset& ds, std::size_t r) {
  const std::uint32_t s = f.subject;
  c.last_record_day[s] = std::max(c.last_record_day[s], f.day);
  switch (kind) {
    case VisitKind::screening:
      if (f.test == trial::activity_test(c.d.disease) && (!g.screening_activity[s] || f.day >= g.screening_day[s]))
        g.screening_activity[s] = f.value, g.screening_day[s] = f.day;
      break;
    case VisitKind::unscheduled: unscheduled.push_back({s, f}); break;
    case VisitKind::scheduled: {
      auto& list = g.findings[s];
      const auto dup = std::find_if(list.begin(), list.end(), [&](const trial::Finding& x) { return x.visit == f.visit && x.test == f.test; });
      if (dup != list.end()) {
        const std::string p = ds.name();
        c.problem(ds, r, p + "TESTCD", std::string(measures::test(f.test).code) + " at " + visit_name(c.d.protocol->visits[f.visit]) +
                                           " for " + std::string(ds.text_view(*c.column(ds, "USUBJID"), r)) +
                                           " is given twice (a duplicate record)");
        if (c.lenient) ++c.report.excluded_records;
        break;
      }
      list.push_back(f);
      g.attended[s].emplace(f.visit, f.day);
      break;
    }
    case VisitKind::unknown: break;
  }
}

// SLEDAI-2K descriptors given one by one (RSTESTCD SLEDAI01 to SLEDAI24, in the form's
// order: conventions.h), gathered per participant and visit: where all 24 are given,
// their weighted sum is the SLEDAI-2K total (instruments/sledai.h).
struct ItemVisit {
  std::uint32_t subject = 0;
  VisitOf at;
  int day = 0;
  const Dataset* ds = nullptr;
  std::size_t row = 0;  // the first item's, for messages
  instruments::SledaiVisit present;
  std::array<bool, instruments::kSledaiItemCount> seen{};
  std::size_t given = 0;  // distinct descriptors given
};

void add_item_totals(ReadContext& c, Gathered& g, std::vector<Unscheduled>& unscheduled, const std::vector<ItemVisit>& items) {
  for (const ItemVisit& v : items) {
    const auto& list = g.findings[v.subject];
    const auto total = std::find_if(list.begin(), list.end(), [&](const trial::Finding& x) {
      return v.at.kind == VisitKind::scheduled && x.visit == v.at.visit && x.test == measures::Id::sledai_2k;
    });
    const std::string where = (v.at.kind == VisitKind::scheduled ? visit_name(c.d.protocol->visits[v.at.visit]) : "day " + std::to_string(v.day)) +
                              " for " + std::string(v.ds->text_view(*c.column(*v.ds, "USUBJID"), v.row));
    if (v.given < instruments::kSledaiItemCount) {
      if (total == list.end())
        c.problem(*v.ds, v.row, "RSTESTCD", fmt::format("{} of the 24 SLEDAI-2K descriptors at {}: the total needs all 24 (or give SLEDAI2K)", v.given, where));
      else
        c.report.unused_records += v.given;
      continue;
    }
    const int sum = instruments::sledai_2k(v.present);
    if (total != list.end()) {
      if (total->value != sum)
        c.problem(*v.ds, v.row, "RSTESTCD", fmt::format("SLEDAI2K {} at {} is not its descriptors' sum, {}", total->value, where, sum));
      continue;
    }
    place(c, g, unscheduled, {v.subject, v.at.visit, v.day, measures::Id::sledai_2k, static_cast<double>(sum)}, v.at.kind, *v.ds, v.row);
  }
}

// A descriptor's presence: Y, PRESENT, 1 or N, ABSENT, 0 (any case).
std::optional<bool> presence(std::string_view v) {
  std::string u(v);
  for (char& ch : u) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (u == "Y" || u == "PRESENT" || u == "1") return true;
  if (u == "N" || u == "ABSENT" || u == "0") return false;
  return std::nullopt;
}

void read_domain(ReadContext& c, const Dataset& ds, measures::Domain domain, Gathered& g,
                 std::vector<Unscheduled>& unscheduled) {
  std::vector<ItemVisit> items;
  const std::string p(findings(domain).name);
  const std::size_t code = *ds.find(p + "TESTCD"), id = *ds.find("USUBJID");
  const auto visit_col = ds.find("VISIT"), num_col = ds.find("VISITNUM"), stat = ds.find(p + "STAT");
  for (std::size_t r = 0; r < ds.rows(); ++r) {
    if (g.is_excluded_id(ds.text_view(id, r))) {
      ++c.report.excluded_records;
      continue;
    }
    if (stat && ds.text_view(*stat, r) == "NOT DONE") continue;
    const std::size_t before = c.report.problems.size();
    const auto s = c.subject(ds, r);
    const std::string_view testcd = ds.text_view(code, r);
    if (const auto item = domain == measures::Domain::rs ? sledai_item_of(testcd) : std::nullopt) {
      const VisitOf at = visit_of(c.d, visit_col ? ds.text_view(*visit_col, r) : "", num_col ? ds.number(*num_col, r) : std::nullopt);
      const auto stresc = c.column(ds, p + "STRESC"), orres = c.column(ds, p + "ORRES");
      const std::string_view text = stresc && !ds.missing(*stresc, r) ? ds.text_view(*stresc, r) : orres ? ds.text_view(*orres, r) : "";
      const std::optional<bool> yes = presence(text);
      if (at.kind == VisitKind::unknown)
        c.problem(ds, r, visit_col ? "VISIT" : "VISITNUM", quoted(visit_col ? ds.text_view(*visit_col, r) : ds.text(*num_col, r)) +
                                                               " is not a visit of the protocol, SCREENING or UNSCHEDULED");
      if (!yes) c.problem(ds, r, p + "STRESC", quoted(text) + " is not a descriptor's presence (Y or N)");
      const auto day = s ? c.day(ds, r, *s, p, Imputation::none) : std::nullopt;
      if (c.report.problems.size() != before || !s || !day) {
        if (c.lenient) ++c.report.excluded_records;
        continue;
      }
      auto it = std::find_if(items.begin(), items.end(), [&](const ItemVisit& v) {
        return v.subject == *s && v.at.kind == at.kind && v.at.visit == at.visit && v.day == *day;
      });
      if (it == items.end()) it = items.insert(items.end(), ItemVisit{*s, at, *day, &ds, r, {}, {}, 0});
      if (it->seen[*item]) {
        c.problem(ds, r, p + "TESTCD", std::string(testcd) + " is given twice at one visit (a duplicate record)");
        continue;
      }
      it->seen[*item] = true;
      it->present.set(static_cast<instruments::SledaiItem>(*item), *yes);
      ++it->given;
      continue;
    }
    const std::optional<measures::Id> test = measures::find_test(testcd);
    if (!test || measures::test(*test).domain != domain) {
      if (domain == measures::Domain::lb) {  // a lab test il2trial does not read
        ++c.report.unused_records;
        continue;
      }
      c.problem(ds, r, p + "TESTCD", quoted(testcd) + " is not a test il2trial reads in " + p + " (il2trial measures)");
      continue;
    }
    const VisitOf at = visit_of(c.d, visit_col ? ds.text_view(*visit_col, r) : "", num_col ? ds.number(*num_col, r) : std::nullopt);
    if (at.kind == VisitKind::unknown)
      c.problem(ds, r, visit_col ? "VISIT" : "VISITNUM",
                quoted(visit_col ? ds.text_view(*visit_col, r) : ds.text(*num_col, r)) +
                    " is not a visit of the protocol, SCREENING or UNSCHEDULED");
    const auto value = result(c, ds, r, p, measures::test(*test));
    const auto day = s ? c.day(ds, r, *s, p, Imputation::none) : std::nullopt;
    if (c.report.problems.size() != before || !s || !value || !day) {
      if (c.lenient) ++c.report.excluded_records;
      continue;
    }
    place(c, g, unscheduled, {*s, at.visit, *day, *test, *value}, at.kind, ds, r);
  }
  add_item_totals(c, g, unscheduled, items);
}

}  // namespace

void read_findings(ReadContext& c, trial::TrialRecords& out, Gathered& g) {
  (void)out;
  std::vector<Unscheduled> unscheduled;
  for (measures::Domain domain : {measures::Domain::rs, measures::Domain::qs, measures::Domain::lb}) {
    const Dataset* set = c.domain(findings(domain), false);
    if (set && c.has_required(*set, findings(domain))) read_domain(c, *set, domain, g, unscheduled);
  }
  // Unscheduled records stand in where their window's visit lacks the test, the
  // nearest to the visit's target day first.
  std::stable_sort(unscheduled.begin(), unscheduled.end(), [&](const Unscheduled& a, const Unscheduled& b) {
    const auto va = window_of(c.d, a.finding.day), vb = window_of(c.d, b.finding.day);
    const int ga = va ? std::abs(a.finding.day - c.d.protocol->visits[*va].study_day()) : 1 << 30;
    const int gb = vb ? std::abs(b.finding.day - c.d.protocol->visits[*vb].study_day()) : 1 << 30;
    return ga < gb;
  });
  for (Unscheduled& u : unscheduled) {
    const auto v = window_of(c.d, u.finding.day);
    auto& list = g.findings[u.subject];
    if (!v || std::any_of(list.begin(), list.end(), [&](const trial::Finding& x) { return x.visit == *v && x.test == u.finding.test; })) {
      ++c.report.unscheduled_unused;
      continue;
    }
    u.finding.visit = *v;
    list.push_back(u.finding);
    g.attended[u.subject].emplace(*v, u.finding.day);
    ++c.report.unscheduled_used;
  }
}

std::optional<double> unit_factor(std::string_view unit, std::string_view delivered) {
  struct Alias {
    std::string_view unit, delivered;
    double factor;
  };
  static constexpr Alias kAliases[] = {
      {"g/L", "g/L", 1},           {"g/L", "mg/dL", 0.01},          {"g/L", "mg/L", 0.001},
      {"cells/µL", "cells/µL", 1}, {"cells/µL", "cells/uL", 1},     {"cells/µL", "/uL", 1},
      {"cells/µL", "10^6/L", 1},   {"cells/µL", "cells/mm3", 1},    {"cells/µL", "10^9/L", 1000},
      {"%", "%", 1},               {"copies/mL", "copies/mL", 1},   {"IU/mL", "IU/mL", 1},
      {"mg/day", "mg/day", 1},
  };
  for (const Alias& a : kAliases)
    if (a.unit == unit && a.delivered == delivered) return a.factor;
  return std::nullopt;
}

}  // namespace il2t::sdtm::detail
