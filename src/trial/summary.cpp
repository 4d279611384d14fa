#include "trial/summary.h"

#include <algorithm>
#include <cmath>

#include "trial/sequential.h"

namespace il2t::trial {

namespace {
constexpr double kScale = 4294967296.0;  // 2^32
constexpr std::size_t kBandBins = 200;

Histogram band_histogram(BandMeasure m, model::Disease d) {
  switch (m) {
    case BandMeasure::treg: return Histogram(0, 40, kBandBins);
    case BandMeasure::activity: return Histogram(0, d == model::Disease::jia ? 60 : 40, kBandBins);
    case BandMeasure::prednisone: return Histogram(0, 80, kBandBins);
    default: return Histogram(0, 1, kBandBins);
  }
}

}  // namespace

void ExactSum::add(double v) {
  // Held to ±2^30 so that the quantised value fits 63 bits (no endpoint comes near).
  const auto q = static_cast<Wide>(std::llround(std::clamp(v, -1073741824.0, 1073741824.0) * kScale));
  sum += q;
  squares += q * q;
  ++n;
}

void ExactSum::merge(const ExactSum& o) {
  sum += o.sum;
  squares += o.squares;
  n += o.n;
}

double ExactSum::mean() const { return n > 0 ? static_cast<double>(sum) / kScale / static_cast<double>(n) : NAN; }

double ExactSum::sd() const {
  if (n < 2) return NAN;
  const long double s = static_cast<long double>(sum) / kScale, ss = static_cast<long double>(squares) / (kScale * kScale);
  const long double var = (ss - s * s / n) / (n - 1);
  return static_cast<double>(std::sqrt(std::max(var, 0.0L)));
}

void Histogram::add(double v) {
  if (counts.empty() || std::isnan(v)) return;
  const std::size_t bins = counts.size() - 2;
  if (v < lo) ++counts.front();
  else if (v >= hi) ++counts.back();
  else ++counts[1 + std::min(bins - 1, static_cast<std::size_t>((v - lo) / (hi - lo) * static_cast<double>(bins)))];
}

void Histogram::merge(const Histogram& o) {
  if (counts.empty()) {
    *this = o;
    return;
  }
  for (std::size_t i = 0; i < counts.size() && i < o.counts.size(); ++i) counts[i] += o.counts[i];
}

std::int64_t Histogram::total() const {
  std::int64_t t = 0;
  for (auto c : counts) t += c;
  return t;
}

double Histogram::quantile(double q) const {
  const std::int64_t n = total();
  if (n == 0) return NAN;
  const double target = q * static_cast<double>(n);
  const std::size_t bins = counts.size() - 2;
  const double width = (hi - lo) / static_cast<double>(bins);
  double below = static_cast<double>(counts.front());
  if (target <= below) return lo;
  for (std::size_t b = 0; b < bins; ++b) {
    const double c = static_cast<double>(counts[b + 1]);
    if (below + c >= target && c > 0) return lo + width * (static_cast<double>(b) + (target - below) / c);
    below += c;
  }
  return hi;
}

Histogram arm_histogram(const EndpointPlan& e) {
  if (e.binary()) return Histogram(0, 1.0001, 100);
  if (e.reading == Reading::time_to_event) return Histogram(0, 800, 160);
  const measures::InstrumentSpec* spec = measures::find_instrument(e.instrument);
  const measures::HistogramRange h = spec ? spec->histogram : measures::HistogramRange{};
  return Histogram(h.lo, h.hi, h.bins);
}

Summary Summary::empty(const TrialDesign& d, int n, int max_day) {
  Summary s;
  s.n = n;
  s.arm_enrolled.assign(d.arms.size(), 0);
  s.failed_by.assign(d.criteria.criteria.size(), 0);
  for (const EndpointPlan& e : d.endpoints) {
    EndpointStats st;
    st.comparisons.resize(comparison_labels(d, e).size());
    st.picks.assign(d.arms.size() + 1, 0);
    st.arm_mean.resize(e.arms.size());
    st.arm_hist.assign(e.arms.size(), arm_histogram(e));
    s.endpoints.push_back(std::move(st));
  }
  for (std::size_t a = 0; a < d.arms.size(); ++a)
    for (std::size_t v = 0; v < d.visit_ids.size(); ++v)
      for (std::size_t m = 0; m < kBandMeasures; ++m) s.bands.push_back(band_histogram(static_cast<BandMeasure>(m), d.disease));
  InfectionStats inf;
  inf.exits.assign(static_cast<std::size_t>(max_day) + 2, 0);
  inf.first_events.assign(static_cast<std::size_t>(max_day) + 2, 0);
  s.infections.assign(d.arms.size(), inf);
  if (d.sequential) {
    const std::size_t looks = d.sequential->interims.size() + 1;
    SequentialStats& q = s.sequential;
    q.efficacy.assign(looks, 0);
    q.futility.assign(looks, 0);
    q.reached.assign(looks, 0);
    q.day.assign(looks, {});
    q.enrolled.assign(looks, {});
    q.analysed.assign(looks, {});
  }
  s.scenario.resize(d.endpoints.size());
  for (std::size_t e = 0; e < d.endpoints.size(); ++e)
    if (e < d.assumed.size() && !d.assumed[e].empty()) {
      const std::size_t c = comparison_labels(d, d.endpoints[e]).size();
      s.scenario[e].ok.assign(c, 0);
      s.scenario[e].reject.assign(c, 0);
      s.scenario[e].arm_mean.assign(d.endpoints[e].arms.size(), {});
    }
  return s;
}

void SequentialStats::merge(const SequentialStats& o) {
  trials += o.trials;
  for (std::size_t k = 0; k < efficacy.size(); ++k) {
    efficacy[k] += o.efficacy[k];
    futility[k] += o.futility[k];
    reached[k] += o.reached[k];
    day[k].merge(o.day[k]);
    enrolled[k].merge(o.enrolled[k]);
    analysed[k].merge(o.analysed[k]);
  }
  enrolled_at_stop.merge(o.enrolled_at_stop);
  analysed_at_stop.merge(o.analysed_at_stop);
}

void ScenarioStats::merge(const ScenarioStats& o) {
  for (std::size_t c = 0; c < ok.size(); ++c) {
    ok[c] += o.ok[c];
    reject[c] += o.reject[c];
  }
  for (std::size_t a = 0; a < arm_mean.size(); ++a) arm_mean[a].merge(o.arm_mean[a]);
}

void accumulate_looks(Summary& s, const SequentialTrial& t) {
  SequentialStats& q = s.sequential;
  ++q.trials;
  for (int k = 0; k < t.stopped_at; ++k) {
    const LookResult& look = t.at[static_cast<std::size_t>(k)];
    const auto i = static_cast<std::size_t>(k);
    if (!look.held) continue;
    ++q.reached[i];
    q.day[i].add(look.day);
    q.enrolled[i].add(look.enrolled);
    q.analysed[i].add(look.analysed);
  }
  const auto stop = static_cast<std::size_t>(t.stopped_at - 1);
  if (t.efficacy) ++q.efficacy[stop];
  if (t.futility) ++q.futility[stop];
  q.enrolled_at_stop.add(t.at[stop].enrolled);
  q.analysed_at_stop.add(t.at[stop].analysed);
}

void accumulate_scenario(Summary& s, std::size_t endpoint, const EndpointResult& r) {
  ScenarioStats& x = s.scenario[endpoint];
  for (std::size_t c = 0; c < x.ok.size() && c < r.comparisons.size(); ++c) {
    x.ok[c] += r.comparisons[c].ok;
    x.reject[c] += r.comparisons[c].ok && r.comparisons[c].reject;
  }
  for (std::size_t a = 0; a < x.arm_mean.size() && a < r.arm_mean.size(); ++a)
    if (std::isfinite(r.arm_mean[a])) x.arm_mean[a].add(r.arm_mean[a]);
}

Histogram& Summary::band(std::size_t arm, std::size_t visit, BandMeasure m) {
  const std::size_t visits = bands.size() / (arm_enrolled.size() * kBandMeasures);
  return bands[(arm * visits + visit) * kBandMeasures + static_cast<std::size_t>(m)];
}
const Histogram& Summary::band(std::size_t arm, std::size_t visit, BandMeasure m) const {
  return const_cast<Summary*>(this)->band(arm, visit, m);
}

void Summary::merge(const Summary& o) {
  replicates += o.replicates;
  failed += o.failed;
  if (o.first_failed >= 0 && (first_failed < 0 || o.first_failed < first_failed)) {
    first_failed = o.first_failed;
    first_error = o.first_error;
  }
  screened += o.screened;
  screen_failures += o.screen_failures;
  enrolled += o.enrolled;
  completed += o.completed;
  doses_planned += o.doses_planned;
  doses_taken += o.doses_taken;
  undetermined += o.undetermined;
  unplaced += o.unplaced;
  for (std::size_t k = 0; k < failed_by.size(); ++k) failed_by[k] += o.failed_by[k];
  for (std::size_t a = 0; a < arm_enrolled.size(); ++a) arm_enrolled[a] += o.arm_enrolled[a];
  for (std::size_t e = 0; e < endpoints.size(); ++e) {
    EndpointStats& x = endpoints[e];
    const EndpointStats& y = o.endpoints[e];
    for (std::size_t c = 0; c < x.comparisons.size(); ++c) {
      x.comparisons[c].ok += y.comparisons[c].ok;
      x.comparisons[c].reject += y.comparisons[c].reject;
      x.comparisons[c].covered += y.comparisons[c].covered;
      x.comparisons[c].estimate.merge(y.comparisons[c].estimate);
    }
    x.mcp_ok += y.mcp_ok;
    x.mcp_reject += y.mcp_reject;
    for (std::size_t i = 0; i < x.picks.size(); ++i) x.picks[i] += y.picks[i];
    for (std::size_t i = 0; i < x.arm_mean.size(); ++i) {
      x.arm_mean[i].merge(y.arm_mean[i]);
      x.arm_hist[i].merge(y.arm_hist[i]);
    }
  }
  for (std::size_t i = 0; i < bands.size(); ++i) bands[i].merge(o.bands[i]);
  for (std::size_t a = 0; a < infections.size(); ++a) {
    InfectionStats& x = infections[a];
    const InfectionStats& y = o.infections[a];
    x.subjects += y.subjects;
    x.infections += y.infections;
    x.serious += y.serious;
    x.patient_days += y.patient_days;
    for (std::size_t i = 0; i < x.exits.size(); ++i) {
      x.exits[i] += y.exits[i];
      x.first_events[i] += y.first_events[i];
    }
    x.rate_per_100py.merge(y.rate_per_100py);
  }
  sequential.merge(o.sequential);
  for (std::size_t e = 0; e < scenario.size(); ++e) scenario[e].merge(o.scenario[e]);
  outcomes.insert(outcomes.end(), o.outcomes.begin(), o.outcomes.end());
  std::sort(outcomes.begin(), outcomes.end(), [](const DrawOutcome& a, const DrawOutcome& b) { return a.replicate < b.replicate; });
}

std::optional<std::pair<std::size_t, std::size_t>> main_comparison(const TrialDesign& d) {
  for (std::size_t e = 0; e < d.endpoints.size(); ++e) {
    const EndpointPlan& plan = d.endpoints[e];
    if (!plan.primary || plan.reading == Reading::not_simulated) continue;
    std::optional<std::size_t> top;
    for (std::size_t a : plan.arms)
      if (a != plan.reference && (!top || d.arms[a].il2_dose_miu > d.arms[*top].il2_dose_miu)) top = a;
    if (!top) return std::nullopt;
    return std::make_pair(e, *top);
  }
  return std::nullopt;
}

double share_se(std::int64_t k, std::int64_t n) {
  if (n <= 0) return NAN;
  const double p = static_cast<double>(k) / static_cast<double>(n);
  return std::sqrt(p * (1 - p) / static_cast<double>(n));
}

PrimaryCount primary_count(const TrialDesign& d, const Summary& s) {
  if (d.sequential && s.sequential.trials > 0) {  // the group-sequential decision, at any look
    PrimaryCount c{s.sequential.trials, 0};
    for (std::int64_t k : s.sequential.efficacy) c.success += k;
    return c;
  }
  const auto main = main_comparison(d);
  if (!main || main->first >= s.endpoints.size()) return {};
  const EndpointPlan& plan = d.endpoints[main->first];
  const EndpointStats& st = s.endpoints[main->first];
  if (plan.method == Method::mcp_mod) return {st.mcp_ok, st.mcp_reject};
  const auto specs = comparisons(d, plan);
  for (std::size_t c = 0; c < specs.size() && c < st.comparisons.size(); ++c)
    if (specs[c].arm == main->second && !specs[c].unadjusted && specs[c].visit + 1 == plan.visits.size())
      return {st.comparisons[c].ok, st.comparisons[c].reject};
  return {};
}

Headline headline(const TrialDesign& d, const std::vector<EndpointResult>& results) {
  const auto main = main_comparison(d);
  if (!main || main->first >= results.size()) return {};
  const EndpointPlan& plan = d.endpoints[main->first];
  const EndpointResult& r = results[main->first];
  if (plan.method == Method::mcp_mod) {
    const auto at = [&](std::size_t arm) {
      return static_cast<std::size_t>(std::find(plan.arms.begin(), plan.arms.end(), arm) - plan.arms.begin());
    };
    const std::size_t top = at(main->second), ref = at(plan.reference);
    if (!r.mcp_ok || top >= r.arm_mean.size() || ref >= r.arm_mean.size()) return {};
    return {true, r.arm_mean[top] - r.arm_mean[ref], r.mcp_reject};
  }
  // The main arm's comparison at the endpoint's last timepoint.
  const auto specs = comparisons(d, plan);
  for (std::size_t c = 0; c < specs.size() && c < r.comparisons.size(); ++c)
    if (specs[c].arm == main->second && !specs[c].unadjusted && specs[c].visit + 1 == plan.visits.size() &&
        r.comparisons[c].ok)
      return {true, r.comparisons[c].estimate, r.comparisons[c].reject};
  return {};
}

void record_failure(Summary& s, std::int64_t replicate, const Error& error) {
  ++s.failed;
  if (s.first_failed < 0 || replicate < s.first_failed) {
    s.first_failed = replicate;
    s.first_error = error.text();
  }
}

void accumulate(Summary& s, const TrialDesign& d, const TrialRecords& r, const std::vector<EndpointResult>& results,
                const std::vector<std::vector<double>>& truth) {
  ++s.replicates;
  s.screened += static_cast<std::int64_t>(r.screened);
  s.screen_failures += static_cast<std::int64_t>(r.screen_failures);
  s.enrolled += static_cast<std::int64_t>(r.subjects.size());
  s.undetermined += static_cast<std::int64_t>(r.undetermined);
  s.unplaced += static_cast<std::int64_t>(r.unplaced);
  for (std::size_t k = 0; k < s.failed_by.size() && k < r.failed_by.size(); ++k) s.failed_by[k] += r.failed_by[k];
  std::vector<std::int64_t> arm_infections(d.arms.size(), 0), arm_days(d.arms.size(), 0);
  for (std::uint32_t i = 0; i < r.subjects.size(); ++i) {
    const Subject& subj = r.subjects[i];
    ++s.arm_enrolled[subj.arm];
    s.completed += subj.completed ? 1 : 0;
    s.doses_planned += subj.doses_planned;
    s.doses_taken += subj.doses_taken;
    InfectionStats& inf = s.infections[subj.arm];
    ++inf.subjects;
    inf.patient_days += subj.last_day;
    arm_days[subj.arm] += subj.last_day;
    int first = -1;
    for (std::uint32_t k = r.event_begin[i]; k < r.event_begin[i + 1]; ++k) {
      const AdverseEvent& a = r.events[k];
      if (a.category != AdverseEvent::Category::infection) continue;
      ++inf.infections;
      ++arm_infections[subj.arm];
      if (a.serious) ++inf.serious;
      if (first < 0) first = a.day;
    }
    const auto last = static_cast<std::size_t>(std::min<int>(first > 0 ? first : subj.last_day,
                                                              static_cast<int>(inf.exits.size()) - 1));
    ++inf.exits[last];
    if (first > 0) ++inf.first_events[last];
  }
  for (std::size_t a = 0; a < d.arms.size(); ++a)
    if (arm_days[a] > 0)
      s.infections[a].rate_per_100py.add(100.0 * static_cast<double>(arm_infections[a]) /
                                         (static_cast<double>(arm_days[a]) / 365.25));
  const Test activity = activity_test(d.disease);
  for (const Finding& f : r.findings) {
    const std::size_t arm = r.subjects[f.subject].arm;
    if (f.test == Test::treg_pct) s.band(arm, f.visit, BandMeasure::treg).add(f.value);
    else if (f.test == activity) s.band(arm, f.visit, BandMeasure::activity).add(f.value);
    else if (f.test == Test::prednisone) s.band(arm, f.visit, BandMeasure::prednisone).add(f.value);
  }
  for (std::size_t e = 0; e < results.size(); ++e) {
    EndpointStats& st = s.endpoints[e];
    const EndpointResult& res = results[e];
    for (std::size_t c = 0; c < res.comparisons.size() && c < st.comparisons.size(); ++c) {
      const Comparison& cmp = res.comparisons[c];
      if (!cmp.ok) continue;
      ++st.comparisons[c].ok;
      st.comparisons[c].reject += cmp.reject ? 1 : 0;
      st.comparisons[c].estimate.add(cmp.estimate);
      const double t = c < truth[e].size() ? truth[e][c] : NAN;
      if (std::isfinite(t) && cmp.lower <= t && t <= cmp.upper) ++st.comparisons[c].covered;
    }
    if (res.mcp_ok) {
      ++st.mcp_ok;
      st.mcp_reject += res.mcp_reject ? 1 : 0;
      ++st.picks[res.mcp_pick >= 0 ? static_cast<std::size_t>(res.mcp_pick) : st.picks.size() - 1];
    }
    for (std::size_t a = 0; a < res.arm_mean.size(); ++a)
      if (std::isfinite(res.arm_mean[a])) {
        st.arm_mean[a].add(res.arm_mean[a]);
        st.arm_hist[a].add(res.arm_mean[a]);
      }
  }
}

}  // namespace il2t::trial
