#include "trial/compare.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "stats/cox.h"
#include "stats/distributions.h"
#include "stats/dunnett.h"
#include "stats/hot_path.h"
#include "stats/logistic.h"
#include "stats/multiplicity.h"
#include "stats/proportions.h"
#include "stats/rates.h"
#include "stats/tables.h"
#include "stats/ttest.h"
#include "stats/wilcoxon.h"

namespace il2t::trial {

namespace {

constexpr double kDaysPerYear = 365.25;

// Subject covariates a Cox or logistic model may name, from the participant rows.
std::optional<double> covariate(const Subject& s, const std::string& name) {
  if (name == "age_years" || name == "age") return s.age;
  if (name == "sledai_2k" || name == "essdai" || name == "baseline_activity") return s.baseline_activity;
  if (name == "prednisone_mg_per_day" || name == "prednisone_dose") return s.baseline_prednisone;
  if (name == "sex" || name == "female") return s.female;
  if (name == "weight") return s.weight;
  return std::nullopt;
}

double sum(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s;
}

// An estimate with its interval and, when the procedure gives one, its p-value; `log`
// puts a ratio's estimate and interval on the log scale.
Comparison from(const stats::Outcome<stats::TestResult>& r, double alpha, bool log = false) {
  Comparison c;
  if (!r || !r.value->estimate) return c;
  auto scale = [&](double v) { return log ? std::log(v) : v; };
  c.estimate = scale(*r.value->estimate);
  c.ok = std::isfinite(c.estimate);
  if (r.value->ci) {
    c.lower = scale(r.value->ci->lower);
    c.upper = scale(r.value->ci->upper);
  }
  c.p_value = r.value->p_value.value_or(1.0);
  if (std::isnan(c.p_value)) c.p_value = 1;
  c.reject = c.ok && c.p_value < alpha;
  return c;
}

// A coefficient with its Wald interval and test.
Comparison wald(double coef, double se, double alpha) {
  Comparison c;
  if (!(se > 0) || !std::isfinite(se) || !std::isfinite(coef)) return c;
  const double z = stats::dist::norm_quantile(1 - alpha / 2);
  c.ok = true;
  c.estimate = coef;
  c.lower = coef - z * se;
  c.upper = coef + z * se;
  c.p_value = 2 * (1 - stats::dist::norm_cdf(std::fabs(coef / se)));
  c.reject = c.p_value < alpha;
  return c;
}

// The group's log hazard ratio from Cox's model with `x` (the group first).
Comparison cox_first(const TwoGroups& t, const std::vector<std::vector<double>>& x, double alpha) {
  auto fit = stats::cox(t.y, t.event, x);
  if (!fit || !fit.value->converged) return {};
  return wald(fit.value->coef[0], fit.value->se[0], alpha);
}

std::vector<std::vector<double>> group_only(const std::vector<double>& group) {
  std::vector<std::vector<double>> x;
  for (double g : group) x.push_back({g});
  return x;
}

Comparison proportions(const EndpointPlan& e, const TwoGroups& t, double alpha) {
  const double x1 = sum(t.y1), n1 = static_cast<double>(t.y1.size()), x0 = sum(t.y0),
               n0 = static_cast<double>(t.y0.size());
  Comparison c = from(stats::newcombe_difference(x1, n1, x0, n0, 1 - alpha), alpha);
  const stats::Table2x2 table{{{x1, n1 - x1}, {x0, n0 - x0}}};
  if (e.method == Method::fisher) c.p_value = stats::fisher_two_sided_p(table);
  else if (auto chi = stats::chi_square(table, true); chi && chi.value->p_value) c.p_value = *chi.value->p_value;
  else c.p_value = 1;  // no information (a zero margin)
  if (std::isnan(c.p_value)) c.p_value = 1;
  c.reject = c.ok && c.p_value < alpha;
  return c;
}

// Mantel–Haenszel: one 2×2 table per randomisation stratum (with continuity
// correction, as R's mantelhaen.test), the common odds ratio on the log scale.
Comparison cmh(const TwoGroups& t, const TrialRecords& r, double alpha) {
  std::vector<stats::Table2x2> tables;
  std::vector<std::uint32_t> strata;
  for (std::size_t i = 0; i < t.y.size(); ++i) {
    const std::uint32_t s = r.subjects[t.subject[i]].stratum;
    auto at = std::find(strata.begin(), strata.end(), s);
    if (at == strata.end()) {
      strata.push_back(s);
      tables.push_back({});
      at = strata.end() - 1;
    }
    stats::Table2x2& tab = tables[static_cast<std::size_t>(at - strata.begin())];
    tab[t.group[i] == 1 ? 0 : 1][t.y[i] == 1 ? 0 : 1] += 1;
  }
  return from(stats::cmh(tables, true, 1 - alpha), alpha, true);
}

// Logistic regression of the response on the group, the randomisation strata (one
// indicator per stratum after the first seen) and the named covariates.
Comparison logistic(const EndpointPlan& e, const TwoGroups& t, const TrialRecords& r, double alpha) {
  std::vector<std::vector<double>> columns{t.group};
  std::vector<std::string> names{"group"};
  std::vector<std::uint32_t> strata;
  for (std::uint32_t s : t.subject)
    if (std::find(strata.begin(), strata.end(), r.subjects[s].stratum) == strata.end())
      strata.push_back(r.subjects[s].stratum);
  for (std::size_t k = 1; k < strata.size(); ++k) {
    std::vector<double> col;
    for (std::uint32_t s : t.subject) col.push_back(r.subjects[s].stratum == strata[k] ? 1 : 0);
    columns.push_back(std::move(col));
    names.push_back("stratum " + std::to_string(strata[k]));
  }
  for (const std::string& name : e.covariates) {
    std::vector<double> col;
    for (std::uint32_t s : t.subject)
      if (auto v = covariate(r.subjects[s], name)) col.push_back(*v);
    if (col.size() != t.subject.size()) continue;
    columns.push_back(std::move(col));
    names.push_back(name);
  }
  auto fit = stats::logistic(t.y, columns, names);
  if (!fit || !fit.value->converged) return {};
  return wald(fit.value->coef[1], fit.value->se[1], alpha);
}

// The rows with a baseline value: those ANCOVA (and the truth MMRM is compared with) analyses.
struct WithBaseline {
  std::vector<double> group, baseline, y;
};
WithBaseline with_baseline(const TwoGroups& t) {
  WithBaseline w;
  for (std::size_t i = 0; i < t.y.size(); ++i)
    if (std::isfinite(t.baseline[i])) {
      w.group.push_back(t.group[i]);
      w.baseline.push_back(t.baseline[i]);
      w.y.push_back(t.y[i]);
    }
  return w;
}

Comparison ancova(const TwoGroups& t, double alpha) {
  const WithBaseline w = with_baseline(t);
  return from(stats::ancova(w.group, w.baseline, w.y, 1 - alpha), alpha);
}

// The log-rank test's p-value with Cox's log hazard ratio and its interval.
Comparison logrank(const TwoGroups& t, double alpha) {
  Comparison c = cox_first(t, group_only(t.group), alpha);
  stats::LogRankWorkspace ws(t.y.size());
  const stats::LogRank2 lr = stats::log_rank_two_groups(t.y, t.event, t.group, ws);
  if (!lr.ok) return {};
  c.p_value = lr.p_value;
  c.reject = c.ok && c.p_value < alpha;
  return c;
}

// Each group's events and days at risk.
struct Exposure {
  double x1 = 0, d1 = 0, x0 = 0, d0 = 0;
};
Exposure exposure(const TwoGroups& t) {
  Exposure e;
  for (std::size_t i = 0; i < t.y.size(); ++i) {
    (t.group[i] == 1 ? e.x1 : e.x0) += t.y[i];
    (t.group[i] == 1 ? e.d1 : e.d0) += t.event[i];
  }
  return e;
}

Comparison poisson(const TwoGroups& t, double alpha) {
  const Exposure e = exposure(t);
  if (e.x1 == 0 || e.x0 == 0) return {};  // a zero rate: no finite log ratio
  return from(stats::poisson_rate_ratio(e.x1, e.d1 / kDaysPerYear, e.x0, e.d0 / kDaysPerYear, 1 - alpha), alpha, true);
}

double log_odds(double p) { return std::log(p / (1 - p)); }

}  // namespace

TwoGroups split(const EndpointRows& rows, std::size_t arm, std::size_t ref, std::size_t visit) {
  TwoGroups t;
  for (std::size_t i = 0; i < rows.arm.size(); ++i) {
    if ((rows.arm[i] != arm && rows.arm[i] != ref) || rows.visit[i] != visit) continue;
    const bool one = rows.arm[i] == arm;
    (one ? t.y1 : t.y0).push_back(rows.value[i]);
    t.group.push_back(one ? 1 : 0);
    t.y.push_back(rows.value[i]);
    t.baseline.push_back(rows.baseline[i]);
    t.event.push_back(rows.event[i]);
    t.subject.push_back(rows.subject[i]);
  }
  return t;
}

Comparison compare_groups(const EndpointPlan& e, const TwoGroups& t, const TrialRecords& r, double alpha,
                          bool unadjusted) {
  Comparison c;
  switch (e.method) {
    case Method::fisher:
    case Method::chi_square: c = proportions(e, t, alpha); break;
    case Method::cmh: c = cmh(t, r, alpha); break;
    case Method::logistic: c = logistic(e, t, r, alpha); break;
    case Method::t_test: c = from(stats::t_test(t.y1, t.y0, false, 1 - alpha), alpha); break;
    case Method::ancova: c = ancova(t, alpha); break;
    case Method::wilcoxon: c = from(stats::wilcoxon_rank_sum(t.y1, t.y0, std::nullopt, true, 1 - alpha), alpha); break;
    case Method::logrank: c = logrank(t, alpha); break;
    case Method::cox: {
      if (unadjusted) {
        c = cox_first(t, group_only(t.group), alpha);
        break;
      }
      std::vector<std::vector<double>> x;
      for (std::size_t i = 0; i < t.y.size(); ++i) {
        std::vector<double> row{t.group[i]};
        for (const std::string& name : e.covariates)
          if (auto v = covariate(r.subjects[t.subject[i]], name)) row.push_back(*v);
        x.push_back(std::move(row));
      }
      c = cox_first(t, x, alpha);
      break;
    }
    case Method::poisson: c = poisson(t, alpha); break;
    default: break;
  }
  c.p_raw = c.p_value;
  return c;
}

double true_effect(const EndpointPlan& e, const TwoGroups& t) {
  if (t.y1.empty() || t.y0.empty()) return NAN;
  const double p1 = sum(t.y1) / static_cast<double>(t.y1.size()), p0 = sum(t.y0) / static_cast<double>(t.y0.size());
  switch (e.method) {
    case Method::fisher:
    case Method::chi_square:
    case Method::t_test: return p1 - p0;
    case Method::cmh:
    case Method::logistic: return p1 > 0 && p1 < 1 && p0 > 0 && p0 < 1 ? log_odds(p1) - log_odds(p0) : NAN;
    case Method::ancova:
    case Method::mmrm: {
      const WithBaseline w = with_baseline(t);
      double s1 = 0, n1 = 0, s0 = 0, n0 = 0;
      for (std::size_t i = 0; i < w.y.size(); ++i) {
        (w.group[i] == 1 ? s1 : s0) += w.y[i];
        ++(w.group[i] == 1 ? n1 : n0);
      }
      return n1 > 0 && n0 > 0 ? s1 / n1 - s0 / n0 : NAN;
    }
    case Method::wilcoxon:
      if (auto w = stats::wilcoxon_rank_sum(t.y1, t.y0, false, true); w && w.value->estimate) return *w.value->estimate;
      return NAN;
    case Method::logrank:
    case Method::cox:
      if (auto fit = stats::cox(t.y, t.event, group_only(t.group)); fit && fit.value->converged) return fit.value->coef[0];
      return NAN;
    case Method::poisson: {
      const Exposure x = exposure(t);
      return x.x1 > 0 && x.x0 > 0 ? std::log((x.x1 / x.d1) / (x.x0 / x.d0)) : NAN;
    }
    default: return NAN;
  }
}

void adjust(Multiplicity m, std::span<Comparison> c, std::span<const double> n, double n_ref, double alpha) {
  if (m == Multiplicity::none || c.size() < 2) return;
  std::vector<double> p;
  for (const Comparison& x : c) p.push_back(x.ok ? x.p_raw : 1.0);
  std::vector<double> adjusted;
  switch (m) {
    case Multiplicity::bonferroni: adjusted = stats::bonferroni(p).value.value_or(p); break;
    case Multiplicity::holm: adjusted = stats::holm(p).value.value_or(p); break;
    case Multiplicity::hochberg: adjusted = stats::hochberg(p).value.value_or(p); break;
    case Multiplicity::dunnett: {
      std::vector<double> lambda;
      for (double ni : n) lambda.push_back(std::sqrt(ni / (ni + n_ref)));
      for (double pi : p) {
        const double z = stats::dist::norm_quantile(1 - std::max(pi, 1e-300) / 2);
        // At least the comparison's own p: 1 − P underflows to 0 where p is tiny.
        adjusted.push_back(std::clamp(1 - stats::dunnett_probability(z, lambda, INFINITY, false), pi, 1.0));
      }
      break;
    }
    case Multiplicity::none: return;
  }
  for (std::size_t i = 0; i < c.size(); ++i) {
    c[i].p_value = adjusted[i];
    c[i].reject = c[i].ok && c[i].p_value < alpha;
  }
}

}  // namespace il2t::trial
