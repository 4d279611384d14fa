// Every analysis validation accepts is run by the simulator (or validation rejects it),
// and each runs as its src/stats procedure does on the same rows: per visit for an
// endpoint read per visit, MMRM across the visits, CMH and logistic regression by the
// randomisation strata, Poisson on counts over time at risk, and the multiplicity
// adjustments across doses (Dunnett's checked against R's mvtnorm).
#include <gtest/gtest.h>

#include <cmath>

#include "core/diagnostic.h"
#include "measures/catalogue.h"
#include "protocol/validate.h"
#include "stats/logistic.h"
#include "stats/mmrm.h"
#include "stats/multiplicity.h"
#include "stats/rates.h"
#include "stats/tables.h"
#include "stats/ttest.h"
#include "trial/analysis.h"
#include "trial/compare.h"
#include "trial/endpoints.h"
#include "unit/test_support.h"

namespace il2t::trial {
namespace {

// NCT04077684 (placebo and three doses) with endpoint `id`'s instrument and analysis set.
struct DoseRanging {
  protocol::Protocol protocol = test::shipped_protocol("NCT04077684-dose-ranging.toml");
  TrialDesign design;
  DoseRanging& set(const std::string& id, const std::string& instrument, const std::string& method,
                   const std::string& multiplicity = "") {
    for (auto& e : protocol.endpoints)
      if (e.id == id) {
        e.instrument.value = instrument;
        e.analysis.method.value = method;
        if (!multiplicity.empty()) e.analysis.multiplicity = protocol::Fact<std::string>{multiplicity, {}, {}};
      }
    return *this;
  }
  const EndpointPlan& make(const std::string& id) {
    design = *make_design(protocol).design;
    for (const auto& e : design.endpoints)
      if (e.id == id) return e;
    throw std::runtime_error("no endpoint " + id);
  }
};

// Rows of `subjects` participants spread over the endpoint's arms, at each of `visits`
// timepoints, with values from `value(subject, visit)`.
template <class F>
EndpointRows rows_of(const EndpointPlan& e, std::size_t subjects, std::size_t visits, F value) {
  EndpointRows r;
  for (std::size_t v = 0; v < visits; ++v)
    for (std::uint32_t s = 0; s < subjects; ++s) {
      r.arm.push_back(static_cast<std::uint32_t>(e.arms[s % e.arms.size()]));
      r.value.push_back(value(s, v));
      r.baseline.push_back(10 + (s * 7) % 5);
      r.event.push_back(300 + (s * 13) % 60);
      r.subject.push_back(s);
      r.visit.push_back(static_cast<std::uint16_t>(v));
    }
  return r;
}

TrialRecords subjects_in_two_strata(std::size_t n) {
  TrialRecords r;
  for (std::size_t s = 0; s < n; ++s) {
    r.subjects.push_back(Subject{});
    r.subjects.back().stratum = (s / 4) % 2;
  }
  return r;
}

double noise(std::uint32_t s, std::size_t v) { return std::sin(1.7 * s + 0.9 * static_cast<double>(v) * s); }

TEST(Analyses, EveryMethodValidationAcceptsIsRun) {
  for (const char* instrument : {"sri-4", "treg-percent", "infection", "adverse-event", "cmv-viral-load"})
    for (const measures::MethodSpec& m : measures::methods()) {
      DoseRanging x;
      x.set("sri4-w12-0.2", instrument, std::string(m.name));
      Diagnostics d;
      protocol::validate(x.protocol, d);
      bool rejected = false;
      for (const auto& item : d.items())
        rejected = rejected || item.message.find("analysis.method") != std::string::npos;
      const EndpointPlan& e = x.make("sri4-w12-0.2");
      SCOPED_TRACE(std::string(instrument) + " / " + std::string(m.name));
      if (m.name == "descriptive") {
        EXPECT_EQ(e.method, Method::descriptive);
      } else {
        EXPECT_NE(rejected, e.method != Method::descriptive);
      }
      if (!rejected) {
        EXPECT_STREQ(to_string(e.method), std::string(m.name).c_str());
      }
    }
}

TEST(Analyses, KaplanMeierAndAMismatchAreRejectedByName) {
  DoseRanging x;
  x.set("sri4-w12-0.2", "sri-4", "kaplan-meier").set("sri4-w12-0.5", "sri-4", "ancova");
  x.set("sri4-w24", "sri-4", "mcp-mod", "holm");
  Diagnostics d;
  protocol::validate(x.protocol, d);
  std::string all;
  for (const auto& item : d.items()) all += item.message + "\n";
  EXPECT_NE(all.find("\"kaplan-meier\" estimates survival but compares nothing"), std::string::npos) << all;
  EXPECT_NE(all.find("\"ancova\" needs a value measured at a visit; instrument \"sri-4\""), std::string::npos) << all;
  EXPECT_NE(all.find("multiplicity: \"mcp-mod\" makes no pairwise comparisons"), std::string::npos) << all;
}

TEST(Analyses, DunnettAdjustmentMatchesMvtnorm) {
  // R: 1 - pmvnorm(-z, z, corr = λλ') with λ = √(n/(n+n0)), z = qnorm(1 - p/2) (mvtnorm 1.1.3).
  std::vector<Comparison> c(3);
  const double p[] = {0.01, 0.04, 0.30}, r[] = {0.0276381611, 0.1036930427, 0.6068950300};
  for (int i = 0; i < 3; ++i) c[i] = {true, 0, 0, 0, p[i], p[i], false};
  const std::vector<double> n{40, 30, 50};
  adjust(Multiplicity::dunnett, c, n, 45, 0.05);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(c[i].p_value, r[i], 2e-7);
  EXPECT_TRUE(c[0].reject);
  EXPECT_FALSE(c[1].reject);
}

TEST(Analyses, HolmAcrossDosesAtEachVisitOfAPerVisitEndpoint) {
  DoseRanging x;
  x.set("treg", "treg-percent", "t-test", "holm");
  const EndpointPlan& e = x.make("treg");
  ASSERT_TRUE(e.per_visit());
  const EndpointRows rows = rows_of(e, 80, e.visits.size(), [&](std::uint32_t s, std::size_t v) {
    return 5 + 0.8 * static_cast<double>(e.arms[s % 4]) * static_cast<double>(v) / 3 + noise(s, v);
  });
  TrialRecords r = subjects_in_two_strata(80);
  Analyser a(x.design, {});
  const EndpointResult res = a.analyse(e, r, rows);
  const auto specs = comparisons(x.design, e);
  ASSERT_EQ(specs.size(), 3 * e.visits.size());
  ASSERT_EQ(res.comparisons.size(), specs.size());
  EXPECT_EQ(specs.back().label, "il2-1 vs placebo at w24");
  for (std::size_t v = 0; v < e.visits.size(); ++v) {
    std::vector<double> raw;
    for (std::size_t k = 0; k < 3; ++k) {
      const ComparisonSpec& c = specs[3 * v + k];
      const TwoGroups t = split(rows, c.arm, c.reference, v);
      const auto welch = stats::t_test(t.y1, t.y0, false, 0.95);
      EXPECT_DOUBLE_EQ(res.comparisons[3 * v + k].estimate, *welch.value->estimate);
      EXPECT_DOUBLE_EQ(res.comparisons[3 * v + k].p_raw, *welch.value->p_value);
      raw.push_back(*welch.value->p_value);
    }
    const auto holm = stats::holm(raw);
    for (std::size_t k = 0; k < 3; ++k) EXPECT_DOUBLE_EQ(res.comparisons[3 * v + k].p_value, (*holm.value)[k]);
  }
}

TEST(Analyses, MmrmContrastsAtEveryVisitComeFromOneFit) {
  DoseRanging x;
  const EndpointPlan& e = x.make("treg");
  ASSERT_EQ(e.method, Method::mmrm);
  EndpointRows rows = rows_of(e, 60, e.visits.size(), [&](std::uint32_t s, std::size_t v) {
    return 5 + 0.5 * static_cast<double>(e.arms[s % 4]) * static_cast<double>(v) + noise(s, v) + 0.3 * (s % 7);
  });
  TrialRecords r = subjects_in_two_strata(60);
  Analyser a(x.design, {});
  const EndpointResult res = a.analyse(e, r, rows);
  const auto specs = comparisons(x.design, e);
  ASSERT_EQ(res.comparisons.size(), specs.size());
  // The same model in stats, its contrast asked at each visit.
  std::vector<int> subject, visit, group;
  std::vector<double> y, baseline;
  for (std::size_t i = 0; i < rows.arm.size(); ++i) {
    subject.push_back(static_cast<int>(rows.subject[i]));
    visit.push_back(rows.visit[i]);
    group.push_back(static_cast<int>(std::find(e.arms.begin(), e.arms.end(), rows.arm[i]) - e.arms.begin()));
    y.push_back(rows.value[i]);
    baseline.push_back(rows.baseline[i]);
  }
  ASSERT_EQ(e.arms[0], e.reference);
  const stats::MmrmData data{subject, visit, group, y, baseline, {}, static_cast<int>(e.visits.size()), 4};
  for (std::size_t v = 0; v < e.visits.size(); ++v) {
    stats::MmrmOptions o;
    o.contrast_visit = static_cast<int>(v);
    const auto fit = stats::mmrm(data, o);
    ASSERT_TRUE(fit) << fit.error.message;
    for (std::size_t k = 0; k < 3; ++k) {
      const Comparison& c = res.comparisons[3 * v + k];
      ASSERT_TRUE(c.ok);
      EXPECT_NEAR(c.estimate, *fit.value->contrasts[k].estimate, 1e-9);
      EXPECT_NEAR(c.p_value, *fit.value->contrasts[k].p_value, 1e-9);
      EXPECT_NEAR(c.lower, fit.value->contrasts[k].ci->lower, 1e-9);
    }
  }
}

TEST(Analyses, CmhAndLogisticTakeTheRandomisationStrata) {
  for (const char* method : {"cmh", "logistic"}) {
    DoseRanging x;
    x.set("sri4-w12-0.2", "sri-4", method);
    const EndpointPlan& e = x.make("sri4-w12-0.2");
    const EndpointRows rows = rows_of(e, 90, 1, [&](std::uint32_t s, std::size_t) {
      return (noise(s, 3) + (e.arms[s % 2] == e.reference ? 0.0 : 0.5) + 0.4 * ((s / 4) % 2)) > 0.3 ? 1.0 : 0.0;
    });
    TrialRecords r = subjects_in_two_strata(90);
    Analyser a(x.design, {});
    const Comparison c = a.analyse(e, r, rows).comparisons.at(0);
    ASSERT_TRUE(c.ok) << method;
    const TwoGroups t = split(rows, e.arms[0] == e.reference ? e.arms[1] : e.arms[0], e.reference, 0);
    if (std::string(method) == "cmh") {
      std::vector<stats::Table2x2> tables(2, stats::Table2x2{});
      for (std::size_t i = 0; i < t.y.size(); ++i)
        tables[r.subjects[t.subject[i]].stratum][t.group[i] == 1 ? 0 : 1][t.y[i] == 1 ? 0 : 1] += 1;
      const auto ref = stats::cmh(tables, true, 0.95);
      EXPECT_NEAR(c.estimate, std::log(*ref.value->estimate), 1e-12);
      EXPECT_NEAR(c.p_value, *ref.value->p_value, 1e-12);
    } else {
      std::vector<double> stratum;
      for (std::uint32_t s : t.subject) stratum.push_back(r.subjects[s].stratum == r.subjects[t.subject[0]].stratum ? 0 : 1);
      const auto ref = stats::logistic(t.y, {t.group, stratum}, {"group", "stratum"});
      EXPECT_NEAR(c.estimate, ref.value->coef[1], 1e-10);
      EXPECT_NEAR(c.p_value, ref.value->p[1], 1e-10);
    }
  }
}

TEST(Analyses, PoissonComparesCountsOverTimeAtRisk) {
  DoseRanging x;
  x.set("sri4-w12-0.2", "infection", "poisson");
  const EndpointPlan& e = x.make("sri4-w12-0.2");
  ASSERT_EQ(e.reading, Reading::event_count);
  const EndpointRows rows = rows_of(e, 40, 1, [&](std::uint32_t s, std::size_t) { return static_cast<double>((s * 5) % 4); });
  TrialRecords r = subjects_in_two_strata(40);
  Analyser a(x.design, {});
  const Comparison c = a.analyse(e, r, rows).comparisons.at(0);
  const std::size_t arm = e.arms[0] == e.reference ? e.arms[1] : e.arms[0];
  const TwoGroups t = split(rows, arm, e.reference, 0);
  double x1 = 0, t1 = 0, x0 = 0, t0 = 0;
  for (std::size_t i = 0; i < t.y.size(); ++i) (t.group[i] == 1 ? x1 : x0) += t.y[i], (t.group[i] == 1 ? t1 : t0) += t.event[i];
  const auto ref = stats::poisson_rate_ratio(x1, t1 / 365.25, x0, t0 / 365.25, 0.95);
  ASSERT_TRUE(c.ok);
  EXPECT_NEAR(c.estimate, std::log(*ref.value->estimate), 1e-12);
  EXPECT_NEAR(c.p_value, *ref.value->p_value, 1e-12);
}

}  // namespace
}  // namespace il2t::trial
