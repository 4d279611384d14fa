#include "calibration/emulated_posterior.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "calibration/binomial_margin.h"
#include "calibration/quadrature.h"
#include "model/cholesky.h"

namespace il2t::calibration {

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// Gauss–Hermite nodes with their weights' logarithms, computed once.
struct Nodes {
  Quadrature q;
  std::vector<double> logw;
  explicit Nodes(int n) : q(gauss_hermite(n)) {
    for (double w : q.w) logw.push_back(std::log(w));
  }
};
const Nodes& effect_nodes() {
  static const Nodes n(16);
  return n;
}
const Nodes& error_nodes() {
  static const Nodes n(5);
  return n;
}

double xlogy(double x, double y) { return x > 0 ? x * std::log(y) : 0.0; }

// ln Binomial(k; n, p) − ln Binomial(k; n, k/n): 0 at p = k/n.
double binomial_ll(double k, double n, double p) {
  p = std::clamp(p, 1e-12, 1 - 1e-12);
  const double phat = k / n;
  return xlogy(k, p) + xlogy(n - k, 1 - p) - xlogy(k, phat) - xlogy(n - k, 1 - phat);
}

double log_sum_exp(const double* v, const double* logw, std::size_t n) {
  double top = kNegInf;
  for (std::size_t i = 0; i < n; ++i) top = std::max(top, v[i] + logw[i]);
  if (!std::isfinite(top)) return top;
  double s = 0;
  for (std::size_t i = 0; i < n; ++i) s += std::exp(v[i] + logw[i] - top);
  return top + std::log(s);
}

}  // namespace

bool takes_binomial_margin(const Observed& o, double k) {
  return o.cluster >= 0 && o.kind == TermKind::binomial && few_events(k, o.n);
}

double on_emulated_scale(const Observed& o, double v) {
  if (!std::isfinite(v)) return v;
  if (o.kind == TermKind::binomial) return std::asin(std::sqrt(std::clamp(v, 0.0, 1.0)));
  if (o.kind == TermKind::log_normal) return std::log(o.increase ? 1 + v : v);
  return v;
}

double proportion_of(double arcsine) {
  const double s = std::sin(std::clamp(arcsine, 0.0, std::numbers::pi / 2));
  return s * s;
}

void emulated_in_trial(const Emulator& e, const std::vector<TrialGroup>& groups, const double* x, int group,
                       double effect, std::vector<double>& out) {
  std::vector<double> at(x, x + e.inputs());
  if (group >= 0) {
    const TrialGroup& g = groups[static_cast<std::size_t>(group)];
    const double s = std::clamp(e.scaled(g.share, at[g.share] + effect), -kShareReach, kShareReach);
    at[g.share] = e.box().lo[g.share] + (s + 1) / 2 * (e.box().hi[g.share] - e.box().lo[g.share]);
  }
  out.resize(e.outputs());
  e.predict(at.data(), out.data());
}

EmulatedPosterior::EmulatedPosterior(const Emulator& e, std::vector<FreeParameter> theta, std::vector<Observed> rows,
                                     std::vector<TrialGroup> groups, std::vector<RowCluster> clusters)
    : e_(e), theta_(std::move(theta)), rows_(std::move(rows)), groups_(std::move(groups)), clusters_(std::move(clusters)) {
  for (const TrialGroup& g : groups_)
    if (std::find(shares_.begin(), shares_.end(), g.share) == shares_.end()) shares_.push_back(g.share);
  make_blocks();
  // From the cluster's own outputs, not the rows given: a synthetic data set may lack
  // some of a cluster's rows, and Q is fixed per emulator.
  for (const RowCluster& c : clusters_) error_corr_.push_back(e_.error_correlation(c.outputs));
  for (std::size_t i = 0; i < theta_.size(); ++i) {
    double lo = theta_[i].to_search(theta_[i].lower), hi = theta_[i].to_search(theta_[i].upper);
    if (i < e_.inputs()) {
      lo = std::max(lo, e_.box().lo[i]);
      hi = std::min(hi, e_.box().hi[i]);
    }
    lower_.push_back(lo);
    upper_.push_back(hi);
  }
}

