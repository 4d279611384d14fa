#include "report/stats_runner.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <set>

#include "stats/cox.h"
#include "stats/distributions.h"
#include "stats/dose_response.h"
#include "stats/mcpmod.h"
#include "stats/dunnett.h"
#include "stats/logistic.h"
#include "stats/proportions.h"
#include "stats/survival.h"
#include "stats/tables.h"
#include "stats/ttest.h"
#include "stats/wilcoxon.h"

namespace il2t::report {

namespace {

using nlohmann::ordered_json;
using Result = stats::Outcome<ordered_json>;

// Group labels in sorted order with the reference (control) moved last.
struct Groups {
  std::vector<std::string> labels;
  std::vector<std::size_t> index;  // per row
};

// A missing column is reported at the header, line 1 (data::Columns names the file and
// the column but not the line).
Error at_header(Error e) {
  if (e.pos.line == 0 && !e.field.empty() && e.message.rfind("no column", 0) == 0) e.pos.line = 1;
  return e;
}

stats::Outcome<Groups> groups_of(const data::Columns& csv, const StatsOptions& o, bool exactly_two) {
  if (o.group.empty()) return stats::Outcome<Groups>::fail("give the group column with --group");
  auto labels = csv.labels(o.group);
  if (!labels) return stats::Outcome<Groups>::fail(at_header(labels.error()));
  std::set<std::string> distinct(labels->begin(), labels->end());
  Groups g{{distinct.begin(), distinct.end()}, {}};
  // No row names an empty group: the message names the file, the column and the rows.
  const auto empty_group = [&](const std::string& why) {
    return stats::Outcome<Groups>::fail(Error{.message = "column " + o.group + ": " + why, .file = o.file, .field = o.group});
  };
  if (!o.reference.empty() && !distinct.contains(o.reference)) {
    std::string known;
    for (const auto& l : g.labels) known += (known.empty() ? "\"" : ", \"") + l + "\"";
    return empty_group("no row is in the --reference group \"" + o.reference + "\", so it is empty (the groups: " + known + ")");
  }
  if (g.labels.size() < 2)
    return empty_group("all " + std::to_string(labels->size()) + " rows are in group \"" + g.labels[0] +
                       "\", so the group to compare it with is empty");
  if (exactly_two && g.labels.size() != 2)
    return stats::Outcome<Groups>::fail("column " + o.group + ": " + std::to_string(g.labels.size()) +
                                        " groups; this analysis compares two");
  if (!o.reference.empty()) {
    auto it = std::find(g.labels.begin(), g.labels.end(), o.reference);
    std::rotate(it, it + 1, g.labels.end());
  }
  for (const auto& l : *labels)
    g.index.push_back(static_cast<std::size_t>(std::find(g.labels.begin(), g.labels.end(), l) - g.labels.begin()));
  return stats::Outcome<Groups>::ok(g);
}

stats::Outcome<std::vector<double>> column(const data::Columns& csv, const std::string& name, const char* option,
                                           data::CellRule rule) {
  if (name.empty()) return stats::Outcome<std::vector<double>>::fail(std::string("give the column with ") + option);
  auto v = csv.numbers(name, rule);
  if (!v) return stats::Outcome<std::vector<double>>::fail(at_header(v.error()));
  return stats::Outcome<std::vector<double>>::ok(std::move(*v));
}

// A number for JSON: infinities as "Inf" / "-Inf" (as R prints them), NaN as null.
ordered_json number(double v) {
  if (std::isnan(v)) return nullptr;
  if (std::isinf(v)) return v > 0 ? "Inf" : "-Inf";
  return v;
}

void put(ordered_json& j, const stats::TestResult& r) {
  j["method"] = r.method;
  if (r.statistic) j["statistic"] = number(*r.statistic);
  if (r.df) j["df"] = number(*r.df);
  if (r.p_value) j["p_value"] = number(*r.p_value);
  if (r.estimate) j["estimate"] = number(*r.estimate);
  if (r.std_error) j["std_error"] = number(*r.std_error);
  if (r.ci) {
    j["ci_lower"] = number(r.ci->lower);
    j["ci_upper"] = number(r.ci->upper);
  }
}

#define IL2T_TRY(var, expr)                       \
  auto var = (expr);                              \
  if (!var) return Result::fail(var.error);

// The 2×2 table of groups (rows, reference last) by response (1, 0).
Result two_by_two(const std::string& analysis, const data::Columns& csv, const StatsOptions& o) {
  IL2T_TRY(g, groups_of(csv, o, true));
  IL2T_TRY(y, column(csv, o.response, "--response", data::CellRule::zero_or_one));
  stats::Table2x2 t{};
  for (std::size_t i = 0; i < y.value->size(); ++i) t[g.value->index[i]][(*y.value)[i] == 1 ? 0 : 1] += 1;
  ordered_json j;
  j["analysis"] = analysis;
  j["groups"] = g.value->labels;
  j["table"] = {{t[0][0], t[0][1]}, {t[1][0], t[1][1]}};
  if (analysis == "fisher") {
    IL2T_TRY(r, stats::fisher_exact(t, o.conf));
    put(j, *r.value);
    j["estimate_is"] = "conditional maximum-likelihood odds ratio, " + g.value->labels[0] + " vs " + g.value->labels[1];
  } else if (analysis == "chisq") {
    IL2T_TRY(r, stats::chi_square(t, o.yates));
    put(j, *r.value);
  } else {  // proportion
    j["conf_level"] = o.conf;
    for (std::size_t k = 0; k < 2; ++k) {
      const double x = t[k][0], n = t[k][0] + t[k][1];
      IL2T_TRY(w, stats::wilson(x, n, o.conf));
      IL2T_TRY(cp, stats::clopper_pearson(x, n, o.conf));
      j["per_group"].push_back({{"group", g.value->labels[k]}, {"x", x}, {"n", n}, {"proportion", x / n},
                                {"wilson", {w.value->lower, w.value->upper}},
                                {"clopper_pearson", {cp.value->lower, cp.value->upper}}});
    }
    IL2T_TRY(d, stats::newcombe_difference(t[0][0], t[0][0] + t[0][1], t[1][0], t[1][0] + t[1][1], o.conf));
    put(j, *d.value);
    j["estimate_is"] = "difference of proportions, " + g.value->labels[0] + " − " + g.value->labels[1];
  }
  return Result::ok(j);
}

Result two_samples(const std::string& analysis, const data::Columns& csv, const StatsOptions& o) {
  IL2T_TRY(g, groups_of(csv, o, true));
  IL2T_TRY(y, column(csv, o.outcome, "--outcome", data::CellRule::any_number));
  ordered_json j;
  j["analysis"] = analysis;
  j["groups"] = g.value->labels;
  if (analysis == "ttest") {
    std::vector<double> a, b;
    for (std::size_t i = 0; i < y.value->size(); ++i) (g.value->index[i] == 0 ? a : b).push_back((*y.value)[i]);
    IL2T_TRY(r, stats::t_test(a, b, o.pooled, o.conf));
    put(j, *r.value);
    j["estimate_is"] = "mean difference, " + g.value->labels[0] + " − " + g.value->labels[1];
  } else {  // ancova
    IL2T_TRY(base, column(csv, o.baseline, "--baseline", data::CellRule::any_number));
    std::vector<double> grp;
    for (std::size_t k : g.value->index) grp.push_back(k == 0 ? 1.0 : 0.0);
    IL2T_TRY(r, stats::ancova(grp, *base.value, *y.value, o.conf));
    put(j, *r.value);
    j["estimate_is"] = "adjusted difference, " + g.value->labels[0] + " − " + g.value->labels[1];
  }
  return Result::ok(j);
}

// One Kaplan–Meier curve as JSON rows.
ordered_json curve_json(const stats::KaplanMeier& k) {
  ordered_json rows = ordered_json::array();
  auto num = [](double v) { return std::isnan(v) ? ordered_json(nullptr) : ordered_json(v); };
  for (std::size_t i = 0; i < k.time.size(); ++i)
    rows.push_back({{"time", k.time[i]}, {"n_risk", k.n_risk[i]}, {"n_event", k.n_event[i]}, {"surv", k.surv[i]},
                    {"std_err", num(k.std_err[i])}, {"lower", num(k.lower[i])}, {"upper", num(k.upper[i])}});
  return rows;
}

ordered_json optional_number(const std::optional<double>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); }

// The log-rank test between the groups (stratified with --strata), into j.
stats::Outcome<bool> put_log_rank(ordered_json& j, const data::Columns& csv, const StatsOptions& o, const Groups& g,
                                  const std::vector<double>& t, const std::vector<double>& e) {
  std::vector<double> grp(g.index.begin(), g.index.end());
  std::vector<double> strata;
  if (!o.strata.empty()) {
    auto s = csv.labels(o.strata);
    if (!s) return stats::Outcome<bool>::fail(at_header(s.error()));
    std::vector<std::string> distinct(s->begin(), s->end());
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (const auto& v : *s) strata.push_back(static_cast<double>(std::lower_bound(distinct.begin(), distinct.end(), v) - distinct.begin()));
  }
  auto lr = stats::log_rank(t, e, grp, strata);
  if (!lr) return stats::Outcome<bool>::fail(lr.error);
  put(j, lr.value->test);
  j["groups"] = g.labels;
  j["observed"] = lr.value->observed;
  j["expected"] = lr.value->expected;
  return stats::Outcome<bool>::ok(true);
}

Result survival(const std::string& analysis, const data::Columns& csv, const StatsOptions& o) {
  IL2T_TRY(t, column(csv, o.time, "--time", data::CellRule::non_negative));
  IL2T_TRY(e, column(csv, o.event, "--event", data::CellRule::zero_or_one));
  ordered_json j;
  j["analysis"] = analysis;
  if (analysis == "km" && !o.group.empty()) {
    // Per group: n, events, the median with its interval (and the curve, in JSON); the
    // log-rank test between the groups.
    IL2T_TRY(g, groups_of(csv, o, false));
    const auto& labels = g.value->labels;
    ordered_json per_group = ordered_json::array();
    for (std::size_t k = 0; k < labels.size(); ++k) {
      std::vector<double> tk, ek;
      for (std::size_t i = 0; i < t.value->size(); ++i)
        if (g.value->index[i] == k) {
          tk.push_back((*t.value)[i]);
          ek.push_back((*e.value)[i]);
        }
      auto km = stats::kaplan_meier(tk, ek, o.conf);
      if (!km) return Result::fail("group \"" + labels[k] + "\": " + km.error.text());
      double events = 0;
      for (double v : ek) events += v;
      per_group.push_back({{"group", labels[k]}, {"n", tk.size()}, {"events", events},
                           {"median", optional_number(km.value->median)},
                           {"ci_lower", optional_number(km.value->median_lower)},
                           {"ci_upper", optional_number(km.value->median_upper)}, {"curve", curve_json(*km.value)}});
    }
    IL2T_TRY(lr, put_log_rank(j, csv, o, *g.value, *t.value, *e.value));
    j["method"] = std::string("Kaplan–Meier per group, Greenwood standard errors, log-log intervals; ") +
                  (o.strata.empty() ? "log-rank" : "stratified log-rank") + " test between the groups";
    j["statistic_is"] = std::string(o.strata.empty() ? "log-rank" : "stratified log-rank") + " chi-square";
    j["conf_level"] = o.conf;
    j["per_group"] = per_group;
    return Result::ok(j);
  }
  if (analysis == "km") {
    IL2T_TRY(km, stats::kaplan_meier(*t.value, *e.value, o.conf));
    const auto& k = *km.value;
    j["method"] = "Kaplan–Meier, Greenwood standard errors, log-log intervals";
    j["estimate"] = optional_number(k.median);
    j["ci_lower"] = optional_number(k.median_lower);
    j["ci_upper"] = optional_number(k.median_upper);
    j["estimate_is"] = "median survival time";
    j["curve"] = curve_json(k);
    return Result::ok(j);
  }
  if (analysis == "cox") {
    IL2T_TRY(g2, groups_of(csv, o, true));
    std::vector<double> grp;
    for (std::size_t k : g2.value->index) grp.push_back(k == 0 ? 1.0 : 0.0);
    std::vector<std::vector<double>> x;
    for (double v : grp) x.push_back({v});
    const stats::Ties ties = o.breslow ? stats::Ties::breslow : stats::Ties::efron;
    IL2T_TRY(fit, stats::cox(*t.value, *e.value, x, ties));
    IL2T_TRY(hr, stats::cox_group(*t.value, *e.value, grp, ties, o.conf));
    put(j, *hr.value);
    j["groups"] = g2.value->labels;
    j["estimate_is"] = "hazard ratio, " + g2.value->labels[0] + " vs " + g2.value->labels[1];
    j["coef"] = fit.value->coef[0];
    j["wald"] = {{"statistic", fit.value->wald}, {"p_value", fit.value->wald_p}};
    j["score"] = {{"statistic", fit.value->score}, {"p_value", fit.value->score_p}};
    j["likelihood_ratio"] = {{"statistic", fit.value->lr}, {"p_value", fit.value->lr_p}};
    j["converged"] = fit.value->converged;
    return Result::ok(j);
  }
  IL2T_TRY(g, groups_of(csv, o, false));
  IL2T_TRY(lr, put_log_rank(j, csv, o, *g.value, *t.value, *e.value));
  return Result::ok(j);
}

// The Wilcoxon rank-sum (Mann–Whitney) test with the Hodges–Lehmann shift and its
// interval, as R's wilcox.test(x, y, conf.int = TRUE): x the first group, y the reference.
Result wilcoxon(const data::Columns& csv, const StatsOptions& o) {
  IL2T_TRY(g, groups_of(csv, o, true));
  IL2T_TRY(y, column(csv, o.outcome, "--outcome", data::CellRule::any_number));
  std::vector<double> a, b;
  for (std::size_t i = 0; i < y.value->size(); ++i) (g.value->index[i] == 0 ? a : b).push_back((*y.value)[i]);
  IL2T_TRY(r, stats::wilcoxon_rank_sum(a, b, std::nullopt, !o.no_correction, o.conf));
  const auto& labels = g.value->labels;
  ordered_json j;
  j["analysis"] = "wilcoxon";
  put(j, *r.value);
  j["groups"] = labels;
  j["n"] = {a.size(), b.size()};
  j["exact"] = r.value->method.find("exact") != std::string::npos;
  j["conf_level"] = o.conf;
  j["statistic_is"] = fmt::format("W, the rank sum of {} less {}·{}/2", labels[0], a.size(), a.size() + 1);
  j["estimate_is"] = fmt::format("Hodges–Lehmann shift, {} − {}, the median of the {} differences", labels[0], labels[1],
                                 a.size() * b.size());
  j["ci_is"] = j["exact"].get<bool>() ? "exact, from the order statistics of the differences"
                                       : "where the normal statistic with the continuity correction crosses ±z, as R's uniroot";
  if (o.no_correction && !j["exact"].get<bool>()) j["ci_is"] = "where the normal statistic crosses ±z, as R's uniroot";
  return Result::ok(j);
}

Result stratified(const data::Columns& csv, const StatsOptions& o) {
  IL2T_TRY(g, groups_of(csv, o, true));
  IL2T_TRY(y, column(csv, o.response, "--response", data::CellRule::zero_or_one));
  if (o.strata.empty()) return Result::fail("give the strata column with --strata");
  auto s = csv.labels(o.strata);
  if (!s) return Result::fail(at_header(s.error()));
  std::vector<std::string> names(s->begin(), s->end());
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::vector<stats::Table2x2> tables(names.size(), stats::Table2x2{});
  for (std::size_t i = 0; i < s->size(); ++i) {
    const auto k = static_cast<std::size_t>(std::lower_bound(names.begin(), names.end(), (*s)[i]) - names.begin());
    tables[k][g.value->index[i]][(*y.value)[i] == 1 ? 0 : 1] += 1;
  }
  IL2T_TRY(r, stats::cmh(tables, !o.no_correction, o.conf));
  ordered_json j;
  j["analysis"] = "cmh";
  j["groups"] = g.value->labels;
  j["strata"] = names;
  put(j, *r.value);
  j["estimate_is"] = "Mantel–Haenszel common odds ratio, " + g.value->labels[0] + " vs " + g.value->labels[1];
  return Result::ok(j);
}

// Logistic regression of a 0/1 response on group (and an optional covariate).
Result logistic_model(const data::Columns& csv, const StatsOptions& o) {
  IL2T_TRY(g, groups_of(csv, o, true));
  IL2T_TRY(y, column(csv, o.response, "--response", data::CellRule::zero_or_one));
  std::vector<double> grp;
  for (std::size_t k : g.value->index) grp.push_back(k == 0 ? 1.0 : 0.0);
  std::vector<std::vector<double>> cols{grp};
  std::vector<std::string> names{"group"};
  if (!o.covariate.empty()) {
    IL2T_TRY(cv, column(csv, o.covariate, "--covariate", data::CellRule::any_number));
    cols.push_back(*cv.value);
    names.push_back(o.covariate);
  }
  IL2T_TRY(fit, stats::logistic(*y.value, cols, names));
  const auto& f = *fit.value;
  // Wald intervals, coef ± z·se, as R's confint.default (confint() would profile the likelihood).
  const double z = stats::dist::norm_quantile(1 - (1 - o.conf) / 2);
  ordered_json j;
  j["analysis"] = "logistic";
  j["method"] = "Logistic regression (IRLS, as glm)";
  j["groups"] = g.value->labels;
  j["statistic"] = f.z[1];
  j["p_value"] = f.p[1];
  j["estimate"] = std::exp(f.coef[1]);
  j["ci_lower"] = number(std::exp(f.coef[1] - z * f.se[1]));
  j["ci_upper"] = number(std::exp(f.coef[1] + z * f.se[1]));
  j["estimate_is"] = "odds ratio, " + g.value->labels[0] + " vs " + g.value->labels[1];
  j["ci_is"] = "Wald, exp(coef ± z·se), as R's confint.default; R's confint would profile the likelihood";
  j["conf_level"] = o.conf;
  for (std::size_t k = 0; k < f.names.size(); ++k)
    j["coefficients"].push_back({{"name", f.names[k]}, {"estimate", f.coef[k]}, {"std_error", f.se[k]}, {"z", f.z[k]},
                                 {"p_value", f.p[k]}, {"ci_lower", number(f.coef[k] - z * f.se[k])},
                                 {"ci_upper", number(f.coef[k] + z * f.se[k])}});
  j["deviance"] = f.deviance;
  j["null_deviance"] = f.null_deviance;
  j["converged"] = f.converged;
  j["iterations"] = f.iterations;
  return Result::ok(j);
}

// Dunnett's many-to-one comparisons: every group against the reference (control).
Result dunnett_test(const data::Columns& csv, const StatsOptions& o) {
  IL2T_TRY(g, groups_of(csv, o, false));
  IL2T_TRY(y, column(csv, o.outcome, "--outcome", data::CellRule::any_number));
  const std::size_t k = g.value->labels.size();
  std::vector<double> sum(k, 0), sumsq(k, 0), n(k, 0);
  for (std::size_t i = 0; i < y.value->size(); ++i) {
    const std::size_t gi = g.value->index[i];
    sum[gi] += (*y.value)[i];
    n[gi] += 1;
  }
  std::vector<double> mean(k);
  for (std::size_t a = 0; a < k; ++a) mean[a] = sum[a] / n[a];
  double ss = 0;
  for (std::size_t i = 0; i < y.value->size(); ++i) {
    const double d = (*y.value)[i] - mean[g.value->index[i]];
    ss += d * d;
  }
  double total = 0;
  for (double v : n) total += v;
  const double df = total - static_cast<double>(k);
  if (df < 1) return Result::fail("dunnett: too few observations for a pooled standard deviation");
  if (!(ss > 0)) return Result::fail("dunnett: the outcome does not vary within groups");
  // The control (reference, sorted last) first, as dunnett() expects.
  std::vector<double> m{mean[k - 1]}, nn{n[k - 1]};
  for (std::size_t a = 0; a + 1 < k; ++a) {
    m.push_back(mean[a]);
    nn.push_back(n[a]);
  }
  const double sd = std::sqrt(ss / df);
  IL2T_TRY(r, stats::dunnett(m, nn, sd, df, o.one_sided, 1 - o.conf));
  const double c = r.value->critical_value;
  ordered_json j;
  j["analysis"] = "dunnett";
  j["method"] = std::string("Dunnett many-to-one comparisons (") + (o.one_sided ? "one-sided, greater" : "two-sided") + ")";
  j["control"] = g.value->labels[k - 1];
  j["df"] = df;
  j["critical_value"] = c;
  j["conf_level"] = o.conf;
  j["ci_is"] = std::string("simultaneous, single-step: difference ") + (o.one_sided ? "− c·se to Inf" : "± c·se") +
               " with Dunnett's critical value c, as R's multcomp confint(glht(..., mcp(group = \"Dunnett\")))";
  // Each comparison: the difference of means against the control, its standard error,
  // the adjusted p-value and the simultaneous interval.
  for (std::size_t a = 0; a + 1 < k; ++a) {
    const double diff = mean[a] - mean[k - 1], se = sd * std::sqrt(1 / n[a] + 1 / n[k - 1]);
    j["comparisons"].push_back({{"group", g.value->labels[a]}, {"difference", diff}, {"std_error", se},
                                {"statistic", r.value->statistics[a]}, {"p_value", r.value->p_adjusted[a]},
                                {"ci_lower", diff - c * se}, {"ci_upper", o.one_sided ? number(INFINITY) : ordered_json(diff + c * se)}});
  }
  return Result::ok(j);
}

}  // namespace

