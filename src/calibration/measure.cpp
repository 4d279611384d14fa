#include "calibration/measure.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "instruments/response.h"
#include "instruments/sri.h"
#include "measures/catalogue.h"
#include "trial/endpoints.h"

namespace il2t::calibration {

using trial::AdverseEvent;
using trial::Test;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The median of v (reordered), NaN when empty: the average of the middle two for an
// even count, as R's median().
double median_of(std::vector<double>& v) {
  if (v.empty()) return kNaN;
  const std::size_t h = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(h), v.end());
  const double upper = v[h];
  if (v.size() % 2) return upper;
  return (*std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(h)) + upper) / 2;
}

bool in_arm(const trial::TrialRecords& r, std::uint32_t s, std::size_t arm) { return r.subjects[s].arm == arm; }

// A participant's largest ratio to baseline of `test` over the visits up to `day`
// (baseline excluded); NaN without a positive baseline or any later value.
double peak_ratio(const trial::TrialDesign& d, Test test, int day, const trial::TrialRecords& r, std::uint32_t s) {
  if (!d.baseline_visit) return kNaN;
  const trial::Finding* b = r.find(s, static_cast<std::uint16_t>(*d.baseline_visit), test);
  if (!b || !(b->value > 0)) return kNaN;
  double ratio = kNaN;
  for (std::size_t v = 0; v < d.visit_ids.size(); ++v) {
    if (v == *d.baseline_visit || trial::nominal_day(d, v) > day) continue;
    if (const trial::Finding* f = r.find(s, static_cast<std::uint16_t>(v), test))
      ratio = std::isnan(ratio) ? f->value / b->value : std::max(ratio, f->value / b->value);
  }
  return ratio;
}

}  // namespace

std::optional<Measure> parse_measure(std::string_view text) {
  const auto colon = text.find(':');
  const std::string_view head = text.substr(0, colon);
  const std::string_view arg = colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
  Measure m;
  if (head == "sri" || head == "essdai_drop") {
    const std::string level(arg);
    char* end = nullptr;
    const long k = std::strtol(level.c_str(), &end, 10);
    const bool sri = head == "sri";
    if (level.empty() || *end != '\0' || k < (sri ? instruments::kSriMinThreshold : 1) ||
        k > (sri ? instruments::kSriMaxThreshold : 20))
      return std::nullopt;
    m.kind = sri ? MeasureKind::sri : MeasureKind::essdai_drop;
    m.level = static_cast<double>(k);
    return m;
  }
  if (head == "sri4" || head == "bilag_a_or_2b" || head == "any_infection" || head == "serious_infection" ||
      head == "serious_infection_rate") {
    if (!arg.empty()) return std::nullopt;
    if (head == "sri4") m.level = 4;
    m.kind = head == "sri4"                ? MeasureKind::sri
             : head == "bilag_a_or_2b"     ? MeasureKind::bilag_a_or_2b
             : head == "any_infection"     ? MeasureKind::any_infection
             : head == "serious_infection" ? MeasureKind::serious_infection
                                           : MeasureKind::serious_infection_rate;
    return m;
  }
  if (head == "pk_tmax" || head == "pk_thalf") {
    if (!arg.empty()) return std::nullopt;
    m.kind = head == "pk_tmax" ? MeasureKind::pk_tmax : MeasureKind::pk_thalf;
    return m;
  }
  if (head == "dose_for_peak_increase") {
    const auto colon2 = arg.find(':');
    if (colon2 == std::string_view::npos) return std::nullopt;
    const auto test = measures::find_test(arg.substr(0, colon2));
    const std::string level(arg.substr(colon2 + 1));
    char* end = nullptr;
    const double x = std::strtod(level.c_str(), &end);
    if (!test || level.empty() || *end != '\0' || !std::isfinite(x)) return std::nullopt;
    m.kind = MeasureKind::dose_for_peak_increase;
    m.test = *test;
    m.level = x;
    return m;
  }
  if (head == "reaction") {
    if (arg.empty()) return std::nullopt;
    m.kind = MeasureKind::reaction;
    m.term = std::string(arg);
    return m;
  }
  const auto test = measures::find_test(arg);
  if (!test) return std::nullopt;
  m.test = *test;
  if (head == "median") m.kind = MeasureKind::median;
  else if (head == "mean") m.kind = MeasureKind::mean;
  else if (head == "fold") m.kind = MeasureKind::fold;
  else if (head == "fold_peak") m.kind = MeasureKind::fold_peak;
  else if (head == "increase") m.kind = MeasureKind::increase;
  else return std::nullopt;
  return m;
}

bool is_pk(MeasureKind k) { return k == MeasureKind::pk_tmax || k == MeasureKind::pk_thalf; }
bool spans_arms(MeasureKind k) { return k == MeasureKind::dose_for_peak_increase; }

DoseLine fit_dose_line(const std::vector<double>& dose, const std::vector<double>& response) {
  DoseLine out;
  const std::size_t n = std::min(dose.size(), response.size());
  if (n < 2) return out;
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < n; ++i) {
    mx += dose[i];
    my += response[i];
  }
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sxx += (dose[i] - mx) * (dose[i] - mx);
    sxy += (dose[i] - mx) * (response[i] - my);
  }
  if (!(sxx > 0)) return out;
  out.slope = sxy / sxx;
  out.intercept = my - out.slope * mx;
  out.highest = *std::max_element(dose.begin(), dose.begin() + static_cast<std::ptrdiff_t>(n));
  out.n = n;
  return out;
}

double DoseLine::dose_for(double level) const {
  if (n == 0) return kNaN;
  const double cap = 2 * highest;
  if (intercept >= level) return 0;
  if (!(slope > 0)) return cap;
  return std::clamp((level - intercept) / slope, 0.0, cap);
}

