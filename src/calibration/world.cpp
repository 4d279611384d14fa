#include "calibration/world.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <map>
#include <thread>

#include "calibration/measure.h"
#include "calibration/pk_study.h"
#include "model/model.h"
#include "model/trial_effect.h"
#include "trial/engine.h"

namespace il2t::calibration {

std::vector<TrialBucket> trial_buckets(const Setup& s) {
  std::map<std::pair<std::size_t, std::string>, std::size_t> at;
  std::vector<TrialBucket> out;
  for (std::size_t r = 0; r < s.mappings.size(); ++r) {
    const Mapping& m = s.mappings[r];
    if (!m.study) continue;
    const auto key = std::make_pair(*m.study, m.trial);
    auto [it, fresh] = at.try_emplace(key, out.size());
    if (fresh) {
      TrialBucket b;
      b.study = *m.study;
      b.trial = m.trial;
      b.disease = m.trial_disease;
      b.pooled = m.pooled_trials;
      b.n = s.studies[*m.study]->pk ? 0 : s.studies[*m.study]->design.planned_n;
      out.push_back(std::move(b));
    }
    TrialBucket& b = out[it->second];
    // A placebo arm runs at its own arm size (its trial's rows: the largest if several).
    if (r >= s.placebo_begin && s.targets[r].denominator) {
      const int n = static_cast<int>(*s.targets[r].denominator);
      b.n = std::any_of(b.rows.begin(), b.rows.end(), [&](std::size_t q) { return q >= s.placebo_begin; }) ? std::max(b.n, n) : n;
    }
    b.rows.push_back(r);
  }
  return out;
}

bool simulate_world(const Setup& s, const model::ParameterSet& base,
                    const std::vector<std::pair<std::string, double>>& overrides, const std::vector<TrialBucket>& buckets,
                    const std::vector<double>& effects, std::uint64_t seed, std::uint64_t replicate, int threads,
                    std::vector<double>& values, Error& error) {
  values.assign(s.targets.size(), std::numeric_limits<double>::quiet_NaN());
  std::vector<Error> errors(buckets.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t b; (b = next.fetch_add(1)) < buckets.size();) {
      const TrialBucket& bk = buckets[b];
      std::vector<std::pair<std::string, double>> o = overrides;
      if (bk.disease && effects[b] != 0)
        if (const auto te = model::trial_effect_parameters(*bk.disease)) {
          const std::string share(te->share);
          double v = base.find(share) ? base.find(share)->value : 0;
          for (const auto& [name, value] : overrides)
            if (name == share) v = value;
          o.emplace_back(share, model::shifted_share(v, effects[b], base.find(share)));
        }
      auto m = model::make_model(base, o);
      if (!m.model) {
        errors[b] = m.errors.empty() ? Error{.message = "the model could not be built"} : m.errors.front();
        continue;
      }
      const Study& study = *s.studies[bk.study];
      if (study.pk) {
        const PkReplicate p = simulate_pk(*m.model, *study.pk, seed, replicate);
        if (!p.ok) errors[b] = study.id + ": " + p.error.text();
        for (std::size_t r : bk.rows)
          values[r] = s.mappings[r].measure.kind == MeasureKind::pk_tmax ? p.mean_tmax_h : p.mean_thalf_h;
        continue;
      }
      trial::TrialRunner runner(study.design, *m.model);
      trial::TrialRecords rec;
      Error err;
      if (!runner.run(replicate, {seed, bk.n, false, false, 0}, rec, err)) {
        errors[b] = study.id + ": " + err.text();
        continue;
      }
      for (std::size_t r : bk.rows) {
        const Mapping& mp = s.mappings[r];
        values[r] = measure(study.design, mp.measure, mp.arm, mp.visit, rec);
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  for (const Error& e : errors)
    if (!e.empty()) {
      error = e;
      return false;
    }
  return true;
}

}  // namespace il2t::calibration
