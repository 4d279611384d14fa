// Endpoints derived from trial records alone, on hand-made records with known
// answers: SRI-4 against the baseline visit, non-response for a missed visit, any
// infection by the last timepoint, time to first infection with censoring, and the
// planned analysis (Newcombe difference, Fisher's p) on them.
#include <gtest/gtest.h>

#include <cmath>

#include "stats/hot_path.h"
#include "trial/analysis.h"
#include "trial/endpoints.h"
#include "unit/test_support.h"

namespace il2t::trial {
namespace {

struct He2020 {
  protocol::Protocol protocol;
  TrialDesign design;
  He2020() : protocol(test::shipped_protocol("NCT02465580-he2020.toml")) { design = *make_design(protocol).design; }
  const EndpointPlan& endpoint(const std::string& id) const {
    for (const auto& e : design.endpoints)
      if (e.id == id) return e;
    throw std::runtime_error("no endpoint " + id);
  }
  std::uint16_t visit(const std::string& id) const {
    for (std::size_t v = 0; v < design.visit_ids.size(); ++v)
      if (design.visit_ids[v] == id) return static_cast<std::uint16_t>(v);
    throw std::runtime_error("no visit " + id);
  }
};

// One subject's SLE visit: SLEDAI, PGA and all BILAG domains E except renal.
void sle_visit(TrialRecords& r, std::uint32_t s, std::uint16_t v, int day, int sledai, double pga, int renal_grade) {
  r.findings.push_back({s, v, day, Test::sledai_2k, static_cast<double>(sledai)});
  r.findings.push_back({s, v, day, Test::pga, pga});
  for (std::size_t k = 0; k < instruments::kBilagDomainCount; ++k) {
    const bool renal = static_cast<instruments::BilagDomain>(k) == instruments::BilagDomain::renal;
    r.findings.push_back({s, v, day, static_cast<Test>(static_cast<std::size_t>(Test::bilag_first) + k), renal ? renal_grade * 1.0 : 4.0});
  }
}

TEST(Endpoints, Sri4FromRecordsWithNonResponseForAMissedVisit) {
  He2020 he;
  const EndpointPlan& e = he.endpoint("sri4-w12");
  const std::uint16_t w0 = he.visit(*he.design.baseline_visit == 0 ? he.design.visit_ids[0] : "w0"), w12 = he.visit("w12");
  TrialRecords r;
  for (std::uint32_t s = 0; s < 4; ++s) {
    r.subjects.push_back(Subject{});
    r.subjects.back().arm = s % 2;
    r.finding_begin.push_back(static_cast<std::uint32_t>(r.findings.size()));
    r.event_begin.push_back(0);
    sle_visit(r, s, w0, 1, 12, 2.0, 1);  // renal B at baseline
    if (s == 0) sle_visit(r, s, w12, 85, 8, 2.0, 2);   // -4, no new BILAG, PGA same: responder
    if (s == 1) sle_visit(r, s, w12, 85, 8, 2.3, 2);   // PGA worse by 0.3: not
    if (s == 2) sle_visit(r, s, w12, 85, 6, 1.0, 0);   // renal A is new: not
    // s == 3 missed week 12: non-responder
  }
  r.finding_begin.push_back(static_cast<std::uint32_t>(r.findings.size()));
  r.event_begin.push_back(0);
  EndpointRows rows;
  derive_endpoint(he.design, e, r, rows);
  ASSERT_EQ(rows.value.size(), 4u);
  EXPECT_EQ(rows.value[0], 1);
  EXPECT_EQ(rows.value[1], 0);
  EXPECT_EQ(rows.value[2], 0);
  EXPECT_EQ(rows.value[3], 0);
}

TEST(Endpoints, InfectionsByTheLastTimepointAndTimeToTheFirst) {
  He2020 he;
  TrialRecords r;
  for (std::uint32_t s = 0; s < 3; ++s) {
    r.subjects.push_back(Subject{});
    r.subjects.back().arm = s % 2;
    r.subjects.back().last_day = s == 2 ? 40 : 169;
    r.finding_begin.push_back(0);
    r.event_begin.push_back(static_cast<std::uint32_t>(r.events.size()));
    if (s == 0) r.events.push_back({s, 30, AdverseEvent::Category::reaction, "isr", 1, false});
    if (s == 0) r.events.push_back({s, 50, AdverseEvent::Category::infection, "uri", 1, false});
    if (s == 1) r.events.push_back({s, 300, AdverseEvent::Category::infection, "uri", 2, false});
  }
  r.finding_begin.push_back(0);
  r.event_begin.push_back(static_cast<std::uint32_t>(r.events.size()));
  EndpointPlan any = he.endpoint("infections");
  EndpointRows rows;
  derive_endpoint(he.design, any, r, rows);
  ASSERT_EQ(rows.value.size(), 3u);
  EXPECT_EQ(rows.value[0], 1);
  EXPECT_EQ(rows.value[1], 0);  // after the last timepoint
  EXPECT_EQ(rows.value[2], 0);
  EndpointPlan tte = any;
  tte.reading = Reading::time_to_event;
  derive_endpoint(he.design, tte, r, rows);
  EXPECT_EQ(rows.value[0], 50);
  EXPECT_EQ(rows.event[0], 1);
  EXPECT_EQ(rows.event[1], 0);  // censored at the last timepoint's day
  EXPECT_EQ(rows.value[2], 40);  // censored when follow-up ended (dropout)
  EXPECT_EQ(rows.event[2], 0);
}

TEST(Analysis, FisherComparisonIsNewcombeWithFishersP) {
  He2020 he;
  const EndpointPlan& e = he.endpoint("sri4-w12");
  EndpointRows rows;
  TrialRecords r;
  // il2 (arm 0) 18 of 30, placebo (arm 1) 9 of 30.
  for (int i = 0; i < 60; ++i) {
    rows.arm.push_back(i < 30 ? 0 : 1);
    rows.value.push_back(i < 18 || (i >= 30 && i < 39) ? 1 : 0);
    rows.baseline.push_back(NAN);
    rows.event.push_back(0);
    rows.subject.push_back(static_cast<std::uint32_t>(i));
    rows.visit.push_back(0);  // the endpoint's one timepoint
  }
  Analyser a(he.design, AnalysisSettings{});
  const EndpointResult res = a.analyse(e, r, rows);
  ASSERT_EQ(res.comparisons.size(), 1u);
  EXPECT_NEAR(res.comparisons[0].estimate, 0.3, 1e-12);
  EXPECT_NEAR(res.comparisons[0].p_value, stats::fisher_two_sided_p({{{18, 12}, {9, 21}}}), 1e-15);
  // R: fisher.test(matrix(c(18, 9, 12, 21), 2))$p.value
  EXPECT_NEAR(res.comparisons[0].p_value, 0.03699239594, 1e-9);
  EXPECT_LT(res.comparisons[0].lower, 0.3);
  EXPECT_GT(res.comparisons[0].upper, 0.3);
  EXPECT_NEAR(res.arm_mean[0], 0.6, 1e-12);
}

}  // namespace
}  // namespace il2t::trial
