#include "calibration/emulated_posterior.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "calibration/quadrature.h"

namespace il2t::calibration {

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();
constexpr double kReach = 1.25;  // how far (in box half-widths) a shifted share may go

const Quadrature& effect_nodes() {
  static const Quadrature q = gauss_hermite(16);
  return q;
}
const Quadrature& error_nodes() {
  static const Quadrature q = gauss_hermite(5);
  return q;
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

double proportion_of(double arcsine) {
  const double s = std::sin(std::clamp(arcsine, 0.0, std::numbers::pi / 2));
  return s * s;
}

EmulatedPosterior::EmulatedPosterior(const Emulator& e, std::vector<FreeParameter> theta, std::vector<Observed> rows,
                                     std::vector<TrialGroup> groups)
    : e_(e), theta_(std::move(theta)), rows_(std::move(rows)), groups_(std::move(groups)) {
  for (const TrialGroup& g : groups_)
    if (std::find(shares_.begin(), shares_.end(), g.share) == shares_.end()) shares_.push_back(g.share);
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
  const std::vector<double>& err = e_.error();
  const Quadrature& eq = error_nodes();
  // One row's log likelihood with the share of `slot` at scaled value s.
  auto row_ll = [&](const Observed& r, std::size_t slot, double s) {
    const double* a = along(slot);
    auto value = [&](std::size_t j) { return a[j] + s * (a[m + j] + s * (a[2 * m + j] + s * a[3 * m + j])); };
    const double mu = value(r.mean);
    if (r.kind == TermKind::binomial) {
      const double sd = err[r.mean];
      double terms[8], logw[8];
      for (std::size_t q = 0; q < eq.z.size(); ++q) {
        terms[q] = binomial_ll(r.k, r.n, proportion_of(mu + sd * eq.z[q]));
        logw[q] = std::log(eq.w[q]);
      }
      return log_sum_exp(terms, logw, eq.z.size());
    }
    const double spread = std::exp(value(*r.spread));
    const double v = spread * spread + err[r.mean] * err[r.mean];
    const double d = r.y - mu;
    return -0.5 * d * d / v - 0.5 * std::log(v);
  };
  double ll = 0;
  const double s0 = e_.scaled(k0, theta[k0]);
  for (const Observed& r : data)
    if (r.group < 0) ll += row_ll(r, 0, s0);
  const Quadrature& uq = effect_nodes();
  std::vector<double> node_ll(uq.z.size()), logw(uq.z.size());
  for (std::size_t q = 0; q < uq.z.size(); ++q) logw[q] = std::log(uq.w[q]);
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    const TrialGroup& tg = groups_[g];
    const double sd = (tg.sd ? theta[*tg.sd] : tg.sd_fixed) / std::sqrt(tg.pooled);
    const std::size_t slot = slot_of(tg.share);
    std::fill(node_ll.begin(), node_ll.end(), 0.0);
    bool any = false;
    for (const Observed& r : data) {
      if (r.group != static_cast<int>(g)) continue;
      any = true;
      for (std::size_t q = 0; q < uq.z.size(); ++q) {
        const double s = std::clamp(e_.scaled(tg.share, theta[tg.share] + sd * uq.z[q]), -kReach, kReach);
        node_ll[q] += row_ll(r, slot, s);
      }
    }
    if (any) ll += log_sum_exp(node_ll.data(), logw.data(), uq.z.size());
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
