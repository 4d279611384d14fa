// The SDTM reader's problems (src/sdtm/read_trial.h) on hand-made datasets: each names
// the file, the row, the variable and the value; --lenient leaves the records out.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>

#include "data/read_file.h"
#include "sdtm/csv_dataset.h"
#include "sdtm/xpt.h"
#include "sdtm/read_trial.h"
#include "trial/design.h"
#include "trial/endpoints.h"
#include "unit/test_support.h"

namespace il2t::sdtm {
namespace {

struct He2020 {
  protocol::Protocol protocol = test::shipped_protocol("NCT02465580-he2020.toml");
  trial::TrialDesign design = *trial::make_design(protocol).design;
};

Dataset csv(const std::string& name, const std::string& text) {
  auto d = read_csv_dataset(text, name + ".csv", name, {});
  EXPECT_TRUE(d) << d.error();
  return std::move(*d);
}

const std::string kDm =
    "STUDYID,DOMAIN,USUBJID,RFSTDTC,AGE,SEX,ARMCD\n"
    "S,DM,S-1,2025-01-01,30,F,il2\n"
    "S,DM,S-2,2025-01-03,41,M,placebo\n";
const std::string kRsHeader = "STUDYID,DOMAIN,USUBJID,RSTESTCD,RSSTRESC,RSSTRESN,VISIT,VISITNUM,RSDTC,RSDY\n";

std::vector<std::string> texts(const ReadReport& r) {
  std::vector<std::string> out;
  for (const Error& e : r.problems) out.push_back(format(e));
  return out;
}

TEST(SdtmRead, DaysCountFromEachParticipantsStartAndVisitsMapByNameNumberOrWindow) {
  He2020 h;
  Study st;
  st.emplace("DM", csv("DM", kDm));
  st.emplace("RS", csv("RS", kRsHeader +
                                 "S,RS,S-1,SLEDAI2K,10,10,WEEK 0,1,2025-01-01,\n"   // by name; day 1
                                 "S,RS,S-1,SLEDAI2K,6,6,,5,2025-03-26,\n"           // VISITNUM 5 = w12 (day 85)
                                 "S,RS,S-2,SLEDAI2K,12,12,week  0,,2025-01-03,\n"   // case and spaces; S-2 starts on the 3rd
                                 "S,RS,S-2,SLEDAI2K,8,8,UNSCHEDULED 3.1,4.1,,86\n"  // day 86: inside w12's window of 3
                                 "S,RS,S-2,SLEDAI2K,9,9,UNSCHEDULED 5.1,6.1,,100\n" // outside every window: not used
                                 "S,RS,S-1,BILAGREN,C,,WEEK 0,1,2025-01-01,\n"));
  trial::TrialRecords r;
  const ReadReport rep = read_trial(h.design, st, false, r);
  ASSERT_TRUE(rep.ok()) << rep.problems.front();
  ASSERT_EQ(r.subjects.size(), 2u);
  const auto w0 = static_cast<std::uint16_t>(*h.design.baseline_visit);
  std::uint16_t w12 = 0;
  for (std::size_t v = 0; v < h.protocol.visits.size(); ++v)
    if (h.protocol.visits[v].id == "w12") w12 = static_cast<std::uint16_t>(v);
  ASSERT_NE(r.find(0, w12, measures::Id::sledai_2k), nullptr);
  EXPECT_EQ(r.find(0, w12, measures::Id::sledai_2k)->day, 85);
  EXPECT_EQ(r.find(0, w12, measures::Id::sledai_2k)->value, 6);
  EXPECT_EQ(r.find(1, w0, measures::Id::sledai_2k)->day, 1);
  ASSERT_NE(r.find(1, w12, measures::Id::sledai_2k), nullptr);  // the unscheduled record stands in
  EXPECT_EQ(r.find(1, w12, measures::Id::sledai_2k)->value, 8);
  EXPECT_EQ(rep.unscheduled_used, 1u);
  EXPECT_EQ(rep.unscheduled_unused, 1u);
  EXPECT_EQ(r.find(0, w0, measures::Id(static_cast<int>(measures::Id::bilag_first) + 7))->value, 2);  // C
  EXPECT_EQ(r.subjects[0].baseline_activity, 10);  // no screening: the baseline visit's score
}

TEST(SdtmRead, EveryProblemNamesTheFileRowVariableAndValue) {
  He2020 h;
  Study st;
  st.emplace("DM", csv("DM", kDm + "S,DM,S-3,2025-02,30,F,il2\n"));
  st.emplace("RS", csv("RS", kRsHeader + "S,RS,S-1,SLEDAI2K,10,10,WEEK 0,1,2025-01-01,\n"
                                         "S,RS,S-1,SLEDAI2K,11,11,WEEK 0,1,2025-01-01,\n"
                                         "S,RS,S-1,SLEDAI2K,x,,WEEK 2,2,2025-01-15,\n"
                                         "S,RS,S-9,SLEDAI2K,4,4,WEEK 2,2,2025-01-15,\n"
                                         "S,RS,S-1,PGA,1,1,WEEK 2,2,2025-01,\n"));
  st.emplace("AE", csv("AE", "STUDYID,DOMAIN,USUBJID,AESEQ,AETERM,AESTDTC\nS,AE,S-1,1,cold,2025-01-10\n"));
  trial::TrialRecords r;
  const ReadReport rep = read_trial(h.design, st, false, r);
  EXPECT_FALSE(rep.ok());
  EXPECT_EQ(texts(rep),
            (std::vector<std::string>{
                "DM.csv:4: error: RFSTDTC: \"2025-02\" is not a complete date: study days count from it",
                "RS.csv:3: error: RSTESTCD: SLEDAI2K at WEEK 0 for S-1 is given twice (a duplicate record)",
                "RS.csv:4: error: RSSTRESC: \"x\" is not a number, as SLEDAI2K is read",
                "RS.csv:5: error: USUBJID: \"S-9\" is not a participant of DM",
                "RS.csv:6: error: RSDTC: \"2025-01\" is not a complete date, and this record's date is not imputed (docs/sdtm.md)",
                "AE.csv: error: AESER: the required variable is missing (Serious Event)",
            }));
  EXPECT_EQ(rep.problems[1].field, "RSTESTCD");
  EXPECT_EQ(rep.problems[1].pos.line, 3);
  // Without DM there is nothing to read.
  Study none;
  const ReadReport empty = read_trial(h.design, none, true, r);
  EXPECT_FALSE(empty.ok());
  EXPECT_EQ(texts(empty), (std::vector<std::string>{"error: no DM (Demographics) dataset: give dm.xpt, dm.csv or dm.json"}));
  // Under --lenient the same delivery reads, leaving out what the problems touch; a
  // dataset without a required variable still stops it.
  EXPECT_FALSE(read_trial(h.design, st, true, r).ok());
  st.erase("AE");
  const ReadReport lenient = read_trial(h.design, st, true, r);
  EXPECT_TRUE(lenient.ok());
  EXPECT_EQ(lenient.excluded_subjects, 1u);
  EXPECT_EQ(r.subjects.size(), 2u);
}

// SLEDAI-2K descriptors one by one: all 24 give the total (their weights' sum); fewer
// without a total, or a total that is not their sum, is a problem.
TEST(SdtmRead, SledaiDescriptorsGiveTheTotal) {
  He2020 h;
  auto items = [](const std::string& usubjid, const std::string& visit, const std::string& date, int upto,
                  std::initializer_list<int> present) {
    std::string t;
    for (int k = 1; k <= upto; ++k) {
      const bool yes = std::find(present.begin(), present.end(), k) != present.end();
      t += fmt::format("S,RS,{},SLEDAI{:02},{},,{},,{},\n", usubjid, k, yes ? "Y" : "N", visit, date);
    }
    return t;
  };
  Study st;
  st.emplace("DM", csv("DM", kDm));
  // S-1 at week 0: seizure (8), arthritis (4, the 9th), low complement (2, the 20th): 14.
  st.emplace("RS", csv("RS", kRsHeader + items("S-1", "WEEK 0", "2025-01-01", 24, {1, 9, 20})));
  trial::TrialRecords r;
  ReadReport rep = read_trial(h.design, st, false, r);
  ASSERT_TRUE(rep.ok()) << rep.problems.front();
  const auto w0 = static_cast<std::uint16_t>(*h.design.baseline_visit);
  ASSERT_NE(r.find(0, w0, measures::Id::sledai_2k), nullptr);
  EXPECT_EQ(r.find(0, w0, measures::Id::sledai_2k)->value, 14);
  // 23 descriptors and no total; a total of 12 beside descriptors that sum to 14.
  st["RS"] = csv("RS", kRsHeader + items("S-1", "WEEK 0", "2025-01-01", 23, {1}) +
                           items("S-2", "WEEK 0", "2025-01-03", 24, {1, 9, 20}) +
                           "S,RS,S-2,SLEDAI2K,12,12,WEEK 0,,2025-01-03,\n");
  rep = read_trial(h.design, st, false, r);
  EXPECT_EQ(texts(rep), (std::vector<std::string>{
                            "RS.csv:2: error: RSTESTCD: 23 of the 24 SLEDAI-2K descriptors at WEEK 0 for S-1: the total needs all 24 (or give SLEDAI2K)",
                            "RS.csv:25: error: RSTESTCD: SLEDAI2K 12 at WEEK 0 for S-2 is not its descriptors' sum, 14",
                        }));
}

// Findings of a review, each held: a number that does not parse, a day that
// contradicts its date, an event before day 1, and the glucocorticoid rules (route,
// a single dose, a salt's name, an end before the start), a disposition in any case.
TEST(SdtmRead, ReviewedEdgesHold) {
  He2020 h;
  Study st;
  st.emplace("DM", csv("DM", kDm));
  st.emplace("LB", csv("LB", "STUDYID,DOMAIN,USUBJID,LBTESTCD,LBSTRESN,LBSTRESU,VISIT,LBDTC,LBDY\n"
                             "S,LB,S-1,TREGPCT, 9.8,%,WEEK 0,2025-01-01,\n"
                             "S,LB,S-1,NK,200,cells/uL,WEEK 0,2025-01-01,2\n"));
  trial::TrialRecords r;
  EXPECT_EQ(texts(read_trial(h.design, st, false, r)),
            (std::vector<std::string>{"LB.csv:2: error: LBSTRESN: \" 9.8\" is not a number",
                                      "LB.csv:3: error: LBDY: 2 but LBDTC \"2025-01-01\" is study day 1"}));
  st.erase("LB");
  st.emplace("AE", csv("AE", "STUDYID,DOMAIN,USUBJID,AESEQ,AETERM,AEBODSYS,AESER,AESTDTC\n"
                             "S,AE,S-1,1,cold,Infections and infestations,N,2024-12-20\n"));
  st.emplace("DS", csv("DS", "STUDYID,DOMAIN,USUBJID,DSSEQ,DSTERM,DSDECOD,DSCAT\n"
                             "S,DS,S-1,1,completed,Completed,Disposition Event\n"
                             "S,DS,S-2,1,withdrew,WITHDRAWAL BY SUBJECT,DISPOSITION EVENT\n"));
  st.emplace("CM", csv("CM", "STUDYID,DOMAIN,USUBJID,CMSEQ,CMTRT,CMDOSE,CMDOSU,CMDOSFRQ,CMROUTE,CMSTDTC,CMENDTC\n"
                             "S,CM,S-1,1,PREDNISOLONE ACETATE,5,mg,QD,ORAL,2024-12-01,\n"       // a salt: prednisolone
                             "S,CM,S-1,2,HYDROCORTISONE,400,mg,BID,TOPICAL,2024-12-01,\n"        // topical: not counted
                             "S,CM,S-1,3,TRIAMCINOLONE,40,mg,ONCE,INTRA-ARTICULAR,2024-12-31,\n" // not systemic
                             "S,CM,S-2,1,METHYLPREDNISOLONE,8,mg,ONCE,INTRAVENOUS,2024-12-31,\n" // one day: day -4 of S-2
                             "S,CM,S-2,2,PREDNISONE,5,mg,QD,ORAL,2025-01-02,\n"));
  const ReadReport rep = read_trial(h.design, st, false, r);
  ASSERT_TRUE(rep.ok()) << rep.problems.front();
  EXPECT_TRUE(r.subjects[0].completed);
  EXPECT_FALSE(r.subjects[1].completed);
  EXPECT_EQ(r.subjects[0].baseline_prednisone, 5);
  EXPECT_EQ(r.subjects[1].baseline_prednisone, 5);  // prednisone from day -1; the single dose (day -3) is not 10 mg a day
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_LT(r.events[0].day, 1);
  for (const trial::EndpointPlan& e : h.design.endpoints) {
    if (e.reading != trial::Reading::any_event) continue;
    trial::EndpointRows rows;
    trial::derive_endpoint(h.design, e, r, rows);
    for (double v : rows.value) EXPECT_EQ(v, 0) << e.id << ": an event before day 1 is not counted";
  }
  st["CM"] = csv("CM", "STUDYID,DOMAIN,USUBJID,CMSEQ,CMTRT,CMDOSE,CMDOSU,CMDOSFRQ,CMSTDTC,CMENDTC\n"
                       "S,CM,S-1,1,PREDNISONE,5,mg,QD,2025-02-01,2025-01-01\n");
  EXPECT_EQ(texts(read_trial(h.design, st, false, r)),
            (std::vector<std::string>{"CM.csv:2: error: CMENDTC: the course ends on study day 1, before it starts (day 32)"}));
}

// Another tool's files: R wrote the same DM and QS as XPT (haven) and as CSV
// (write.csv; tests/reference/sdtm_haven.R). Read by il2trial, the two agree cell by
// cell, a number in XPT and its text in CSV alike.
TEST(SdtmRead, CsvAndXptWrittenByRAgreeCellByCell) {
  const std::string dir = std::string(IL2T_SOURCE_DIR) + "/tests/reference/sdtm/";
  for (const std::string name : {"dm", "qs"}) {
    const auto xpt = read_xpt(dir + name + ".xpt");
    ASSERT_TRUE(xpt) << xpt.error();
    const auto text = data::read_file(dir + name + ".csv");
    ASSERT_TRUE(text);
    const auto csv = read_csv_dataset(*text, name + ".csv", name, {});
    ASSERT_TRUE(csv) << csv.error();
    ASSERT_EQ(csv->rows(), xpt->rows()) << name;
    ASSERT_EQ(csv->width(), xpt->width()) << name;
    for (std::size_t c = 0; c < csv->width(); ++c) {
      EXPECT_EQ(csv->column(c).name, xpt->column(c).name);
      for (std::size_t r = 0; r < csv->rows(); ++r) EXPECT_EQ(csv->text(c, r), xpt->text(c, r)) << name << " " << csv->column(c).name << " " << r;
    }
  }
}

}  // namespace
}  // namespace il2t::sdtm
