#include "calibration/sbc.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>

#include "calibration/binomial_margin.h"
#include "calibration/emulated_posterior.h"
#include "calibration/ensemble.h"
#include "calibration/posterior.h"
#include "calibration/world.h"
#include "model/cholesky.h"
#include "model/model.h"
#include "model/rng.h"

namespace il2t::calibration {

void test_ranks(SbcCoordinate& c, int draws, int bins) {
  c.counts.assign(static_cast<std::size_t>(bins), 0);
  const int per_bin = (draws + 1) / bins;
  for (int r : c.ranks) ++c.counts[static_cast<std::size_t>(std::min(bins - 1, r / per_bin))];
  const double expected = static_cast<double>(c.ranks.size()) / bins;
  c.chi_square = 0;
  for (int k : c.counts) c.chi_square += (k - expected) * (k - expected) / expected;
  const boost::math::chi_squared_distribution<double> chi(bins - 1);
  c.p_value = c.ranks.empty() ? 1.0 : boost::math::cdf(boost::math::complement(chi, c.chi_square));
}

namespace {

// Synthetic data as the likelihood (emulated_posterior.h) says they arise.
std::vector<Observed> emulated_data(const EmulatedPosterior& post, const PosteriorLayout& l,
                                    const std::vector<double>& truth, const std::vector<double>& effect,
                                    model::Stream& rng) {
  const Emulator& e = post.emulator();
  std::vector<double> shared;  // each error set's δ, drawn when first needed
  std::vector<bool> drawn;
  std::vector<Observed> data;
  // Correlated standard normals with correlation C (k × k, positive definite): L u.
  auto correlated = [&](const std::vector<double>& C, std::size_t k) {
    std::vector<double> L = C, u(k), out(k, 0.0);
    for (std::size_t i = 0; i < k; ++i) u[i] = rng.normal();
    model::cholesky_in_place(L.data(), k);
    for (std::size_t i = 0; i < k; ++i)
      for (std::size_t j = 0; j <= i; ++j) out[i] += L[i * k + j] * u[j];
    return out;
  };
  // Each cluster's sampling errors (correlation R, row_correlation.h) and emulator
  // errors (correlation Q, Emulator::error_correlation), as standard normals.
  std::vector<std::vector<double>> z(l.clusters.size()), w(l.clusters.size());
  for (std::size_t c = 0; c < l.clusters.size(); ++c) {
    const std::size_t k = l.clusters[c].rows.size();
    z[c] = correlated(l.clusters[c].corr, k);
    w[c] = correlated(post.error_correlation(c), k);
  }
  // The emulated outputs at the truth (slot 0) and in each trial (slot 1 + its group).
  std::vector<std::vector<double>> outputs(1 + l.groups.size());
  auto outputs_of = [&](int group) -> const std::vector<double>& {
    std::vector<double>& y = outputs[static_cast<std::size_t>(group + 1)];
    if (y.empty())
      emulated_in_trial(e, l.groups, truth.data(), group, group >= 0 ? effect[static_cast<std::size_t>(group)] : 0.0, y);
    return y;
  };
  for (const Observed& row : l.observed) {
    const std::vector<double>& y = outputs_of(row.group);
    Observed o = row;
    double delta = 0;
    if (const int set = post.shared_set(o); set >= 0) {
      const auto k = static_cast<std::size_t>(set);
      if (k >= shared.size()) shared.resize(k + 1), drawn.resize(k + 1);
      if (!drawn[k]) shared[k] = post.shared_error(set) * rng.normal(), drawn[k] = true;
      delta = shared[k];
    } else if (o.cluster >= 0) {
      delta = e.error()[o.mean] * w[static_cast<std::size_t>(o.cluster)][static_cast<std::size_t>(o.slot)];
    } else {
      delta = e.error()[o.mean] * rng.normal();
    }
    const double mean = y[o.mean] + delta;
    if (o.cluster >= 0) {  // the multivariate normal of the cluster's likelihood
      const double zc = z[static_cast<std::size_t>(o.cluster)][static_cast<std::size_t>(o.slot)];
      if (o.kind == TermKind::binomial) {  // a whole count: the binomial quantile of the copula's normal
        const auto n = static_cast<int>(std::lround(o.n));
        o.k = binomial_quantile(0.5 * std::erfc(-zc / std::numbers::sqrt2), n, proportion_of(mean));
        o.n = n;
      } else {
        o.y = mean + std::exp(y[*o.spread]) * zc;
      }
    } else if (o.kind == TermKind::binomial) {
      const double p = proportion_of(mean);
      const auto n = static_cast<int>(std::lround(o.n));
      int k = 0;
      for (int t = 0; t < n; ++t) k += rng.uniform() < p;
      o.k = k;
      o.n = n;
    } else {
      o.y = mean + std::exp(y[*o.spread]) * rng.normal();
    }
    data.push_back(o);
  }
  return data;
}

}  // namespace

std::vector<FreeParameter> sbc_prior(const PosteriorLayout& l, const Emulator& e, const std::vector<double>& sd_upper) {
  std::vector<FreeParameter> theta = l.theta;
  for (std::size_t q = 0; q < l.sds.size() && q < sd_upper.size(); ++q) {
    FreeParameter& f = theta[e.inputs() + q];
    f.upper = std::max(f.lower + 1e-9, std::min(f.upper, sd_upper[q]));
  }
  return theta;
}

SbcTruth draw_sbc_truth(const PosteriorLayout& l, const EmulatedPosterior& box, model::Stream& rng) {
  SbcTruth t;
  const std::size_t D = box.dims();
  t.theta.resize(D);
  for (std::size_t k = 0; k < D; ++k)
    t.theta[k] = l.theta[k].prior_quantile(rng.uniform(), box.lower()[k], box.upper()[k]);
  t.effect.resize(l.groups.size());
  for (std::size_t g = 0; g < l.groups.size(); ++g) {
    const TrialGroup& tg = l.groups[g];
    t.effect[g] = (tg.sd ? t.theta[*tg.sd] : tg.sd_fixed) / std::sqrt(tg.pooled) * rng.normal();
  }
  return t;
}

bool simulate_sbc_truth(const Setup& s, const model::ParameterSet& base, const PosteriorLayout& l,
                        const std::vector<TrialBucket>& bs, std::uint64_t seed, int dataset, int threads, SbcTruth& t,
                        Error& error) {
  // The world: every trial once, each under its own effect.
  std::vector<double> effects(bs.size(), 0.0);
  for (std::size_t b = 0; b < bs.size(); ++b)
    for (std::size_t g = 0; g < l.groups.size(); ++g)
      if (l.groups[g].name == bs[b].trial) effects[b] = t.effect[g];
  const std::uint64_t sim_seed = model::Stream(seed, 0, 1, model::Purpose::sbc).next();
  return simulate_world(s, base, input_overrides(l, t.theta.data()), bs, effects, sim_seed,
                        static_cast<std::uint64_t>(dataset), threads, t.world, error);
}

bool observe_world(const Setup& s, const PosteriorLayout& l, std::size_t k, const std::vector<double>& world,
                   model::Stream& rng, Observed& o) {
  const std::size_t r = l.observed_row[k];
  const double v = on_emulated_scale(o, world[r]);
  if (!std::isfinite(v)) return false;
  if (o.kind == TermKind::binomial) {
    o.k = std::clamp(world[r], 0.0, 1.0) * o.n;
    return true;
  }
  o.y = v + resolution(s.targets[r], o.kind) * rng.normal();
  return true;
}

namespace {

// One data set's outcome, as run_sbc journals it.
struct SbcOutcome {
  bool failed = false;
  int missing_rows = 0;
  bool short_pool = false;
  std::vector<int> ranks;
};

std::vector<double> journal_values(const SbcOutcome& o) {
  std::vector<double> f{o.failed ? 1.0 : 0.0, static_cast<double>(o.missing_rows), o.short_pool ? 1.0 : 0.0};
  for (int r : o.ranks) f.push_back(r);
  return f;
}

// A journalled outcome, or nullopt when the entry does not hold one for D coordinates.
std::optional<SbcOutcome> outcome_of(const std::vector<double>& f, std::size_t D, int draws) {
  if (f.size() < 3) return std::nullopt;
  auto whole = [](double v, double lo, double hi) { return std::isfinite(v) && v == std::floor(v) && v >= lo && v <= hi; };
  SbcOutcome o;
  if (!whole(f[0], 0, 1) || !whole(f[1], 0, 1e6) || !whole(f[2], 0, 1)) return std::nullopt;
  o.failed = f[0] == 1, o.missing_rows = static_cast<int>(f[1]), o.short_pool = f[2] == 1;
  if (f.size() != 3 + (o.failed ? 0 : D)) return std::nullopt;
  for (std::size_t k = 3; k < f.size(); ++k) {
    if (!whole(f[k], 0, draws)) return std::nullopt;
    o.ranks.push_back(static_cast<int>(f[k]));
  }
  return o;
}

}  // namespace

SbcResult run_sbc(const Setup& s, const model::ParameterSet& base, const PosteriorLayout& l, const Emulator& e,
                  const std::vector<std::vector<double>>& design, const SbcSettings& ss, const SbcProgress& progress,
                  Journal* journal) {
  SbcResult out;
  if ((ss.draws + 1) % ss.bins != 0) {
    out.error = "SBC: draws + 1 must be a multiple of the bins";
    return out;
  }
  const std::vector<FreeParameter> theta = sbc_prior(l, e, ss.sd_upper);
  const EmulatedPosterior prior_box(e, theta, l.observed, l.groups, l.clusters);
  const std::size_t D = prior_box.dims();
  for (const FreeParameter& f : l.theta) out.coordinates.push_back({f.name, {}, {}, 0, 1});
  const std::vector<TrialBucket> bs = trial_buckets(s);
  // One data set, from the prior to its ranks.
  auto one = [&](int i) {
    SbcOutcome o;
    const auto rep = static_cast<std::uint64_t>(i);
    model::Stream rng(ss.seed, rep, 0, model::Purpose::sbc);
    SbcTruth t = draw_sbc_truth(l, prior_box, rng);
    const std::vector<double>& truth = t.theta;
    std::vector<Observed> data;
    if (ss.world == SbcWorld::emulator) {
      data = emulated_data(prior_box, l, truth, t.effect, rng);
    } else {
      Error error;
      if (!simulate_sbc_truth(s, base, l, bs, ss.seed, i, ss.threads, t, error)) {
        o.failed = true;
        return o;
      }
      // A row a single trial gives no value for is missing from that data set: its
      // posterior conditions on the other rows.
      for (std::size_t k = 0; k < l.observed.size(); ++k) {
        Observed ob = l.observed[k];
        if (observe_world(s, l, k, t.world, rng, ob)) data.push_back(ob);
        else ++o.missing_rows;
      }
    }
    const EmulatedPosterior post(e, theta, data, l.groups, l.clusters);
    auto start = starting_walkers(post, design, 2 * D + 10, ss.seed + rep);
    if (start.size() % 2) start.pop_back();
    if (start.size() < 2 * D + 2) {
      o.failed = true;
      return o;
    }
    EnsembleSettings es;
    es.burn_in = ss.burn_in;
    es.steps = ss.steps;
    es.thin = 1;
    es.seed = model::Stream(ss.seed, rep, 2, model::Purpose::sbc).next();
    es.threads = ss.threads;
    const EnsembleResult r = sample_ensemble([&post](const double* x) { return post.log_density(x); }, start, es);
    if (!r.error.empty() || r.draws.empty()) {
      o.failed = true;
      return o;
    }
    // Nearly independent draws: the walkers at the last step and at steps spaced by the
    // largest autocorrelation time before it.
    const std::size_t walkers = start.size(), steps = r.draws.size() / walkers;
    const auto gap = static_cast<std::size_t>(std::ceil(*std::max_element(r.autocorrelation.begin(), r.autocorrelation.end())));
    std::vector<const std::vector<double>*> pool;
    for (std::size_t back = 0; back < steps && pool.size() < static_cast<std::size_t>(ss.draws); back += gap)
      for (std::size_t w = 0; w < walkers; ++w) pool.push_back(&r.draws[(steps - 1 - back) * walkers + w]);
    o.short_pool = pool.size() < static_cast<std::size_t>(ss.draws);
    for (std::size_t k = 0; k < D; ++k) {
      int rank = 0;
      for (int q = 0; q < ss.draws; ++q)
        rank += (*pool[static_cast<std::size_t>(q) * pool.size() / static_cast<std::size_t>(ss.draws)])[k] < truth[k];
      o.ranks.push_back(rank);
    }
    return o;
  };
  for (int i = 0; i < ss.datasets; ++i) {
    std::optional<SbcOutcome> o;
    const std::vector<double> x{static_cast<double>(i)};
    if (journal && static_cast<std::size_t>(i) < journal->size())
      if (const auto f = journal->replay_values(static_cast<std::size_t>(i), x)) o = outcome_of(*f, D, ss.draws);
    if (!o) {
      o = one(i);
      if (journal) {
        if (Error err = journal->append(x, journal_values(*o)); !err.empty()) {
          out.error = "SBC: " + err.text();
          return out;
        }
      }
    }
    out.missing_rows += o->missing_rows;
    if (o->failed) {
      ++out.failed;
    } else {
      out.short_pools += o->short_pool;
      for (std::size_t k = 0; k < D; ++k) out.coordinates[k].ranks.push_back(o->ranks[k]);
      ++out.datasets;
    }
    if (progress) progress(i + 1, ss.datasets);
  }
  for (SbcCoordinate& c : out.coordinates) test_ranks(c, ss.draws, ss.bins);
  return out;
}

}  // namespace il2t::calibration
