// DM, DS, VS and AE into the trial's records, and the records' final order
// (read_steps.h).
#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "sdtm/conventions.h"
#include "sdtm/read_steps.h"

namespace il2t::sdtm::detail {

bool Gathered::is_excluded_id(std::string_view id) const {
  return std::find(excluded_ids.begin(), excluded_ids.end(), id) != excluded_ids.end();
}

bool read_subjects(ReadContext& c, trial::TrialRecords& out, Gathered& g) {
  const Dataset* dm_set = c.domain(dm(), true);
  if (!dm_set || !c.has_required(*dm_set, dm())) return false;
  const Dataset& ds = *dm_set;
  const std::size_t id = *ds.find("USUBJID"), arm = *ds.find("ARMCD"), age = *ds.find("AGE"), sex = *ds.find("SEX"),
                    start = *ds.find("RFSTDTC");
  const std::optional<std::size_t> pend = ds.find("RFPENDTC"), ageu = ds.find("AGEU");
  if (ds.rows() > 0) c.report.study = ds.text(*ds.find("STUDYID"), 0);
  for (std::size_t r = 0; r < ds.rows(); ++r) {
    const std::size_t before = c.report.problems.size();
    const std::string_view usubjid = ds.text_view(id, r);
    trial::Subject s;
    std::chrono::sys_days reference{};
    std::optional<int> end;
    if (usubjid.empty()) c.problem(ds, r, "USUBJID", "no identifier");
    if (c.subject_of.count(usubjid) || g.is_excluded_id(usubjid)) {  // the first row stands
      c.problem(ds, r, "USUBJID", quoted(usubjid) + " appears twice in DM (this row is not read)");
      continue;
    }
    const std::string_view armcd = ds.text_view(arm, r);
    std::size_t a = c.d.arms.size();
    for (std::size_t k = 0; k < c.d.arms.size(); ++k)
      if (c.d.arms[k].id == armcd) a = k;
    if (a == c.d.arms.size()) c.problem(ds, r, "ARMCD", quoted(armcd) + " is not an arm of the protocol");
    // AGE in AGEU (years when absent): months, weeks and days become years.
    const std::optional<double> given = ds.number(age, r);
    const std::optional<double> per_year = ageu ? age_units_per_year(ds.text_view(*ageu, r)) : 1.0;
    if (!per_year) c.problem(ds, r, "AGEU", quoted(ds.text_view(*ageu, r)) + ": il2trial reads YEARS, MONTHS, WEEKS or DAYS");
    const double years = given && per_year ? *given / *per_year : NAN;
    if (per_year && !(years >= 0 && years <= 120)) c.problem(ds, r, "AGE", quoted(ds.text(age, r)) + " is not an age (0 to 120 years)");
    const std::string_view sx = ds.text_view(sex, r);
    if (sx != "F" && sx != "M") c.problem(ds, r, "SEX", quoted(sx) + ": il2trial reads F or M");
    const Expected<PartialDate> date = parse_dtc(ds.text_view(start, r));
    if (!date) c.problem(ds, r, "RFSTDTC", date.error().message);
    else if (const auto day = impute(*date, Imputation::none)) reference = day->day;
    else c.problem(ds, r, "RFSTDTC", quoted(ds.text_view(start, r)) + " is not a complete date: study days count from it");
    if (pend && !ds.missing(*pend, r)) {
      const Expected<PartialDate> pd = parse_dtc(ds.text_view(*pend, r));
      const auto at = pd ? impute(*pd, Imputation::end) : std::nullopt;
      if (at) end = study_day(at->day, reference);
      else c.problem(ds, r, "RFPENDTC", pd ? quoted(ds.text_view(*pend, r)) + " has no year" : pd.error().message);
    }
    if (c.report.problems.size() != before) {
      if (c.lenient) {
        ++c.report.excluded_subjects;
        g.excluded_ids.emplace_back(usubjid);
      }
      if (c.lenient || usubjid.empty()) continue;
    }
    s.arm = static_cast<std::uint32_t>(std::min(a, c.d.arms.size() - 1));
    s.age = std::isnan(years) ? 0 : years;
    s.female = sx == "F" ? 1 : 0;
    const auto index = static_cast<std::uint32_t>(out.subjects.size());
    c.subject_of.emplace(std::string(usubjid), index);
    c.reference.push_back(reference);
    c.last_record_day.push_back(1);
    c.report.usubjid.emplace_back(usubjid);
    out.subjects.push_back(s);
    g.end_day.push_back(end);
  }
  const std::size_t n = out.subjects.size();
  g.findings.resize(n);
  g.events.resize(n);
  g.attended.resize(n);
  g.screening_activity.resize(n);
  g.screening_day.assign(n, 0);
  return true;
}

void read_events(ReadContext& c, trial::TrialRecords& out, Gathered& g) {
  const Dataset* set = c.domain(ae(), false);
  if (!set || !c.has_required(*set, ae())) return;
  const Dataset& ds = *set;
  const std::size_t term = *ds.find("AETERM"), ser = *ds.find("AESER");
  const auto grade = ds.find("AETOXGR"), cat = ds.find("AECAT");
  auto body = ds.find("AEBODSYS");
  if (!body) body = ds.find("AESOC");
  const std::size_t seq = *ds.find("AESEQ");
  std::set<std::pair<std::uint32_t, double>> seen;  // (participant, AESEQ)
  for (std::size_t r = 0; r < ds.rows(); ++r) {
    if (g.is_excluded_id(ds.text_view(*c.column(ds, "USUBJID"), r))) {
      ++c.report.excluded_records;
      continue;
    }
    const std::size_t before = c.report.problems.size();
    const auto s = c.subject(ds, r);
    if (!s) continue;
    if (!ds.missing(seq, r) && !seen.insert({*s, ds.number(seq, r).value_or(NAN)}).second)
      c.problem(ds, r, "AESEQ", quoted(ds.text(seq, r)) + " is given twice for " + std::string(ds.text_view(*c.column(ds, "USUBJID"), r)) +
                                    " (a duplicate record)");
    trial::AdverseEvent e;
    e.subject = *s;
    const auto day = c.day(ds, r, *s, "AE", Imputation::start, "STDY", "STDTC");
    const std::string_view serious = ds.text_view(ser, r);
    if (serious != "Y" && serious != "N") c.problem(ds, r, "AESER", quoted(serious) + ": write Y or N");
    e.grade = 0;
    if (grade && !ds.missing(*grade, r)) {
      const auto v = ds.number(*grade, r);
      if (!v || *v != std::floor(*v) || *v < 1 || *v > 5)
        c.problem(ds, r, "AETOXGR", quoted(ds.text(*grade, r)) + " is not a CTCAE grade (1-5; empty if not graded)");
      else e.grade = static_cast<int>(*v);
    }
    if (c.report.problems.size() != before || !day) {
      if (c.lenient) ++c.report.excluded_records;
      continue;
    }
    e.day = *day;
    e.serious = serious == "Y";
    e.category = ae_category_of(body ? ds.text_view(*body, r) : "", cat ? ds.text_view(*cat, r) : "");
    out.terms.emplace_back(ds.text_view(term, r));
    e.term = out.terms.back().c_str();
    c.last_record_day[*s] = std::max(c.last_record_day[*s], e.day);
    g.events[*s].push_back(e);
  }
}

void read_disposition(ReadContext& c, trial::TrialRecords& out, Gathered& g) {
  std::vector<std::optional<int>> disposition_day(out.subjects.size());
  if (const Dataset* set = c.domain(ds(), false); set && c.has_required(*set, ds())) {
    const Dataset& d = *set;
    const std::size_t decod = *d.find("DSDECOD");
    const auto cat = d.find("DSCAT");
    std::vector<bool> disposed(out.subjects.size(), false);
    for (std::size_t r = 0; r < d.rows(); ++r) {
      if (g.is_excluded_id(d.text_view(*c.column(d, "USUBJID"), r))) continue;
      const auto s = c.subject(d, r);
      if (!s) continue;
      if (cat && !d.missing(*cat, r) && !same_text(d.text_view(*cat, r), "DISPOSITION EVENT")) continue;  // a milestone
      disposed[*s] = true;
      out.subjects[*s].completed = same_text(d.text_view(decod, r), kCompleted);
      const auto dy = d.find("DSSTDY"), dtc = d.find("DSSTDTC");
      if ((dy && !d.missing(*dy, r)) || (dtc && !d.missing(*dtc, r)))
        disposition_day[*s] = c.day(d, r, *s, "DS", Imputation::end, "STDY", "STDTC");
    }
    for (std::uint32_t s = 0; s < out.subjects.size(); ++s)
      if (!disposed[s]) {
        c.report.problems.push_back(Error{.message = c.report.usubjid[s] + " has no disposition event in DS: taken as not completed",
                                          .file = d.file().empty() ? d.name() : d.file(),
                                          .severity = Severity::warning,
                                          .field = "DSDECOD"});
        out.subjects[s].completed = false;
      }
  } else {
    for (trial::Subject& s : out.subjects) s.completed = true;  // nothing says otherwise (docs/sdtm.md)
  }
  if (const Dataset* set = c.domain(vs(), false); set && c.has_required(*set, vs())) {
    const Dataset& d = *set;
    const std::size_t code = *d.find("VSTESTCD"), value = *d.find("VSSTRESN"), unit = *d.find("VSSTRESU");
    for (std::size_t r = 0; r < d.rows(); ++r) {
      if (g.is_excluded_id(d.text_view(*c.column(d, "USUBJID"), r))) continue;
      const bool weight = same_text(d.text_view(code, r), "WEIGHT");
      if (!weight && !same_text(d.text_view(code, r), "HEIGHT")) continue;
      const auto s = c.subject(d, r);
      if (!s) continue;
      const auto v = d.number(value, r);
      const std::string_view want = weight ? "kg" : "cm";
      if (!v) continue;  // not done
      if (!same_text(d.text_view(unit, r), want)) {
        c.problem(d, r, "VSSTRESU", quoted(d.text_view(unit, r)) + ": " + (weight ? "WEIGHT" : "HEIGHT") + " is read in " + std::string(want));
        continue;
      }
      if (weight ? !(*v > 0 && *v <= 400) : !(*v >= 30 && *v <= 250)) {
        c.problem(d, r, "VSSTRESN", fmt::format("{} is impossible for {} ({})", *v, weight ? "WEIGHT" : "HEIGHT",
                                                 weight ? "above 0 to 400 kg" : "30 to 250 cm"));
        continue;
      }
      double& field = weight ? out.subjects[*s].weight : out.subjects[*s].height;
      if (field == 0) field = *v;  // the first: at screening
    }
  }
  for (std::size_t s = 0; s < out.subjects.size(); ++s)
    out.subjects[s].last_day = std::max(1, g.end_day[s] ? *g.end_day[s] : disposition_day[s] ? *disposition_day[s] : c.last_record_day[s]);
}

void assemble(ReadContext& c, trial::TrialRecords& out, Gathered& g) {
  for (std::uint32_t s = 0; s < out.subjects.size(); ++s) {
    auto& f = g.findings[s];
    std::sort(f.begin(), f.end(), [](const trial::Finding& a, const trial::Finding& b) {
      return a.visit != b.visit ? a.visit < b.visit : a.test < b.test;
    });
    auto& e = g.events[s];
    std::stable_sort(e.begin(), e.end(), [](const trial::AdverseEvent& a, const trial::AdverseEvent& b) { return a.day < b.day; });
    out.finding_begin.push_back(static_cast<std::uint32_t>(out.findings.size()));
    out.event_begin.push_back(static_cast<std::uint32_t>(out.events.size()));
    out.findings.insert(out.findings.end(), f.begin(), f.end());
    out.events.insert(out.events.end(), e.begin(), e.end());
    // The activity score at entry: at screening, else at the baseline visit.
    std::optional<double> entry = g.screening_activity[s];
    const measures::Id activity = trial::activity_test(c.d.disease);
    for (const trial::Finding& x : f)
      if (!entry && c.d.baseline_visit && x.visit == *c.d.baseline_visit && x.test == activity) entry = x.value;
    out.subjects[s].baseline_activity = entry.value_or(NAN);
  }
  out.finding_begin.push_back(static_cast<std::uint32_t>(out.findings.size()));
  out.event_begin.push_back(static_cast<std::uint32_t>(out.events.size()));
}

}  // namespace il2t::sdtm::detail
