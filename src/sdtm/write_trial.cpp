#include "sdtm/write_trial.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "sdtm/conventions.h"
#include "sdtm/dates.h"
#include "sdtm/domains.h"

namespace il2t::sdtm {

namespace {

using trial::TrialRecords;

// Fills one row of a dataset by variable name; the row's other cells stay missing.
class RowWriter {
 public:
  explicit RowWriter(Dataset& d) : d_(d) {}
  RowWriter& row() {
    d_.begin_row();
    return *this;
  }
  RowWriter& text(std::string_view var, std::string_view v) {
    d_.set_text(col(var), v);
    return *this;
  }
  RowWriter& num(std::string_view var, double v) {
    d_.set_number(col(var), v);
    return *this;
  }

 private:
  std::size_t col(std::string_view var) { return *d_.find(var); }  // the spec's own names
  Dataset& d_;
};

struct Context {
  const trial::TrialDesign& d;
  const TrialRecords& r;
  std::string study;
  std::chrono::sys_days first;
  std::string usubjid(std::uint32_t s) const { return study + "-" + subject_id(s); }
  std::chrono::sys_days date_of(int day) const { return first + std::chrono::days{day >= 1 ? day - 1 : day}; }
  std::string dtc(int day) const { return format_date(date_of(day)); }
  std::string_view epoch(int day) const { return epoch_of(*d.protocol, day); }
  // The subject's visits in the order attended, with their days.
  std::vector<std::pair<std::uint16_t, int>> visits(std::uint32_t s) const {
    std::vector<std::pair<std::uint16_t, int>> v;
    for (std::uint32_t i = r.finding_begin[s]; i < r.finding_begin[s + 1]; ++i) {
      const trial::Finding& f = r.findings[i];
      if (v.empty() || v.back().first != f.visit) v.emplace_back(f.visit, f.day);
    }
    std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    return v;
  }
};

void write_dm(const Context& c, Dataset& out) {
  RowWriter w(out);
  for (std::uint32_t s = 0; s < c.r.subjects.size(); ++s) {
    const trial::Subject& x = c.r.subjects[s];
    const trial::ArmInfo& arm = c.d.arms[x.arm];
    w.row()
        .text("STUDYID", c.study).text("DOMAIN", "DM").text("USUBJID", c.usubjid(s)).text("SUBJID", subject_id(s))
        .text("RFSTDTC", c.dtc(1)).text("RFENDTC", c.dtc(x.last_day)).text("RFPENDTC", c.dtc(x.last_day))
        .num("AGE", x.age).text("AGEU", "YEARS").text("SEX", x.female ? "F" : "M")
        .text("ARMCD", arm.id).text("ARM", arm.label).text("ACTARMCD", arm.id).text("ACTARM", arm.label);
  }
}

void write_ds(const Context& c, Dataset& out) {
  RowWriter w(out);
  for (std::uint32_t s = 0; s < c.r.subjects.size(); ++s) {
    const trial::Subject& x = c.r.subjects[s];
    const std::string_view decod = x.completed ? kCompleted : kDiscontinued;
    w.row()
        .text("STUDYID", c.study).text("DOMAIN", "DS").text("USUBJID", c.usubjid(s)).num("DSSEQ", 1)
        .text("DSTERM", decod).text("DSDECOD", decod).text("DSCAT", "DISPOSITION EVENT")
        .text("EPOCH", c.epoch(x.last_day)).text("DSSTDTC", c.dtc(x.last_day)).num("DSSTDY", x.last_day);
  }
}

void write_ex(const Context& c, Dataset& out) {
  RowWriter w(out);
  const double treatment_end = c.d.protocol->timeline.treatment_weeks.value * 7;
  for (std::uint32_t s = 0; s < c.r.subjects.size(); ++s) {
    const trial::Subject& x = c.r.subjects[s];
    const trial::ArmInfo& arm = c.d.arms[x.arm];
    if (!arm.gives_il2 && !arm.control) continue;
    const int end = treatment_end > 0 ? std::min(x.last_day, static_cast<int>(treatment_end)) : x.last_day;
    w.row()
        .text("STUDYID", c.study).text("DOMAIN", "EX").text("USUBJID", c.usubjid(s)).num("EXSEQ", 1)
        .text("EXTRT", arm.gives_il2 ? "INTERLEUKIN-2" : "PLACEBO").num("EXDOSE", arm.gives_il2 ? arm.il2_dose_miu : 0)
        .text("EXDOSU", "MIU").text("EXDOSFRM", "INJECTION").text("EXROUTE", "SUBCUTANEOUS")
        .text("EPOCH", "TREATMENT").text("EXSTDTC", c.dtc(1)).text("EXENDTC", c.dtc(end)).num("EXSTDY", 1)
        .num("EXENDY", end);
  }
}

void write_sv(const Context& c, Dataset& out) {
  RowWriter w(out);
  const auto& visits = c.d.protocol->visits;
  for (std::uint32_t s = 0; s < c.r.subjects.size(); ++s) {
    auto row = [&](double num, std::string_view name, int day) {
      w.row()
          .text("STUDYID", c.study).text("DOMAIN", "SV").text("USUBJID", c.usubjid(s)).num("VISITNUM", num)
          .text("VISIT", name).text("EPOCH", c.epoch(day)).text("SVSTDTC", c.dtc(day)).text("SVENDTC", c.dtc(day))
          .num("SVSTDY", day).num("SVENDY", day);
    };
    row(kScreeningVisitNum, kScreeningVisit, kScreeningDay);
    for (const auto& [v, day] : c.visits(s)) row(v + 1, visit_name(visits[v]), day);
  }
}

void write_vs(const Context& c, Dataset& out) {
  RowWriter w(out);
  for (std::uint32_t s = 0; s < c.r.subjects.size(); ++s) {
    const trial::Subject& x = c.r.subjects[s];
    int seq = 0;
    for (auto [code, name, value, unit] : {std::tuple{"WEIGHT", "Weight", x.weight, "kg"}, std::tuple{"HEIGHT", "Height", x.height, "cm"}}) {
      w.row()
          .text("STUDYID", c.study).text("DOMAIN", "VS").text("USUBJID", c.usubjid(s)).num("VSSEQ", ++seq)
          .text("VSTESTCD", code).text("VSTEST", name).text("VSORRES", fmt::format("{}", value)).text("VSORRESU", unit)
          .text("VSSTRESC", fmt::format("{}", value)).num("VSSTRESN", value).text("VSSTRESU", unit)
          .num("VISITNUM", kScreeningVisitNum).text("VISIT", kScreeningVisit).text("EPOCH", c.epoch(kScreeningDay))
          .text("VSDTC", c.dtc(kScreeningDay)).num("VSDY", kScreeningDay);
    }
  }
}

void write_ae(const Context& c, Dataset& out) {
  RowWriter w(out);
  for (std::uint32_t s = 0; s < c.r.subjects.size(); ++s) {
    int seq = 0;
    for (std::uint32_t i = c.r.event_begin[s]; i < c.r.event_begin[s + 1]; ++i) {
      const trial::AdverseEvent& e = c.r.events[i];
      w.row()
          .text("STUDYID", c.study).text("DOMAIN", "AE").text("USUBJID", c.usubjid(s)).num("AESEQ", ++seq)
          .text("AETERM", e.term).text("AEDECOD", e.term).text("AECAT", ae_category(e.category))
          .text("AEBODSYS", ae_body_system(e.category)).text("AESER", e.serious ? "Y" : "N")
          .text("AETOXGR", e.grade > 0 ? std::to_string(e.grade) : std::string())
          .text("EPOCH", c.epoch(e.day)).text("AESTDTC", c.dtc(e.day)).num("AESTDY", e.day);
    }
  }
}

// One CM record of prednisone from day `from` to day `to`.
void cm_row(const Context& c, RowWriter& w, std::uint32_t s, int& seq, double dose, int from, int to) {
  if (!(dose > 0)) return;
  w.row()
      .text("STUDYID", c.study).text("DOMAIN", "CM").text("USUBJID", c.usubjid(s)).num("CMSEQ", ++seq)
      .text("CMTRT", "PREDNISONE").text("CMDECOD", "PREDNISONE").text("CMCAT", "GLUCOCORTICOID").num("CMDOSE", dose)
      .text("CMDOSU", "mg").text("CMDOSFRQ", "QD").text("CMROUTE", "ORAL").text("EPOCH", c.epoch(from))
      .text("CMSTDTC", c.dtc(from)).text("CMENDTC", c.dtc(to)).num("CMSTDY", from).num("CMENDY", to);
}

void write_cm(const Context& c, Dataset& out) {
  RowWriter w(out);
  for (std::uint32_t s = 0; s < c.r.subjects.size(); ++s) {
    int seq = 0;
    cm_row(c, w, s, seq, c.r.subjects[s].baseline_prednisone, kScreeningDay, -1);
    std::vector<std::pair<int, double>> doses;  // (day, mg/day) at each visit
    for (std::uint32_t i = c.r.finding_begin[s]; i < c.r.finding_begin[s + 1]; ++i)
      if (c.r.findings[i].test == measures::Id::prednisone) doses.emplace_back(c.r.findings[i].day, c.r.findings[i].value);
    std::sort(doses.begin(), doses.end());
    for (std::size_t k = 0; k < doses.size(); ++k)
      cm_row(c, w, s, seq, doses[k].second, doses[k].first, k + 1 < doses.size() ? doses[k + 1].first - 1 : doses[k].first);
  }
}

void finding_row(const Context& c, RowWriter& w, std::string_view prefix, std::uint32_t s, int seq,
                 const measures::TestSpec& t, double value, double visitnum, std::string_view visit, int day) {
  const std::string p(prefix);
  const std::string result = t.coded.empty() ? fmt::format("{}", value)
                                             : std::string(1, t.coded[static_cast<std::size_t>(value)]);
  w.row()
      .text("STUDYID", c.study).text("DOMAIN", prefix).text("USUBJID", c.usubjid(s)).num(p + "SEQ", seq)
      .text(p + "TESTCD", t.code).text(p + "TEST", t.label).text(p + "CAT", t.category).text(p + "ORRES", result)
      .text(p + "ORRESU", t.coded.empty() ? t.unit : "").text(p + "STRESC", result)
      .num(p + "STRESN", t.coded.empty() ? value : NAN).text(p + "STRESU", t.coded.empty() ? t.unit : "")
      .num("VISITNUM", visitnum).text("VISIT", visit).text("EPOCH", c.epoch(day)).text(p + "DTC", c.dtc(day))
      .num(p + "DY", day);
}

void write_findings(const Context& c, measures::Domain domain, Dataset& out) {
  RowWriter w(out);
  const std::string prefix(findings(domain).name);
  const auto& visits = c.d.protocol->visits;
  const measures::Id activity = trial::activity_test(c.d.disease);
  for (std::uint32_t s = 0; s < c.r.subjects.size(); ++s) {
    int seq = 0;
    if (measures::test(activity).domain == domain)  // the activity score at screening
      finding_row(c, w, prefix, s, ++seq, measures::test(activity), c.r.subjects[s].baseline_activity,
                  kScreeningVisitNum, kScreeningVisit, kScreeningDay);
    for (std::uint32_t i = c.r.finding_begin[s]; i < c.r.finding_begin[s + 1]; ++i) {
      const trial::Finding& f = c.r.findings[i];
      const measures::TestSpec& t = measures::test(f.test);
      if (t.domain != domain) continue;
      finding_row(c, w, prefix, s, ++seq, t, f.value, f.visit + 1, visit_name(visits[f.visit]), f.day);
    }
  }
}

}  // namespace

std::string subject_id(std::uint32_t index) { return fmt::format("S{:05}", index + 1); }

std::vector<Dataset> write_trial(const trial::TrialDesign& d, const TrialRecords& r, const WriteOptions& o) {
  const Context c{d, r, o.study_id.empty() ? d.protocol->identity.id.value : o.study_id, o.first_day};
  std::vector<Dataset> out;
  for (const DomainSpec* spec : all_domains()) {
    Dataset set = empty_dataset(*spec);
    const std::string_view n = spec->name;
    if (n == "DM") write_dm(c, set);
    else if (n == "DS") write_ds(c, set);
    else if (n == "EX") write_ex(c, set);
    else if (n == "SV") write_sv(c, set);
    else if (n == "VS") write_vs(c, set);
    else if (n == "AE") write_ae(c, set);
    else if (n == "CM") write_cm(c, set);
    else if (n == "LB") write_findings(c, measures::Domain::lb, set);
    else if (n == "RS") write_findings(c, measures::Domain::rs, set);
    else if (n == "QS") write_findings(c, measures::Domain::qs, set);
    set.finish();
    out.push_back(std::move(set));
  }
  return out;
}

}  // namespace il2t::sdtm
