// Every statistic against the values R computed on the same data
// (tests/reference/stats_reference.json, made by tests/reference/stats_reference.R).
// Agreement: 1e-6 relative, except where R itself stops short of that (uniroot's
// default tolerance in fisher.test's odds ratio and interval: 2e-4 relative).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "stats/cox.h"
#include "stats/dunnett.h"
#include "stats/logistic.h"
#include "stats/dose_response.h"
#include "stats/mcpmod.h"
#include "stats/multiplicity.h"
#include "stats/proportions.h"
#include "stats/rates.h"
#include "stats/survival.h"
#include "stats/tables.h"
#include "stats/ttest.h"
#include "stats/wilcoxon.h"
#include "unit/test_support.h"

namespace il2t::stats {
namespace {

using nlohmann::json;

const json& reference() { return test::r_reference("stats_reference.json"); }

// R's infinities are written as the strings "Inf" and "-Inf".
double number(const json& x) {
  if (x.is_string()) return x.get<std::string>() == "-Inf" ? -INFINITY : INFINITY;
  return x.get<double>();
}

constexpr double kRel = 1e-6;

// |a − b| within rel × |b| (absolute 1e-12 near zero); R's null matches an absent value.
void near(const std::optional<double>& ours, const json& r, double rel, const std::string& what) {
  if (r.is_null()) {
    EXPECT_TRUE(!ours || std::isnan(*ours)) << what << ": R gives NA, we give " << *ours;
    return;
  }
  ASSERT_TRUE(ours.has_value()) << what << ": R gives " << r.dump();
  const double b = number(r);
  if (std::isinf(b)) {
    EXPECT_EQ(*ours, b) << what;
    return;
  }
  EXPECT_LE(std::fabs(*ours - b), std::max(rel * std::fabs(b), 1e-12)) << what << ": ours " << *ours << ", R " << b;
}
void near(double ours, const json& r, double rel, const std::string& what) { near(std::optional<double>(ours), r, rel, what); }

std::vector<double> vec(const json& j) {
  std::vector<double> v;
  for (const auto& x : j) v.push_back(x.is_null() ? std::nan("") : number(x));
  return v;
}

Table2x2 table(const json& t) { return {{{t[0][0].get<double>(), t[0][1].get<double>()}, {t[1][0].get<double>(), t[1][1].get<double>()}}}; }

TEST(AgainstR, ProportionIntervals) {
  for (const auto& c : reference().at("proportion_ci")) {
    const double x = c["x"], n = c["n"], conf = c["conf"];
    const std::string what = c.value("note", "") + " (" + c["x"].dump() + "/" + c["n"].dump() + ")";
    auto w = wilson(x, n, conf), wc = wilson(x, n, conf, true), cp = clopper_pearson(x, n, conf), ac = agresti_coull(x, n, conf);
    ASSERT_TRUE(w && wc && cp && ac) << what;
    near(w.value->lower, c["wilson"][0], kRel, what + " wilson lower");
    near(w.value->upper, c["wilson"][1], kRel, what + " wilson upper");
    near(wc.value->lower, c["wilson_cc"][0], kRel, what + " wilson_cc lower");
    near(wc.value->upper, c["wilson_cc"][1], kRel, what + " wilson_cc upper");
    near(cp.value->lower, c["clopper_pearson"][0], kRel, what + " CP lower");
    near(cp.value->upper, c["clopper_pearson"][1], kRel, what + " CP upper");
    near(ac.value->lower, c["agresti_coull"][0], kRel, what + " AC lower");
    near(ac.value->upper, c["agresti_coull"][1], kRel, what + " AC upper");
  }
}

TEST(AgainstR, TwoProportions) {
  for (const auto& c : reference().at("two_proportions")) {
    const double x1 = c["x1"], n1 = c["n1"], x2 = c["x2"], n2 = c["n2"], conf = c["conf"];
    const std::string what = c.value("note", "");
    auto d = newcombe_difference(x1, n1, x2, n2, conf);
    ASSERT_TRUE(d) << what;
    near(d.value->estimate, c["difference"], kRel, what + " difference");
    near(d.value->ci->lower, c["newcombe"][0], kRel, what + " newcombe lower");
    near(d.value->ci->upper, c["newcombe"][1], kRel, what + " newcombe upper");
    for (auto [key, fn] : {std::pair{"risk_ratio", &risk_ratio}, std::pair{"odds_ratio_wald", &odds_ratio_wald}}) {
      auto r = fn(x1, n1, x2, n2, conf);
      const json& ref = c[key];
      if (ref.is_null() || ref["estimate"].is_null()) {
        EXPECT_FALSE(r) << what << " " << key << ": R gives none";
        continue;
      }
      ASSERT_TRUE(r) << what << " " << key << ": " << r.error;
      near(r.value->estimate, ref["estimate"], kRel, what + " " + key);
      near(r.value->ci.lower, ref["lower"], kRel, what + " " + key + " lower");
      near(r.value->ci.upper, ref["upper"], kRel, what + " " + key + " upper");
    }
  }
}

TEST(AgainstR, MiettinenNurminen) {
  for (const auto& c : reference().at("miettinen_nurminen")) {
    const std::string what = c.value("note", "").substr(0, 60);
    auto r = miettinen_nurminen(c["x1"], c["n1"], c["x2"], c["n2"], c["conf"]);
    ASSERT_TRUE(r) << what << ": " << r.error;
    near(r.value->estimate, c["difference"], kRel, what + " difference");
    near(r.value->ci->lower, c["conf_int"][0], kRel, what + " lower");
    near(r.value->ci->upper, c["conf_int"][1], kRel, what + " upper");
  }
}

TEST(AgainstR, FisherExact) {
  for (const auto& c : reference().at("fisher")) {
    const std::string what = c.value("note", "") + " " + c["table"].dump();
    auto r = fisher_exact(table(c["table"]));
    ASSERT_TRUE(r) << what << ": " << r.error;
    near(r.value->p_value, c["p_value"], kRel, what + " p");
    near(r.value->estimate, c["estimate"], 2e-4, what + " odds ratio");
    near(r.value->ci->lower, c["conf_int"][0], 2e-4, what + " lower");
    near(r.value->ci->upper, c["conf_int"][1], 2e-4, what + " upper");
    auto less = fisher_one_sided(table(c["table"]), false), greater = fisher_one_sided(table(c["table"]), true);
    near(less.value->p_value, c["p_less"], kRel, what + " p less");
    near(greater.value->p_value, c["p_greater"], kRel, what + " p greater");
  }
}

TEST(AgainstR, ChiSquare) {
  for (const auto& c : reference().at("chisq")) {
    const std::string what = c.value("note", "") + " " + c["table"].dump() + (c["correct"].get<bool>() ? " corrected" : "");
    auto r = chi_square(table(c["table"]), c["correct"].get<bool>());
    if (c["statistic"].is_null()) {
      EXPECT_FALSE(r) << what;
      continue;
    }
    ASSERT_TRUE(r) << what << ": " << r.error;
    near(r.value->statistic, c["statistic"], kRel, what + " X²");
    near(r.value->p_value, c["p_value"], kRel, what + " p");
  }
}

TEST(AgainstR, CochranMantelHaenszel) {
  for (const auto& c : reference().at("cmh")) {
    const std::string what = c.value("note", "");
    std::vector<Table2x2> strata;
    for (const auto& t : c["tables"]) strata.push_back(table(t));
    auto r = cmh(strata, c["correct"].get<bool>());
    ASSERT_TRUE(r) << what << ": " << r.error;
    near(r.value->statistic, c["statistic"], kRel, what + " statistic");
    near(r.value->p_value, c["p_value"], kRel, what + " p");
    near(r.value->estimate, c["mh_odds_ratio"], kRel, what + " MH odds ratio");
    near(r.value->ci->lower, c["conf_int"][0], kRel, what + " lower");
    near(r.value->ci->upper, c["conf_int"][1], kRel, what + " upper");
  }
}

TEST(AgainstR, TTests) {
  for (const auto& c : reference().at("ttest")) {
    const std::string what = c.value("note", "");
    const auto x = vec(c["x"]), y = vec(c["y"]);
    auto r = t_test(x, y, c["var_equal"].get<bool>());
    ASSERT_TRUE(r) << what << ": " << r.error;
    near(r.value->statistic, c["statistic"], kRel, what + " t");
    near(r.value->df, c["df"], kRel, what + " df");
    near(r.value->p_value, c["p_value"], kRel, what + " p");
    near(r.value->estimate, c["estimate_difference"], kRel, what + " difference");
    near(r.value->ci->lower, c["conf_int"][0], kRel, what + " lower");
    near(r.value->ci->upper, c["conf_int"][1], kRel, what + " upper");
  }
}

TEST(AgainstR, Ancova) {
  for (const auto& c : reference().at("ancova")) {
    const std::string what = c.value("note", "");
    const auto g = vec(c["group"]), b = vec(c["baseline"]), y = vec(c["outcome"]);
    auto r = ancova(g, b, y);
    ASSERT_TRUE(r) << what << ": " << r.error;
    near(r.value->estimate, c["effect"], kRel, what + " effect");
    near(r.value->std_error, c["std_error"], kRel, what + " se");
    near(r.value->statistic, c["t"], kRel, what + " t");
    near(r.value->df, c["df"], kRel, what + " df");
    near(r.value->p_value, c["p_value"], kRel, what + " p");
    near(r.value->ci->lower, c["conf_int"][0], kRel, what + " lower");
    near(r.value->ci->upper, c["conf_int"][1], kRel, what + " upper");
  }
}

// R's normal-approximation estimate and interval come from uniroot with tol 1e-4 on a
// step function; they are compared with the points it converges to (conf_int_converged)
// and the estimate with the Hodges–Lehmann median, which R's exact branch reports.
TEST(AgainstR, Wilcoxon) {
  for (const auto& c : reference().at("wilcoxon")) {
    const std::string what = c.value("note", "").substr(0, 80);
    const auto x = vec(c["x"]), y = vec(c["y"]);
    std::optional<bool> exact;
    if (!c["exact"].is_null()) exact = c["exact"].get<bool>();
    auto r = wilcoxon_rank_sum(x, y, exact, c["correct"].get<bool>());
    ASSERT_TRUE(r) << what << ": " << r.error;
    EXPECT_EQ(r.value->method, c["method"].get<std::string>()) << what;
    near(r.value->statistic, c["statistic"], kRel, what + " W");
    near(r.value->p_value, c["p_value"], kRel, what + " p");
    near(r.value->estimate, c["hodges_lehmann"], kRel, what + " Hodges–Lehmann");
    near(r.value->ci->lower, c["conf_int_converged"][0], kRel, what + " lower");
    near(r.value->ci->upper, c["conf_int_converged"][1], kRel, what + " upper");
    // And against R's printed values, within uniroot's absolute tolerance (1e-4).
    EXPECT_NEAR(r.value->ci->lower, number(c["conf_int"][0]), 2e-4) << what << " lower (R)";
    EXPECT_NEAR(r.value->ci->upper, number(c["conf_int"][1]), 2e-4) << what << " upper (R)";
  }
}

TEST(StatsErrors, DegenerateDataAreErrorsNotNaN) {
  const std::vector<double> ones = {1, 1, 1}, twos = {1, 1};
  auto w = wilcoxon_rank_sum(ones, twos);
  EXPECT_FALSE(w);
  EXPECT_EQ(w.error, "wilcoxon: every value is tied, so the ranks carry no information");
  auto l = logistic(std::vector<double>{1, 0, 1, 0}, {{1, 1, 0, 0}, {5, 5, 5, 5}}, {"group", "age"});
  EXPECT_FALSE(l);
  EXPECT_EQ(l.error, "logistic: the design is singular (a covariate is constant, or repeats the group)");
  const std::array<Table2x2, 2> no_info = {Table2x2{{{3, 2}, {0, 0}}}, Table2x2{{{0, 0}, {1, 4}}}};
  auto c = cmh(no_info, true);
  EXPECT_FALSE(c);
  EXPECT_EQ(c.error, "cmh: no stratum holds both groups and both outcomes, so there is no information");
}

TEST(AgainstR, KaplanMeier) {
  for (const auto& c : reference().at("km")) {
    const std::string what = c.value("note", "");
    const auto t = vec(c["time"]), e = vec(c["event"]);
    auto r = kaplan_meier(t, e);
    ASSERT_TRUE(r) << what << ": " << r.error;
    const KaplanMeier& km = *r.value;
    const auto times = vec(c["times"]);
    ASSERT_EQ(km.time.size(), times.size()) << what;
    for (std::size_t i = 0; i < times.size(); ++i) {
      const std::string at = what + " at t=" + std::to_string(times[i]);
      near(km.time[i], c["times"][i], kRel, at);
      near(km.n_risk[i], c["n_risk"][i], kRel, at + " n.risk");
      near(km.n_event[i], c["n_event"][i], kRel, at + " n.event");
      near(km.surv[i], c["surv"][i], kRel, at + " surv");
      near(km.std_err[i], c["std_err"][i], kRel, at + " std.err");
      near(km.lower[i], c["lower"][i], kRel, at + " lower");
      near(km.upper[i], c["upper"][i], kRel, at + " upper");
    }
    near(km.median, c["median"], kRel, what + " median");
    near(km.median_lower, c["median_lower"], kRel, what + " median lower");
    near(km.median_upper, c["median_upper"], kRel, what + " median upper");
  }
}

TEST(AgainstR, LogRank) {
  for (const auto& c : reference().at("logrank")) {
    const std::string what = c.value("note", "");
    const auto t = vec(c["time"]), e = vec(c["event"]), g = vec(c["group"]);
    const auto s = c["strata"].is_null() ? std::vector<double>{} : vec(c["strata"]);
    auto r = log_rank(t, e, g, s);
    ASSERT_TRUE(r) << what << ": " << r.error;
    near(r.value->test.statistic, c["chisq"], kRel, what + " chisq");
    near(r.value->test.df, c["df"], kRel, what + " df");
    near(r.value->test.p_value, c["p_value"], kRel, what + " p");
    const auto o = vec(c["observed"]), ex = vec(c["expected"]);
    ASSERT_EQ(r.value->observed.size(), o.size()) << what;
    for (std::size_t k = 0; k < o.size(); ++k) {
      near(r.value->observed[k], c["observed"][k], kRel, what + " observed");
      near(r.value->expected[k], c["expected"][k], kRel, what + " expected");
    }
  }
}

// Under monotone likelihood (perfect separation, an arm without events) the estimate
// diverges and R stops where its convergence rule says: only the score test, computed
// at β = 0, is a sound reference there; the likelihood ratio is near its limit.
TEST(AgainstR, Cox) {
  for (const auto& c : reference().at("cox")) {
    const std::string what = c.value("note", "").substr(0, 70) + " (" + c["ties"].get<std::string>() + ")";
    const auto t = vec(c["time"]), e = vec(c["event"]), g = vec(c["group"]);
    std::vector<std::vector<double>> x;
    for (double v : g) x.push_back({v});
    const Ties ties = c["ties"] == "efron" ? Ties::efron : Ties::breslow;
    auto r = cox(t, e, x, ties);
    ASSERT_TRUE(r) << what << ": " << r.error;
    near(r.value->score, c["score_statistic"], kRel, what + " score");
    near(r.value->score_p, c["score_p"], kRel, what + " score p");
    if (c["note"].get<std::string>().find("monotone likelihood") != std::string::npos) {
      near(r.value->lr, c["lr_statistic"], 1e-3, what + " LR (near its limit)");
      continue;
    }
    EXPECT_TRUE(r.value->converged) << what;
    near(r.value->coef[0], c["coef"], kRel, what + " coef");
    near(r.value->se[0], c["se"], kRel, what + " se");
    near(r.value->wald, c["wald_statistic"], kRel, what + " Wald");
    near(r.value->wald_p, c["wald_p"], kRel, what + " Wald p");
    near(r.value->lr, c["lr_statistic"], kRel, what + " LR");
    near(r.value->lr_p, c["lr_p"], kRel, what + " LR p");
    auto hr = cox_group(t, e, g, ties);
    ASSERT_TRUE(hr);
    near(hr.value->estimate, c["hazard_ratio"], kRel, what + " HR");
    near(hr.value->ci->lower, c["conf_int"][0], kRel, what + " HR lower");
    near(hr.value->ci->upper, c["conf_int"][1], kRel, what + " HR upper");
  }
}

// Where glm stops on separated data the estimates are only where it stopped; the
// deviance and the null deviance are compared there (they converge), the rest elsewhere.
TEST(AgainstR, Logistic) {
  for (const auto& c : reference().at("logistic")) {
    const std::string what = c.value("note", "").substr(0, 60);
    std::vector<std::vector<double>> cols{vec(c["group"])};
    std::vector<std::string> names{"group"};
    if (!c["covariate"].is_null()) {
      cols.push_back(vec(c["covariate"]));
      names.push_back("covariate");
    }
    auto r = logistic(vec(c["y"]), cols, names);
    ASSERT_TRUE(r) << what << ": " << r.error;
    near(r.value->null_deviance, c["null_deviance"], kRel, what + " null deviance");
    if (c["note"].get<std::string>().find("separation") != std::string::npos) {
      EXPECT_NEAR(r.value->deviance, number(c["deviance"]), 1e-6) << what << " deviance";
      continue;
    }
    EXPECT_EQ(r.value->iterations, c["iterations"].get<int>()) << what;
    near(r.value->deviance, c["deviance"], kRel, what + " deviance");
    near(r.value->coef[0], c["coef"]["intercept"], kRel, what + " intercept");
    near(r.value->coef[1], c["coef"]["group"], kRel, what + " group");
    near(r.value->se[1], c["se"]["group"], kRel, what + " se group");
    near(r.value->z[1], c["z_group"], kRel, what + " z");
    near(r.value->p[1], c["p_group"], kRel, what + " p");
    if (cols.size() == 2) near(r.value->coef[2], c["coef"]["covariate"], kRel, what + " covariate");
  }
}

// mvtnorm's default algorithm is randomised; its deterministic TVPACK values (one-sided,
// about 1e-9) are compared to 1e-6, the others to mvtnorm's own error (about 1e-5).
TEST(AgainstR, Dunnett) {
  for (const auto& c : reference().at("dunnett")) {
    const std::string what = c.value("note", "").substr(0, 50) + " (" + c["alternative"].get<std::string>() + ")";
    const bool one_sided = c["alternative"] == "greater";
    auto r = dunnett(vec(c["means"]), vec(c["n_per_group"]), c["sd_pooled"], c["df"], one_sided, c["alpha"]);
    ASSERT_TRUE(r) << what << ": " << r.error;
    for (std::size_t i = 0; i < r.value->statistics.size(); ++i) {
      near(r.value->statistics[i], c["statistics"][i], kRel, what + " t");
      if (!c["p_adjusted_tvpack"].is_null()) near(r.value->p_adjusted[i], c["p_adjusted_tvpack"][i], kRel, what + " p");
      else EXPECT_NEAR(r.value->p_adjusted[i], number(c["p_adjusted"][i]), 2e-5) << what << " p";
    }
    if (!c["critical_value_tvpack"].is_null()) near(r.value->critical_value, c["critical_value_tvpack"], kRel, what + " c");
    else EXPECT_NEAR(r.value->critical_value, number(c["critical_value_root"]), 2e-5) << what << " c";
  }
}

// DoseFinding's candidate set of the reference (see its note): contrasts and t are
// exact; R's critical value and p-values come from randomised QMC on a singular
// correlation (tests/reference/README.md: compare to 2e-3 and 2e-4 absolute).
TEST(AgainstR, McpModContrastTest) {
  const std::vector<CandidateModel> models = {{"linear", {}}, {"emax", {0.2}}, {"sigEmax", {0.4, 3}},
                                              {"exponential", {0.5}}, {"quadratic", {-0.7}}};
  for (const auto& c : reference().at("mcpmod")) {
    const std::string what = c.value("note", "").substr(0, 40);
    auto r = mct_test(vec(c["dose"]), vec(c["response"]), models, c["direction"] == "decreasing", c["alpha"]);
    ASSERT_TRUE(r) << what << ": " << r.error;
    near(r.value->df, c["df"], kRel, what + " df");
    for (std::size_t m = 0; m < models.size(); ++m) {
      const std::string name = models[m].name;
      for (std::size_t i = 0; i < r.value->contrasts[m].size(); ++i)
        near(r.value->contrasts[m][i], c["contrast_matrix"][name][i], kRel, what + " contrast " + name);
      near(r.value->t[m], c["t_statistics"][name], kRel, what + " t " + name);
      for (std::size_t l = 0; l < models.size(); ++l)
        near(r.value->correlation[m][l], c["contrast_correlation"][name][l], kRel, what + " correlation");
      EXPECT_NEAR(r.value->p_adjusted[m], number(c["p_values"][name]), 2e-4) << what << " p " << name;
    }
    EXPECT_NEAR(r.value->critical_value, number(c["critical_value"]), 2e-3) << what << " critical value";
  }
}

// DoseFinding's bounded least-squares fits, their AIC and target doses (1e-5 relative,
// as tests/reference/README.md recommends), and the model AIC selects.
TEST(AgainstR, McpModFitsAndTargetDose) {
  for (const auto& c : reference().at("mcpmod")) {
    const std::string what = c.value("note", "").substr(0, 40);
    if (c["fits"].empty()) continue;  // nothing significant: nothing fitted
    const auto dose = vec(c["dose"]), resp = vec(c["response"]);
    std::string best;
    double best_aic = INFINITY;
    for (const auto& [name, ref] : c["fits"].items()) {
      auto f = fit_dose_response(name, dose, resp);
      ASSERT_TRUE(f) << what << " " << name << ": " << f.error;
      for (const auto& [k, v] : ref["coef"].items())
        near(f.value->coef.at(k), v, 1e-5, what + " " + name + " " + k);
      near(f.value->aic, ref["aic"], 1e-5, what + " " + name + " AIC");
      near(target_dose(*f.value, c["delta"], c["direction"] == "decreasing", 1.0), ref["target_dose"], 1e-5,
           what + " " + name + " target dose");
      if (f.value->aic < best_aic) {
        best_aic = f.value->aic;
        best = name;
      }
    }
    EXPECT_EQ(best, c["selected_model"].get<std::string>()) << what;
  }
}

// Every candidate model fitted alone on five dose levels (fitMod with defBnds(1)).
TEST(AgainstR, DoseResponseFits) {
  for (const auto& c : reference().at("dose_response_fits")) {
    const std::string model = c["model"];
    auto f = fit_dose_response(model, vec(c["dose"]), vec(c["response"]));
    ASSERT_TRUE(f) << model << ": " << f.error;
    for (const auto& [k, v] : c["coef"].items()) near(f.value->coef.at(k), v, 1e-5, model + " " + k);
    near(f.value->aic, c["aic"], 1e-5, model + " AIC");
    near(target_dose(*f.value, c["delta"], c["direction"] == "decreasing", 1.0), c["target_dose"], 1e-5,
         model + " target dose");
  }
}

TEST(AgainstR, IncidencePer100PatientYears) {
  for (const auto& c : reference().at("incidence")) {
    const std::string what = c["events"].dump() + " events in " + c["patient_years"].dump() + " patient-years";
    auto r = incidence_per_100py(c["events"], c["patient_years"]);
    ASSERT_TRUE(r) << what << ": " << r.error;
    near(r.value->estimate, c["per_100py"], kRel, what);
    near(r.value->ci->lower, c["conf_int"][0], kRel, what + " lower");
    near(r.value->ci->upper, c["conf_int"][1], kRel, what + " upper");
  }
}

TEST(AgainstR, PoissonRateRatio) {
  for (const auto& c : reference().at("poisson")) {
    const std::string what = c.value("note", "");
    auto r = poisson_rate_ratio(c["x1"], c["t1"], c["x2"], c["t2"]);
    ASSERT_TRUE(r) << what << ": " << r.error;
    near(r.value->estimate, c["rate_ratio"], kRel, what + " rate ratio");
    near(r.value->ci->lower, c["conf_int"][0], kRel, what + " lower");
    near(r.value->ci->upper, c["conf_int"][1], kRel, what + " upper");
    near(r.value->p_value, c["p_value"], kRel, what + " p");
  }
}

TEST(AgainstR, Multiplicity) {
  for (const auto& c : reference().at("multiplicity")) {
    const std::string what = c.value("note", "");
    const auto p = vec(c["p"]);
    for (auto [key, fn] : {std::pair{"bonferroni", &bonferroni}, std::pair{"holm", &holm}, std::pair{"hochberg", &hochberg}}) {
      auto r = fn(p);
      ASSERT_TRUE(r) << what;
      for (std::size_t i = 0; i < p.size(); ++i) near((*r.value)[i], c[key][i], kRel, what + " " + key);
    }
  }
}

}  // namespace
}  // namespace il2t::stats
