#include "trial/analysis.h"

#include <algorithm>
#include <cmath>

#include "stats/cox.h"
#include "stats/distributions.h"
#include "stats/hot_path.h"
#include "stats/dose_response.h"
#include "stats/proportions.h"
#include "stats/tables.h"
#include "stats/ttest.h"
#include "stats/wilcoxon.h"

namespace il2t::trial {

namespace {

std::vector<std::size_t> others(const EndpointPlan& e) {
  std::vector<std::size_t> v;
  for (std::size_t a : e.arms)
    if (a != e.reference) v.push_back(a);
  return v;
}

// Subject covariates a Cox model may name, from the participant rows.
std::optional<double> covariate(const Subject& s, const std::string& name) {
  if (name == "age_years" || name == "age") return s.age;
  if (name == "sledai_2k" || name == "essdai" || name == "baseline_activity") return s.baseline_activity;
  if (name == "prednisone_mg_per_day" || name == "prednisone_dose") return s.baseline_prednisone;
  if (name == "sex" || name == "female") return s.female;
  if (name == "weight") return s.weight;
  return std::nullopt;
}

// Two groups' rows: y (and baseline, event) with group 1 for `arm`, 0 for the reference.
struct Two {
  std::vector<double> y1, y0, group, y, baseline, event;
  std::vector<std::uint32_t> subject;
};
Two split(const EndpointRows& rows, std::size_t arm, std::size_t ref) {
  Two t;
  for (std::size_t i = 0; i < rows.arm.size(); ++i) {
    if (rows.arm[i] != arm && rows.arm[i] != ref) continue;
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

// An estimate with its interval and, when the procedure gives one, its p-value.
Comparison from(const stats::Outcome<stats::TestResult>& r, double alpha) {
  Comparison c;
  if (!r || !r.value->estimate) return c;
  c.ok = std::isfinite(*r.value->estimate);
  c.estimate = *r.value->estimate;
  if (r.value->ci) {
    c.lower = r.value->ci->lower;
    c.upper = r.value->ci->upper;
  }
  c.p_value = r.value->p_value.value_or(1.0);
  c.reject = c.ok && c.p_value < alpha;
  return c;
}

// The first covariate's log hazard ratio with its Wald interval and test.
Comparison cox_first(const std::vector<double>& time, const std::vector<double>& event,
                     const std::vector<std::vector<double>>& x, double alpha) {
  Comparison c;
  auto fit = stats::cox(time, event, x);
  if (!fit || !fit.value->converged || !(fit.value->se[0] > 0) || !std::isfinite(fit.value->se[0])) return c;
  const double z = stats::dist::norm_quantile(1 - alpha / 2);
  c.ok = true;
  c.estimate = fit.value->coef[0];
  c.lower = c.estimate - z * fit.value->se[0];
  c.upper = c.estimate + z * fit.value->se[0];
  c.p_value = 2 * (1 - stats::dist::norm_cdf(std::fabs(c.estimate / fit.value->se[0])));
  c.reject = c.p_value < alpha;
  return c;
}

std::vector<std::vector<double>> group_only(const std::vector<double>& group) {
  std::vector<std::vector<double>> x;
  for (double g : group) x.push_back({g});
  return x;
}

double sum(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s;
}

}  // namespace

std::vector<std::string> comparison_labels(const TrialDesign& d, const EndpointPlan& e) {
  std::vector<std::string> out;
  if (e.method == Method::mcp_mod || e.method == Method::descriptive || others(e).empty()) return out;
  for (std::size_t a : others(e)) out.push_back(d.arms[a].id + " vs " + d.arms[e.reference].id);
  if (e.method == Method::cox && d.observational && !e.covariates.empty())
    out.push_back(d.arms[others(e).front()].id + " vs " + d.arms[e.reference].id + " (unadjusted)");
  return out;
}

std::vector<std::size_t> comparison_arms(const TrialDesign& d, const EndpointPlan& e) {
  if (e.method == Method::mcp_mod || e.method == Method::descriptive || others(e).empty()) return {};
  std::vector<std::size_t> out = others(e);
  if (e.method == Method::cox && d.observational && !e.covariates.empty()) out.push_back(out.front());
  return out;
}

std::vector<EndpointAnalysis> analyse_trial(const TrialDesign& d, const TrialRecords& r, const AnalysisSettings& s) {
  Analyser a(d, s);
  std::vector<EndpointAnalysis> out;
  for (const EndpointPlan& e : d.endpoints) {
    EndpointAnalysis x;
    x.plan = &e;
    derive_endpoint(d, e, r, x.rows);
    x.result = a.analyse(e, r, x.rows);
    out.push_back(std::move(x));
  }
  return out;
}

EndpointResult Analyser::analyse(const EndpointPlan& e, const TrialRecords& r, const EndpointRows& rows) {
  EndpointResult out;
  for (std::size_t a : e.arms) {
    double s = 0, n = 0;
    for (std::size_t i = 0; i < rows.arm.size(); ++i)
      if (rows.arm[i] == a) {
        s += rows.value[i];
        ++n;
      }
    out.arm_mean.push_back(n > 0 ? s / n : NAN);
    out.arm_n.push_back(n);
  }
  if (e.method == Method::mcp_mod) mcp(e, rows, out);
  else if (e.method != Method::descriptive) pairwise(e, r, rows, out);
  return out;
}

void Analyser::pairwise(const EndpointPlan& e, const TrialRecords& r, const EndpointRows& rows, EndpointResult& out) {
  const double alpha = e.alpha.value_or(s_.alpha);
  const double conf = 1 - alpha;
  for (std::size_t a : others(e)) {
    const Two t = split(rows, a, e.reference);
    Comparison c;
    switch (e.method) {
      case Method::fisher:
      case Method::chi_square: {
        const double x1 = sum(t.y1), n1 = static_cast<double>(t.y1.size()), x0 = sum(t.y0),
                     n0 = static_cast<double>(t.y0.size());
        c = from(stats::newcombe_difference(x1, n1, x0, n0, conf), alpha);
        const stats::Table2x2 table{{{x1, n1 - x1}, {x0, n0 - x0}}};
        if (e.method == Method::fisher) c.p_value = stats::fisher_two_sided_p(table);
        else if (auto chi = stats::chi_square(table, true); chi && chi.value->p_value) c.p_value = *chi.value->p_value;
        else c.p_value = 1;  // no information (a zero margin)
        if (std::isnan(c.p_value)) c.p_value = 1;
        c.reject = c.ok && c.p_value < alpha;
        break;
      }
      case Method::ancova: {
        std::vector<double> g, b, y;
        for (std::size_t i = 0; i < t.y.size(); ++i)
          if (std::isfinite(t.baseline[i])) {
            g.push_back(t.group[i]);
            b.push_back(t.baseline[i]);
            y.push_back(t.y[i]);
          }
        c = from(stats::ancova(g, b, y, conf), alpha);
        break;
      }
      case Method::wilcoxon: c = from(stats::wilcoxon_rank_sum(t.y1, t.y0, std::nullopt, true, conf), alpha); break;
      case Method::cox: {
        std::vector<std::vector<double>> x;
        for (std::size_t i = 0; i < t.y.size(); ++i) {
          std::vector<double> row{t.group[i]};
          for (const std::string& name : e.covariates)
            if (auto v = covariate(r.subjects[t.subject[i]], name)) row.push_back(*v);
          x.push_back(std::move(row));
        }
        c = cox_first(t.y, t.event, x, alpha);
        break;
      }
      default: break;
    }
    out.comparisons.push_back(c);
  }
  if (e.method == Method::cox && d_.observational && !e.covariates.empty() && !others(e).empty()) {
    const Two t = split(rows, others(e).front(), e.reference);
    const Comparison c = cox_first(t.y, t.event, group_only(t.group), alpha);
    out.comparisons.push_back(c);
  }
}

std::vector<double> Analyser::critical_key(const EndpointPlan& e, const std::vector<double>& sizes, double alpha) const {
  std::vector<double> key = sizes;
  for (std::size_t a : e.arms) key.push_back(d_.arms[a].il2_dose_miu);
  key.push_back(alpha);
  return key;
}

void Analyser::prime(const EndpointPlan& e, const std::vector<double>& sizes) {
  const double alpha = e.alpha.value_or(s_.alpha) / 2;
  const std::vector<double> key = critical_key(e, sizes, alpha);
  if (e.method != Method::mcp_mod || critical_.count(key)) return;
  std::vector<double> dose, response;
  for (std::size_t a = 0; a < e.arms.size(); ++a)
    for (int i = 0; i < static_cast<int>(sizes[a]); ++i) {
      dose.push_back(d_.arms[e.arms[a]].il2_dose_miu);
      response.push_back(i % 2);  // any response with spread: the value depends on the design only
    }
  auto t = stats::mct_test(dose, response, s_.models, false, alpha, true);
  if (t) critical_.emplace(key, t.value->critical_value);
}

void Analyser::mcp(const EndpointPlan& e, const EndpointRows& rows, EndpointResult& out) {
  std::vector<double> dose(rows.arm.size());
  for (std::size_t i = 0; i < rows.arm.size(); ++i) dose[i] = d_.arms[rows.arm[i]].il2_dose_miu;
  const double alpha = e.alpha.value_or(s_.alpha) / 2;
  const std::vector<double> key = critical_key(e, out.arm_n, alpha);
  auto cached = critical_.find(key);
  auto t = stats::mct_test(dose, rows.value, s_.models, false, alpha, cached == critical_.end());
  if (!t) return;
  if (cached == critical_.end()) cached = critical_.emplace(key, t.value->critical_value).first;
  const double crit = cached->second;
  out.mcp_ok = true;
  double max_dose = 0;
  for (double v : dose) max_dose = std::max(max_dose, v);
  double best_aic = INFINITY;
  std::optional<double> target;
  for (std::size_t m = 0; m < t.value->models.size(); ++m) {
    if (!(t.value->t[m] > crit)) continue;
    out.mcp_reject = true;
    auto fit = stats::fit_dose_response(t.value->models[m], dose, rows.value);
    if (!fit || !(fit.value->aic < best_aic)) continue;
    best_aic = fit.value->aic;
    target = stats::target_dose(*fit.value, s_.delta, false, max_dose);
  }
  if (!out.mcp_reject || !target) return;
  // The smallest studied dose at or above the estimated target dose.
  double best = INFINITY;
  for (std::size_t a : e.arms) {
    const double level = d_.arms[a].il2_dose_miu;
    if (level >= *target - 1e-12 && level > 0 && level < best) {
      best = level;
      out.mcp_pick = static_cast<int>(a);
    }
  }
}

std::vector<double> true_effects(const TrialDesign& d, const EndpointPlan& e, const EndpointRows& rows) {
  std::vector<double> out;
  const std::vector<std::size_t> arms = comparison_arms(d, e);
  for (std::size_t a : arms) {
    const Two t = split(rows, a, e.reference);
    double v = NAN;
    switch (e.method) {
      case Method::fisher:
      case Method::chi_square:
        if (!t.y1.empty() && !t.y0.empty())
          v = sum(t.y1) / static_cast<double>(t.y1.size()) - sum(t.y0) / static_cast<double>(t.y0.size());
        break;
      case Method::ancova: {  // the rows ANCOVA analyses: those with a baseline
        double s1 = 0, n1 = 0, s0 = 0, n0 = 0;
        for (std::size_t i = 0; i < t.y.size(); ++i) {
          if (!std::isfinite(t.baseline[i])) continue;
          (t.group[i] == 1 ? s1 : s0) += t.y[i];
          ++(t.group[i] == 1 ? n1 : n0);
        }
        if (n1 > 0 && n0 > 0) v = s1 / n1 - s0 / n0;
        break;
      }
      case Method::wilcoxon:
        if (auto w = stats::wilcoxon_rank_sum(t.y1, t.y0, false, true); w && w.value->estimate) v = *w.value->estimate;
        break;
      case Method::cox: {
        if (auto fit = stats::cox(t.y, t.event, group_only(t.group)); fit && fit.value->converged) v = fit.value->coef[0];
        break;
      }
      default: break;
    }
    out.push_back(v);
  }
  return out;
}

}  // namespace il2t::trial
