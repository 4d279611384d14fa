// The MMRM (stats/mmrm.h) against R's nlme::gls (tests/reference/mmrm.json, made by
// tests/reference/mmrm.R), its argument checks, and one visit = the ANCOVA.
//
// Tolerances. At nlme's own covariance (mmrm_at_covariance) everything but the
// optimiser is checked: 1e-10 relative (1e-9 absolute on the log-likelihood); the
// differences seen are below 2e-12. The full REML fit is compared with nlme's
// "tight" fit (optim BFGS, reltol 1e-15); nlme's optimiser uses finite-difference
// gradients and stops about 1e-10 short in log-likelihood (our optimum is higher, at a
// Newton decrement below 1e-12), which leaves nlme's covariance about 3e-6 relative
// from the optimum. So: log-likelihood within 1e-8 absolute and never below nlme's by
// more than 1e-11; covariance and coefficient covariance within 1e-5 of the scale
// sqrt(a_ii·a_jj); coefficients within 1e-5 standard errors; contrast estimates 1e-6
// relative, their standard errors and intervals 2e-6 relative, p-values 5e-5 relative
// (a small p moves t²-fold faster than the standard error). Against gls's default
// control (nlminb, which stops 3e-9 to 3e-8 short in log-likelihood) the covariance is
// up to 2e-5 away: 5e-5 on the matrices and coefficients, 1e-4 on contrasts, 1e-3 on p.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <numeric>

#include "stats/mmrm.h"
#include "stats/ttest.h"
#include "unit/test_support.h"

