#include "trial/endpoints.h"

#include <algorithm>
#include <cmath>

#include "instruments/response.h"

namespace il2t::trial {

void EndpointRows::clear() {
  arm.clear();
  value.clear();
  baseline.clear();
  event.clear();
  subject.clear();
  visit.clear();
}

void EndpointRows::append(const EndpointRows& o) {
  arm.insert(arm.end(), o.arm.begin(), o.arm.end());
  value.insert(value.end(), o.value.begin(), o.value.end());
  baseline.insert(baseline.end(), o.baseline.begin(), o.baseline.end());
  event.insert(event.end(), o.event.begin(), o.event.end());
  subject.insert(subject.end(), o.subject.begin(), o.subject.end());
  visit.insert(visit.end(), o.visit.begin(), o.visit.end());
}

void EndpointRows::push_row(const EndpointRows& o, std::size_t i) {
  arm.push_back(o.arm[i]);
  value.push_back(o.value[i]);
  baseline.push_back(o.baseline[i]);
  event.push_back(o.event[i]);
  subject.push_back(o.subject[i]);
  visit.push_back(o.visit[i]);
}

int nominal_day(const TrialDesign& d, std::size_t v) { return d.protocol->visits[v].study_day(); }

namespace {

// Appends the rows of the endpoint's timepoint `at` (a position in e.visits).
void derive_at(const TrialDesign& d, const EndpointPlan& e, const TrialRecords& r, std::size_t at, EndpointRows& out) {
  const auto last_visit = static_cast<std::uint16_t>(e.visits[at]);
  const int last_day = nominal_day(d, e.visits[at]);
  const measures::InstrumentSpec* spec = measures::find_instrument(e.instrument);  // once, not per participant
  for (std::uint32_t s = 0; s < r.subjects.size(); ++s) {
    const Subject& subj = r.subjects[s];
    if (std::find(e.arms.begin(), e.arms.end(), subj.arm) == e.arms.end()) continue;
    double value = 0, baseline = NAN, event = 0;
    switch (e.reading) {
      case Reading::sri4: {  // a missing item: a non-responder
        const auto res = instruments::sri_response(r.values_at(s, static_cast<std::uint16_t>(*d.baseline_visit)),
                                                   r.values_at(s, last_visit), e.sri_threshold);
        value = res.value_or(false) ? 1 : 0;
        break;
      }
      case Reading::undetectable: {
        const Finding* f = r.find(s, last_visit, *spec->test);
        value = f && f->value == 0 ? 1 : 0;
        break;
      }
      case Reading::any_event: {
        const bool infections_only = spec && spec->infections_only;
        for (std::uint32_t i = r.event_begin[s]; i < r.event_begin[s + 1]; ++i) {
          const AdverseEvent& a = r.events[i];
          if (a.day > last_day) break;
          if (a.day < 1) continue;  // before the first dose: not treatment-emergent
          if (!infections_only || a.category == AdverseEvent::Category::infection) {
            value = 1;
            break;
          }
        }
        break;
      }
      case Reading::time_to_event: {
        value = std::min(subj.last_day, last_day);
        for (std::uint32_t i = r.event_begin[s]; i < r.event_begin[s + 1]; ++i) {
          const AdverseEvent& a = r.events[i];
          if (a.category != AdverseEvent::Category::infection || a.day < 1) continue;
          if (a.day <= value) {
            value = a.day;
            event = 1;
          }
          break;
        }
        break;
      }
      case Reading::event_count: {  // each event, with the days at risk
        const bool infections_only = spec && spec->infections_only;
        for (std::uint32_t i = r.event_begin[s]; i < r.event_begin[s + 1]; ++i) {
          const AdverseEvent& a = r.events[i];
          if (a.day > last_day) break;
          if (a.day >= 1 && (!infections_only || a.category == AdverseEvent::Category::infection)) ++value;
        }
        event = std::min(subj.last_day, last_day);
        break;
      }
      case Reading::value: {
        const Test t = *spec->test;
        auto scale = [&](double v) { return spec->log10 ? std::log10(std::max(v, 1.0)) : v; };
        const Finding* f = r.find(s, last_visit, t);
        if (!f) continue;  // complete cases
        value = scale(f->value);
        if (d.baseline_visit)
          if (const Finding* b = r.find(s, static_cast<std::uint16_t>(*d.baseline_visit), t)) baseline = scale(b->value);
        break;
      }
      case Reading::not_simulated: break;
    }
    out.arm.push_back(subj.arm);
    out.value.push_back(value);
    out.baseline.push_back(baseline);
    out.event.push_back(event);
    out.subject.push_back(s);
    out.visit.push_back(static_cast<std::uint16_t>(at));
  }
}

}  // namespace

void derive_endpoint(const TrialDesign& d, const EndpointPlan& e, const TrialRecords& r, EndpointRows& out,
                     Timepoints which) {
  out.clear();
  if (e.reading == Reading::not_simulated || e.visits.empty()) return;
  if (which == Timepoints::all && e.per_visit())
    for (std::size_t at = 0; at + 1 < e.visits.size(); ++at) derive_at(d, e, r, at, out);
  derive_at(d, e, r, e.visits.size() - 1, out);
}

}  // namespace il2t::trial
