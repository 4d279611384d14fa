// The calibration fit: the free-parameter file's checks, each target's distance against
// R's densities (tests/reference/calibration_objective.R), the optimiser on a known
// quadratic, goals for expected values, resuming from the journal, the sensitivity
// profile's curvature, and the
// rewrite of a parameter file.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <toml++/toml.h>

#include "calibration/fit.h"
#include "calibration/fit_file.h"
#include "calibration/free.h"
#include "calibration/goal.h"
#include "calibration/journal.h"
#include "calibration/objective.h"
#include "calibration/sensitivity.h"
#include "data/read_file.h"
#include "model/parameter_set.h"

namespace il2t::calibration {
namespace {

model::ParameterSet two_parameters() {
  model::ParameterSet s;
  std::vector<Diagnostic> d;
  model::parse_parameter_text(
      "[g]\na = { value = 2.0, unit = \"1\", min = 0, max = 100, assumed = \"x\" }\n"
      "b = { value = 0.5, unit = \"1\", min = 0, max = 1, assumed = \"x\" }\n",
      "m.toml", s, d);
  return s;
}

const std::string kUniform = "prior = { shape = \"uniform\", assumed = \"x\" }\n";

std::string free_error(const std::string& body) {
  return read_free("format = 2\n" + body, "f.toml", two_parameters()).error;
}

TEST(Free, ReadsParametersWithScalesRolesAndPriors) {
  const auto r = read_free(
      "format = 2\n[[parameter]]\nname = \"g.a\"\nlower = 1\nupper = 10\nscale = \"log\"\n" + kUniform +
          "[[parameter]]\nname = \"g.b\"\nlower = 0\nupper = 1\nfit = false\nprior_only = true\n"
          "prior = { shape = \"normal\", centre = 0.4, sd = 0.2, source = \"a study\" }\n",
      "f.toml", two_parameters());
  ASSERT_EQ(r.error, "");
  ASSERT_EQ(r.parameters.size(), 2u);
  const FreeParameter& a = r.parameters[0];
  const FreeParameter& b = r.parameters[1];
  EXPECT_TRUE(a.log_scale);
  EXPECT_TRUE(a.fit);
  EXPECT_FALSE(b.log_scale);
  EXPECT_FALSE(b.fit);
  EXPECT_TRUE(b.prior_only);
  EXPECT_NEAR(a.from_search(a.to_search(3.0)), 3.0, 1e-15);
  EXPECT_EQ(r.sha256.size(), 64u);
  // Log-uniform: flat in log(value) inside the bounds, nothing outside.
  EXPECT_EQ(a.prior.shape, PriorShape::uniform);
  EXPECT_FALSE(a.prior.sourced);
  EXPECT_EQ(a.log_prior(std::log(2.0)), a.log_prior(std::log(9.0)));
  EXPECT_EQ(a.log_prior(std::log(11.0)), -INFINITY);
  EXPECT_NEAR(a.prior_quantile(0.5), 0.5 * std::log(10.0), 1e-12);
  // Normal on the linear scale, truncated to [0, 1] (tests/reference/calibration_prior.R:
  // qnorm(a + q (b - a), .4, .2) with a, b = pnorm(0 and 1, .4, .2)).
  EXPECT_EQ(b.prior.shape, PriorShape::normal);
  EXPECT_TRUE(b.prior.sourced);
  EXPECT_NEAR(b.log_prior(0.6) - b.log_prior(0.4), -0.5, 1e-12);
  EXPECT_NEAR(b.prior_quantile(0.25), 0.2754504348, 1e-9);
  EXPECT_NEAR(b.prior_quantile(0.5), 0.4053648865, 1e-9);
}

TEST(Free, RefusesBadEntriesNamingLineAndField) {
  const std::string a = "[[parameter]]\nname = \"g.a\"\nlower = 1\nupper = 10\n" + kUniform;
  EXPECT_EQ(free_error("[[parameter]]\nname = \"g.c\"\nlower = 1\nupper = 10\n" + kUniform),
            "f.toml:2: parameter.name: \"g.c\" is not a model parameter (did you mean g.a?)");
  EXPECT_EQ(free_error(a + a), "f.toml:7: parameter.name: \"g.a\" is already listed at line 2");
  EXPECT_EQ(free_error("[[parameter]]\nname = \"g.a\"\nlower = 10\nupper = 1\n" + kUniform),
            "f.toml:2: parameter.lower: 10 is not below upper 1");
  EXPECT_EQ(free_error("[[parameter]]\nname = \"g.a\"\nlower = 1\nupper = 200\n" + kUniform),
            "f.toml:2: parameter.upper: 200 is above g.a's own maximum 100");
  EXPECT_EQ(free_error("[[parameter]]\nname = \"g.b\"\nlower = 0\nupper = 1\nscale = \"log\"\n" + kUniform),
            "f.toml:2: parameter.lower: 0 must be above 0 on the log scale");
  EXPECT_EQ(free_error("[[parameter]]\nname = \"g.a\"\nlower = 3\nupper = 10\n" + kUniform),
            "f.toml:2: parameter: the current value of g.a, 2, is outside [3, 10]");
  EXPECT_EQ(free_error(a + "step = 2\n"),
            "f.toml:7: parameter.step: unknown field (name, lower, upper, scale, fit, prior, prior_only)");
  EXPECT_EQ(free_error(a + "scale = \"exp\"\n"), "f.toml:2: parameter.scale: \"exp\": give \"log\" or \"linear\"");
  EXPECT_EQ(free_error("[[parameter]]\nname = \"g.a\"\nlower = 1\nupper = 10\nfit = false\n" + kUniform),
            "f.toml:1: parameter: none has fit = true");
  EXPECT_EQ(read_free(a, "f.toml", two_parameters()).error,
            "f.toml:1: format: missing or not 2 (write format = 2; every parameter names its prior)");
  // A prior with no bounds, or none at all.
  EXPECT_EQ(free_error("[[parameter]]\nname = \"g.a\"\nupper = 10\n" + kUniform),
            "f.toml:2: parameter.lower: missing or not a finite number (a prior needs bounds)");
  EXPECT_EQ(free_error("[[parameter]]\nname = \"g.a\"\nlower = 1\n" + kUniform),
            "f.toml:2: parameter.upper: missing or not a finite number (a prior needs bounds)");
  EXPECT_EQ(free_error("[[parameter]]\nname = \"g.a\"\nlower = 1\nupper = 10\n"),
            "f.toml:2: parameter.prior: g.a has no prior (write prior = { shape = \"uniform\", assumed = \"why\" } or { "
            "shape = \"normal\", centre = X, sd = S, source = \"citation\" })");
  const std::string head = "[[parameter]]\nname = \"g.a\"\nlower = 1\nupper = 10\n";
  EXPECT_EQ(free_error(head + "prior = { shape = \"flat\", assumed = \"x\" }\n"),
            "f.toml:6: parameter.prior.shape: give \"uniform\" or \"normal\"");
  EXPECT_EQ(free_error(head + "prior = { shape = \"uniform\" }\n"),
            "f.toml:6: parameter.prior: give exactly one of source (a citation) or assumed (the reason)");
  EXPECT_EQ(free_error(head + "prior = { shape = \"normal\", centre = 20, sd = 1, source = \"s\" }\n"),
            "f.toml:6: parameter.prior.centre: 20 is outside the bounds [1, 10]");
  EXPECT_EQ(free_error(head + "prior = { shape = \"normal\", centre = 2, sd = 0, source = \"s\" }\n"),
            "f.toml:6: parameter.prior.sd: missing or not a positive number (on the search scale: an SD of log for "
            "scale = \"log\")");
  EXPECT_EQ(free_error(head + "prior_only = true\n" + kUniform),
            "f.toml:2: parameter.prior_only: a prior-only parameter is not fitted (write fit = false)");
}

Target target(const std::string& statistic, double value, std::optional<double> k = {}, std::optional<double> n = {}) {
  Target t;
  t.statistic = statistic;
  t.value = value;
  t.numerator = k;
  t.denominator = n;
  return t;
}

TEST(Objective, DistancesMatchRsDensities) {
  // tests/reference/calibration_objective.R
  const double nan = std::nan("");
  Mapping m;
  const Target sri = target("proportion", 16.0 / 29, 16, 29);
  EXPECT_EQ(term_kind(sri, m), TermKind::binomial);
  EXPECT_NEAR(term_value(sri, TermKind::binomial, {0.6, 0.7, 0.8}), 1.41262769248562, 1e-12);
  EXPECT_NEAR(term_value(target("proportion", 0, 0, 29), TermKind::binomial, {0.1, 0.1}), 3.05545495407696, 1e-12);
  const Target med = target("median", 6);
  EXPECT_EQ(term_kind(med, m), TermKind::normal);
  EXPECT_NEAR(term_value(med, TermKind::normal, {8, 10, nan, 9, 7}), 1.77893738140417, 1e-12);
  const Target fold = target("fold", 4);
  EXPECT_EQ(term_kind(fold, m), TermKind::log_normal);
  EXPECT_NEAR(term_value(fold, TermKind::log_normal, {1.3, 1.4, 1.5}), 72.5374655182608, 1e-10);
  const Target inc = target("fold_minus_1", 0.30);
  EXPECT_NEAR(term_value(inc, TermKind::log_normal, {0.4, 0.5, 0.6}), 1.44088305999483, 1e-12);
  // A proportion without n/N is a statistic like any other.
  EXPECT_EQ(term_kind(target("proportion", 0.4), m), TermKind::normal);
  EXPECT_TRUE(std::isnan(term_value(med, TermKind::normal, {nan, nan})));
}

// A known minimum: the sum over parameters of ½((u − u*)/σ)², u the search coordinate.
struct Quadratic {
  std::vector<FreeParameter> free;
  std::vector<double> best, sigma;
  mutable int calls = 0;
  Evaluation operator()(const std::vector<double>& x) const {
    ++calls;
    Evaluation e;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double z = (free[i].to_search(x[i]) - free[i].to_search(best[i])) / sigma[i];
      e.value.terms.push_back({"t" + std::to_string(i), TermKind::normal, 0.5 * z * z, std::nullopt});
      e.value.likelihood += 0.5 * z * z;
    }
    e.value.total = e.value.likelihood;
    return e;
  }
};

Quadratic quadratic() {
  FreeParameter a{"g.a", 0.1, 100, true, true, 1, {}, false};
  FreeParameter b{"g.b", 0, 1, false, true, 2, {}, false};
  return {{a, b}, {7.0, 0.3}, {0.1, 0.05}};
}

TEST(Fit, FindsTheMinimumOfAKnownObjectiveInsideTheBounds) {
  const Quadratic q = quadratic();
  FitSettings s;
  s.max_evaluations = 2000;
  s.x_tolerance = 1e-8;
  s.f_tolerance = 1e-12;
  const FitResult r = fit(q.free, {2.0, 0.5}, std::cref(q), s, nullptr, {});
  ASSERT_EQ(r.error, "");
  EXPECT_NEAR(r.best[0], 7.0, 1e-3);
  EXPECT_NEAR(r.best[1], 0.3, 1e-4);
  EXPECT_LT(r.best_value, 1e-6);
  EXPECT_EQ(r.initial[0], 2.0);
  EXPECT_GT(r.initial_value, r.best_value);
  EXPECT_EQ(r.evaluations, q.calls);
  // A parameter with fit = false is not moved.
  Quadratic p = quadratic();
  p.free[1].fit = false;
  const FitResult r2 = fit(p.free, {2.0, 0.5}, std::cref(p), s, nullptr, {});
  EXPECT_EQ(r2.best[1], 0.5);
  EXPECT_NEAR(r2.best[0], 7.0, 1e-3);
}

// The journal at `path`, or null (the test failed, with the error) when it cannot be opened.
std::unique_ptr<Journal> open_journal(const std::string& path, const std::string& key) {
  auto j = Journal::open(path, key);
  if (!j) {
    ADD_FAILURE() << j.error();
    return nullptr;
  }
  return std::move(*j);
}

TEST(Fit, ResumesFromTheJournalAfterAnInterruption) {
  const auto dir = std::filesystem::temp_directory_path() / "il2t_journal_test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "fit.journal").string();
  std::filesystem::remove(path);
  FitSettings s;
  s.max_evaluations = 60;
  const Quadratic q = quadratic();
  const FitResult whole = fit(q.free, {2.0, 0.5}, std::cref(q), s, nullptr, {});
  // Interrupted: the 25th evaluation fails.
  int calls = 0;
  Objective failing = [&](const std::vector<double>& x) {
    if (++calls == 25) return Evaluation{{}, "interrupted"};
    return q(x);
  };
  {
    auto j = open_journal(path, "key");
    ASSERT_TRUE(j);
    const FitResult cut = fit(q.free, {2.0, 0.5}, failing, s, j.get(), {});
    EXPECT_EQ(cut.error, "interrupted");
    EXPECT_EQ(j->size(), 24u);
  }
  // Resumed: 24 answers come from the journal, the rest are evaluated, same result.
  Quadratic again = quadratic();
  auto j = open_journal(path, "key");
  ASSERT_EQ(j->size(), 24u);
  const FitResult resumed = fit(again.free, {2.0, 0.5}, std::cref(again), s, j.get(), {});
  EXPECT_EQ(resumed.replayed, 24);
  EXPECT_EQ(again.calls, resumed.evaluations - 24);
  EXPECT_EQ(resumed.best, whole.best);
  EXPECT_EQ(resumed.best_value, whole.best_value);
  // Another key starts afresh.
  j.reset();
  auto other = open_journal(path, "other key");
  EXPECT_EQ(other->size(), 0u);
  other->remove();
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(Fit, JournalIgnoresATornLastLine) {
  const auto path = (std::filesystem::temp_directory_path() / "il2t_journal_torn").string();
  {
    std::ofstream f(path);
    f << "{\"key\":\"k\"}\n{\"f\":1.5,\"x\":[1.0,2.0]}\n{\"f\":2.5,\"x\":[1.0,";
  }
  auto j = open_journal(path, "k");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->size(), 1u);
  EXPECT_EQ(j->replay(0, {1.0, 2.0}), 1.5);
  // A different point drops the entries from there on.
  EXPECT_FALSE(j->replay(0, {1.0, 3.0}).has_value());
  EXPECT_EQ(j->size(), 0u);
  j->remove();
}

TEST(Fit, JournalKeepsSeveralValuesAndNaNAndStopsAtALineItDidNotWrite) {
  const auto path = (std::filesystem::temp_directory_path() / "il2t_journal_values").string();
  {
    auto j = open_journal(path, "k");
    ASSERT_TRUE(j);
    EXPECT_EQ(j->append({1.0, 2.0}, std::vector<double>{0.5, NAN, -3.25}), "");
    EXPECT_EQ(j->append({1.0, 3.0}, 7.0), "");
  }
  {
    auto j = open_journal(path, "k");
    ASSERT_TRUE(j);
    ASSERT_EQ(j->size(), 2u);
    const auto v = j->replay_values(0, {1.0, 2.0});
    ASSERT_TRUE(v);
    ASSERT_EQ(v->size(), 3u);
    EXPECT_EQ((*v)[0], 0.5);
    EXPECT_TRUE(std::isnan((*v)[1]));
    EXPECT_EQ((*v)[2], -3.25);
    EXPECT_EQ(j->replay(1, {1.0, 3.0}), 7.0);
  }
  {
    std::ofstream f(path);
    f << "{\"key\":\"k\"}\n{\"f\":1.5,\"x\":[1.0,2.0]}\n{\"f\":2.5,\"x\":[1.0,\"a\"]}\n{\"f\":3.5,\"x\":[1.0,4.0]}\n";
  }
  auto j = open_journal(path, "k");
  ASSERT_TRUE(j);
  EXPECT_EQ(j->size(), 1u);  // the line with a string in x and everything after it are dropped
  j->remove();
}

TEST(Goal, ExpectedValueAndPenaltyMatchR) {
  // tests/reference/calibration_objective.R, the last block.
  const double nan = std::nan("");
  const GoalStatus g = goal_status(0.30, 0.05, {0.40, 0.45, 0.50, 0.35, nan});
  EXPECT_DOUBLE_EQ(g.published, 0.30);
  EXPECT_DOUBLE_EQ(g.within, 0.05);
  EXPECT_NEAR(g.expected, 0.425, 1e-15);
  EXPECT_NEAR(g.mc_se, 0.0322748612183951, 1e-15);
  EXPECT_NEAR(g.distance, 0.125, 1e-15);
  EXPECT_FALSE(g.met);
  EXPECT_NEAR(g.penalty, 590.473750965556, 1e-9);
}

TEST(Goal, NoPenaltyThreeStandardErrorsInsideAndMetUpToTheEdge) {
  // Mean 0.34, SE 0.01: the goal 0.30 ± 0.05 is met, and the penalty starts only past
  // 0.05 − 3·0.01 = 0.02 from the published value.
  const std::vector<double> v = {0.33, 0.35};  // SD 0.01·√2 over √2 replicates
  const GoalStatus inside = goal_status(0.30, 0.05, v);
  EXPECT_NEAR(inside.mc_se, 0.01, 1e-15);
  EXPECT_TRUE(inside.met);
  EXPECT_NEAR(inside.penalty, 0.5 * std::pow((0.04 - 0.02) / kGoalPenaltyScale, 2), 1e-9);
  EXPECT_EQ(goal_status(0.30, 0.05, {0.30, 0.32}).penalty, 0.0);  // 0.01 off, SE 0.01: inside the margin
  EXPECT_TRUE(goal_status(0.30, 0.05, {0.35}).met);                // exactly at the edge: met
  EXPECT_FALSE(goal_status(0.30, 0.05, {0.3501}).met);
  EXPECT_TRUE(goal_status(0.30, 0.05, {0.25}).met);                 // either side
  const GoalStatus none = goal_status(0.30, 0.05, {std::nan("")});
  EXPECT_TRUE(std::isnan(none.expected));
  EXPECT_FALSE(none.met);
  EXPECT_EQ(none.penalty, 0.0);
}

TEST(Sensitivity, ProfilesTheLikelihoodWithoutTheGoalPenalty) {
  // A goal penalty added to the total (what the fit minimises) must not change the
  // profile: the same curvature as the quadratic alone.
  const Quadratic q = quadratic();
  auto with_penalty = [&q](const std::vector<double>& x) {
    Evaluation e = q(x);
    e.value.goal_penalty = 1000 * std::pow(q.free[0].to_search(x[0]), 2);
    e.value.total = e.value.likelihood + e.value.goal_penalty;
    return e;
  };
  const auto r = sensitivity(q.free, q.best, with_penalty, {});
  ASSERT_EQ(r.error, "");
  EXPECT_NEAR(r.rows[0].curvature, 100, 1e-6);
  EXPECT_NEAR(r.centre, 0.0, 1e-12);
}

TEST(Sensitivity, CurvatureOfAQuadraticGivesItsStandardError) {
  const Quadratic q = quadratic();
  const auto r = sensitivity(q.free, q.best, std::cref(q), {});
  ASSERT_EQ(r.error, "");
  ASSERT_EQ(r.rows.size(), 2u);
  // Log scale: σ = 0.1 on ln(a); the 95% interval is 7·exp(±1.96·0.1).
  EXPECT_NEAR(r.rows[0].curvature, 100, 1e-6);
  EXPECT_NEAR(r.rows[0].lower, 7 * std::exp(-0.196), 1e-9);
  EXPECT_NEAR(r.rows[0].upper, 7 * std::exp(0.196), 1e-9);
  EXPECT_EQ(r.rows[0].verdict, "determined");
  EXPECT_NEAR(r.rows[1].lower, 0.3 - 1.96 * 0.05, 1e-9);
  EXPECT_EQ(r.rows[0].drivers.size(), 0u);  // symmetric: t0 is the same at −h and +h
  // A flat direction is not determined.
  Quadratic flat = quadratic();
  flat.sigma[1] = 100;
  const auto f = sensitivity(flat.free, flat.best, std::cref(flat), {});
  EXPECT_EQ(f.rows[1].verdict, "not determined (flat)");
  EXPECT_TRUE(std::isnan(f.rows[1].lower));
}

TEST(FitFile, RewritesOnlyTheValueOfTheNamedParameters) {
  const auto dir = std::filesystem::temp_directory_path() / "il2t_update_models";
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "m.toml").string();
  const std::string text =
      "# comment\n[g]\na = { value = 2.0, unit = \"1\", min = 0, max = 100, assumed = \"value = 3\" }\n"
      "b = { value = 0.5, unit = \"1\", assumed = \"x\" }\n";
  { std::ofstream(file) << text; }
  auto load = model::load_parameter_files({file});
  ASSERT_TRUE(load.ok());
  ASSERT_EQ(update_parameter_files(load.set, {{"g.a", 12.345678}}), "");
  const auto after = *data::read_file(file);
  EXPECT_EQ(after, "# comment\n[g]\na = { value = 12.35, unit = \"1\", min = 0, max = 100, assumed = \"value = 3\" }\n"
                   "b = { value = 0.5, unit = \"1\", assumed = \"x\" }\n");
  EXPECT_NE(update_parameter_files(load.set, {{"g.z", 1}}), "");
}

TEST(FitFile, IsValidTomlWithItsProvenance) {
  FitRecord r;
  r.program = "il2trial x";
  r.targets_sha256 = "abc";
  r.seed = 7;
  const Quadratic q = quadratic();
  r.free = q.free;
  r.result.initial = {2.0, 0.5};
  r.result.best = {7.0, 0.3};
  r.result.evaluations = 10;
  r.terms.terms = {{"a \"quoted\" id", TermKind::normal, 1.5, std::nullopt}};
  const auto t = toml::parse(fit_file_text(r));
  EXPECT_EQ(t["fit"]["seed"].value<int64_t>(), 7);
  EXPECT_EQ(t["fit"]["targets_sha256"].value<std::string>(), "abc");
  EXPECT_EQ(t["parameter"]["g.a"]["value"].value<double>(), 7.0);
  EXPECT_EQ(t["parameter"]["g.b"]["initial"].value<double>(), 0.5);
  EXPECT_EQ(t["distance"]["a \"quoted\" id"].value<double>(), 1.5);
}

}  // namespace
}  // namespace il2t::calibration