namespace {

// The candidate models MCP-Mod takes (stats::model_shape, stats::fit_dose_response),
// each with its guesstimates as DoseFinding's Mods names them. DoseFinding requires the
// emax, sigEmax, exponential and logistic guesstimates to be positive; quadratic's delta
// may take either sign (below 0 an umbrella, the usual use).
struct ModelSpec {
  const char* name;
  std::vector<const char*> guesses;
  bool positive;
  const char* example;
};

const std::vector<ModelSpec>& model_specs() {
  static const std::vector<ModelSpec> specs = {
      {"linear", {}, false, "linear"},
      {"emax", {"ED50"}, true, "emax:0.2"},
      {"sigEmax", {"ED50", "h"}, true, "sigEmax:0.4:3"},
      {"exponential", {"delta"}, true, "exponential:0.5"},
      {"quadratic", {"delta"}, false, "quadratic:-0.7"},
      {"logistic", {"ED50", "delta"}, true, "logistic:0.5:0.1"},
  };
  return specs;
}

std::string trimmed(std::string_view s) {
  const std::size_t from = s.find_first_not_of(" \t");
  if (from == std::string_view::npos) return {};
  return std::string(s.substr(from, s.find_last_not_of(" \t") - from + 1));
}

// "ED50 and h", "ED50".
std::string guess_names(const ModelSpec& m) {
  std::string out;
  for (std::size_t i = 0; i < m.guesses.size(); ++i)
    out += std::string(i == 0 ? "" : i + 1 == m.guesses.size() ? " and " : ", ") + m.guesses[i];
  return out;
}

}  // namespace

