#include "calibration/row_correlation.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "calibration/measure.h"
#include "calibration/world.h"
#include "model/cholesky.h"

namespace il2t::calibration {

namespace {

constexpr double kShrink = 0.05;

// True when the k × k matrix has a Cholesky factor with every pivot above 1e-9.
bool positive_definite(std::vector<double> a, std::size_t k) { return model::cholesky_in_place(a.data(), k, 1e-9); }

}  // namespace

std::vector<std::vector<std::size_t>> assign_clusters(const Setup& s, PosteriorLayout& l) {
  std::map<std::size_t, std::size_t> observed_of;  // setup row → observed row
  for (std::size_t k = 0; k < l.observed_row.size(); ++k) observed_of[l.observed_row[k]] = k;
  std::map<std::pair<std::size_t, std::size_t>, std::vector<std::size_t>> by_arm;  // (bucket, arm) → observed rows
  const std::vector<TrialBucket> bs = trial_buckets(s);
  for (std::size_t b = 0; b < bs.size(); ++b)
    for (std::size_t r : bs[b].rows) {
      const auto it = observed_of.find(r);
      const Mapping& m = s.mappings[r];
      if (it == observed_of.end() || spans_arms(m.measure.kind) || is_pk(m.measure.kind)) continue;
      // A row of an error set joins its arm only within a trial (whose integral holds
      // the set's δ: emulated_posterior.h), and only one row of a set per arm.
      const Observed& o = l.observed[it->second];
      if (o.error_set >= 0) {
        if (o.group < 0) continue;
        std::vector<std::size_t>& rows = by_arm[{b, m.arm}];
        const bool twice = std::any_of(rows.begin(), rows.end(),
                                       [&](std::size_t q) { return l.observed[q].error_set == o.error_set; });
        if (twice) continue;
      }
      by_arm[{b, m.arm}].push_back(it->second);
    }
  std::vector<std::vector<std::size_t>> out;
  for (Observed& o : l.observed) o.cluster = o.slot = -1;
  for (const auto& [key, rows] : by_arm) {
    if (rows.size() < 2) continue;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      l.observed[rows[i]].cluster = static_cast<int>(out.size());
      l.observed[rows[i]].slot = static_cast<int>(i);
    }
    out.push_back(rows);
  }
  return out;
}

bool estimate_correlations(const Setup& s, const model::ParameterSet& base, const PosteriorLayout& l,
                           const std::vector<double>& x, int replicates, std::uint64_t seed, int threads,
                           std::vector<RowCluster>& clusters, Error& error) {
  const std::vector<TrialBucket> bs = trial_buckets(s);
  const std::vector<double> none(bs.size(), 0.0);
  std::vector<std::vector<double>> values;  // per replicate, per observed row
  for (int rep = 0; rep < replicates; ++rep) {
    std::vector<double> world;
    if (!simulate_world(s, base, input_overrides(l, x.data()), bs, none, seed, static_cast<std::uint64_t>(rep), threads,
                        world, error))
      return false;
    std::vector<double> v(l.observed.size());
    for (std::size_t k = 0; k < l.observed.size(); ++k) v[k] = on_emulated_scale(l.observed[k], world[l.observed_row[k]]);
    values.push_back(std::move(v));
  }
  for (RowCluster& c : clusters) {
    const std::size_t k = c.rows.size();
    std::vector<double> R(k * k, 0.0);
    for (std::size_t i = 0; i < k; ++i)
      for (std::size_t j = 0; j <= i; ++j) {
        if (i == j) {
          R[i * k + i] = 1;
          continue;
        }
        // Pearson correlation over the replicates where both rows have a value.
        double n = 0, mi = 0, mj = 0;
        for (const auto& v : values)
          if (std::isfinite(v[c.rows[i]]) && std::isfinite(v[c.rows[j]])) n += 1, mi += v[c.rows[i]], mj += v[c.rows[j]];
        double sij = 0, sii = 0, sjj = 0;
        if (n > 2) {
          mi /= n, mj /= n;
          for (const auto& v : values)
            if (std::isfinite(v[c.rows[i]]) && std::isfinite(v[c.rows[j]])) {
              const double a = v[c.rows[i]] - mi, b = v[c.rows[j]] - mj;
              sij += a * b, sii += a * a, sjj += b * b;
            }
        }
        const double r = sii > 0 && sjj > 0 ? sij / std::sqrt(sii * sjj) : 0.0;
        R[i * k + j] = R[j * k + i] = r;
      }
    double lambda = kShrink;
    std::vector<double> shrunk(k * k);
    for (;; lambda = std::min(1.0, 2 * lambda)) {
      for (std::size_t q = 0; q < k * k; ++q) shrunk[q] = (1 - lambda) * R[q];
      for (std::size_t i = 0; i < k; ++i) shrunk[i * k + i] = 1;
      if (lambda >= 1 || positive_definite(shrunk, k)) break;
    }
    c.corr = std::move(shrunk);
  }
  return true;
}

}  // namespace il2t::calibration
