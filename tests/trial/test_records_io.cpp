// DESIGN.md's first rule: a simulated trial written to files and read back analyses
// identically, to the last digit; and a record file with a bad cell is refused with
// its file, line and column.
#include <gtest/gtest.h>

#include "model/model_fixture.h"
#include "trial/analysis.h"
#include "trial/endpoints.h"
#include "trial/engine.h"
#include "trial/records_io.h"
#include "unit/test_support.h"

namespace il2t::trial {
namespace {

struct Loaded {
  protocol::Protocol protocol;
  TrialDesign design;
  explicit Loaded(const std::string& file) : protocol(test::shipped_protocol(file)) {
    design = *make_design(protocol).design;
  }
};

const RecordFiles kNames{"subjects.csv", "findings.csv", "events.csv"};

class RoundTrip : public testing::TestWithParam<std::string> {};

TEST_P(RoundTrip, ASimulatedTrialReadBackAnalysesIdentically) {
  Loaded l(GetParam());
  const model::Model m = test::shipped_model();
  TrialRunner runner(l.design, m);
  TrialRecords simulated, back;
  Error error;
  ASSERT_TRUE(runner.run(4, RunSettings{21, l.design.planned_n, false, false}, simulated, error)) << error;
  const RecordFiles files = write_records(l.design, simulated);
  const bool read = read_records(l.design, files, kNames, back, error);
  ASSERT_TRUE(read) << error;
  ASSERT_EQ(back.subjects.size(), simulated.subjects.size());
  ASSERT_EQ(back.findings.size(), simulated.findings.size());
  ASSERT_EQ(back.events.size(), simulated.events.size());
  AnalysisSettings s;
  s.models = {{"linear", {}}, {"emax", {0.2}}};
  Analyser a1(l.design, s), a2(l.design, s);
  EndpointRows r1, r2;
  int analysed = 0;
  for (const EndpointPlan& e : l.design.endpoints) {
    derive_endpoint(l.design, e, simulated, r1);
    derive_endpoint(l.design, e, back, r2);
    EXPECT_EQ(r1.value, r2.value) << e.id;
    const EndpointResult x = a1.analyse(e, simulated, r1), y = a2.analyse(e, back, r2);
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
  // And written again, the files are the same bytes.
  const RecordFiles again = write_records(l.design, back);
  EXPECT_EQ(again.subjects, files.subjects);
  EXPECT_EQ(again.findings, files.findings);
  EXPECT_EQ(again.events, files.events);
}

INSTANTIATE_TEST_SUITE_P(Shipped, RoundTrip,
                         testing::Values("NCT02465580-he2020.toml", "NCT04136106-infection-observational.toml",
                                         "NCT05605665-sjogren-rapamycin.toml", "NCT06971913-cmv.toml"),
                         [](const testing::TestParamInfo<std::string>& i) { return i.param.substr(0, i.param.find('-')); });

TEST(RecordsRead, ABadCellIsNamedWithFileLineAndColumn) {
  Loaded l("NCT02465580-he2020.toml");
  const std::string subjects =
      "USUBJID,ARMCD,AGE,SEX,WEIGHT,HEIGHT,BASEACT,BASEPRED,LASTDY,DSDECOD,EXPLAN,EXTAKEN\n"
      "S00001,il2,30,F,55,160,12,15,169,COMPLETED,21,20\n";
  const std::string findings = "USUBJID,VISIT,DY,TESTCD,STRESN\n";
  const std::string events = "USUBJID,AECAT,AETERM,AESTDY,AETOXGR,AESER\n";
  TrialRecords r;
  Error error;
  ASSERT_TRUE(read_records(l.design, {subjects, findings, events}, kNames, r, error)) << error;
  auto fails = [&](const std::string& s, const std::string& f, const std::string& e) {
    Error why;
    EXPECT_FALSE(read_records(l.design, {s, f, e}, kNames, r, why));
    return why;
  };
  EXPECT_EQ(fails(subjects + "S00002,il3,30,F,55,160,12,15,169,COMPLETED,21,20\n", findings, events),
            "subjects.csv:3: ARMCD: no arm \"il3\" in the protocol");
  // The file, line and column are data too.
  const Error arm = fails(subjects + "S00002,il3,30,F,55,160,12,15,169,COMPLETED,21,20\n", findings, events);
  EXPECT_EQ(arm.file, "subjects.csv");
  EXPECT_EQ(arm.pos.line, 3);
  EXPECT_EQ(arm.field, "ARMCD");
  EXPECT_EQ(fails(subjects + "S00002,il2,30,F,55,160,12,15,169,COMPLETED,21,22\n", findings, events),
            "subjects.csv:3: EXTAKEN: \"22\" is not a count up to EXPLAN");
  EXPECT_EQ(fails(subjects, findings + "S00001,w13,85,SLEDAI2K,8\n", events),
            "findings.csv:2: VISIT: no visit \"w13\" in the protocol");
  EXPECT_EQ(fails(subjects, findings + "S00001,w12,85,SLEDAI2K,\n", events),
            "findings.csv:2: STRESN: \"\" is not a number");
  EXPECT_EQ(fails(subjects, findings + "S00001,w12,85,BILAGREN,2.5\n", events),
            "findings.csv:2: STRESN: \"2.5\" is outside BILAGREN's whole numbers 0-4");
  EXPECT_EQ(fails(subjects, findings + "S00001,w12,85,PGA,1\nS00001,w12,85,PGA,1.2\n", events),
            "findings.csv:3: TESTCD: PGA at w12 for S00001 is given twice");
  EXPECT_EQ(fails(subjects, findings + "S00001,w24,170,PGA,1\n", events),
            "findings.csv:2: DY: day 170 is after the participant's last day (LASTDY 169)");
  EXPECT_EQ(fails(subjects, findings, events + "S00009,INFECTION,uri,40,2,N\n"),
            "events.csv:2: USUBJID: \"S00009\" is not in subjects.csv");
  EXPECT_EQ(fails(subjects, findings, events + "S00001,INFECTION,uri,40,7,N\n"),
            "events.csv:2: AETOXGR: \"7\" is not a CTCAE grade (1-5; empty if not graded)");
  EXPECT_EQ(fails("USUBJID,ARM\n", findings, events).text().substr(0, 35), "subjects.csv:1: the header must be ");
}

}  // namespace
}  // namespace il2t::trial