stats::Outcome<std::vector<stats::CandidateModel>> parse_models(const std::string& text) {
  using Out = stats::Outcome<std::vector<stats::CandidateModel>>;
  const auto fail = [](const std::string& why) { return Out::fail("--models: " + why); };
  std::string known;
  for (const ModelSpec& m : model_specs()) known += std::string(known.empty() ? "" : ", ") + m.name;
  std::vector<stats::CandidateModel> out;
  std::size_t from = 0;
  while (from <= text.size()) {
    const std::size_t to = std::min(text.find(',', from), text.size());
    const std::string item = trimmed(std::string_view(text).substr(from, to - from));
    from = to + 1;
    if (item.empty())
      return fail(text.find_first_not_of(" \t") == std::string::npos
                      ? "no models given; give them as " + std::string(kDefaultModels)
                      : "an empty item in \"" + text + "\"; give the models separated by single commas");
    stats::CandidateModel m;
    std::size_t p = item.find(':');
    m.name = trimmed(item.substr(0, p));
    const auto spec = std::find_if(model_specs().begin(), model_specs().end(),
                                   [&](const ModelSpec& s) { return m.name == s.name; });
    if (spec == model_specs().end()) {
      std::string hint;
      for (const ModelSpec& s : model_specs()) {
        std::string a = m.name, b = s.name;
        for (char& c : a) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (char& c : b) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (a == b) hint = " (did you mean " + std::string(s.name) + "?)";
      }
      return fail(m.name.empty() ? "\"" + item + "\" has no model name; the models are " + known
                                 : "unknown model \"" + m.name + "\"" + hint + "; the models are " + known);
    }
    while (p != std::string::npos) {
      const std::size_t q = item.find(':', p + 1);
      const std::string v = trimmed(item.substr(p + 1, q == std::string::npos ? std::string::npos : q - p - 1));
      const std::string_view num = std::string_view(v).substr(v.size() > 1 && v[0] == '+' && v[1] != '-' ? 1 : 0);
      double x = 0;
      const auto [end, ec] = std::from_chars(num.data(), num.data() + num.size(), x);
      if (num.empty() || ec != std::errc() || end != num.data() + num.size() || !std::isfinite(x))
        return fail("\"" + v + "\" in \"" + item + "\" is not a number");
      m.guess.push_back(x);
      p = q;
    }
    if (m.guess.size() != spec->guesses.size()) {
      const std::size_t n = spec->guesses.size();
      return fail(m.name + " takes " +
                  (n == 0 ? std::string("no guesstimate")
                          : std::to_string(n) + " guesstimate" + (n == 1 ? " (" : "s (") + guess_names(*spec) +
                                "), as " + spec->example) +
                  "; \"" + item + "\" gives " + std::to_string(m.guess.size()));
    }
    for (std::size_t g = 0; g < m.guess.size(); ++g)
      if (spec->positive && !(m.guess[g] > 0))
        return fail(m.name + ": the " + spec->guesses[g] + " guesstimate must be above 0; \"" + item + "\" gives " +
                    fmt::format("{}", m.guess[g]));
    if (std::any_of(out.begin(), out.end(), [&](const stats::CandidateModel& o) { return o.name == m.name; }))
      return fail(m.name + " is given twice; give each model once (its fit does not depend on the guesstimates)");
    out.push_back(std::move(m));
  }
  return Out::ok(out);
}

