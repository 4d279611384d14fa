#include "trial/analysis.h"

#include <algorithm>
#include <cmath>

#include "stats/distributions.h"
#include "stats/dose_response.h"
#include "trial/compare.h"

namespace il2t::trial {

namespace {

std::vector<std::size_t> others(const EndpointPlan& e) {
  std::vector<std::size_t> v;
  for (std::size_t a : e.arms)
    if (a != e.reference) v.push_back(a);
  return v;
}

bool pairwise_method(Method m) { return m != Method::mcp_mod && m != Method::descriptive; }

}  // namespace

const char* estimate_scale(Method m) {
  switch (m) {
    case Method::fisher:
    case Method::chi_square: return "risk difference";
    case Method::cmh:
    case Method::logistic: return "log odds ratio";
    case Method::t_test:
    case Method::ancova:
    case Method::mmrm: return "mean difference";
    case Method::wilcoxon: return "location shift";
    case Method::logrank:
    case Method::cox: return "log hazard ratio";
    case Method::poisson: return "log rate ratio";
    case Method::mcp_mod:
    case Method::descriptive: break;
  }
  return "";
}

std::vector<ComparisonSpec> comparisons(const TrialDesign& d, const EndpointPlan& e) {
  std::vector<ComparisonSpec> out;
  const std::vector<std::size_t> arms = others(e);
  if (!pairwise_method(e.method) || arms.empty() || e.visits.empty()) return out;
  const std::size_t last = e.visits.size() - 1;
  for (std::size_t v = e.per_visit() ? 0 : last; v <= last; ++v)
    for (std::size_t a : arms) {
      std::string label = d.arms[a].id + " vs " + d.arms[e.reference].id;
      if (e.per_visit()) label += " at " + d.visit_ids[e.visits[v]];
      out.push_back({a, e.reference, v, false, std::move(label)});
    }
  if (e.method == Method::cox && d.observational && !e.covariates.empty())
    out.push_back({arms.front(), e.reference, last, true,
                   d.arms[arms.front()].id + " vs " + d.arms[e.reference].id + " (unadjusted)"});
  return out;
}

std::vector<std::string> comparison_labels(const TrialDesign& d, const EndpointPlan& e) {
  std::vector<std::string> out;
  for (ComparisonSpec& c : comparisons(d, e)) out.push_back(std::move(c.label));
  return out;
}

std::vector<std::size_t> comparison_arms(const TrialDesign& d, const EndpointPlan& e) {
  std::vector<std::size_t> out;
  for (const ComparisonSpec& c : comparisons(d, e)) out.push_back(c.arm);
  return out;
}

std::vector<EndpointAnalysis> analyse_trial(const TrialDesign& d, const TrialRecords& r, const AnalysisSettings& s) {
  Analyser a(d, s);
  std::vector<EndpointAnalysis> out;
  for (const EndpointPlan& e : d.endpoints) {
    EndpointAnalysis x;
    x.plan = &e;
    derive_endpoint(d, e, r, x.rows, Timepoints::all);
    x.result = a.analyse(e, r, x.rows);
    out.push_back(std::move(x));
  }
  return out;
}

EndpointResult Analyser::analyse(const EndpointPlan& e, const TrialRecords& r, const EndpointRows& rows) {
  EndpointResult out;
  if (e.visits.empty() || rows.visit.size() != rows.arm.size()) return out;  // rows not from derive_endpoint
  const std::size_t last = e.visits.size() - 1;
  for (std::size_t a : e.arms) {  // at the last timepoint
    double s = 0, n = 0;
    for (std::size_t i = 0; i < rows.arm.size(); ++i)
      if (rows.arm[i] == a && rows.visit[i] == last) {
        s += rows.value[i];
        ++n;
      }
    out.arm_mean.push_back(n > 0 ? s / n : NAN);
    out.arm_n.push_back(n);
  }
  if (e.method == Method::mcp_mod) mcp(e, rows, out);
  else if (e.method == Method::mmrm) longitudinal(e, r, rows, out);
  else if (e.method != Method::descriptive) pairwise(e, r, rows, out);
  return out;
}

const std::vector<ComparisonSpec>& Analyser::specs_of(const EndpointPlan& e) {
  auto it = specs_.find(&e);
  if (it == specs_.end()) it = specs_.emplace(&e, comparisons(d_, e)).first;
  return it->second;
}

void Analyser::pairwise(const EndpointPlan& e, const TrialRecords& r, const EndpointRows& rows, EndpointResult& out) {
  const double alpha = e.alpha.value_or(s_.alpha);
  const std::vector<ComparisonSpec>& specs = specs_of(e);
  for (const ComparisonSpec& c : specs)
    out.comparisons.push_back(compare_groups(e, split(rows, c.arm, c.reference, c.visit), r, alpha, c.unadjusted));
  adjust_by_visit(e, specs, rows, alpha, out);
}

void Analyser::adjust_by_visit(const EndpointPlan& e, const std::vector<ComparisonSpec>& specs,
                               const EndpointRows& rows, double alpha, EndpointResult& out) const {
  if (e.multiplicity == Multiplicity::none) return;
  for (std::size_t begin = 0; begin < specs.size();) {
    std::size_t end = begin;
    std::vector<double> n;
    double n_ref = 0;
    while (end < specs.size() && specs[end].visit == specs[begin].visit && !specs[end].unadjusted) {
      double k = 0;
      for (std::size_t i = 0; i < rows.arm.size(); ++i)
        if (rows.visit[i] == specs[end].visit) {
          if (rows.arm[i] == specs[end].arm) ++k;
          else if (end == begin && rows.arm[i] == e.reference) ++n_ref;
        }
      n.push_back(k);
      ++end;
    }
    if (end == begin) break;
    adjust(e.multiplicity, std::span<Comparison>(out.comparisons).subspan(begin, end - begin), n, n_ref, alpha);
    begin = end;
  }
}

void Analyser::longitudinal(const EndpointPlan& e, const TrialRecords&, const EndpointRows& rows, EndpointResult& out) {
  const double alpha = e.alpha.value_or(s_.alpha);
  const std::vector<ComparisonSpec>& specs = specs_of(e);
  out.comparisons.assign(specs.size(), Comparison{});
  // Groups: the reference 0, then the other arms in the protocol's order. A baseline
  // term when the endpoint has a baseline visit; rows without a baseline value are
  // left out then (complete cases), as ANCOVA leaves them.
  const std::vector<std::size_t> arms = others(e);
  bool with_baseline = false;
  for (double b : rows.baseline) with_baseline = with_baseline || std::isfinite(b);
  MmrmRows& m = mmrm_rows_;
  m.clear();
  for (std::size_t i = 0; i < rows.arm.size(); ++i) {
    if (with_baseline && !std::isfinite(rows.baseline[i])) continue;
    const auto at = std::find(arms.begin(), arms.end(), rows.arm[i]);
    m.subject.push_back(static_cast<int>(rows.subject[i]));
    m.visit.push_back(rows.visit[i]);
    m.group.push_back(rows.arm[i] == e.reference ? 0 : static_cast<int>(at - arms.begin()) + 1);
    m.y.push_back(rows.value[i]);
    if (with_baseline) m.baseline.push_back(rows.baseline[i]);
  }
  stats::MmrmData data{m.subject, m.visit, m.group, m.y, m.baseline, {}, static_cast<int>(e.visits.size()),
                       static_cast<int>(arms.size()) + 1};
  stats::MmrmOptions options;
  options.conf = 1 - alpha;
  const auto fit = stats::mmrm(data, options, mmrm_workspace_.get());
  if (!fit) return;  // not estimable in this replicate: every comparison not ok
  // Group g's contrast at visit v: group_g + visit_v:group_g (header of stats/mmrm.h).
  const stats::MmrmFit& f = *fit.value;
  const std::size_t visits = e.visits.size(), groups = arms.size() + 1;
  const std::size_t first_group = visits, first_interaction = f.coef.size() - (groups - 1) * (visits - 1) -
                                                                (with_baseline ? visits - 1 : 0);
  const double q = stats::dist::t_quantile(1 - alpha / 2, f.df);
  for (std::size_t c = 0; c < specs.size(); ++c) {
    const std::size_t g = static_cast<std::size_t>(std::find(arms.begin(), arms.end(), specs[c].arm) - arms.begin()) + 1;
    const std::size_t v = specs[c].visit, a = first_group + g - 1;
    double est = f.coef[a], var = f.coef_at(a, a);
    if (v > 0) {
      const std::size_t b = first_interaction + (g - 1) * (visits - 1) + (v - 1);
      est += f.coef[b];
      var += f.coef_at(b, b) + 2 * f.coef_at(a, b);
    }
    if (!(var > 0) || !std::isfinite(est)) continue;
    const double se = std::sqrt(var);
    Comparison& k = out.comparisons[c];
    k.ok = true;
    k.estimate = est;
    k.lower = est - q * se;
    k.upper = est + q * se;
    k.p_value = k.p_raw = 2 * stats::dist::t_cdf(-std::fabs(est / se), f.df);
    k.reject = k.p_value < alpha;
  }
  adjust_by_visit(e, specs, rows, alpha, out);
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
  for (const ComparisonSpec& c : comparisons(d, e)) out.push_back(true_effect(e, split(rows, c.arm, c.reference, c.visit)));
  return out;
}

}  // namespace il2t::trial
