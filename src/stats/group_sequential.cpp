#include "stats/group_sequential.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <span>
#include <string>

#include "stats/checks.h"
#include "stats/distributions.h"
#include "stats/group_sequential_integration.h"
#include "stats/zeroin.h"

namespace il2t::stats {

namespace {

using gs_detail::Recursion;

constexpr std::size_t kMaxLooks = 10;
constexpr double kMinGap = 1e-3;         // smallest step between information rates
constexpr double kMaxGamma = 40;         // |γ| of the Hwang–Shih–DeCani family
constexpr double kRootTol = 1e-12;       // on constants and drifts solved by Brent's method
constexpr double kDegenerate = 1e3;      // the gap when a continuation region closes
constexpr double kInf = std::numeric_limits<double>::infinity();

double upper_quantile(double p) { return -dist::norm_quantile(p); }  // z with 1 − Φ(z) = p
double upper_tail(double x) { return 0.5 * std::erfc(x / std::sqrt(2.0)); }

// The spending function, arguments already checked.
double spent(const SpendingFunction& f, double total, double t) {
  if (t >= 1) return total;
  if (t <= 0) return 0;
  switch (f.family) {
    case SpendingFamily::obrien_fleming:
      return 2 * upper_tail(upper_quantile(total / 2) / std::sqrt(t));
    case SpendingFamily::pocock:
      return total * std::log1p((std::exp(1.0) - 1) * t);
    case SpendingFamily::hwang_shih_decani:
      if (f.gamma == 0) return total * t;
      return total * std::expm1(-f.gamma * t) / std::expm1(-f.gamma);
    case SpendingFamily::kim_demets:
      return total * std::pow(t, f.gamma);
  }
  return std::nan("");
}

// ------------------------------------------------------------------ checks ---

std::string check_rates(const char* fn, std::span<const double> t, bool ends_at_one) {
  if (auto e = check_min_size(fn, "information_rates", t.size(), 1); !e.empty()) return e;
  if (t.size() > kMaxLooks)
    return fmt::format("{}: information_rates has {} looks; at most {} are supported", fn, t.size(), kMaxLooks);
  if (auto e = check_finite(fn, "information_rates", t); !e.empty()) return e;
  if (!(t[0] > 0)) return fmt::format("{}: information_rates[0] must be greater than 0, got {}", fn, t[0]);
  for (std::size_t k = 1; k < t.size(); ++k) {
    if (!(t[k] > t[k - 1]))
      return fmt::format("{}: information_rates must increase strictly, but information_rates[{}] ({}) is not above "
                         "information_rates[{}] ({})",
                         fn, k, t[k], k - 1, t[k - 1]);
    if (t[k] - t[k - 1] < kMinGap)
      return fmt::format("{}: information_rates[{}] ({}) and information_rates[{}] ({}) are closer than {}; looks "
                         "must be at least {} apart",
                         fn, k - 1, t[k - 1], k, t[k], kMinGap, kMinGap);
  }
  if (t.back() > 1) return fmt::format("{}: information_rates must not exceed 1, got {} at the last look", fn, t.back());
  if (ends_at_one && t.back() != 1)
    return fmt::format("{}: information_rates must end at 1 (the last look is at full information), got {}", fn,
                       t.back());
  return {};
}

std::string check_spending(const char* fn, const char* name, const SpendingFunction& f) {
  switch (f.family) {
    case SpendingFamily::obrien_fleming:
    case SpendingFamily::pocock:
      return {};
    case SpendingFamily::hwang_shih_decani:
      if (!(std::fabs(f.gamma) <= kMaxGamma))
        return fmt::format("{}: {}.gamma must lie in [-{}, {}] for the Hwang–Shih–DeCani family, got {}", fn, name,
                           kMaxGamma, kMaxGamma, f.gamma);
      return {};
    case SpendingFamily::kim_demets:
      if (!(f.gamma > 0 && std::isfinite(f.gamma)))
        return fmt::format("{}: {}.gamma must be a positive number for the Kim–DeMets family, got {}", fn, name,
                           f.gamma);
      return {};
  }
  return fmt::format("{}: {}.family is not a spending family", fn, name);
}

std::string check_bounds(const char* fn, const Boundaries& b) {
  const auto& t = b.information_rates;
  if (auto e = check_rates(fn, t, false); !e.empty()) return e;
  const std::size_t k_max = t.size();
  if (b.efficacy.size() != k_max)
    return fmt::format("{}: efficacy has {} values for {} looks (information_rates)", fn, b.efficacy.size(), k_max);
  if (!b.futility.empty() && b.futility.size() != k_max - 1)
    return fmt::format("{}: futility has {} values; it needs one per interim look ({}) or none", fn,
                       b.futility.size(), k_max - 1);
  for (std::size_t k = 0; k < k_max; ++k)
    if (std::isnan(b.efficacy[k]) || b.efficacy[k] == -kInf)
      return fmt::format("{}: efficacy[{}] must be a number or +inf, got {}", fn, k, b.efficacy[k]);
  for (std::size_t k = 0; k < b.futility.size(); ++k) {
    if (std::isnan(b.futility[k]) || b.futility[k] == kInf)
      return fmt::format("{}: futility[{}] must be a number or -inf, got {}", fn, k, b.futility[k]);
    if (b.futility[k] > b.efficacy[k])
      return fmt::format("{}: futility[{}] ({}) is above efficacy[{}] ({})", fn, k, b.futility[k], k, b.efficacy[k]);
  }
  return {};
}

std::string check_spec(const char* fn, const DesignSpec& s) {
  if (auto e = check_rates(fn, s.information_rates, true); !e.empty()) return e;
  if (auto e = check_probability_open(fn, "alpha", s.alpha); !e.empty()) return e;
  if (auto e = check_probability_open(fn, "beta", s.beta); !e.empty()) return e;
  if (!(s.beta < 1 - s.alpha))
    return fmt::format("{}: beta ({}) must be below 1 − alpha ({}): the power must exceed alpha", fn, s.beta,
                       1 - s.alpha);
  switch (s.efficacy) {
    case EfficacyRule::alpha_spending:
      if (auto e = check_spending(fn, "alpha_spending", s.alpha_spending); !e.empty()) return e;
      break;
    case EfficacyRule::obrien_fleming_fixed:
    case EfficacyRule::pocock_fixed:
      if (s.beta_spending)
        return fmt::format("{}: beta_spending needs alpha-spending efficacy bounds; the fixed O'Brien–Fleming and "
                           "Pocock bounds take no futility bounds",
                           fn);
      break;
    default:
      return fmt::format("{}: efficacy is not an efficacy rule", fn);
  }
  if (s.beta_spending)
    if (auto e = check_spending(fn, "beta_spending", *s.beta_spending); !e.empty()) return e;
  return {};
}

// -------------------------------------------------------------- the passes ---

// One pass through the looks at drift θ: P(reject at look k) and P(reach look k and
// Z_k ≤ the lower bound), where the lower bound is the futility bound at an interim
// look (-inf without one) and the efficacy bound at the last look.
struct Pass {
  std::vector<double> upper, lower;
};

Pass run_pass(std::span<const double> t, std::span<const double> c, std::span<const double> f, double theta) {
  const std::size_t k_max = t.size();
  Pass p{std::vector<double>(k_max), std::vector<double>(k_max)};
  Recursion r(t, theta);
  for (std::size_t k = 0; k < k_max; ++k) {
    const double fk = k + 1 < k_max ? (f.empty() ? -kInf : f[k]) : c[k];
    p.upper[k] = r.upper(c[k]);
    p.lower[k] = r.lower(fk);  // 0 at -inf
    if (k + 1 < k_max) r.advance(fk, c[k]);
  }
  return p;
}

double total_rejection(std::span<const double> t, std::span<const double> c, std::span<const double> f,
                       double theta) {
  double sum = 0;
  for (double u : run_pass(t, c, f, theta).upper) sum += u;
  return sum;
}

// Brent's method on [a, b] (either order) whose ends are already evaluated: each
// evaluation is a pass through the looks.
template <typename F>
double root_between(F f, double a, double fa, double b, double fb) {
  if (fa == 0) return a;
  if (fb == 0) return b;
  return brent_zeroin([&](double x) { return x == a ? fa : x == b ? fb : f(x); }, a, b, kRootTol);
}

// The root of an increasing function of the drift, bracketed from `guess` (> 0) by
// steps of 25 %; nullopt when 60 steps do not bracket it.
template <typename F>
std::optional<double> drift_root(F f, double guess) {
  double a = guess, fa = f(a);
  if (fa == 0) return a;
  double b = fa < 0 ? a * 1.25 : a / 1.25, fb = f(b);
  for (int i = 0; i < 60 && (fa < 0) == (fb < 0) && fb != 0; ++i) {
    a = b;
    fa = fb;
    b = fa < 0 ? b * 1.25 : b / 1.25;
    fb = f(b);
  }
  if ((fa < 0) == (fb < 0) && fb != 0) return std::nullopt;
  return root_between(f, a, fa, b, fb);
}

// The drift at which the overall power is 1 − beta. No group-sequential test beats the
// fixed-sample test at full information, so the search starts at its drift.
std::optional<double> drift_for_power(std::span<const double> t, std::span<const double> c,
                                      std::span<const double> f, double beta, double fixed_drift) {
  return drift_root([&](double theta) { return total_rejection(t, c, f, theta) - (1 - beta); }, fixed_drift);
}

// Efficacy bounds spending the alpha-spending function's increments under H0 (no
// futility bounds: non-binding, or none). Empty when an increment cannot be spent.
std::vector<double> spending_bounds(std::span<const double> t, double alpha, const SpendingFunction& sf) {
  const std::size_t k_max = t.size();
  std::vector<double> c(k_max);
  Recursion r(t, 0);
  double cum = 0;
  for (std::size_t k = 0; k < k_max; ++k) {
    c[k] = gs_detail::solve_upper(r, spent(sf, alpha, t[k]) - cum);
    if (std::isnan(c[k])) return {};
    cum += r.upper(c[k]);
    if (k + 1 < k_max) r.advance(-kInf, c[k]);
  }
  return c;
}

// Wang–Tsiatis bounds c_k = C·t_k^(Δ − 1/2) with the constant spending alpha exactly:
// Δ = 0 is O'Brien–Fleming's, Δ = 1/2 Pocock's.
std::vector<double> fixed_bounds(std::span<const double> t, double alpha, double delta) {
  const std::size_t k_max = t.size();
  auto bounds = [&](double scale) {
    std::vector<double> c(k_max);
    for (std::size_t k = 0; k < k_max; ++k) c[k] = scale * std::pow(t[k], delta - 0.5);
    return c;
  };
  // At C = z_{1−alpha} the last look alone spends alpha; at z_{1−alpha/K} (Bonferroni)
  // the looks together spend at most alpha.
  const double lo = upper_quantile(alpha), hi = upper_quantile(alpha / static_cast<double>(k_max));
  if (k_max == 1) return bounds(lo);
  const double scale =
      brent_zeroin([&](double s) { return total_rejection(t, bounds(s), {}, 0) - alpha; }, lo, hi, kRootTol * 0.1);
  return bounds(scale);
}

// Beta spending at drift θ: the futility bounds that spend beta_spending's increments,
// and the gap f_K − c_K between the last futility and efficacy bounds (kDegenerate
// when a continuation region closes, which happens only for too large a drift). With
// `binding`, the efficacy bounds are re-spent under H0 with the futility bounds in
// place, look by look; otherwise `c` stays as given.
double futility_gap(std::span<const double> t, const DesignSpec& s, double theta, bool binding,
                    std::vector<double>& c, std::vector<double>& f) {
  const std::size_t k_max = t.size();
  f.assign(k_max, 0);
  Recursion h1(t, theta), h0(t, 0);
  double alpha_cum = 0, beta_cum = 0;
  for (std::size_t k = 0; k < k_max; ++k) {
    if (binding) {
      c[k] = gs_detail::solve_upper(h0, spent(s.alpha_spending, s.alpha, t[k]) - alpha_cum);
      if (std::isnan(c[k])) return kDegenerate;
      alpha_cum += h0.upper(c[k]);
    }
    f[k] = gs_detail::solve_lower(h1, spent(*s.beta_spending, s.beta, t[k]) - beta_cum);
    if (std::isnan(f[k])) return kDegenerate;
    beta_cum += h1.lower(f[k]);
    if (k + 1 < k_max) {
      if (f[k] >= c[k]) return kDegenerate;
      h1.advance(f[k], c[k]);
      if (binding) h0.advance(f[k], c[k]);
    }
  }
  return f[k_max - 1] - c[k_max - 1];
}

std::vector<double> cumulative(std::vector<double> v) {
  for (std::size_t k = 1; k < v.size(); ++k) v[k] += v[k - 1];
  return v;
}

}  // namespace

Outcome<double> spending_value(const SpendingFunction& f, double total, double t) {
  const char* fn = "spending_value";
  if (auto e = first_error(check_spending(fn, "f", f), check_probability_open(fn, "total", total)); !e.empty())
    return Outcome<double>::fail(e);
  if (!(t >= 0 && t <= 1)) return Outcome<double>::fail(fmt::format("{}: t must lie in [0, 1], got {}", fn, t));
  return Outcome<double>::ok(spent(f, total, t));
}

Outcome<GroupSequentialDesign> group_sequential_design(const DesignSpec& spec) {
  using Out = Outcome<GroupSequentialDesign>;
  const char* fn = "group_sequential_design";
  if (auto e = check_spec(fn, spec); !e.empty()) return Out::fail(e);
  const std::vector<double>& t = spec.information_rates;
  const std::size_t k_max = t.size();

  GroupSequentialDesign d;
  d.bounds.information_rates = t;
  std::vector<double>& c = d.bounds.efficacy;
  switch (spec.efficacy) {
    case EfficacyRule::alpha_spending: c = spending_bounds(t, spec.alpha, spec.alpha_spending); break;
    case EfficacyRule::obrien_fleming_fixed: c = fixed_bounds(t, spec.alpha, 0.0); break;
    case EfficacyRule::pocock_fixed: c = fixed_bounds(t, spec.alpha, 0.5); break;
  }
  if (c.size() != k_max) return Out::fail(fmt::format("{}: the efficacy bounds could not be spent", fn));

  const bool futility = spec.beta_spending.has_value() && k_max > 1;
  d.binding_futility = futility && spec.binding_futility;
  const double fixed_drift = upper_quantile(spec.alpha) + upper_quantile(spec.beta);
  if (futility) {
    // The drift at which the futility bound of the last look meets its efficacy bound:
    // the power there is then 1 − beta.
    std::vector<double> cc = c, ff;
    auto gap = [&](double theta) { return futility_gap(t, spec, theta, d.binding_futility, cc, ff); };
    // The gap grows with the drift, and is ≤ 0 at the fixed design's drift (its power
    // is 1 − beta there, and no group-sequential test's power is higher).
    const auto root = drift_root(gap, fixed_drift);
    if (!root)
      return Out::fail(fmt::format("{}: no drift makes the futility and efficacy bounds meet at the last look", fn));
    d.drift = *root;
    const double last_gap = gap(d.drift);
    for (std::size_t k = 0; k + 1 < k_max; ++k)
      if (!(ff[k] < cc[k]))
        return Out::fail(fmt::format("{}: the futility bound of look {} ({}) reaches its efficacy bound ({}): "
                                     "beta_spending stops for futility too early for these information rates",
                                     fn, k + 1, ff[k], cc[k]));
    if (!(std::fabs(last_gap) < 1e-7))
      return Out::fail(fmt::format("{}: the futility and efficacy bounds do not meet at the last look", fn));
    c = cc;
    d.bounds.futility.assign(ff.begin(), ff.end() - 1);
  } else {
    const auto root = drift_for_power(t, c, {}, spec.beta, fixed_drift);
    if (!root) return Out::fail(fmt::format("{}: no drift gives power 1 − beta ({})", fn, 1 - spec.beta));
    d.drift = *root;
  }
  const std::vector<double>& f = d.bounds.futility;

  d.alpha_spent = cumulative(run_pass(t, c, d.binding_futility ? std::span<const double>(f) : std::span<const double>(),
                                      0.0)
                                 .upper);
  for (double ck : c) d.stage_levels.push_back(upper_tail(ck));
  const Pass at_drift = run_pass(t, c, f, d.drift);
  d.power = cumulative(at_drift.upper);
  if (spec.beta_spending) d.beta_spent = cumulative(at_drift.lower);
  d.shift = d.drift * d.drift;
  d.inflation_factor = d.shift / (fixed_drift * fixed_drift);
  return Out::ok(std::move(d));
}

Outcome<StoppingProbabilities> stopping_probabilities(const Boundaries& bounds, double drift) {
  using Out = Outcome<StoppingProbabilities>;
  const char* fn = "stopping_probabilities";
  if (auto e = check_bounds(fn, bounds); !e.empty()) return Out::fail(e);
  if (!std::isfinite(drift)) return Out::fail(fmt::format("{}: drift must be a finite number, got {}", fn, drift));
  const auto& t = bounds.information_rates;
  const std::size_t k_max = t.size();
  const Pass p = run_pass(t, bounds.efficacy, bounds.futility, drift);
  StoppingProbabilities s;
  s.drift = drift;
  s.efficacy = p.upper;
  s.futility.assign(p.lower.begin(), p.lower.end() - 1);
  s.expected_information = t.back();
  for (std::size_t k = 0; k < k_max; ++k) {
    s.rejection += s.efficacy[k];
    if (k + 1 < k_max) s.expected_information -= (s.efficacy[k] + s.futility[k]) * (t.back() - t[k]);
  }
  return Out::ok(std::move(s));
}

Outcome<Decision> decide(const Boundaries& bounds, std::size_t look_index, double z) {
  using Out = Outcome<Decision>;
  const char* fn = "decide";
  if (auto e = check_bounds(fn, bounds); !e.empty()) return Out::fail(e);
  const std::size_t k_max = bounds.information_rates.size();
  if (look_index >= k_max)
    return Out::fail(fmt::format("{}: look_index {} is past the last look (the looks are 0 to {})", fn, look_index,
                                 k_max - 1));
  if (std::isnan(z)) return Out::fail(fmt::format("{}: z must be a number, got {}", fn, z));
  if (z >= bounds.efficacy[look_index]) return Out::ok(Decision::reject_null);
  if (look_index + 1 == k_max) return Out::ok(Decision::fail_to_reject);
  if (!bounds.futility.empty() && z <= bounds.futility[look_index]) return Out::ok(Decision::stop_for_futility);
  return Out::ok(Decision::continue_trial);
}

}  // namespace il2t::stats
