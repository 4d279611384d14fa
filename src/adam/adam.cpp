#include "adam/adam.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "adam/bds.h"
#include "instruments/response.h"
#include "sdtm/conventions.h"
#include "trial/endpoints.h"

namespace il2t::adam {

namespace {

using detail::BdsRow;
using sdtm::VarType;
using Key = std::pair<std::uint16_t, measures::Id>;  // (visit, test)

// The (visit, test) pairs some endpoint's analysis reads: its timepoint and baseline.
std::set<Key> read_by_endpoints(const trial::TrialDesign& d) {
  std::set<Key> out;
  for (const trial::EndpointPlan& e : d.endpoints) {
    if (e.visits.empty()) continue;
    const auto last = static_cast<std::uint16_t>(e.visits.back());
    std::vector<measures::Id> tests;
    if (e.reading == trial::Reading::sri4) {
      tests = {measures::Id::sledai_2k, measures::Id::pga};
      for (std::size_t k = 0; k < measures::kBilagDomains; ++k)
        tests.push_back(static_cast<measures::Id>(static_cast<std::size_t>(measures::Id::bilag_first) + k));
    } else if (const auto* spec = measures::find_instrument(e.instrument); spec && spec->test &&
               (e.reading == trial::Reading::value || e.reading == trial::Reading::undetectable)) {
      tests = {*spec->test};
    }
    for (measures::Id t : tests) {
      out.insert({last, t});
      if (d.baseline_visit && e.reading != trial::Reading::undetectable)
        out.insert({static_cast<std::uint16_t>(*d.baseline_visit), t});
    }
  }
  return out;
}

// One BDS row per finding of the given domains.
std::vector<BdsRow> finding_rows(const trial::TrialDesign& d, const trial::TrialRecords& r,
                                 std::initializer_list<measures::Domain> domains) {
  const std::set<Key> read = read_by_endpoints(d);
  std::vector<BdsRow> rows;
  for (const trial::Finding& f : r.findings) {
    const measures::TestSpec& t = measures::test(f.test);
    if (std::find(domains.begin(), domains.end(), t.domain) == domains.end()) continue;
    BdsRow row;
    row.subject = f.subject;
    row.paramcd = std::string(t.code);
    row.param = std::string(t.label) + (t.unit.empty() || !t.coded.empty() ? "" : " (" + std::string(t.unit) + ")");
    row.visit = f.visit;
    row.day = f.day;
    row.aval = f.value;
    if (!t.coded.empty()) row.avalc = std::string(1, t.coded[static_cast<std::size_t>(f.value)]);
    row.analysed = read.count({f.visit, f.test}) > 0;
    rows.push_back(std::move(row));
  }
  detail::derive_base(rows, d);
  return rows;
}

// SRI-k and its components at each SRI endpoint's timepoint, by the derivation the
// endpoint uses (instruments/response.h); a participant without every item is a
// non-responder (DTYPE NRI), as the endpoint counts them.
void add_sri_rows(const trial::TrialDesign& d, const trial::TrialRecords& r, std::vector<BdsRow>& rows) {
  std::set<std::pair<std::size_t, int>> done;  // (visit, threshold)
  for (const trial::EndpointPlan& e : d.endpoints) {
    if (e.reading != trial::Reading::sri4 || e.visits.empty() || !d.baseline_visit) continue;
    const std::size_t visit = e.visits.back();
    if (!done.insert({visit, e.sri_threshold}).second) continue;
    const std::string sri = fmt::format("SRI{}", e.sri_threshold);
    const int day = trial::nominal_day(d, visit);
    for (std::uint32_t s = 0; s < r.subjects.size(); ++s) {
      const auto c = instruments::sri_components(r.values_at(s, static_cast<std::uint16_t>(*d.baseline_visit)),
                                                 r.values_at(s, static_cast<std::uint16_t>(visit)), e.sri_threshold);
      auto add = [&](const std::string& code, const std::string& name, bool yes, bool analysed, const char* dtype) {
        BdsRow row;
        row.subject = s;
        row.paramcd = code;
        row.param = name;
        row.visit = static_cast<std::uint16_t>(visit);
        row.day = day;
        row.aval = yes ? 1 : 0;
        row.avalc = yes ? "Y" : "N";
        row.analysed = analysed;
        row.dtype = dtype;
        rows.push_back(std::move(row));
      };
      add(sri, fmt::format("SRI-{} responder", e.sri_threshold), c && c->responder, true, c ? "" : "NRI");
      if (!c) continue;
      add(sri + "SLED", fmt::format("SLEDAI-2K reduced by {} or more", e.sri_threshold), c->sledai_met, false, "");
      add(sri + "BILA", "No new BILAG-2004 A, at most one new B", c->bilag_met, false, "");
      add(sri + "PGA", "PGA not worse by 0.3 or more", c->pga_met, false, "");
    }
  }
}

sdtm::Dataset adsl(const trial::TrialDesign& d, const trial::TrialRecords& r, const Ids& ids) {
  sdtm::Dataset out("ADSL", "");
  const auto col = [&](const char* name, VarType t, const char* label) { return out.add_column(name, t, label); };
  const std::size_t studyid = col("STUDYID", VarType::text, "Study Identifier"),
                    usubjid = col("USUBJID", VarType::text, "Unique Subject Identifier"),
                    trt01p = col("TRT01P", VarType::text, "Planned Treatment for Period 01"),
                    trt01a = col("TRT01A", VarType::text, "Actual Treatment for Period 01"),
                    age = col("AGE", VarType::number, "Age"), sex = col("SEX", VarType::text, "Sex"),
                    weight = col("WEIGHTBL", VarType::number, "Weight (kg) at Baseline"),
                    height = col("HEIGHTBL", VarType::number, "Height (cm) at Baseline"),
                    activity = col("BLACT", VarType::number, "Disease Activity Score at Entry"),
                    pred = col("BLPRED", VarType::number, "Prednisone-Equivalent mg/day at Entry"),
                    ittfl = col("ITTFL", VarType::text, "Intent-To-Treat Population Flag"),
                    complfl = col("COMPLFL", VarType::text, "Completers Population Flag"),
                    eosstt = col("EOSSTT", VarType::text, "End of Study Status"),
                    eosdy = col("EOSDY", VarType::number, "Last Study Day Observed");
  for (std::uint32_t s = 0; s < r.subjects.size(); ++s) {
    const trial::Subject& x = r.subjects[s];
    out.begin_row();
    out.set_text(studyid, ids.study);
    out.set_text(usubjid, ids.usubjid[s]);
    out.set_text(trt01p, d.arms[x.arm].id);
    out.set_text(trt01a, d.arms[x.arm].id);
    out.set_number(age, x.age);
    out.set_text(sex, x.female ? "F" : "M");
    out.set_number(weight, x.weight > 0 ? x.weight : NAN);
    out.set_number(height, x.height > 0 ? x.height : NAN);
    out.set_number(activity, x.baseline_activity);
    out.set_number(pred, x.baseline_prednisone);
    out.set_text(ittfl, "Y");
    out.set_text(complfl, x.completed ? "Y" : "N");
    out.set_text(eosstt, x.completed ? "COMPLETED" : "DISCONTINUED");
    out.set_number(eosdy, x.last_day);
  }
  out.finish();
  return out;
}

sdtm::Dataset adae(const trial::TrialDesign& d, const trial::TrialRecords& r, const Ids& ids) {
  sdtm::Dataset out("ADAE", "");
  const auto col = [&](const char* name, VarType t, const char* label) { return out.add_column(name, t, label); };
  const std::size_t studyid = col("STUDYID", VarType::text, "Study Identifier"),
                    usubjid = col("USUBJID", VarType::text, "Unique Subject Identifier"),
                    trta = col("TRTA", VarType::text, "Actual Treatment"), term = col("AETERM", VarType::text, "Reported Term"),
                    cat = col("AECAT", VarType::text, "Category for Adverse Event"),
                    bodsys = col("AEBODSYS", VarType::text, "Body System or Organ Class"),
                    astdy = col("ASTDY", VarType::number, "Analysis Start Relative Day"),
                    grade = col("ATOXGRN", VarType::number, "Analysis Toxicity Grade (N)"),
                    ser = col("AESER", VarType::text, "Serious Event"),
                    trtemfl = col("TRTEMFL", VarType::text, "Treatment Emergent Analysis Flag"),
                    inffl = col("INFFL", VarType::text, "Infection Flag");
  for (const trial::AdverseEvent& e : r.events) {
    out.begin_row();
    out.set_text(studyid, ids.study);
    out.set_text(usubjid, ids.usubjid[e.subject]);
    out.set_text(trta, d.arms[r.subjects[e.subject].arm].id);
    out.set_text(term, e.term);
    out.set_text(cat, sdtm::ae_category(e.category));
    out.set_text(bodsys, sdtm::ae_body_system(e.category));
    out.set_number(astdy, e.day);
    out.set_number(grade, e.grade > 0 ? static_cast<double>(e.grade) : NAN);
    out.set_text(ser, e.serious ? "Y" : "N");
    out.set_text(trtemfl, e.day >= 1 ? "Y" : "");
    out.set_text(inffl, e.category == trial::AdverseEvent::Category::infection ? "Y" : "");
  }
  out.finish();
  return out;
}

// Time to first infection through the endpoint derivation itself: for each
// time-to-event endpoint, or over the whole follow-up when there is none.
sdtm::Dataset adtte(const trial::TrialDesign& d, const trial::TrialRecords& r, const Ids& ids) {
  sdtm::Dataset out("ADTTE", "");
  const auto col = [&](const char* name, VarType t, const char* label) { return out.add_column(name, t, label); };
  const std::size_t studyid = col("STUDYID", VarType::text, "Study Identifier"),
                    usubjid = col("USUBJID", VarType::text, "Unique Subject Identifier"),
                    trtp = col("TRTP", VarType::text, "Planned Treatment"),
                    paramcd = col("PARAMCD", VarType::text, "Parameter Code"), param = col("PARAM", VarType::text, "Parameter"),
                    aval = col("AVAL", VarType::number, "Analysis Value"),
                    cnsr = col("CNSR", VarType::number, "Censor"),
                    evntdesc = col("EVNTDESC", VarType::text, "Event or Censoring Description");
  std::vector<trial::EndpointPlan> plans;
  for (const trial::EndpointPlan& e : d.endpoints)
    if (e.reading == trial::Reading::time_to_event) plans.push_back(e);
  if (plans.empty() && !d.protocol->visits.empty()) {
    trial::EndpointPlan whole;
    whole.id = "first infection over the follow-up";
    whole.instrument = "infection";
    whole.reading = trial::Reading::time_to_event;
    std::size_t last = 0;
    for (std::size_t v = 0; v < d.protocol->visits.size(); ++v)
      if (trial::nominal_day(d, v) > trial::nominal_day(d, last)) last = v;
    whole.visits = {last};
    for (std::size_t a = 0; a < d.arms.size(); ++a) whole.arms.push_back(a);
    plans.push_back(whole);
  }
  trial::EndpointRows rows;
  for (std::size_t k = 0; k < plans.size(); ++k) {
    trial::derive_endpoint(d, plans[k], r, rows);
    const std::string code = k == 0 ? "TTINF" : fmt::format("TTINF{}", k + 1);
    for (std::size_t i = 0; i < rows.subject.size(); ++i) {
      out.begin_row();
      out.set_text(studyid, ids.study);
      out.set_text(usubjid, ids.usubjid[rows.subject[i]]);
      out.set_text(trtp, d.arms[rows.arm[i]].id);
      out.set_text(paramcd, code);
      out.set_text(param, "Days to first infection (" + plans[k].id + ")");
      out.set_number(aval, rows.value[i]);
      out.set_number(cnsr, rows.event[i] == 1 ? 0 : 1);
      out.set_text(evntdesc, rows.event[i] == 1 ? "FIRST INFECTION" : "CENSORED AT LAST DAY OBSERVED OR TIMEPOINT");
    }
  }
  out.finish();
  return out;
}

}  // namespace

std::vector<sdtm::Dataset> derive_adam(const trial::TrialDesign& d, const trial::TrialRecords& r, const Ids& ids) {
  std::vector<sdtm::Dataset> out;
  out.push_back(adsl(d, r, ids));
  std::vector<BdsRow> rs = finding_rows(d, r, {measures::Domain::rs, measures::Domain::qs});
  add_sri_rows(d, r, rs);
  out.push_back(detail::bds_dataset("ADRS", rs, d, r, ids.study, ids.usubjid));
  out.push_back(detail::bds_dataset("ADLB", finding_rows(d, r, {measures::Domain::lb}), d, r, ids.study, ids.usubjid));
  out.push_back(adae(d, r, ids));
  out.push_back(adtte(d, r, ids));
  return out;
}

}  // namespace il2t::adam
