#include "calibration/check.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

#include "calibration/world.h"
#include "model/rng.h"
#include "model/trial_effect.h"
#include "trial/engine.h"

namespace il2t::calibration {

namespace {

// Each row's mean, median, 95% interval, whether the published value is inside it, and
// its interval score, from its replicate values.
void finish_rows(CheckOutcome& out) {
  for (TargetCheck& r : out.rows) {
    if (r.values.empty()) continue;
    r.simulated = true;
    r.valid = static_cast<std::size_t>(std::count_if(r.values.begin(), r.values.end(), [](double x) { return std::isfinite(x); }));
    double sum = 0;
    for (double x : r.values)
      if (std::isfinite(x)) sum += x;
    r.mean = r.valid > 0 ? sum / static_cast<double>(r.valid) : std::numeric_limits<double>::quiet_NaN();
    r.median = quantile(r.values, 0.5);
    r.lower = quantile(r.values, 0.025);
    r.upper = quantile(r.values, 0.975);
    r.inside = r.valid > 0 && r.lower <= r.published && r.published <= r.upper;
    constexpr double kAlpha = 0.05;
    r.interval_score = (r.upper - r.lower) + 2 / kAlpha * std::max(0.0, r.lower - r.published) +
                       2 / kAlpha * std::max(0.0, r.published - r.upper);
  }
}

// Runs worker(0 … threads − 1), worker 0 on this thread.
template <class Worker>
void run_workers(std::size_t threads, Worker&& worker) {
  std::vector<std::thread> pool;
  for (std::size_t w = 1; w < threads; ++w) pool.emplace_back(worker, w);
  worker(0);
  for (auto& th : pool) th.join();
}

// A replicate's error, named: text() "which: " + the error's text(), the replicate's
// own file and line kept inside the message.
Error replicate_error(const std::string& which, const Error& e) {
  return Error{.message = which + ": " + e.text(), .field = e.field};
}

// The first worker's error into `out`; true when there was one.
bool first_error(const std::vector<Error>& errors, CheckOutcome& out) {
  for (const Error& e : errors)
    if (!e.empty()) {
      out.error = e;
      return true;
    }
  return false;
}

// One row per target, named, without values.
CheckOutcome empty_outcome(const Setup& s) {
  CheckOutcome out;
  out.rows.resize(s.targets.size());
  out.placebo_begin = s.placebo_begin;
  for (std::size_t i = 0; i < s.targets.size(); ++i) {
    out.rows[i].id = s.targets[i].id;
    out.rows[i].published = s.targets[i].value;
    out.rows[i].note = s.mappings[i].not_simulated;
  }
  return out;
}

// The targets each study serves.
std::vector<std::vector<std::size_t>> by_study(const Setup& s) {
  std::vector<std::vector<std::size_t>> out(s.studies.size());
  for (std::size_t i = 0; i < s.mappings.size(); ++i)
    if (s.mappings[i].study) out[*s.mappings[i].study].push_back(i);
  return out;
}

}  // namespace

int CheckOutcome::inside(bool placebo) const {
  const auto mid = rows.begin() + static_cast<std::ptrdiff_t>(std::min(placebo_begin, rows.size()));
  return static_cast<int>(std::count_if(placebo ? mid : rows.begin(), placebo ? rows.end() : mid,
                                        [](const TargetCheck& r) { return r.inside; }));
}
int CheckOutcome::simulated(bool placebo) const {
  const auto mid = rows.begin() + static_cast<std::ptrdiff_t>(std::min(placebo_begin, rows.size()));
  return static_cast<int>(std::count_if(placebo ? mid : rows.begin(), placebo ? rows.end() : mid,
                                        [](const TargetCheck& r) { return r.simulated; }));
}

double quantile(std::vector<double> v, double p) {
  v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return !std::isfinite(x); }), v.end());
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(v.begin(), v.end());
  const double h = (static_cast<double>(v.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

std::int64_t check_work(const Setup& s, const CheckSettings& c) {
  std::int64_t studies = 0;
  for (const auto& t : by_study(s)) studies += !t.empty();
  return studies * c.replicates;
}

CheckOutcome check_model(const Setup& s, const model::Model& m, const CheckSettings& c, std::atomic<std::int64_t>& done) {
  CheckOutcome out = empty_outcome(s);
  const auto groups = by_study(s);
  const auto reps = static_cast<std::size_t>(c.replicates);
  for (std::size_t st = 0; st < s.studies.size(); ++st) {
    if (groups[st].empty()) continue;
    const trial::TrialDesign& d = s.studies[st]->design;
    for (std::size_t t : groups[st]) out.rows[t].values.assign(reps, std::numeric_limits<double>::quiet_NaN());
    std::atomic<std::size_t> next{0};
    std::vector<Error> errors(static_cast<std::size_t>(std::max(1, c.threads)));  // each worker's first
    const Study& study = *s.studies[st];
    auto pk_worker = [&](std::size_t w) {
      for (std::size_t r; (r = next.fetch_add(1)) < reps;) {
        const PkReplicate p = simulate_pk(m, *study.pk, c.seed, r);
        if (!p.ok) {
          errors[w] = replicate_error(study.id + " replicate " + std::to_string(r), p.error);
          next = reps;
          return;
        }
        for (std::size_t t : groups[st])
          out.rows[t].values[r] = s.mappings[t].measure.kind == MeasureKind::pk_tmax ? p.mean_tmax_h : p.mean_thalf_h;
        ++done;
      }
    };
    auto trial_worker = [&](std::size_t w) {
      trial::TrialRunner runner(d, m);
      trial::TrialRecords rec;
      for (std::size_t r; (r = next.fetch_add(1)) < reps;) {
        Error err;
        if (!runner.run(r, {c.seed, d.planned_n, false, false, 0}, rec, err)) {
          errors[w] = replicate_error(s.studies[st]->id + " replicate " + std::to_string(r), err);
          next = reps;
          return;
        }
        for (std::size_t t : groups[st]) {
          const Mapping& mp = s.mappings[t];
          out.rows[t].values[r] = measure(d, mp.measure, mp.arm, mp.visit, rec);
        }
        ++done;
      }
    };
    run_workers(errors.size(), [&](std::size_t w) { study.pk ? pk_worker(w) : trial_worker(w); });
    if (first_error(errors, out)) return out;
  }
  finish_rows(out);
  return out;
}

CheckOutcome check_worlds(const Setup& s, const model::ParameterSet& base, const model::ParameterDraws* draws,
                          const CheckSettings& c, std::atomic<std::int64_t>& done) {
  CheckOutcome out = empty_outcome(s);
  for (std::size_t i = 0; i < s.targets.size(); ++i)
    if (s.mappings[i].study)
      out.rows[i].values.assign(static_cast<std::size_t>(c.replicates), std::numeric_limits<double>::quiet_NaN());
  const std::vector<TrialBucket> buckets = trial_buckets(s);
  std::atomic<std::int64_t> next{0};
  std::vector<Error> errors(static_cast<std::size_t>(std::max(1, c.threads)));  // each worker's first
  auto worker = [&](std::size_t w) {
    std::vector<double> values;
    for (std::int64_t r; (r = next.fetch_add(1)) < c.replicates;) {
      const auto rep = static_cast<std::uint64_t>(r);
      std::vector<std::pair<std::string, double>> overrides;
      std::vector<double> effects(buckets.size(), 0.0);
      if (draws) {
        const model::ReplicateDraw d = model::draw_replicate(*draws, base, model::Disease::sle, c.seed, rep);
        for (std::size_t k = 0; k < draws->names.size(); ++k) overrides.emplace_back(draws->names[k], draws->rows[d.row][k]);
        for (std::size_t b = 0; b < buckets.size(); ++b) {
          const auto te = buckets[b].disease ? model::trial_effect_parameters(*buckets[b].disease) : std::nullopt;
          if (!te) continue;
          const std::string sd_name(te->sd);
          const auto col = draws->column(sd_name);
          const double sd = col ? draws->rows[d.row][*col] : base.find(sd_name) ? base.find(sd_name)->value : 0.0;
          model::Stream z(c.seed, rep, 1 + b, model::Purpose::trial_effect);
          effects[b] = sd / std::sqrt(buckets[b].pooled) * z.normal();
        }
      }
      Error error;
      if (!simulate_world(s, base, overrides, buckets, effects, c.seed, rep, 1, values, error)) {
        errors[w] = replicate_error("replicate " + std::to_string(r), error);
        next = c.replicates;
        return;
      }
      for (std::size_t i = 0; i < values.size(); ++i)
        if (!out.rows[i].values.empty()) out.rows[i].values[rep] = values[i];
      ++done;
    }
  };
  run_workers(errors.size(), worker);
  if (first_error(errors, out)) return out;
  finish_rows(out);
  return out;
}


}  // namespace il2t::calibration
