#include "stats/dose_response.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <vector>

namespace il2t::stats {

namespace {

struct Groups {
  std::vector<double> dose, n, mean;
  double within = 0;  // the within-group sum of squares (no model can explain it)
  double count = 0;
};

Groups group(std::span<const double> dose, std::span<const double> response) {
  std::map<double, std::pair<double, double>> g;
  for (std::size_t i = 0; i < dose.size(); ++i) {
    g[dose[i]].first += 1;
    g[dose[i]].second += response[i];
  }
  Groups out;
  for (const auto& [d, v] : g) {
    out.dose.push_back(d);
    out.n.push_back(v.first);
    out.mean.push_back(v.second / v.first);
  }
  for (std::size_t i = 0; i < dose.size(); ++i) {
    const auto k = static_cast<std::size_t>(std::lower_bound(out.dose.begin(), out.dose.end(), dose[i]) - out.dose.begin());
    out.within += (response[i] - out.mean[k]) * (response[i] - out.mean[k]);
  }
  out.count = static_cast<double>(dose.size());
  return out;
}

// Weighted least squares of the dose means on (1, g(d)): intercept, slope and the RSS.
struct Linear2 {
  double a = 0, b = 0, rss = 0;
};
Linear2 fit_two(const Groups& g, const std::vector<double>& x) {
  double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double w = g.n[i];
    sw += w;
    sx += w * x[i];
    sy += w * g.mean[i];
    sxx += w * x[i] * x[i];
    sxy += w * x[i] * g.mean[i];
  }
  const double det = sw * sxx - sx * sx;
  Linear2 r;
  r.b = det == 0 ? 0 : (sw * sxy - sx * sy) / det;
  r.a = (sy - r.b * sx) / sw;
  r.rss = g.within;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double e = g.mean[i] - r.a - r.b * x[i];
    r.rss += g.n[i] * e * e;
  }
  return r;
}

// Minimum of f on [lo, hi]: a grid to find the basin, then golden-section search.
double minimize(const std::function<double(double)>& f, double lo, double hi, bool log_grid) {
  constexpr int kGrid = 120;
  double best = lo, best_f = f(lo);
  for (int i = 1; i <= kGrid; ++i) {
    const double t = static_cast<double>(i) / kGrid;
    const double x = log_grid ? lo * std::pow(hi / lo, t) : lo + t * (hi - lo);
    const double v = f(x);
    if (v < best_f) { best_f = v; best = x; }
  }
  const double step = log_grid ? 0.0 : (hi - lo) / kGrid;
  double a = log_grid ? std::max(lo, best / std::pow(hi / lo, 1.0 / kGrid)) : std::max(lo, best - step);
  double b = log_grid ? std::min(hi, best * std::pow(hi / lo, 1.0 / kGrid)) : std::min(hi, best + step);
  const double gr = (std::sqrt(5.0) - 1) / 2;
  double c = b - gr * (b - a), d = a + gr * (b - a), fc = f(c), fd = f(d);
  for (int it = 0; it < 200 && b - a > 1e-12 * (1 + std::fabs(a)); ++it) {
    if (fc < fd) { b = d; d = c; fd = fc; c = b - gr * (b - a); fc = f(c); }
    else { a = c; c = d; fc = fd; d = a + gr * (b - a); fd = f(d); }
  }
  const double x = (a + b) / 2;
  // The bounds themselves may be best (an estimate on its bound).
  if (f(lo) <= f(x) && f(lo) <= f(hi)) return lo;
  if (f(hi) <= f(x)) return hi;
  return x;
}

std::vector<double> map_doses(const Groups& g, const std::function<double(double)>& h) {
  std::vector<double> x;
  for (double d : g.dose) x.push_back(h(d));
  return x;
}

}  // namespace

