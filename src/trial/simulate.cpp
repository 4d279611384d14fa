#include "trial/simulate.h"

#include <algorithm>
#include <cmath>
#include <thread>

#include "trial/endpoints.h"
#include "trial/engine.h"
#include "trial/scenario.h"
#include "trial/sequential.h"

namespace il2t::trial {

namespace {

// Replicate keys of the truth trials lie far above any run's replicates.
constexpr std::uint64_t kTruthKey = 1ULL << 62;
constexpr int kTruthChunk = 250;  // participants per arm per truth trial

// Runs `count` jobs on `threads` threads; job(i, worker) must only touch worker-owned state.
template <class Job>
void parallel(std::int64_t count, int threads, Job&& job) {
  std::atomic<std::int64_t> next{0};
  auto work = [&](int w) {
    for (std::int64_t i = next++; i < count; i = next++) job(i, w);
  };
  std::vector<std::thread> pool;
  for (int w = 1; w < threads; ++w) pool.emplace_back(work, w);
  work(0);
  for (auto& t : pool) t.join();
}

// Keeps one replicate's results for endpoint `k`: each comparison with the rows of its
// two groups at its timepoint, or the MCP-Mod test.
void keep(const TrialDesign& d, const EndpointPlan& e, const EndpointRows& rows, const EndpointResult& res,
          std::int64_t replicate, int n, bool assurance, std::size_t k, std::vector<ReplicateResult>& out) {
  ReplicateResult base;
  base.replicate = replicate;
  base.n = n;
  base.assurance = assurance;
  base.endpoint = static_cast<std::uint16_t>(k);
  if (e.method == Method::mcp_mod) {
    base.comparison = kMcpModTest;
    base.n_analysed = static_cast<std::uint32_t>(rows.arm.size());
    base.result.ok = res.mcp_ok;
    base.result.reject = res.mcp_reject;
    base.picked = res.mcp_pick;
    out.push_back(base);
    return;
  }
  const std::vector<ComparisonSpec> specs = comparisons(d, e);
  for (std::size_t c = 0; c < specs.size() && c < res.comparisons.size(); ++c) {
    ReplicateResult x = base;
    x.comparison = static_cast<std::uint16_t>(c);
    for (std::size_t i = 0; i < rows.arm.size(); ++i)
      if (rows.visit[i] == specs[c].visit && (rows.arm[i] == specs[c].arm || rows.arm[i] == specs[c].reference))
        ++x.n_analysed;
    x.result = res.comparisons[c];
    out.push_back(x);
  }
}

// Marks a replicate's kept results (from `from` on) with the look the trial stopped at,
// and adds each interim look's analysis of the decision comparison.
void keep_looks(const SequentialSpec& q, const SequentialTrial& t, std::int64_t replicate, int n, bool assurance,
                std::size_t from, std::vector<ReplicateResult>& out) {
  for (std::size_t i = from; i < out.size(); ++i) {
    out[i].look = t.looks;
    out[i].looks = t.looks;
    out[i].stopped_at = t.stopped_at;
    if (out[i].endpoint == q.endpoint && out[i].comparison == q.comparison && t.stopped_at == t.looks)
      out[i].decision = static_cast<int>(t.at[static_cast<std::size_t>(t.looks - 1)].decision);
  }
  for (int k = 0; k < t.stopped_at && k + 1 < t.looks; ++k) {  // the interim looks held
    if (!t.at[static_cast<std::size_t>(k)].held) continue;
    ReplicateResult x;
    x.replicate = replicate;
    x.n = n;
    x.assurance = assurance;
    x.endpoint = static_cast<std::uint16_t>(q.endpoint);
    x.comparison = static_cast<std::uint16_t>(q.comparison);
    x.n_analysed = t.at[static_cast<std::size_t>(k)].analysed;
    x.result = t.at[static_cast<std::size_t>(k)].comparison;
    x.look = k + 1;
    x.looks = t.looks;
    x.stopped_at = t.stopped_at;
    x.decision = static_cast<int>(t.at[static_cast<std::size_t>(k)].decision);
    out.push_back(x);
  }
}

// Replicates first..last-1 of size n on the threads, each with its own runner,
// analyser and summary, merged at the end: all under `m` with `truth` (the power run),
// or, with `draws`, each under its own posterior draw and trial effect, its outcome
// kept and the rows it drew noted in `out` (the assurance run).
Summary replicates(const TrialDesign& d, const model::Model& m, const SimulationSettings& s, const Analyser& primed,
                   int n, const SequentialDesign* looks, std::int64_t first, std::int64_t last,
                   const std::vector<std::vector<double>>& truth, bool draws, std::atomic<std::int64_t>* done,
                   SimulationResult& out) {
  const int threads = std::max(1, s.threads);
  const int max_day = max_follow_up_day(d);
  std::vector<Summary> partial;
  std::vector<TrialRunner> runners;
  std::vector<Analyser> analysers;
  std::vector<model::ReplicateModels> models;
  std::vector<TrialRecords> records(static_cast<std::size_t>(threads));
  std::vector<EndpointRows> rows(static_cast<std::size_t>(threads));
  std::vector<std::vector<ReplicateResult>> kept(static_cast<std::size_t>(threads));
  std::vector<EndpointRows> assumed_rows(static_cast<std::size_t>(threads));
  std::vector<SequentialRunner> sequential(static_cast<std::size_t>(threads));
  std::vector<SequentialTrial> trial(static_cast<std::size_t>(threads));
  for (int w = 0; w < threads; ++w) {
    partial.push_back(Summary::empty(d, n, max_day));
    runners.emplace_back(d, m);
    analysers.push_back(primed);
    if (draws) models.emplace_back(*s.base, *s.draws, d.disease);
  }
  parallel(last - first, threads, [&](std::int64_t i, int w) {
    const auto wi = static_cast<std::size_t>(w);
    const std::int64_t replicate = first + i;
    Error error;
    TrialRecords& r = records[wi];
    const model::Model* mm = draws ? models[wi].at(s.seed, static_cast<std::uint64_t>(replicate), error) : &m;
    // Under a draw, the runner binds that draw's populations and conduct; without
    // draws it keeps the ones it bound from `m` when it was made.
    if (mm && draws) runners[wi].use(*mm);
    if (!mm || !runners[wi].run(static_cast<std::uint64_t>(replicate), RunSettings{s.seed, n, s.null_effect, false}, r, error)) {
      if (mm && draws)  // which draw a run under it failed with
        error = "posterior draw " + std::to_string(models[wi].last().row + 1) + " (replicate " +
                std::to_string(replicate) + "): " + error.text();
      record_failure(partial[wi], replicate, error);
    } else {
      std::vector<EndpointResult> results;
      const std::size_t kept_from = kept[wi].size();
      for (std::size_t k = 0; k < d.endpoints.size(); ++k) {
        const EndpointPlan& e = d.endpoints[k];
        derive_endpoint(d, e, r, rows[wi], Timepoints::all);
        results.push_back(analysers[wi].analyse(e, r, rows[wi]));
        if (s.keep_replicates) keep(d, e, rows[wi], results.back(), replicate, n, draws, k, kept[wi]);
        if (k < d.assumed.size() && !d.assumed[k].empty()) {
          draw_assumed(e, k, d.assumed[k], rows[wi], s.seed, static_cast<std::uint64_t>(replicate), assumed_rows[wi]);
          accumulate_scenario(partial[wi], k, analysers[wi].analyse(e, r, assumed_rows[wi]));
        }
        if (looks && k == d.sequential->endpoint) {
          sequential[wi].run(d, *d.sequential, *looks, analysers[wi], r, rows[wi], results.back(), s.seed,
                             static_cast<std::uint64_t>(replicate), trial[wi]);
          accumulate_looks(partial[wi], trial[wi]);
        }
      }
      if (looks && s.keep_replicates) keep_looks(*d.sequential, trial[wi], replicate, n, draws, kept_from, kept[wi]);
      accumulate(partial[wi], d, r, results, truth);
      if (draws && replicate < kMaxOutcomes) {
        Headline h = headline(d, results);
        if (looks) h.success = trial[wi].efficacy;  // the group-sequential decision is the analysis's success
        const model::ReplicateDraw& drawn = models[wi].last();
        partial[wi].outcomes.push_back({replicate, static_cast<std::uint32_t>(drawn.row), drawn.trial_effect,
                                        h.ok ? h.effect : NAN, h.ok && h.success});
      }
    }
    if (done) ++*done;
  });
  Summary total = Summary::empty(d, n, max_day);
  for (const Summary& p : partial) total.merge(p);
  const std::size_t before = out.replicate_results.size();
  for (const auto& k : kept) out.replicate_results.insert(out.replicate_results.end(), k.begin(), k.end());
  std::stable_sort(out.replicate_results.begin() + static_cast<std::ptrdiff_t>(before), out.replicate_results.end(),
                   [](const ReplicateResult& a, const ReplicateResult& b) { return a.replicate < b.replicate; });
  if (draws) {
    out.draw_names = s.draws->names;
    for (const DrawOutcome& o : total.outcomes) out.draw_values.try_emplace(o.row, s.draws->rows[o.row]);
  }
  return total;
}

}  // namespace

int truth_chunks(int truth_per_arm) { return std::max(1, (truth_per_arm + kTruthChunk - 1) / kTruthChunk); }

std::pair<std::int64_t, std::int64_t> shard_range(std::int64_t total, int i, int n) {
  return {total * i / n, total * (i + 1) / n};
}

int max_follow_up_day(const TrialDesign& d) {
  int last = static_cast<int>(std::lround(d.protocol->timeline.duration_weeks.value * 7)) + 1;
  for (std::size_t v = 0; v < d.visit_ids.size(); ++v)
    last = std::max(last, nominal_day(d, v) + static_cast<int>(std::ceil(d.protocol->visits[v].window_days.value)));
  return last;
}

SimulationResult simulate(const TrialDesign& d, const model::Model& m, const SimulationSettings& s,
                          std::atomic<std::int64_t>* done) {
  SimulationResult out;
  const int threads = std::max(1, s.threads);
  const std::size_t arms = d.arms.size();

  // The truth: balanced trials of truth_per_arm per arm, in chunks, pooled.
  const int chunks = truth_chunks(s.truth_per_arm);
  std::vector<std::vector<EndpointRows>> chunk_rows(static_cast<std::size_t>(chunks));
  std::vector<Error> chunk_error(static_cast<std::size_t>(chunks));
  {
    std::vector<TrialRunner> runners;
    std::vector<TrialRecords> records(static_cast<std::size_t>(threads));
    for (int w = 0; w < threads; ++w) runners.emplace_back(d, m);
    parallel(chunks, threads, [&](std::int64_t c, int w) {
      RunSettings rs{s.seed, static_cast<int>(std::min<std::int64_t>(kTruthChunk, s.truth_per_arm - c * kTruthChunk) *
                                              static_cast<std::int64_t>(arms)),
                     s.null_effect, true};
      TrialRecords& r = records[static_cast<std::size_t>(w)];
      if (!runners[static_cast<std::size_t>(w)].run(kTruthKey + static_cast<std::uint64_t>(c), rs, r,
                                                    chunk_error[static_cast<std::size_t>(c)]))
        return;
      for (const EndpointPlan& e : d.endpoints) {
        EndpointRows rows;
        derive_endpoint(d, e, r, rows, Timepoints::all);
        chunk_rows[static_cast<std::size_t>(c)].push_back(std::move(rows));
      }
      if (done) ++*done;
    });
  }
  for (const Error& e : chunk_error)
    if (!e.empty()) {
      out.error = "the truth trial: " + e.text();
      return out;
    }
  out.truth.per_arm = s.truth_per_arm;
  for (std::size_t e = 0; e < d.endpoints.size(); ++e) {
    EndpointRows pooled;
    for (const auto& c : chunk_rows) pooled.append(c[e]);
    out.truth.effects.push_back(true_effects(d, d.endpoints[e], pooled));
    std::vector<double> means;  // at the last timepoint
    const std::size_t last = d.endpoints[e].visits.empty() ? 0 : d.endpoints[e].visits.size() - 1;
    for (std::size_t a : d.endpoints[e].arms) {
      double sum = 0, n = 0;
      for (std::size_t i = 0; i < pooled.arm.size(); ++i)
        if (pooled.arm[i] == a && pooled.visit[i] == last) {
          sum += pooled.value[i];
          ++n;
        }
      means.push_back(n > 0 ? sum / n : NAN);
    }
    out.truth.arm_mean.push_back(std::move(means));
  }

  // The replicates of this shard, for each sample size.
  const auto [first, last] = shard_range(s.replicates, s.shard, s.shards);
  out.first = first;
  out.last = last;
  for (int n : s.ns) {
    // MCP-Mod's critical value for the planned group sizes, once for all threads.
    Analyser primed(d, s.analysis);
    if (!d.observational) {
      double ratio_sum = 0;
      for (const protocol::Arm& a : d.protocol->arms) ratio_sum += a.ratio.value;
      for (const EndpointPlan& e : d.endpoints) {
        std::vector<double> sizes;
        for (std::size_t a : e.arms) sizes.push_back(std::round(n * d.protocol->arms[a].ratio.value / ratio_sum));
        primed.prime(e, sizes);
      }
    }
    std::optional<SequentialDesign> looks;
    if (d.sequential) {
      const EndpointPlan& e = d.endpoints[d.sequential->endpoint];
      auto made = sequential_design(*d.sequential, n, e.alpha.value_or(s.analysis.alpha));
      if (!made) {
        out.error = "n = " + std::to_string(n) + ": " + made.error().text();
        return out;
      }
      looks = std::move(*made);
      out.sequential.push_back(*looks);
    }
    const SequentialDesign* at_n = looks ? &*looks : nullptr;
    out.summaries.push_back(replicates(d, m, s, primed, n, at_n, first, last, out.truth.effects, false, done, out));
    if (s.draws) {
      const std::vector<std::vector<double>> no_truth(d.endpoints.size());
      out.assurance.push_back(replicates(d, m, s, primed, n, at_n, first, last, no_truth, true, done, out));
    }
  }
  out.ok = true;
  return out;
}

}  // namespace il2t::trial
