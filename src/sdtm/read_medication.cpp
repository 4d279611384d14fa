// CM's glucocorticoids into prednisone-equivalent doses (read_steps.h): at each visit a
// participant attended, and on the day before day 1 (the dose at entry).
#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "sdtm/conventions.h"
#include "sdtm/read_steps.h"

namespace il2t::sdtm::detail {

namespace {

struct Course {
  int from, to;    // study days, inclusive
  double per_day;  // prednisone-equivalent mg/day
};

double dose_on(const std::vector<Course>& courses, int day) {
  double total = 0;
  for (const Course& k : courses)
    if (k.from <= day && day <= k.to) total += k.per_day;
  return total;
}

}  // namespace

void read_medication(ReadContext& c, trial::TrialRecords& out, Gathered& g) {
  const Dataset* set = c.domain(cm(), false);
  if (!set || !c.has_required(*set, cm())) return;
  const Dataset& ds = *set;
  const std::size_t trt = *ds.find("CMTRT"), dose = *ds.find("CMDOSE"), unit = *ds.find("CMDOSU"),
                    freq = *ds.find("CMDOSFRQ"), id = *ds.find("USUBJID");
  const auto decod = ds.find("CMDECOD"), end_col = ds.find("CMENDTC"), end_dy = ds.find("CMENDY"),
             route = ds.find("CMROUTE"), seq = ds.find("CMSEQ");
  std::vector<std::vector<Course>> courses(out.subjects.size());
  std::set<std::pair<std::uint32_t, double>> seen;  // (participant, CMSEQ)
  for (std::size_t r = 0; r < ds.rows(); ++r) {
    const std::string_view name = decod && !ds.missing(*decod, r) ? ds.text_view(*decod, r) : ds.text_view(trt, r);
    const std::optional<double> factor = prednisone_factor(name);
    if (!factor) continue;  // not a systemic glucocorticoid
    if (route && !ds.missing(*route, r) && !systemic_route(ds.text_view(*route, r))) {
      ++c.report.unused_records;  // topical, inhaled, intra-articular, ...: not counted
      continue;
    }
    if (g.is_excluded_id(ds.text_view(id, r))) {
      ++c.report.excluded_records;
      continue;
    }
    const std::size_t before = c.report.problems.size();
    const auto s = c.subject(ds, r);
    if (s && seq && !ds.missing(*seq, r) && !seen.insert({*s, ds.number(*seq, r).value_or(NAN)}).second)
      c.problem(ds, r, "CMSEQ", quoted(ds.text(*seq, r)) + " is given twice for " + std::string(ds.text_view(id, r)) +
                                    " (a duplicate record)");
    const auto amount = ds.number(dose, r);
    if (!amount || *amount < 0 || *amount > 5000) c.problem(ds, r, "CMDOSE", quoted(ds.text(dose, r)) + " is not a dose in mg");
    if (ds.text_view(unit, r) != "mg") c.problem(ds, r, "CMDOSU", quoted(ds.text_view(unit, r)) + ": glucocorticoid doses are read in mg");
    const std::optional<double> times = per_day(ds.text_view(freq, r));
    if (!times) c.problem(ds, r, "CMDOSFRQ", quoted(ds.text_view(freq, r)) + " is not a dosing frequency il2trial reads (QD, BID, TID, QID, QOD, Q2D, QW, ONCE)");
    std::optional<int> from;
    if (s) from = c.day(ds, r, *s, "CM", Imputation::start, "STDY", "STDTC");
    std::optional<int> to;
    const bool ended = (end_dy && !ds.missing(*end_dy, r)) || (end_col && !ds.missing(*end_col, r));
    if (s && ended) to = c.day(ds, r, *s, "CM", Imputation::end, "ENDY", "ENDTC");
    if (from && to && *to < *from)
      c.problem(ds, r, end_col ? "CMENDTC" : "CMENDY", fmt::format("the course ends on study day {}, before it starts (day {})", *to, *from));
    if (c.report.problems.size() != before || !s || !from || (ended && !to)) {
      if (c.lenient) ++c.report.excluded_records;
      continue;
    }
    // Without an end: a single dose (ONCE) on its day, any other ongoing to the end of
    // the participant's records.
    const bool once = same_text(ds.text_view(freq, r), "ONCE");
    const int start = from.value_or(0);
    courses[*s].push_back({start, to ? to.value_or(0) : once ? start : 1 << 30, amount.value_or(0) * *factor * times.value_or(0)});
  }
  for (std::uint32_t s = 0; s < out.subjects.size(); ++s) {
    out.subjects[s].baseline_prednisone = dose_on(courses[s], -1);
    for (const auto& [visit, day] : g.attended[s])
      g.findings[s].push_back({s, visit, day, measures::Id::prednisone, dose_on(courses[s], day)});
  }
}

}  // namespace il2t::sdtm::detail