namespace {

// MCP-Mod: the multiple contrast test, then the significant models fitted, the best by
// AIC, and its target dose.
Result mcpmod(const data::Columns& csv, const StatsOptions& o) {
  IL2T_TRY(d, column(csv, o.dose, "--dose", data::CellRule::non_negative));
  IL2T_TRY(y, column(csv, o.response.empty() ? o.outcome : o.response, "--response", data::CellRule::any_number));
  if (o.models.empty()) return Result::fail("give the candidate models with --models, e.g. linear,emax:0.2,sigEmax:0.4:3");
  if (!(o.delta > 0) || !std::isfinite(o.delta))
    return Result::fail("--delta " + fmt::format("{}", o.delta) +
                        ": the clinically relevant effect must be a positive number on the response's scale");
  IL2T_TRY(models, parse_models(o.models));
  const double alpha = (1 - o.conf) / 2;  // one-sided at half the two-sided level: 0.025 for --conf 0.95
  IL2T_TRY(t, stats::mct_test(*d.value, *y.value, *models.value, o.decreasing, alpha));
  ordered_json j;
  j["analysis"] = "mcpmod";
  j["method"] = "MCP-Mod: multiple contrast test (one-sided), AIC model selection";
  j["df"] = t.value->df;
  j["critical_value"] = t.value->critical_value;
  j["alpha"] = alpha;
  j["delta"] = o.delta;
  j["direction"] = o.decreasing ? "decreasing" : "increasing";
  double max_dose = 0;
  for (double v : *d.value) max_dose = std::max(max_dose, v);
  std::string best;
  double best_aic = INFINITY;
  for (std::size_t m = 0; m < t.value->models.size(); ++m) {
    ordered_json row{{"model", t.value->models[m]}, {"t", t.value->t[m]}, {"p_value", t.value->p_adjusted[m]},
                     {"contrast", t.value->contrasts[m]}};
    // Significant as MCPMod decides: the adjusted p-value below alpha, i.e. t above the
    // critical value (the same here, both from one deterministic integral).
    const bool significant = t.value->t[m] > t.value->critical_value;
    row["significant"] = significant;
    if (significant) {
      auto f = stats::fit_dose_response(t.value->models[m], *d.value, *y.value);
      if (f) {
        row["fit"] = {{"coef", f.value->coef}, {"aic", f.value->aic}};
        const auto td = stats::target_dose(*f.value, o.delta, o.decreasing, max_dose);
        row["fit"]["target_dose"] = td ? ordered_json(*td) : ordered_json(nullptr);
        if (f.value->aic < best_aic) {
          best_aic = f.value->aic;
          best = t.value->models[m];
          j["target_dose"] = row["fit"]["target_dose"];
        }
      } else {
        row["fit_error"] = f.error;
      }
    }
    j["models"].push_back(row);
  }
  double tmax = -INFINITY, pmin = 1;
  for (double v : t.value->t) tmax = std::max(tmax, v);
  for (double v : t.value->p_adjusted) pmin = std::min(pmin, v);
  j["statistic"] = tmax;
  j["p_value"] = pmin;
  j["statistic_is"] = "the largest contrast t; p_value is the smallest multiplicity-adjusted p-value";
  j["significant"] = tmax > t.value->critical_value;
  j["selected_model"] = best.empty() ? ordered_json(nullptr) : ordered_json(best);
  if (!j.contains("target_dose")) j["target_dose"] = nullptr;
  j["max_dose"] = max_dose;
  return Result::ok(j);
}

#undef IL2T_TRY

}  // namespace

Result run_stats(const std::string& analysis, const data::Columns& csv, const StatsOptions& o) {
  if (analysis == "fisher" || analysis == "chisq" || analysis == "proportion") return two_by_two(analysis, csv, o);
  if (analysis == "ttest" || analysis == "ancova") return two_samples(analysis, csv, o);
  if (analysis == "wilcoxon") return wilcoxon(csv, o);
  if (analysis == "km" || analysis == "logrank" || analysis == "cox") return survival(analysis, csv, o);
  if (analysis == "cmh") return stratified(csv, o);
  if (analysis == "logistic") return logistic_model(csv, o);
  if (analysis == "dunnett") return dunnett_test(csv, o);
  if (analysis == "mcpmod") return mcpmod(csv, o);
  return Result::fail("unknown analysis \"" + analysis + "\" (proportion, fisher, chisq, cmh, ttest, ancova, wilcoxon, km, logrank, cox, logistic, dunnett, mcpmod)");
}

}  // namespace il2t::report
