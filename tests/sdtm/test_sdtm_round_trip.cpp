// DESIGN.md's first rule through SDTM: a simulated trial written as SDTM
// (CSV, XPT and Dataset-JSON) and read back has the same records and analyses
// identically, to the last digit.
#include <gtest/gtest.h>

#include <filesystem>

#include "model/model_fixture.h"
#include "sdtm/delivery.h"
#include "sdtm/domains.h"
#include "sdtm/read_trial.h"
#include "sdtm/write_trial.h"
#include "trial/analysis.h"
#include "trial/endpoints.h"
#include "trial/engine.h"
#include "unit/test_support.h"

namespace il2t::sdtm {
namespace {

struct Loaded {
  protocol::Protocol protocol;
  trial::TrialDesign design;
  explicit Loaded(const std::string& file) : protocol(test::shipped_protocol(file)) {
    design = *trial::make_design(protocol).design;
  }
};

std::vector<std::string> domain_names() {
  std::vector<std::string> n;
  for (const DomainSpec* d : all_domains()) n.emplace_back(d->name);
  return n;
}

// Findings in (subject, visit, test) order: the order records.h promises within a visit
// is the catalogue's, and a reader may meet a participant's visits in any order.
std::vector<trial::Finding> sorted(std::vector<trial::Finding> f) {
  std::stable_sort(f.begin(), f.end(), [](const trial::Finding& a, const trial::Finding& b) {
    return std::tie(a.subject, a.visit, a.test) < std::tie(b.subject, b.visit, b.test);
  });
  return f;
}

void expect_same_records(const trial::TrialRecords& a, const trial::TrialRecords& b) {
  ASSERT_EQ(a.subjects.size(), b.subjects.size());
  for (std::size_t s = 0; s < a.subjects.size(); ++s) {
    const trial::Subject &x = a.subjects[s], &y = b.subjects[s];
    EXPECT_EQ(x.arm, y.arm) << s;
    EXPECT_EQ(x.age, y.age) << s;
    EXPECT_EQ(x.female, y.female) << s;
    EXPECT_EQ(x.weight, y.weight) << s;
    EXPECT_EQ(x.height, y.height) << s;
    EXPECT_EQ(x.baseline_activity, y.baseline_activity) << s;
    EXPECT_EQ(x.baseline_prednisone, y.baseline_prednisone) << s;
    EXPECT_EQ(x.last_day, y.last_day) << s;
    EXPECT_EQ(x.completed, y.completed) << s;
  }
  const auto fa = sorted(a.findings), fb = sorted(b.findings);
  ASSERT_EQ(fa.size(), fb.size());
  for (std::size_t i = 0; i < fa.size(); ++i) {
    EXPECT_EQ(fa[i].subject, fb[i].subject) << i;
    EXPECT_EQ(fa[i].visit, fb[i].visit) << i;
    EXPECT_EQ(fa[i].day, fb[i].day) << i;
    EXPECT_EQ(fa[i].test, fb[i].test) << i;
    EXPECT_EQ(fa[i].value, fb[i].value) << i << " " << measures::test(fa[i].test).code;
  }
  ASSERT_EQ(a.events.size(), b.events.size());
  for (std::size_t i = 0; i < a.events.size(); ++i) {
    EXPECT_EQ(a.events[i].subject, b.events[i].subject) << i;
    EXPECT_EQ(a.events[i].day, b.events[i].day) << i;
    EXPECT_EQ(a.events[i].category, b.events[i].category) << i;
    EXPECT_STREQ(a.events[i].term, b.events[i].term) << i;
    EXPECT_EQ(a.events[i].grade, b.events[i].grade) << i;
    EXPECT_EQ(a.events[i].serious, b.events[i].serious) << i;
  }
  EXPECT_EQ(a.finding_begin, b.finding_begin);
  EXPECT_EQ(a.event_begin, b.event_begin);
}

class SdtmRoundTrip : public testing::TestWithParam<std::string> {};

TEST_P(SdtmRoundTrip, ASimulatedTrialReadBackFromEachFormatAnalysesIdentically) {
  Loaded l(GetParam());
  const model::Model m = test::shipped_model();
  trial::TrialRunner runner(l.design, m);
  trial::TrialRecords simulated;
  Error error;
  ASSERT_TRUE(runner.run(4, trial::RunSettings{21, l.design.planned_n, false, false}, simulated, error)) << error;
  const std::vector<Dataset> sets = write_trial(l.design, simulated, {});
  const std::string root = testing::TempDir() + "/sdtm_round_trip_" + GetParam();
  std::filesystem::remove_all(root);
  for (Format f : {Format::csv, Format::xpt, Format::json}) {
    const std::string dir = root + (f == Format::csv ? "/csv" : f == Format::xpt ? "/xpt" : "/json");
    ASSERT_EQ(write_delivery(sets, dir, {f}), Error{});
    const Delivery delivery = read_delivery(dir, domain_names(), {});
    ASSERT_TRUE(delivery.errors.empty()) << delivery.errors.front();
    EXPECT_EQ(delivery.study.size(), sets.size());
    trial::TrialRecords back;
    const ReadReport report = read_trial(l.design, delivery.study, false, back);
    ASSERT_TRUE(report.ok()) << report.problems.front();
    EXPECT_TRUE(report.problems.empty());
    expect_same_records(simulated, back);
    trial::AnalysisSettings s;
    s.models = {{"linear", {}}, {"emax", {0.2}}};
    trial::Analyser a1(l.design, s), a2(l.design, s);
    trial::EndpointRows r1, r2;
    int analysed = 0;
    for (const trial::EndpointPlan& e : l.design.endpoints) {
      trial::derive_endpoint(l.design, e, simulated, r1);
      trial::derive_endpoint(l.design, e, back, r2);
      EXPECT_EQ(r1.value, r2.value) << e.id;
      const trial::EndpointResult x = a1.analyse(e, simulated, r1), y = a2.analyse(e, back, r2);
      ASSERT_EQ(x.comparisons.size(), y.comparisons.size());
      for (std::size_t c = 0; c < x.comparisons.size(); ++c) {
        EXPECT_EQ(x.comparisons[c].estimate, y.comparisons[c].estimate) << e.id;
        EXPECT_EQ(x.comparisons[c].p_value, y.comparisons[c].p_value) << e.id;
        EXPECT_EQ(x.comparisons[c].lower, y.comparisons[c].lower) << e.id;
        EXPECT_EQ(x.comparisons[c].upper, y.comparisons[c].upper) << e.id;
        ++analysed;
      }
      EXPECT_EQ(x.mcp_reject, y.mcp_reject) << e.id;
      EXPECT_EQ(x.mcp_pick, y.mcp_pick) << e.id;
    }
    EXPECT_GT(analysed, 0);
  }
  std::filesystem::remove_all(root);
}

INSTANTIATE_TEST_SUITE_P(Shipped, SdtmRoundTrip,
                         testing::Values("NCT02465580-he2020.toml", "NCT04136106-infection-observational.toml",
                                         "NCT05605665-sjogren-rapamycin.toml", "NCT06971913-cmv.toml",
                                         "NCT04077684-dose-ranging.toml"),
                         [](const testing::TestParamInfo<std::string>& i) { return i.param.substr(0, i.param.find('-')); });

}  // namespace
}  // namespace il2t::sdtm
