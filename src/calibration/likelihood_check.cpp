#include "calibration/likelihood_check.h"

#include <algorithm>
#include <cmath>

#include "calibration/binomial_margin.h"

namespace il2t::calibration {

namespace {

struct PairSums {
  std::size_t a = 0, b = 0;
  double assumed = 0;  // summed over the data sets, then averaged
  int count = 0;
  double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
};

}  // namespace

LikelihoodCheck likelihood_check(const Setup& s, const model::ParameterSet& base, const PosteriorLayout& l,
                                 const Emulator& e, const SbcSettings& ss, const std::function<void(int, int)>& progress) {
  LikelihoodCheck out;
  const std::vector<FreeParameter> theta = sbc_prior(l, e, ss.sd_upper);
  const EmulatedPosterior box(e, theta, l.observed, l.groups, l.clusters);
  const std::vector<TrialBucket> bs = trial_buckets(s);
  const std::size_t R = l.observed.size();
  std::vector<double> sum(R), sum2(R), su(R), suu(R), szu(R);
  std::vector<int> count(R), low(R), high(R), out_box(R);
  std::vector<double> in_sum(R), in_sum2(R);
  // The pairs the likelihood links or could: one trial, one cluster or one error set.
  std::vector<PairSums> pairs;
  for (std::size_t i = 0; i < R; ++i)
    for (std::size_t j = i + 1; j < R; ++j) {
      const Observed &a = l.observed[i], &b = l.observed[j];
      const bool trial = a.group >= 0 && a.group == b.group;
      const bool cluster = a.cluster >= 0 && a.cluster == b.cluster;
      const bool set = box.shared_set(a) >= 0 && box.shared_set(a) == box.shared_set(b);
      if (trial || cluster || set) pairs.push_back({i, j});
    }
  std::vector<double> z(R);
  std::vector<std::vector<double>> outputs(1 + l.groups.size());  // per trial (slot 1 + group), and none
  for (int d = 0; d < ss.datasets; ++d) {
    model::Stream rng(ss.seed, static_cast<std::uint64_t>(d), 0, model::Purpose::sbc);
    SbcTruth t = draw_sbc_truth(l, box, rng);
    Error error;
    if (!simulate_sbc_truth(s, base, l, bs, ss.seed, d, ss.threads, t, error)) {
      ++out.failed;
      if (progress) progress(d + 1, ss.datasets);
      continue;
    }
    ++out.datasets;
    for (std::size_t g = 0; g < outputs.size(); ++g) {
      const int group = static_cast<int>(g) - 1;
      emulated_in_trial(e, l.groups, t.theta.data(), group, group >= 0 ? t.effect[g - 1] : 0.0, outputs[g]);
    }
    std::vector<double> sd(R), var(R);
    for (std::size_t k = 0; k < R; ++k) {
      const Observed& o = l.observed[k];
      const std::vector<double>& y = outputs[static_cast<std::size_t>(o.group + 1)];
      sd[k] = o.kind == TermKind::binomial ? 0.5 / std::sqrt(o.n) : std::exp(y[*o.spread]);
      const int set = box.shared_set(o);
      const double err = set >= 0 ? box.shared_error(set) : e.error()[o.mean];
      var[k] = sd[k] * sd[k] + err * err;
      Observed ob = o;
      z[k] = NAN;
      if (!observe_world(s, l, k, t.world, rng, ob)) continue;
      // A few-event row of a cluster: the mid-p normal score the likelihood uses.
      if (takes_binomial_margin(ob, ob.k))
        z[k] = binomial_margin(ob.k, ob.n, y[o.mean], err).z;
      else
        z[k] = ((ob.kind == TermKind::binomial ? on_emulated_scale(ob, ob.k / ob.n) : ob.y) - y[o.mean]) / std::sqrt(var[k]);
      if (!std::isfinite(z[k])) continue;
      ++count[k];
      sum[k] += z[k];
      sum2[k] += z[k] * z[k];
      low[k] += z[k] < -2;
      high[k] += z[k] > 2;
      bool inside = true;
      if (o.group >= 0) {
        const double u = t.effect[static_cast<std::size_t>(o.group)];
        su[k] += u, suu[k] += u * u, szu[k] += z[k] * u;
        const std::size_t share = l.groups[static_cast<std::size_t>(o.group)].share;
        inside = std::abs(e.scaled(share, t.theta[share] + u)) <= 1;
      }
      if (inside) in_sum[k] += z[k], in_sum2[k] += z[k] * z[k];
      else ++out_box[k];
    }
    for (PairSums& p : pairs) {
      const double za = z[p.a], zb = z[p.b];
      if (!std::isfinite(za) || !std::isfinite(zb)) continue;
      const Observed &a = l.observed[p.a], &b = l.observed[p.b];
      double cov = 0;
      if (a.cluster >= 0 && a.cluster == b.cluster) {
        const RowCluster& c = l.clusters[static_cast<std::size_t>(a.cluster)];
        const std::size_t at = static_cast<std::size_t>(a.slot) * c.rows.size() + static_cast<std::size_t>(b.slot);
        cov += c.corr[at] * sd[p.a] * sd[p.b] +
               box.error_correlation(static_cast<std::size_t>(a.cluster))[at] * box.own_error(a) * box.own_error(b);
      }
      if (const int set = box.shared_set(a); set >= 0 && set == box.shared_set(b))
        cov += box.shared_error(set) * box.shared_error(set);
      p.assumed += cov / std::sqrt(var[p.a] * var[p.b]);
      ++p.count;
      p.sa += za, p.sb += zb, p.saa += za * za, p.sbb += zb * zb, p.sab += za * zb;
    }
    if (progress) progress(d + 1, ss.datasets);
  }
  for (std::size_t k = 0; k < R; ++k) {
    RowZ r;
    r.id = s.targets[l.observed_row[k]].id;
    r.count = count[k];
    if (count[k] > 0) {
      const double n = count[k];
      r.mean = sum[k] / n;
      r.sd = count[k] > 1 ? std::sqrt(std::max(0.0, (sum2[k] - n * r.mean * r.mean) / (n - 1))) : NAN;
      r.low = low[k] / n;
      r.high = high[k] / n;
      const double vz = sum2[k] - sum[k] * sum[k] / n, vu = suu[k] - su[k] * su[k] / n;
      if (l.observed[k].group >= 0 && vz > 0 && vu > 0) r.effect_corr = (szu[k] - sum[k] * su[k] / n) / std::sqrt(vz * vu);
      r.outside = out_box[k] / n;
      const double ni = n - out_box[k];
      if (ni > 1) r.sd_inside = std::sqrt(std::max(0.0, (in_sum2[k] - in_sum[k] * in_sum[k] / ni) / (ni - 1)));
    }
    out.rows.push_back(r);
  }
  for (const PairSums& p : pairs) {
    if (p.count < 3) continue;
    const double n = p.count;
    const double va = p.saa - p.sa * p.sa / n, vb = p.sbb - p.sb * p.sb / n, cab = p.sab - p.sa * p.sb / n;
    out.pairs.push_back({out.rows[p.a].id, out.rows[p.b].id, p.count, va > 0 && vb > 0 ? cab / std::sqrt(va * vb) : NAN,
                         p.assumed / n});
  }
  return out;
}

}  // namespace il2t::calibration
