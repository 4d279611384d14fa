#include "calibration/objective.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace il2t::calibration {

namespace {

bool is_fold(const Target& t, const Mapping& m) {
  const MeasureKind k = m.measure.kind;
  return k == MeasureKind::fold || k == MeasureKind::fold_peak || k == MeasureKind::increase ||
         t.statistic == "fold" || t.statistic == "fold_minus_1";
}

// x ln(x / y), with 0 ln 0 = 0.
double xlogx_over(double x, double y) { return x > 0 ? x * std::log(x / y) : 0.0; }

// The binomial deviance half of k of N against p.
double deviance_half(double k, double N, double p) { return xlogx_over(k, N * p) + xlogx_over(N - k, N * (1 - p)); }

}  // namespace

TermKind term_kind(const Target& t, const Mapping& m) {
  if (t.statistic == "proportion" && t.denominator && *t.denominator > 0) return TermKind::binomial;
  return is_fold(t, m) ? TermKind::log_normal : TermKind::normal;
}

ReplicateSummary summarise(const Target& t, TermKind kind, const std::vector<double>& values) {
  const bool increase = t.statistic == "fold_minus_1";
  std::vector<double> v;
  v.reserve(values.size());
  for (double x : values) {
    if (!std::isfinite(x)) continue;
    if (kind == TermKind::log_normal) {
      const double f = increase ? 1 + x : x;
      if (!(f > 0)) continue;
      x = std::log(f);
    }
    v.push_back(x);
  }
  ReplicateSummary out;
  out.n = v.size();
  if (v.empty()) {
    out.mean = NAN;
    return out;
  }
  for (double x : v) out.mean += x;
  out.mean /= static_cast<double>(v.size());
  double ss = 0;
  for (double x : v) ss += (x - out.mean) * (x - out.mean);
  out.var = v.size() > 1 ? ss / static_cast<double>(v.size() - 1) : 0.0;
  return out;
}

double observed_value(const Target& t, TermKind kind) {
  if (kind != TermKind::log_normal) return t.value;
  const double f = t.statistic == "fold_minus_1" ? 1 + t.value : t.value;
  return std::log(std::max(f, 1e-9));
}

double resolution(const Target& t, TermKind kind) {
  return kind == TermKind::log_normal ? 0.05 : 0.05 * std::max(1.0, std::abs(t.value));
}

double term_value(const Target& t, TermKind kind, const std::vector<double>& values) {
  const ReplicateSummary r = summarise(t, kind, values);
  if (r.n == 0) return NAN;
  if (kind == TermKind::binomial) {
    const double N = *t.denominator, k = t.numerator ? *t.numerator : t.value * N;
    const double eps = 0.5 / (N * static_cast<double>(r.n));
    const double p = std::clamp(r.mean, eps, 1 - eps);
    return deviance_half(k, N, p);
  }
  const double tau = resolution(t, kind);
  const double z = (observed_value(t, kind) - r.mean) / std::sqrt(r.var + tau * tau);
  return 0.5 * z * z;
}

ObjectiveValue objective(const Setup& s, const CheckOutcome& c) {
  ObjectiveValue out;
  for (std::size_t i = 0; i < std::min(c.rows.size(), s.placebo_begin); ++i) {
    const TargetCheck& r = c.rows[i];
    if (!r.simulated) continue;
    Term term{r.id, term_kind(s.targets[i], s.mappings[i]), 0, std::nullopt};
    term.value = term_value(s.targets[i], term.kind, r.values);
    if (!std::isfinite(term.value)) {
      out.error = r.id + ": no replicate trial gave a value";
      return out;
    }
    if (s.mappings[i].goal_within > 0) {
      term.goal = goal_status(s.targets[i].value, s.mappings[i].goal_within, r.values);
      out.goal_penalty += term.goal->penalty;
    }
    out.likelihood += term.value;
    out.terms.push_back(std::move(term));
  }
  out.total = out.likelihood + out.goal_penalty;
  return out;
}

}  // namespace il2t::calibration