namespace il2t::stats {
namespace {

using nlohmann::json;

const json& reference() { return test::r_reference("mmrm.json"); }

// One case's data, owned, and the MmrmData viewing it.
struct Case {
  std::string name;
  std::vector<int> subject, visit, group;
  std::vector<double> y, baseline;
  std::vector<std::vector<double>> cov_values;
  std::vector<std::span<const double>> covariates;
  int visits = 0, groups = 0;
  MmrmData data() const { return {subject, visit, group, y, baseline, covariates, visits, groups}; }
};

Case load(const json& c) {
  Case k;
  const json& d = c.at("data");
  k.name = c.at("name");
  k.subject = d.at("subject").get<std::vector<int>>();
  k.visit = d.at("visit").get<std::vector<int>>();
  k.group = d.at("group").get<std::vector<int>>();
  k.y = d.at("y").get<std::vector<double>>();
  if (d.contains("baseline")) k.baseline = d.at("baseline").get<std::vector<double>>();
  if (d.contains("covariates"))
    for (const auto& x : d.at("covariates")) k.cov_values.push_back(x.get<std::vector<double>>());
  for (const auto& v : k.cov_values) k.covariates.emplace_back(v);
  k.visits = c.at("visits");
  k.groups = c.at("groups");
  return k;
}

const Case& case_named(const std::string& name) {
  static const std::vector<Case> all = [] {
    std::vector<Case> out;
    for (const auto& c : reference().at("cases")) out.push_back(load(c));
    return out;
  }();
  for (const auto& c : all)
    if (c.name == name) return c;
  throw std::runtime_error("no case " + name);
}

std::vector<double> row_major(const json& m) {
  std::vector<double> out;
  for (const auto& row : m)
    for (const auto& x : row) out.push_back(x.get<double>());
  return out;
}

void rel(double ours, double r, double tol, const std::string& what) {
  EXPECT_LE(std::fabs(ours - r), tol * std::max(std::fabs(r), 1e-300)) << what << ": ours " << ours << ", R " << r;
}

struct Tolerance {
  double loglik, matrix, coef_se, estimate, se, p;
};

// Every output of `fit` against the R fit `r`.
void compare(const MmrmFit& fit, const json& r, const Tolerance& tol, const std::string& what) {
  const std::size_t p = fit.coef.size();
  ASSERT_EQ(p, r.at("coef").size()) << what;
  ASSERT_EQ(fit.df, r.at("contrast_last")[0].at("df").get<double>()) << what;
  EXPECT_NEAR(fit.reml_loglik, r.at("loglik").get<double>(), tol.loglik) << what << " logLik";
  const std::vector<double> vf = row_major(r.at("var_fix")), cv = row_major(r.at("cov"));
  for (std::size_t i = 0; i < p; ++i) {
    const double se = std::sqrt(vf[i * p + i]);
    EXPECT_NEAR(fit.coef[i], r.at("coef")[i].get<double>(), tol.coef_se * se) << what << " " << fit.names[i];
    for (std::size_t j = 0; j < p; ++j)
      EXPECT_NEAR(fit.coef_at(i, j), vf[i * p + j], tol.matrix * std::sqrt(vf[i * p + i] * vf[j * p + j]))
          << what << " var_fix " << fit.names[i] << ", " << fit.names[j];
  }
  const auto V = static_cast<std::size_t>(fit.visits);
  for (std::size_t a = 0; a < V; ++a)
    for (std::size_t b = 0; b < V; ++b)
      EXPECT_NEAR(fit.cov_at(static_cast<int>(a), static_cast<int>(b)), cv[a * V + b],
                  tol.matrix * std::sqrt(cv[a * V + a] * cv[b * V + b]))
          << what << " covariance " << a << ", " << b;
  const auto test = [&](const TestResult& t, const json& x, const std::string& label) {
    rel(*t.estimate, x.at("estimate"), tol.estimate, label + " estimate");
    rel(*t.std_error, x.at("se"), tol.se, label + " se");
    rel(*t.statistic, x.at("t"), tol.se, label + " t");
    EXPECT_EQ(*t.df, x.at("df").get<double>()) << label;
    rel(*t.p_value, x.at("p"), tol.p, label + " p");
    rel(t.ci->lower, x.at("ci")[0], tol.se, label + " ci lower");
    rel(t.ci->upper, x.at("ci")[1], tol.se, label + " ci upper");
  };
  ASSERT_EQ(fit.contrasts.size(), static_cast<std::size_t>(fit.groups - 1)) << what;
  for (std::size_t g = 0; g + 1 < static_cast<std::size_t>(fit.groups); ++g) {
    test(fit.contrasts[g], r.at("contrast_last")[g], what + " contrast " + std::to_string(g + 1) + " at the last visit");
    test(fit.average_contrasts[g], r.at("contrast_avg")[g], what + " contrast " + std::to_string(g + 1) + " averaged");
  }
  for (std::size_t g = 0; g < static_cast<std::size_t>(fit.groups); ++g) {
    rel(fit.lsmeans[g].estimate, r.at("lsmeans_last")[g].at("estimate"), tol.estimate, what + " lsmean");
    rel(fit.lsmeans[g].std_error, r.at("lsmeans_last")[g].at("se"), tol.se, what + " lsmean se");
  }
}

TEST(Mmrm, MatchesNlmeAtNlmesCovariance) {
  for (const auto& c : reference().at("cases")) {
    const Case k = load(c);
    for (const char* which : {"tight", "fit"}) {
      const std::vector<double> sigma = row_major(c.at(which).at("cov"));
      const auto fit = mmrm_at_covariance(k.data(), sigma);
      ASSERT_TRUE(fit) << k.name << ": " << fit.error.message;
      compare(*fit.value, c.at(which), {1e-9, 1e-10, 1e-10, 1e-10, 1e-10, 1e-10},
              k.name + " at " + which + "'s covariance");
    }
  }
}

TEST(Mmrm, MatchesNlmeReml) {
  for (const auto& c : reference().at("cases")) {
    const Case k = load(c);
    const auto fit = mmrm(k.data());
    ASSERT_TRUE(fit) << k.name << ": " << fit.error.message;
    EXPECT_GE(fit.value->reml_loglik, c.at("tight").at("loglik").get<double>() - 1e-11) << k.name;
    compare(*fit.value, c.at("tight"), {1e-8, 1e-5, 1e-5, 1e-6, 2e-6, 5e-5}, k.name + " (tight)");
    compare(*fit.value, c.at("fit"), {1e-7, 5e-5, 5e-5, 1e-4, 1e-4, 1e-3}, k.name + " (gls default)");
    EXPECT_EQ(fit.value->observations, static_cast<int>(k.y.size()));
    EXPECT_EQ(fit.value->subjects, c.at("n_subjects").get<int>());
  }
}

TEST(Mmrm, NamesFollowRsColumnOrder) {
  const auto fit = mmrm(case_named("three_arms_3_visits").data());
  ASSERT_TRUE(fit) << fit.error.message;
  const std::vector<std::string> want{"intercept",     "visit1",        "visit2",        "group1",
                                      "group2",        "baseline",      "visit1:group1", "visit2:group1",
                                      "visit1:group2", "visit2:group2", "visit1:baseline", "visit2:baseline"};
  EXPECT_EQ(fit.value->names, want);
}

TEST(Mmrm, OneVisitEqualsAncova) {
  const Case& k = case_named("one_visit");
  const auto fit = mmrm(k.data());
  ASSERT_TRUE(fit) << fit.error.message;
  const std::vector<double> group(k.group.begin(), k.group.end());
  const auto a = ancova(group, k.baseline, k.y);
  ASSERT_TRUE(a) << a.error.message;
  const TestResult& m = fit.value->contrasts[0];
  rel(*m.estimate, *a.value->estimate, 1e-10, "estimate");
  rel(*m.std_error, *a.value->std_error, 1e-9, "se");
  rel(*m.statistic, *a.value->statistic, 1e-9, "t");
  EXPECT_EQ(*m.df, *a.value->df);
  rel(*m.p_value, *a.value->p_value, 1e-8, "p");
  rel(m.ci->lower, a.value->ci->lower, 1e-9, "ci lower");
  rel(m.ci->upper, a.value->ci->upper, 1e-9, "ci upper");
}

TEST(Mmrm, RowOrderAndWorkspaceDoNotChangeTheFit) {
  const Case& k = case_named("two_arms_4_visits");
  const auto first = mmrm(k.data());
  ASSERT_TRUE(first) << first.error.message;
  // Rows reversed, subjects relabelled: the same model.
  Case r = k;
  std::reverse(r.subject.begin(), r.subject.end());
  std::reverse(r.visit.begin(), r.visit.end());
  std::reverse(r.group.begin(), r.group.end());
  std::reverse(r.y.begin(), r.y.end());
  std::reverse(r.baseline.begin(), r.baseline.end());
  for (int& s : r.subject) s = 1000 - 3 * s;
  MmrmWorkspace ws;
  const auto other = mmrm(case_named("three_arms_3_visits").data(), {}, ws);
  ASSERT_TRUE(other) << other.error.message;
  const auto again = mmrm(r.data(), {}, ws);
  ASSERT_TRUE(again) << again.error.message;
  for (std::size_t i = 0; i < first.value->coef.size(); ++i)
    EXPECT_NEAR(again.value->coef[i], first.value->coef[i], 1e-9 * std::sqrt(first.value->coef_at(i, i)));
  EXPECT_NEAR(again.value->reml_loglik, first.value->reml_loglik, 1e-9);
  // The same data and workspace again: bit for bit.
  const auto same = mmrm(r.data(), {}, ws);
  ASSERT_TRUE(same);
  EXPECT_EQ(same.value->coef, again.value->coef);
  EXPECT_EQ(same.value->covariance, again.value->covariance);
}

TEST(Mmrm, ContrastAtAnEarlierVisit) {
  const Case& k = case_named("two_arms_4_visits");
  MmrmOptions o;
  o.contrast_visit = 0;
  const auto fit = mmrm(k.data(), o);
  ASSERT_TRUE(fit) << fit.error.message;
  EXPECT_EQ(fit.value->contrast_visit, 0);
  const auto& names = fit.value->names;
  const auto at = [&](const std::string& n) { return static_cast<std::size_t>(std::find(names.begin(), names.end(), n) - names.begin()); };
  EXPECT_EQ(*fit.value->contrasts[0].estimate, fit.value->coef[at("group1")]);
  EXPECT_EQ(*fit.value->contrasts[0].std_error, std::sqrt(fit.value->coef_at(at("group1"), at("group1"))));
  o.contrast_visit = 2;
  const auto at2 = mmrm(k.data(), o);
  ASSERT_TRUE(at2);
  EXPECT_NEAR(*at2.value->contrasts[0].estimate, at2.value->coef[at("group1")] + at2.value->coef[at("visit2:group1")], 1e-12);
}

// The message of a failed fit ("" when it succeeds).
std::string message(const MmrmData& d, const MmrmOptions& o = {}) {
  const auto r = mmrm(d, o);
  return r ? std::string() : r.error.message;
}

TEST(Mmrm, ArgumentChecksNameTheArgument) {
  const Case& k = case_named("two_arms_4_visits");
  MmrmData d = k.data();
  {
    MmrmData e = d;
    e.visits = 0;
    EXPECT_EQ(message(e), "mmrm: visits must be between 1 and 16, got 0");
    e.visits = 17;
    EXPECT_EQ(message(e), "mmrm: visits must be between 1 and 16, got 17");
  }
  {
    MmrmData e = d;
    e.groups = 1;
    EXPECT_EQ(message(e), "mmrm: groups must be at least 2, got 1");
  }
  {
    MmrmData e = d;
    e.visit = e.visit.first(10);
    EXPECT_EQ(message(e), "mmrm: visit has 10 values, but y has 332");
    e = d;
    e.baseline = e.baseline.first(3);
    EXPECT_EQ(message(e), "mmrm: baseline has 3 values, but y has 332");
    e = d;
    e.y = {};
    EXPECT_EQ(message(e), "mmrm: y needs at least 1 values, got 0");
  }
  {
    Case b = k;
    b.visit[5] = 4;
    EXPECT_EQ(message(b.data()), "mmrm: visit[5] is 4, outside 0..3 (visits = 4)");
    b = k;
    b.group[7] = -1;
    EXPECT_EQ(message(b.data()), "mmrm: group[7] is -1, outside 0..1 (groups = 2)");
    b = k;
    b.y[3] = std::nan("");
    EXPECT_EQ(message(b.data()), "mmrm: y[3] is not a finite number");
    b = k;
    b.baseline[2] = INFINITY;
    EXPECT_EQ(message(b.data()), "mmrm: baseline[2] is not a finite number");
  }
  {
    std::vector<double> x(k.y.size(), 1.0);
    x[9] = std::nan("");
    const std::vector<std::span<const double>> covs{x};
    MmrmData e = d;
    e.covariates = covs;
    EXPECT_EQ(message(e), "mmrm: covariates[0][9] is not a finite number");
    const std::vector<double> shorter(5, 1.0);
    const std::vector<std::span<const double>> covs2{shorter};
    e.covariates = covs2;
    EXPECT_EQ(message(e), "mmrm: covariates[0] has 5 values, but y has 332");
  }
  {
    MmrmOptions o;
    o.conf = 1;
    EXPECT_EQ(message(d, o), "mmrm: options.conf must lie strictly between 0 and 1, got 1");
    o = {};
    o.contrast_visit = 4;
    EXPECT_EQ(message(d, o), "mmrm: options.contrast_visit is 4, outside 0..3 (or −1 for the last visit)");
    o = {};
    o.max_iterations = 0;
    EXPECT_EQ(message(d, o), "mmrm: options.max_iterations must be a whole number ≥ 1, got 0");
    o = {};
    o.tolerance = -1;
    EXPECT_EQ(message(d, o), "mmrm: options.tolerance must be a positive number, got -1");
  }
}

TEST(Mmrm, DataProblemsAreNamed) {
  const Case& k = case_named("two_arms_4_visits");
  {
    Case b = k;  // row 1 repeats row 0's subject and visit
    b.subject[1] = b.subject[0];
    b.visit[1] = b.visit[0];
    b.group[1] = b.group[0];
    EXPECT_EQ(message(b.data()), "mmrm: subject " + std::to_string(b.subject[0]) + " has two rows at visit " +
                                     std::to_string(b.visit[0]));
  }
  {
    Case b = k;
    std::size_t i = 1;
    while (b.subject[i] != b.subject[0]) ++i;
    b.group[i] = 1 - b.group[0];
    EXPECT_EQ(message(b.data()), "mmrm: subject " + std::to_string(b.subject[0]) + " is in group " +
                                     std::to_string(b.group[0]) + " and in group " + std::to_string(b.group[i]));
  }
  {
    MmrmData e = k.data();
    e.visits = 5;  // visit 4 never observed
    EXPECT_EQ(message(e), "mmrm: visit 4 has no observations");
  }
  {
    Case b = k;  // group 1 loses its visit-2 rows
    Case out = b;
    out.subject.clear(), out.visit.clear(), out.group.clear(), out.y.clear(), out.baseline.clear();
    for (std::size_t i = 0; i < b.y.size(); ++i) {
      if (b.group[i] == 1 && b.visit[i] == 2) continue;
      out.subject.push_back(b.subject[i]);
      out.visit.push_back(b.visit[i]);
      out.group.push_back(b.group[i]);
      out.y.push_back(b.y[i]);
      out.baseline.push_back(b.baseline[i]);
    }
    EXPECT_EQ(message(out.data()), "mmrm: group 1 has no observations at visit 2");
  }
  {
    Case b = k;  // a constant baseline repeats the intercept
    std::fill(b.baseline.begin(), b.baseline.end(), 50.0);
    EXPECT_EQ(message(b.data()), "mmrm: the design is singular: column baseline is a linear combination of the others");
  }
  {
    Case b = k;  // visits 0 and 3 never in one subject: split every subject seen at both
    for (std::size_t i = 0; i < b.y.size(); ++i)
      if (b.visit[i] == 3) b.subject[i] += 100000;
    EXPECT_EQ(message(b.data()),
              "mmrm: visits 0 and 3 are never seen in one subject, so their covariance cannot be estimated");
  }
  {
    MmrmOptions o;
    o.max_iterations = 1;
    EXPECT_EQ(message(k.data(), o), "mmrm: REML did not converge in 1 iterations");
  }
  {
    Case b = k;
    b.subject.resize(12), b.visit.resize(12), b.group.resize(12), b.y.resize(12), b.baseline.resize(12);
    EXPECT_EQ(message(b.data()), "mmrm: 12 observations are too few for 12 coefficients (REML needs more)");
  }
}

TEST(Mmrm, FixedCovarianceIsChecked) {
  const MmrmData d = case_named("three_arms_3_visits").data();
  const std::vector<double> asym{1, 0.5, 0, 0.4, 1, 0, 0, 0, 1};
  EXPECT_EQ(mmrm_at_covariance(d, asym).error.message, "mmrm: covariance is not symmetric at (0, 1)");
  const std::vector<double> indefinite{1, 2, 0, 2, 1, 0, 0, 0, 1};
  EXPECT_EQ(mmrm_at_covariance(d, indefinite).error.message, "mmrm: covariance is not positive definite");
  const std::vector<double> wrong(4, 1.0);
  EXPECT_EQ(mmrm_at_covariance(d, wrong).error.message, "mmrm: covariance has 4 values, but visits² is 9");
}

}  // namespace
}  // namespace il2t::stats