bool EmulatedPosterior::in_cluster(const Observed& r) const {
  return r.cluster >= 0 && static_cast<std::size_t>(r.cluster) < clusters_.size() && r.slot >= 0;
}

int EmulatedPosterior::shared_set(const Observed& r) const {
  const bool blocked = r.error_set >= 0 && static_cast<std::size_t>(r.error_set) < set_block_.size() &&
                       set_block_[static_cast<std::size_t>(r.error_set)] >= 0;
  return blocked ? r.error_set : -1;
}

double EmulatedPosterior::own_error(const Observed& r) const { return shared_set(r) < 0 ? e_.error()[r.mean] : 0.0; }

void EmulatedPosterior::make_blocks() {
  group_block_.assign(groups_.size(), -1);
  int sets = 0;
  for (const Observed& r : rows_) sets = std::max(sets, r.error_set + 1);
  set_block_.assign(static_cast<std::size_t>(sets), -1);
  for (int set = 0; set < sets; ++set) {
    Block b;
    b.set = set;
    double sq = 0;
    int count = 0;
    for (const Observed& r : rows_) {
      if (r.error_set != set) continue;
      sq += e_.error()[r.mean] * e_.error()[r.mean], ++count;
      if (r.group >= 0 && std::find(b.groups.begin(), b.groups.end(), static_cast<std::size_t>(r.group)) == b.groups.end())
        b.groups.push_back(static_cast<std::size_t>(r.group));
    }
    // A set of one row keeps its own error; so, approximately, does a set whose trial
    // is already inside another set's integral (two shared errors in one trial).
    bool taken = count < 2;
    for (std::size_t g : b.groups) taken = taken || group_block_[g] >= 0;
    if (taken) continue;
    b.error = std::sqrt(sq / count);
    for (std::size_t g : b.groups) group_block_[g] = static_cast<int>(blocks_.size());
    set_block_[static_cast<std::size_t>(set)] = static_cast<int>(blocks_.size());
    blocks_.push_back(std::move(b));
  }
}

double EmulatedPosterior::log_prior(const double* theta) const {
  double lp = 0;
  for (std::size_t i = 0; i < theta_.size(); ++i) {
    if (!(theta[i] >= lower_[i] && theta[i] <= upper_[i])) return kNegInf;
    lp += theta_[i].log_prior(theta[i]);
  }
  return lp;
}

