// CM's glucocorticoids into prednisone-equivalent doses (read_steps.h): at each visit a
// participant attended, and on the day before day 1 (the dose at entry).
#include <algorithm>
#include <cmath>

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
  const auto decod = ds.find("CMDECOD"), end_col = ds.find("CMENDTC"), end_dy = ds.find("CMENDY");
  std::vector<std::vector<Course>> courses(out.subjects.size());
  for (std::size_t r = 0; r < ds.rows(); ++r) {
    const std::string_view name = decod && !ds.missing(*decod, r) ? ds.text_view(*decod, r) : ds.text_view(trt, r);
    const std::optional<double> factor = prednisone_factor(name);
    if (!factor) continue;  // not a systemic glucocorticoid
    if (g.is_excluded_id(ds.text_view(id, r))) {
      ++c.report.excluded_records;
      continue;
    }
    const std::size_t before = c.report.problems.size();
    const auto s = c.subject(ds, r);
    const auto amount = ds.number(dose, r);
    if (!amount || *amount < 0 || *amount > 5000) c.problem(ds, r, "CMDOSE", quoted(ds.text(dose, r)) + " is not a dose in mg");
    if (ds.text_view(unit, r) != "mg") c.problem(ds, r, "CMDOSU", quoted(ds.text_view(unit, r)) + ": glucocorticoid doses are read in mg");
    const std::optional<double> times = per_day(ds.text_view(freq, r));
    if (!times) c.problem(ds, r, "CMDOSFRQ", quoted(ds.text_view(freq, r)) + " is not a dosing frequency il2trial reads (QD, BID, TID, QID, QOD, Q2D, QW, ONCE)");
    const auto from = s ? c.day(ds, r, *s, "CM", Imputation::start, "STDY", "STDTC") : std::nullopt;
    std::optional<int> to;
    const bool ended = (end_dy && !ds.missing(*end_dy, r)) || (end_col && !ds.missing(*end_col, r));
    if (s && ended) to = c.day(ds, r, *s, "CM", Imputation::end, "ENDY", "ENDTC");
    if (c.report.problems.size() != before || !s || !from || (ended && !to)) {
      if (c.lenient) ++c.report.excluded_records;
      continue;
    }
    // Without an end: ongoing to the end of the participant's records.
    courses[*s].push_back({*from, to ? *to : 1 << 30, *amount * *factor * *times});
  }
  for (std::uint32_t s = 0; s < out.subjects.size(); ++s) {
    out.subjects[s].baseline_prednisone = dose_on(courses[s], -1);
    for (const auto& [visit, day] : g.attended[s])
      g.findings[s].push_back({s, visit, day, measures::Id::prednisone, dose_on(courses[s], day)});
  }
}

}  // namespace il2t::sdtm::detail