double measure(const trial::TrialDesign& d, const Measure& m, std::size_t arm, std::size_t visit,
               const trial::TrialRecords& r) {
  const auto n = static_cast<std::uint32_t>(r.subjects.size());
  const auto v16 = static_cast<std::uint16_t>(visit);
  const int day = trial::nominal_day(d, visit);
  std::vector<double> values;
  switch (m.kind) {
    case MeasureKind::sri: {
      trial::EndpointPlan e;
      e.reading = trial::Reading::sri4;
      e.sri_threshold = static_cast<int>(m.level);
      e.visits = {visit};
      e.arms = {arm};
      trial::EndpointRows rows;
      trial::derive_endpoint(d, e, r, rows);
      if (rows.value.empty()) return kNaN;
      double sum = 0;
      for (double x : rows.value) sum += x;
      return sum / static_cast<double>(rows.value.size());
    }
    case MeasureKind::essdai_drop: {
      if (!d.baseline_visit) return kNaN;
      const auto b16 = static_cast<std::uint16_t>(*d.baseline_visit);
      double yes = 0, total = 0;
      for (std::uint32_t s = 0; s < n; ++s) {
        if (!in_arm(r, s, arm)) continue;
        total += 1;  // a missing ESSDAI: not a response
        yes += instruments::essdai_drop(r.values_at(s, b16), r.values_at(s, v16), m.level).value_or(false);
      }
      return total > 0 ? yes / total : kNaN;
    }
    case MeasureKind::bilag_a_or_2b: {
      double yes = 0, measured = 0;
      for (std::uint32_t s = 0; s < n; ++s) {
        if (!in_arm(r, s, arm)) continue;
        const auto res = instruments::bilag_1a_or_2b(r.values_at(s, v16));
        if (!res) continue;  // no domain measured: left out
        measured += 1;
        yes += *res;
      }
      return measured > 0 ? yes / measured : kNaN;
    }
    case MeasureKind::median:
    case MeasureKind::mean:
      for (std::uint32_t s = 0; s < n; ++s)
        if (in_arm(r, s, arm))
          if (const trial::Finding* f = r.find(s, v16, m.test)) values.push_back(f->value);
      if (m.kind == MeasureKind::median) return median_of(values);
      if (values.empty()) return kNaN;
      {
        double sum = 0;
        for (double x : values) sum += x;
        return sum / static_cast<double>(values.size());
      }
    case MeasureKind::increase: {
      Measure f = m;
      f.kind = MeasureKind::fold;
      return measure(d, f, arm, visit, r) - 1;
    }
    case MeasureKind::fold:
    case MeasureKind::fold_peak: {
      if (!d.baseline_visit) return kNaN;
      const auto b16 = static_cast<std::uint16_t>(*d.baseline_visit);
      for (std::uint32_t s = 0; s < n; ++s) {
        if (!in_arm(r, s, arm)) continue;
        double ratio = kNaN;
        if (m.kind == MeasureKind::fold) {
          const trial::Finding* b = r.find(s, b16, m.test);
          const trial::Finding* f = r.find(s, v16, m.test);
          if (b && b->value > 0 && f) ratio = f->value / b->value;
        } else {
          ratio = peak_ratio(d, m.test, day, r, s);
        }
        if (!std::isnan(ratio)) values.push_back(ratio);
      }
      return median_of(values);
    }
    case MeasureKind::dose_for_peak_increase: {
      if (!(d.reference_bsa_m2 > 0)) return kNaN;
      std::vector<double> dose;
      for (std::uint32_t s = 0; s < n; ++s) {
        const trial::ArmInfo& a = d.arms[r.subjects[s].arm];
        if (!a.gives_il2) continue;
        const double ratio = peak_ratio(d, m.test, day, r, s);
        if (std::isnan(ratio)) continue;
        dose.push_back(a.il2_dose_miu / d.reference_bsa_m2);
        values.push_back(ratio - 1);
      }
      return fit_dose_line(dose, values).dose_for(m.level);
    }
    case MeasureKind::any_infection:
    case MeasureKind::serious_infection:
    case MeasureKind::reaction: {
      double yes = 0, total = 0;
      for (std::uint32_t s = 0; s < n; ++s) {
        if (!in_arm(r, s, arm)) continue;
        total += 1;
        bool hit = false;
        for (std::uint32_t k = r.event_begin[s]; k < r.event_begin[s + 1] && !hit; ++k) {
          const AdverseEvent& e = r.events[k];
          if (e.day > day) continue;
          if (m.kind == MeasureKind::reaction) hit = e.category == AdverseEvent::Category::reaction && m.term == e.term;
          else hit = e.category == AdverseEvent::Category::infection && (m.kind == MeasureKind::any_infection || e.serious);
        }
        yes += hit;
      }
      return total > 0 ? yes / total : kNaN;
    }
    case MeasureKind::serious_infection_rate: {
      double events = 0, days = 0;
      for (std::uint32_t s = 0; s < n; ++s) {
        if (!in_arm(r, s, arm)) continue;
        const int last = std::min(r.subjects[s].last_day, day);
        days += last;
        for (std::uint32_t k = r.event_begin[s]; k < r.event_begin[s + 1]; ++k) {
          const AdverseEvent& e = r.events[k];
          events += e.category == AdverseEvent::Category::infection && e.serious && e.day <= last;
        }
      }
      return days > 0 ? 100.0 * events / (days / 365.25) : kNaN;
    }
    case MeasureKind::pk_tmax:
    case MeasureKind::pk_thalf:
      return kNaN;
  }
  return kNaN;
}

}  // namespace il2t::calibration