double EmulatedPosterior::log_likelihood(const double* theta, const std::vector<Observed>& data) const {
  const std::size_t m = e_.outputs();
  const std::size_t k0 = shares_.empty() ? 0 : shares_.front();
  // The cubic along each share input: four coefficients per output.
  std::vector<double> coef(4 * m * std::max<std::size_t>(1, shares_.size()));
  auto along = [&](std::size_t slot) { return coef.data() + 4 * m * slot; };
  auto fill = [&](std::size_t slot, std::size_t input) {
    double* a = along(slot);
    e_.along(theta, input, {a, a + m, a + 2 * m, a + 3 * m});
  };
  if (shares_.empty()) fill(0, 0);
  for (std::size_t i = 0; i < shares_.size(); ++i) fill(i, shares_[i]);
  auto slot_of = [&](std::size_t input) {
    return static_cast<std::size_t>(std::find(shares_.begin(), shares_.end(), input) - shares_.begin());
  };
  const Quadrature& eq = error_nodes().q;
  const std::vector<double>& logw_e = error_nodes().logw;
  // Output j with the share of `slot` at scaled value s.
  auto emulated = [&](std::size_t slot, double s, std::size_t j) {
    const double* a = along(slot);
    return a[j] + s * (a[m + j] + s * (a[2 * m + j] + s * a[3 * m + j]));
  };
  // One row's log likelihood with the share of `slot` at scaled value s. A row of an
  // error set takes the set's error δ as given; any other row integrates its own.
  auto row_ll = [&](const Observed& r, std::size_t slot, double s, double delta) {
    const double mu = emulated(slot, s, r.mean) + delta;
    const double own = own_error(r);
    if (r.kind == TermKind::binomial) {
      if (own == 0) return binomial_ll(r.k, r.n, proportion_of(mu));
      double terms[8];
      for (std::size_t q = 0; q < eq.z.size(); ++q) terms[q] = binomial_ll(r.k, r.n, proportion_of(mu + own * eq.z[q]));
      return log_sum_exp(terms, logw_e.data(), eq.z.size());
    }
    const double spread = std::exp(emulated(slot, s, *r.spread));
    const double v = spread * spread + own * own;
    const double d = r.y - mu;
    return -0.5 * d * d / v - 0.5 * std::log(v);
  };
  // The rows of `data` in each cluster, and scratch for one cluster's Σ.
  std::vector<std::vector<const Observed*>> members(clusters_.size());
  std::size_t widest = 0;
  for (const Observed& r : data)
    if (in_cluster(r)) {
      auto& mm = members[static_cast<std::size_t>(r.cluster)];
      mm.push_back(&r);
      widest = std::max(widest, mm.size());
    }
  std::vector<double> scratch(widest * widest + 4 * widest);
  // A cluster's log likelihood: a Gaussian copula of its rows' margins on the emulated
  // scale, each row standardised by its total SD t = √(s² + error²):
  //   −½ zᵀC⁻¹z − ½ ln|C| − Σ_normal ln t + Σ_few (ln P(k) + ½ z²),
  // C = (S R S + E Q E) / (t tᵀ). Without a few-event row (binomial_margin.h) this is
  // the multivariate normal of the differences with covariance S R S + E Q E. A row of
  // an error set takes the set's δ as given (its mean shifted, its own error 0).
  auto cluster_ll = [&](std::size_t c, std::size_t slot, double s, double delta) {
    const std::vector<const Observed*>& mm = members[c];
    const std::size_t k = mm.size(), K = clusters_[c].rows.size();
    double* L = scratch.data();
    double* z = L + k * k;
    double* sd = z + k;
    double* t = sd + k;
    double extra = 0;
    for (std::size_t i = 0; i < k; ++i) {
      const Observed& r = *mm[i];
      const bool shifted = shared_set(r) >= 0;
      const double mu = emulated(slot, s, r.mean) + (shifted ? delta : 0.0), e = own_error(r);
      sd[i] = r.kind == TermKind::binomial ? 0.5 / std::sqrt(r.n) : std::exp(emulated(slot, s, *r.spread));
      t[i] = std::sqrt(sd[i] * sd[i] + e * e);
      if (takes_binomial_margin(r, r.k)) {
        const MarginScore ms = binomial_margin(r.k, r.n, mu, e);
        z[i] = ms.z;
        extra += ms.log_p + 0.5 * ms.z * ms.z;
      } else {
        const double y = r.kind == TermKind::binomial ? on_emulated_scale(r, r.k / r.n) : r.y;
        z[i] = (y - mu) / t[i];
        extra -= std::log(t[i]);
      }
    }
    const std::vector<double>& R = clusters_[c].corr;
    const std::vector<double>& Q = error_corr_[c];
    for (std::size_t i = 0; i < k; ++i)
      for (std::size_t j = 0; j <= i; ++j) {
        const auto si = static_cast<std::size_t>(mm[i]->slot), sj = static_cast<std::size_t>(mm[j]->slot);
        L[i * k + j] = i == j ? 1.0
                              : (sd[i] * sd[j] * R[si * K + sj] + own_error(*mm[i]) * own_error(*mm[j]) * Q[si * K + sj]) /
                                    (t[i] * t[j]);
      }
    if (!model::cholesky_in_place(L, k)) return kNegInf;
    double logdet = 0, quad = 0;
    for (std::size_t i = 0; i < k; ++i) {  // L w = z, in place
      double w = z[i];
      for (std::size_t q = 0; q < i; ++q) w -= L[i * k + q] * z[q];
      z[i] = w / L[i * k + i];
      quad += z[i] * z[i];
      logdet += 2 * std::log(L[i * k + i]);
    }
    return -0.5 * quad - 0.5 * logdet + extra;
  };
  const double s0 = e_.scaled(k0, theta[k0]);
  const Quadrature& uq = effect_nodes().q;
  const double* logw_u = effect_nodes().logw.data();
  // One trial's log likelihood, its effect integrated, with error set `set`'s δ.
  auto trial_ll = [&](std::size_t g, int set, double delta) {
    const TrialGroup& tg = groups_[g];
    const double sd = (tg.sd ? theta[*tg.sd] : tg.sd_fixed) / std::sqrt(tg.pooled);
    const std::size_t slot = slot_of(tg.share);
    double node_ll[16] = {};
    bool any = false;
    for (std::size_t c = 0; c < clusters_.size(); ++c) {
      if (members[c].empty() || members[c].front()->group != static_cast<int>(g)) continue;
      any = true;
      for (std::size_t q = 0; q < uq.z.size(); ++q) {
        const double s = std::clamp(e_.scaled(tg.share, theta[tg.share] + sd * uq.z[q]), -kShareReach, kShareReach);
        node_ll[q] += cluster_ll(c, slot, s, delta);
      }
    }
    for (const Observed& r : data) {
      if (r.group != static_cast<int>(g) || in_cluster(r)) continue;
      any = true;
      const double shift = set >= 0 && shared_set(r) == set ? delta : 0.0;
      for (std::size_t q = 0; q < uq.z.size(); ++q) {
        const double s = std::clamp(e_.scaled(tg.share, theta[tg.share] + sd * uq.z[q]), -kShareReach, kShareReach);
        node_ll[q] += row_ll(r, slot, s, shift);
      }
    }
    return any ? log_sum_exp(node_ll, logw_u, uq.z.size()) : 0.0;
  };
  double ll = 0;
  for (const Observed& r : data)
    if (r.group < 0 && shared_set(r) < 0 && !in_cluster(r)) ll += row_ll(r, 0, s0, 0);
  for (std::size_t c = 0; c < clusters_.size(); ++c)
    if (!members[c].empty() && members[c].front()->group < 0) ll += cluster_ll(c, 0, s0, 0);
  for (std::size_t g = 0; g < groups_.size(); ++g)
    if (group_block_[g] < 0) ll += trial_ll(g, -1, 0);
  // Each block: the trials and rows linked by one error set, inside the integral over δ.
  for (std::size_t b = 0; b < blocks_.size(); ++b) {
    const Block& bl = blocks_[b];
    double terms[8];
    for (std::size_t q = 0; q < eq.z.size(); ++q) {
      const double delta = bl.error * eq.z[q];
      double t = 0;
      for (const Observed& r : data)
        if (r.group < 0 && shared_set(r) == bl.set) t += row_ll(r, 0, s0, delta);
      for (std::size_t g : bl.groups) t += trial_ll(g, bl.set, delta);
      terms[q] = t;
    }
    ll += log_sum_exp(terms, logw_e.data(), eq.z.size());
  }
  return ll;
}

double EmulatedPosterior::log_density(const double* theta) const {
  const double lp = log_prior(theta);
  if (!std::isfinite(lp)) return kNegInf;
  const double ll = log_likelihood(theta, rows_);
  return std::isfinite(ll) ? lp + ll : kNegInf;
}

std::vector<double> EmulatedPosterior::expected(const double* theta) const {
  std::vector<double> y(e_.outputs()), out;
  e_.predict(theta, y.data());
  for (const Observed& r : rows_) {
    const double v = y[r.mean];
    out.push_back(r.kind == TermKind::binomial     ? proportion_of(v)
                  : r.kind == TermKind::log_normal ? std::exp(v) - (r.increase ? 1 : 0)
                                                   : v);
  }
  return out;
}

}  // namespace il2t::calibration