Outcome<ModelFit> fit_dose_response(const std::string& model, std::span<const double> dose, std::span<const double> response) {
  if (dose.size() != response.size() || dose.empty()) return Outcome<ModelFit>::fail("fit: dose and response differ in length");
  const Groups g = group(dose, response);
  if (g.dose.size() < 3) return Outcome<ModelFit>::fail("fit: at least 3 dose levels are needed");
  const double D = g.dose.back();
  ModelFit fit;
  fit.model = model;
  int params = 0;
  if (model == "linear") {
    const auto r = fit_two(g, g.dose);
    fit.coef = {{"e0", r.a}, {"delta", r.b}};
    fit.rss = r.rss;
    params = 2;
  } else if (model == "quadratic") {
    // e0 + b1 d + b2 d² by weighted least squares on the means (3 normal equations).
    double m[3][4] = {};
    for (std::size_t i = 0; i < g.dose.size(); ++i) {
      const double x[3] = {1, g.dose[i], g.dose[i] * g.dose[i]};
      for (int r = 0; r < 3; ++r) {
        for (int c = 0; c < 3; ++c) m[r][c] += g.n[i] * x[r] * x[c];
        m[r][3] += g.n[i] * x[r] * g.mean[i];
      }
    }
    for (int p = 0; p < 3; ++p)  // Gauss–Jordan
      for (int r = 0; r < 3; ++r) {
        if (r == p) continue;
        const double f = m[r][p] / m[p][p];
        for (int c = 0; c < 4; ++c) m[r][c] -= f * m[p][c];
      }
    const double e0 = m[0][3] / m[0][0], b1 = m[1][3] / m[1][1], b2 = m[2][3] / m[2][2];
    fit.coef = {{"e0", e0}, {"b1", b1}, {"b2", b2}};
    fit.rss = g.within;
    for (std::size_t i = 0; i < g.dose.size(); ++i) {
      const double e = g.mean[i] - e0 - b1 * g.dose[i] - b2 * g.dose[i] * g.dose[i];
      fit.rss += g.n[i] * e * e;
    }
    params = 3;
  } else if (model == "emax") {
    auto rss = [&](double ed50) { return fit_two(g, map_doses(g, [&](double d) { return d / (ed50 + d); })).rss; };
    const double ed50 = minimize(rss, 0.001 * D, 1.5 * D, true);
    const auto r = fit_two(g, map_doses(g, [&](double d) { return d / (ed50 + d); }));
    fit.coef = {{"e0", r.a}, {"eMax", r.b}, {"ed50", ed50}};
    fit.rss = r.rss;
    params = 3;
  } else if (model == "exponential") {
    auto x_of = [&](double delta) { return map_doses(g, [&](double d) { return std::exp(d / delta) - 1; }); };
    const double delta = minimize([&](double v) { return fit_two(g, x_of(v)).rss; }, 0.1 * D, 2 * D, true);
    const auto r = fit_two(g, x_of(delta));
    fit.coef = {{"e0", r.a}, {"e1", r.b}, {"delta", delta}};
    fit.rss = r.rss;
    params = 3;
  } else if (model == "sigEmax") {
    auto x_of = [&](double ed50, double h) {
      return map_doses(g, [&](double d) { return std::pow(d, h) / (std::pow(ed50, h) + std::pow(d, h)); });
    };
    auto best_ed50 = [&](double h) {
      return minimize([&](double e) { return fit_two(g, x_of(e, h)).rss; }, 0.001 * D, 1.5 * D, true);
    };
    const double h = minimize([&](double hh) { return fit_two(g, x_of(best_ed50(hh), hh)).rss; }, 0.5, 10, true);
    const double ed50 = best_ed50(h);
    const auto r = fit_two(g, x_of(ed50, h));
    fit.coef = {{"e0", r.a}, {"eMax", r.b}, {"ed50", ed50}, {"h", h}};
    fit.rss = r.rss;
    params = 4;
  } else if (model == "logistic") {
    // e0 + eMax / (1 + exp((ed50 − d) / delta)).
    auto x_of = [&](double ed50, double delta) {
      return map_doses(g, [&](double d) { return 1 / (1 + std::exp((ed50 - d) / delta)); });
    };
    auto best_ed50 = [&](double delta) {
      return minimize([&](double e) { return fit_two(g, x_of(e, delta)).rss; }, 0.001 * D, 1.5 * D, true);
    };
    const double delta = minimize([&](double v) { return fit_two(g, x_of(best_ed50(v), v)).rss; }, 0.01 * D, 0.5 * D, true);
    const double ed50 = best_ed50(delta);
    const auto r = fit_two(g, x_of(ed50, delta));
    fit.coef = {{"e0", r.a}, {"eMax", r.b}, {"ed50", ed50}, {"delta", delta}};
    fit.rss = r.rss;
    params = 4;
  } else {
    return Outcome<ModelFit>::fail("fit: unknown model \"" + model + "\" (linear, emax, sigEmax, exponential, quadratic, logistic)");
  }
  // AIC of the normal model with the variance at its maximum-likelihood value.
  const double n = g.count;
  const double loglik = -n / 2 * (std::log(2 * M_PI) + 1 + std::log(fit.rss / n));
  fit.aic = -2 * loglik + 2 * (params + 1);
  return Outcome<ModelFit>::ok(fit);
}

std::optional<double> target_dose(const ModelFit& f, double delta, bool decreasing, double max_dose) {
  const double want = decreasing ? -delta : delta;  // the effect over placebo to reach
  auto c = [&](const char* k) { return f.coef.at(k); };
  std::optional<double> d;
  if (f.model == "linear") {
    if (c("delta") != 0) d = want / c("delta");
  } else if (f.model == "emax") {
    const double r = want / c("eMax");
    if (r > 0 && r < 1) d = c("ed50") * r / (1 - r);
  } else if (f.model == "sigEmax") {
    const double r = want / c("eMax");
    if (r > 0 && r < 1) d = c("ed50") * std::pow(r / (1 - r), 1 / c("h"));
  } else if (f.model == "exponential") {
    const double r = want / c("e1");
    if (r > -1) d = c("delta") * std::log(1 + r);
  } else if (f.model == "logistic") {
    // eMax (L(d) − L(0)) = want, L(d) = 1 / (1 + exp((ed50 − d) / delta)).
    const double l0 = 1 / (1 + std::exp(c("ed50") / c("delta")));
    const double q = want / c("eMax") + l0;
    if (q > 0 && q < 1) d = c("ed50") - c("delta") * std::log(1 / q - 1);
  } else if (f.model == "quadratic") {
    // b2 d² + b1 d − want = 0: the smallest positive root.
    const double a = c("b2"), b = c("b1"), cc = -want;
    if (a == 0) {
      if (b != 0) d = -cc / b;
    } else {
      const double disc = b * b - 4 * a * cc;
      if (disc >= 0) {
        const double r1 = (-b - std::sqrt(disc)) / (2 * a), r2 = (-b + std::sqrt(disc)) / (2 * a);
        const double lo = std::min(r1, r2), hi = std::max(r1, r2);
        d = lo > 0 ? lo : hi;
      }
    }
  }
  if (!d || !(*d > 0) || *d > max_dose) return std::nullopt;
  return d;
}

}  // namespace il2t::stats
