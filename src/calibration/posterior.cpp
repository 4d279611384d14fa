#include "calibration/posterior.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <numeric>

#include "calibration/row_correlation.h"
#include "calibration/space_filling.h"
#include "model/model.h"
#include "model/rng.h"

namespace il2t::calibration {

namespace {

constexpr double kShareMargin = 1.0;  // wave 1 widens a share's bounds by this on the log scale
constexpr double kWiden = 0.25;       // a later box widens the posterior's range by this share of it

// The model's own range of a parameter, on its search scale.
std::pair<double, double> model_range(const FreeParameter& f, const model::ParameterSet& base) {
  const model::Parameter* p = base.find(f.name);
  double lo = -INFINITY, hi = INFINITY;
  if (p && p->min) lo = f.log_scale ? (*p->min > 0 ? std::log(*p->min) : -INFINITY) : *p->min;
  if (p && p->max) hi = f.log_scale ? std::log(*p->max) : *p->max;
  return {lo, hi};
}

bool is_share(const PosteriorLayout& l, std::size_t i) {
  return std::any_of(l.groups.begin(), l.groups.end(), [i](const TrialGroup& g) { return g.share == i; });
}

Box first_box(const PosteriorLayout& l, const model::ParameterSet& base) {
  Box b;
  for (std::size_t i = 0; i < l.inputs.size(); ++i) {
    const FreeParameter& f = l.theta[i];
    double lo = f.to_search(f.lower), hi = f.to_search(f.upper);
    if (is_share(l, i)) {
      const auto [mlo, mhi] = model_range(f, base);
      lo = std::max(lo - kShareMargin, mlo);
      hi = std::min(hi + kShareMargin, mhi);
    }
    b.lo.push_back(lo);
    b.hi.push_back(hi);
  }
  return b;
}


}  // namespace

Box next_box(const PosteriorLayout& l, const std::vector<FreeParameter>& bounds, const model::ParameterSet& base,
             const std::vector<std::vector<double>>& draws, Box& prior) {
  Box b;
  prior = Box{};
  for (std::size_t i = 0; i < l.inputs.size(); ++i) {
    const FreeParameter& f = bounds[i];
    std::vector<double> v;
    for (const auto& d : draws) v.push_back(d[i]);
    double lo = quantile(v, 0.001), hi = quantile(v, 0.999);
    const double width = std::max(hi - lo, 1e-6 * (f.to_search(f.upper) - f.to_search(f.lower)));
    lo -= kWiden * width, hi += kWiden * width;
    lo = std::max(lo, f.to_search(f.lower));
    hi = std::min(hi, f.to_search(f.upper));
    prior.lo.push_back(lo);
    prior.hi.push_back(hi);
    double reach = 0;
    for (const TrialGroup& g : l.groups) {
      if (g.share != i) continue;
      std::vector<double> sd;
      for (const auto& d : draws) sd.push_back(g.sd ? d[*g.sd] : g.sd_fixed);
      reach = std::max(reach, kShareSdReach * quantile(sd, 0.999) / std::sqrt(g.pooled));
    }
    if (reach > 0) {
      const auto [mlo, mhi] = model_range(f, base);
      lo = std::max(lo - reach, mlo);
      hi = std::min(hi + reach, mhi);
    }
    b.lo.push_back(lo);
    b.hi.push_back(hi);
  }
  return b;
}

namespace {

bool inside(const Box& b, const std::vector<double>& x) {
  for (std::size_t i = 0; i < b.size(); ++i)
    if (x[i] < b.lo[i] || x[i] > b.hi[i]) return false;
  return true;
}

}  // namespace

std::vector<std::vector<double>> starting_walkers(const EmulatedPosterior& post, const std::vector<std::vector<double>>& xs,
                                                  std::size_t walkers, std::uint64_t seed) {
  const std::size_t d = post.emulator().inputs();
  std::vector<std::pair<double, std::size_t>> ranked;
  std::vector<double> theta(post.dims());
  for (std::size_t k = d; k < post.dims(); ++k) theta[k] = post.parameters()[k].prior_quantile(0.5);
  for (std::size_t i = 0; i < xs.size(); ++i) {
    std::copy(xs[i].begin(), xs[i].end(), theta.begin());
    const double lp = post.log_density(theta.data());
    if (std::isfinite(lp)) ranked.emplace_back(lp, i);
  }
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::vector<double>> out;
  for (std::size_t w = 0; w < walkers && !ranked.empty(); ++w) {
    model::Stream rng(seed, w, 0, model::Purpose::mcmc);
    std::copy(xs[ranked[w % ranked.size()].second].begin(), xs[ranked[w % ranked.size()].second].end(), theta.begin());
    for (std::size_t k = d; k < post.dims(); ++k) theta[k] = post.parameters()[k].prior_quantile(0.25 + 0.5 * rng.uniform());
    if (w >= ranked.size())  // reused point: a small step inside the bounds
      for (std::size_t k = 0; k < d; ++k)
        theta[k] = std::clamp(theta[k] + 1e-3 * (rng.uniform() - 0.5) * (post.upper()[k] - post.lower()[k]), post.lower()[k],
                              post.upper()[k]);
    if (std::isfinite(post.log_density(theta.data()))) out.push_back(theta);
  }
  return out;
}

namespace {

// The seed of a design point's own streams.
std::uint64_t point_seed(std::uint64_t seed, std::uint64_t point) {
  return model::Stream(seed, point, 0, model::Purpose::design).next();
}

}  // namespace

Expected<std::vector<double>> simulate_point(const Setup& s, const model::ParameterSet& base, const PosteriorLayout& l,
                                             const std::vector<double>& x, const CheckSettings& c) {
  auto m = model::make_model(base, input_overrides(l, x.data()));
  if (!m.model) return m.errors.empty() ? Error{.message = "the model could not be built"} : m.errors.front();
  std::atomic<std::int64_t> done{0};
  const CheckOutcome out = check_model(s, *m.model, c, done);
  if (!out.error.empty()) return out.error;
  return outputs_of(s, l, out);
}

namespace {

// simulate_point's outputs, or NaN for each (and its variance) where it failed.
std::vector<double> outputs_or_nan(Expected<std::vector<double>> y, const PosteriorLayout& l) {
  if (!y) return std::vector<double>(2 * l.outputs(), std::numeric_limits<double>::quiet_NaN());
  return std::move(*y);
}

// One wave's design: `ps.points` points of a Latin hypercube in `box`, each answered by
// the journal or simulated (and journalled), appended to xs and ys.
bool run_design(const Setup& s, const model::ParameterSet& base, const PosteriorLayout& l, const PosteriorSettings& ps,
                Journal* journal, int wave, PosteriorWave& pw, std::size_t& entry, std::vector<std::vector<double>>& xs,
                std::vector<std::vector<double>>& ys, const PosteriorProgress& progress, Error& error) {
  const std::size_t d = l.inputs.size(), m = l.outputs();
  const Box& box = pw.box;
  const auto design = latin_hypercube(static_cast<std::size_t>(ps.points), d, ps.seed, static_cast<std::uint64_t>(wave));
  for (std::size_t i = 0; i < design.size(); ++i, ++entry) {
    std::vector<double> x(d);
    for (std::size_t k = 0; k < d; ++k) x[k] = box.lo[k] + design[i][k] * (box.hi[k] - box.lo[k]);
    std::vector<double> y;
    if (auto replayed = journal ? journal->replay_values(entry, x) : std::nullopt) {
      y = std::move(*replayed);
      ++pw.replayed;
    } else {
      y = outputs_or_nan(simulate_point(s, base, l, x, {ps.replicates, point_seed(ps.seed, entry), ps.threads}), l);
      if (journal) {
        error = journal->append(x, y);
        if (!error.empty()) return false;
      }
    }
    pw.failed += std::all_of(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(m), [](double v) { return std::isnan(v); });
    xs.push_back(std::move(x));
    ys.push_back(std::move(y));
    ++pw.points;
    if (progress) progress("wave " + std::to_string(wave + 1) + " design", static_cast<int>(i + 1), ps.points);
  }
  return true;
}

// The emulator of every design point inside `box` (their outputs, and the mean Monte
// Carlo variance of each), and those points.
Expected<Emulator> fit_in_box(const Box& box, const std::vector<std::vector<double>>& xs,
                              const std::vector<std::vector<double>>& ys, std::size_t m,
                              std::vector<std::vector<double>>& fitted) {
  std::vector<std::vector<double>> fy;
  std::vector<double> noise(m, 0.0);
  std::vector<int> counted(m, 0);
  fitted.clear();
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (!inside(box, xs[i])) continue;
    fitted.push_back(xs[i]);
    fy.emplace_back(ys[i].begin(), ys[i].begin() + static_cast<std::ptrdiff_t>(m));
    for (std::size_t j = 0; j < m; ++j)
      if (std::isfinite(ys[i][m + j])) noise[j] += ys[i][m + j], ++counted[j];
  }
  for (std::size_t j = 0; j < m; ++j) noise[j] = counted[j] ? noise[j] / counted[j] : 0.0;
  return Emulator::fit(box, fitted, fy, noise);
}

// The ensemble on one wave's emulated posterior (the last wave runs the full length).
EnsembleResult sample_wave(const EmulatedPosterior& post, const std::vector<std::vector<double>>& design,
                           const PosteriorSettings& ps, int wave) {
  auto start = starting_walkers(post, design, 2 * post.dims() + 10, ps.seed + static_cast<std::uint64_t>(wave));
  if (start.size() % 2) start.pop_back();
  if (start.size() < 2 * post.dims() + 2) {
    EnsembleResult r;
    r.error = "too few design points where the emulated posterior is positive";
    return r;
  }
  const bool last = wave + 1 == ps.waves;
  EnsembleSettings es;
  es.burn_in = last ? ps.burn_in : ps.burn_in / 2;
  es.steps = last ? ps.steps : ps.steps / 2;
  es.thin = std::max(1, es.steps * static_cast<int>(start.size()) / std::max(1, 4 * ps.draws));
  es.seed = ps.seed + 1000 * static_cast<std::uint64_t>(wave + 1);
  es.threads = ps.threads;
  return sample_ensemble([&post](const double* t) { return post.log_density(t); }, start, es);
}

// `ps.draws` of the draws, evenly spaced, as model values of every free parameter: θ's
// coordinates, and each prior-only parameter from its prior (Stream(seed, row, 1 + q,
// posterior)).
std::vector<std::vector<double>> parameter_rows(const std::vector<FreeParameter>& free, const PosteriorLayout& l,
                                                const std::vector<std::vector<double>>& draws, const PosteriorSettings& ps) {
  const std::size_t d = l.inputs.size();
  const std::size_t keep = std::min<std::size_t>(static_cast<std::size_t>(ps.draws), draws.size());
  std::vector<std::vector<double>> rows;
  for (std::size_t j = 0; j < keep; ++j) {
    const std::vector<double>& t = draws[j * draws.size() / keep];
    std::vector<double> row(free.size());
    for (std::size_t k = 0; k < l.theta.size(); ++k) {
      const std::size_t col = k < d ? l.inputs[k] : l.sds[k - d];
      row[col] = free[col].from_search(t[k]);
    }
    for (std::size_t q = 0; q < l.prior_only.size(); ++q) {
      const std::size_t col = l.prior_only[q];
      model::Stream rng(ps.seed, j, 1 + q, model::Purpose::posterior);
      row[col] = free[col].from_search(free[col].prior_quantile(rng.uniform()));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// The emulator against direct simulation at `ps.check_points` of the draws, row by row.
std::vector<EmulatorCheck> check_emulator(const Setup& s, const model::ParameterSet& base, const PosteriorLayout& l,
                                          const Emulator& e, const std::vector<std::vector<double>>& draws,
                                          const PosteriorSettings& ps, const PosteriorProgress& progress) {
  const std::size_t d = l.inputs.size(), m = l.outputs();
  const int checks = std::min<int>(ps.check_points, std::min<int>(ps.draws, static_cast<int>(draws.size())));
  std::vector<double> sq(m, 0.0), noise(m, 0.0);
  std::vector<int> count(m, 0);
  for (int c = 0; c < checks; ++c) {
    const std::vector<double>& t = draws[static_cast<std::size_t>(c) * draws.size() / static_cast<std::size_t>(checks)];
    std::vector<double> x(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(d));
    const CheckSettings cc{ps.check_replicates, point_seed(ps.seed + 1, static_cast<std::uint64_t>(c)), ps.threads};
    const std::vector<double> sim = outputs_or_nan(simulate_point(s, base, l, x, cc), l);
    std::vector<double> emu(m);
    e.predict(x.data(), emu.data());
    for (std::size_t j = 0; j < m; ++j)
      if (std::isfinite(sim[j])) sq[j] += (sim[j] - emu[j]) * (sim[j] - emu[j]), noise[j] += sim[m + j], ++count[j];
    if (progress) progress("emulator check", c + 1, checks);
  }
  std::vector<double> centre(m);
  if (!draws.empty()) e.predict(draws.front().data(), centre.data());
  std::vector<EmulatorCheck> out;
  for (const Observed& o : l.observed) {
    EmulatorCheck c;
    c.id = l.output_names[o.mean];
    c.rmse = count[o.mean] ? std::sqrt(sq[o.mean] / count[o.mean]) : NAN;
    c.noise = count[o.mean] ? std::sqrt(noise[o.mean] / count[o.mean]) : NAN;
    c.error = e.error()[o.mean];
    c.sampling_sd = o.kind == TermKind::binomial ? 0.5 / std::sqrt(o.n) : std::exp(centre[*o.spread]);
    out.push_back(c);
  }
  return out;
}

}  // namespace

PosteriorRun run_posterior(const Setup& s, const model::ParameterSet& base, const std::vector<FreeParameter>& free,
                           const std::string& free_file, const PosteriorSettings& ps, Journal* journal,
                           const PosteriorProgress& progress) {
  PosteriorRun out;
  out.columns = free;
  auto layout = make_layout(s, free, base, free_file);
  if (!layout) {
    out.error = layout.error();
    return out;
  }
  out.layout = std::move(*layout);
  const PosteriorLayout& l = out.layout;
  const std::vector<FreeParameter> bounds = l.theta;  // the priors as the free file gives them
  std::vector<std::vector<double>> xs, ys, draws;
  std::size_t entry = 0;
  Box box = first_box(l, base);
  // Each SD's 99.9 % quantile in the draws the current box was built from (next_box):
  // its shares reach kShareSdReach times that beyond their region. Infinite in wave 1.
  std::vector<double> box_sd(l.sds.size(), INFINITY);
  for (int wave = 0; wave < ps.waves; ++wave) {
    const std::string name = "wave " + std::to_string(wave + 1) + ": ";
    PosteriorWave pw;
    pw.box = box;
    if (!run_design(s, base, l, ps, journal, wave, pw, entry, xs, ys, progress, out.error)) return out;
    auto emu = fit_in_box(box, xs, ys, l.outputs(), out.design);
    if (!emu) {
      out.error = name + emu.error().text();
      return out;
    }
    pw.fitted = static_cast<int>(emu->points());
    out.emulator = std::move(*emu);
    out.waves.push_back(pw);
    // The correlation of each trial arm's rows, simulated at the design point of
    // highest density under the correlations so far (the identity in wave 1).
    {
      const EmulatedPosterior before(*out.emulator, l.theta, l.observed, l.groups, l.clusters);
      const auto best = starting_walkers(before, out.design, 1, ps.seed);
      if (best.empty()) {
        out.error = name + "no design point where the emulated posterior is positive";
        return out;
      }
      const std::vector<double> x(best[0].begin(), best[0].begin() + static_cast<std::ptrdiff_t>(l.inputs.size()));
      if (progress) progress("wave " + std::to_string(wave + 1) + " correlations", 0, 1);
      Error err;
      if (!estimate_correlations(s, base, l, x, ps.correlation_replicates, point_seed(ps.seed + 2, static_cast<std::uint64_t>(wave)),
                                 ps.threads, out.layout.clusters, err)) {
        out.error = name + "the rows' correlations: " + err.text();
        return out;
      }
    }
    const EmulatedPosterior post(*out.emulator, l.theta, l.observed, l.groups, l.clusters);
    if (progress) progress("wave " + std::to_string(wave + 1) + " sampling", 0, 1);
    EnsembleResult r = sample_wave(post, out.design, ps, wave);
    if (!r.error.empty()) {
      out.error = name + r.error.text();
      return out;
    }
    draws = std::move(r.draws);
    out.acceptance = r.acceptance;
    out.autocorrelation = r.autocorrelation;
    out.ess = r.ess;
    if (wave + 1 < ps.waves) {
      // From wave 2 a share's prior is its region of the draws, narrower than its box:
      // with the whole box as its prior, a truth drawn at the box's edge plus its trial's
      // effect would fall outside the emulator (the SBC's Sjögren's rows).
      Box prior;
      box = next_box(l, bounds, base, draws, prior);
      for (std::size_t q = 0; q < l.sds.size(); ++q) {
        std::vector<double> v;
        for (const auto& t : draws) v.push_back(t[l.inputs.size() + q]);
        box_sd[q] = quantile(v, 0.999);
      }
      for (std::size_t i = 0; i < l.inputs.size(); ++i)
        if (is_share(l, i)) {
          out.layout.theta[i].lower = bounds[i].from_search(prior.lo[i]);
          out.layout.theta[i].upper = bounds[i].from_search(prior.hi[i]);
        }
    }
  }
  for (std::size_t q = 0; q < l.sds.size(); ++q) {
    std::vector<double> v;
    for (const auto& t : draws) v.push_back(t[l.inputs.size() + q]);
    const FreeParameter& f = l.theta[l.inputs.size() + q];
    // Within the box as well: a truth's effect (SD at most 1.25 × box_sd) then stays
    // within 3 SDs of its share's region, where the emulator was fitted.
    out.sd_upper.push_back(std::min(f.upper, 1.25 * f.from_search(std::min(quantile(v, 0.999), box_sd[q]))));
  }
  out.draws = parameter_rows(free, l, draws, ps);
  out.check = check_emulator(s, base, l, *out.emulator, draws, ps, progress);
  return out;
}

}  // namespace il2t::calibration
