// The CSV of `il2trial patient` (src/report/patient_csv.h) for He 2020, built through
// the library exactly as src/cli/cmd_patient.cpp builds it: a header starting with
// `day`; a daily row for every study day 1..169 in order, each followed by the rows of
// the visits held that day; the doses column naming IL-2 on exactly the protocol's
// dose days; every row as wide as the header; the same seed the same bytes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "data/csv_read.h"
#include "model/model.h"
#include "model/model_fixture.h"
#include "model/plan.h"
#include "report/patient_csv.h"
#include "schedule/schedule.h"
#include "unit/test_support.h"

namespace il2t {
namespace {

constexpr const char* kHe2020 = "protocols/NCT02465580-he2020.toml";

// 1 MIU sc every other day for 2 weeks, then 2 weeks off; 3 cycles (days 1, 29, 57).
const std::vector<int> kHe2020DoseDays = {1,  3,  5,  7,  9,  11, 13, 29, 31, 33, 35,
                                          37, 39, 41, 57, 59, 61, 63, 65, 67, 69};
// Visits at weeks 0, 2, 4, 8, 12, 16, 20, 24: study day = 7 × week + 1.
const std::vector<std::pair<std::string, int>> kHe2020Visits = {{"w0", 1},   {"w2", 15},  {"w4", 29},  {"w8", 57},
                                                                {"w12", 85}, {"w16", 113}, {"w20", 141}, {"w24", 169}};

class PatientCsv : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    model_ = new model::Model(test::shipped_model());
    test::Checked c = test::check_text(test::read_text(test::source_path(kHe2020)), kHe2020);
    ASSERT_TRUE(c.ok);
    protocol_ = new protocol::Protocol(*c.protocol);
  }
  static void TearDownTestSuite() {
    delete model_;
    delete protocol_;
    model_ = nullptr;
    protocol_ = nullptr;
  }

  // As cmd_patient.cpp: the protocol's disease, the typical participant's covariates,
  // the schedule from 2027-01-04, variability unless `typical`, the course, the CSV.
  static std::string run(const std::string& arm, std::uint64_t seed, bool typical = false,
                         model::CourseBuffers* reuse = nullptr) {
    const model::Model& m = *model_;
    const protocol::Protocol& p = *protocol_;
    const auto disease = model::disease_of(p);
    EXPECT_EQ(disease, model::Disease::sle);
    if (!disease) return {};
    model::Covariates cov = m.typical_covariates(*disease);
    if (model::studies_cmv(p)) cov.cmv_copies = m.bound.p.cmv_baseline_copies;
    auto sched = schedule::build_schedule(p, arm, *schedule::Date::parse("2027-01-04"),
                                          units::Body{cov.weight_kg, cov.height_cm});
    EXPECT_TRUE(sched.schedule) << sched.error;
    if (!sched.schedule) return {};
    const model::CoursePlan plan = model::plan_from_schedule(p, *sched.schedule);
    model::Stream eta_rng(seed, 0, 0, model::Purpose::variability);
    const model::ModelParams params = typical ? m.bound.p : m.individual_parameters(eta_rng);
    const model::Individual ind = model::make_individual(params, cov);
    model::CourseBuffers own;
    model::CourseBuffers& buf = reuse ? *reuse : own;
    buf.reserve(plan);
    const model::CourseResult res =
        model::simulate_course(ind, m.tables, m.typical_targets(*disease), plan, {seed, 0, 0}, buf);
    EXPECT_TRUE(res.ok) << res.error;
    std::vector<std::string> visit_ids;
    for (const auto& v : sched.schedule->visits) visit_ids.push_back(v.id);
    return report::patient_csv(ind, plan, buf, visit_ids);
  }

  struct Table {
    std::vector<std::string> header;
    std::vector<data::CsvRow> rows;  // without the header
    std::size_t column(const std::string& name) const {
      const auto it = std::find(header.begin(), header.end(), name);
      EXPECT_NE(it, header.end()) << "no column " << name;
      return static_cast<std::size_t>(it - header.begin());
    }
  };

  static Table parse(const std::string& text) {
    data::CsvTable t = data::read_csv(text);
    EXPECT_EQ(t.error, "");
    Table out;
    if (t.rows.empty()) {
      ADD_FAILURE() << "no rows";
      return out;
    }
    out.header = t.rows.front().fields;
    out.rows.assign(t.rows.begin() + 1, t.rows.end());
    return out;
  }

  static model::Model* model_;
  static protocol::Protocol* protocol_;
};

model::Model* PatientCsv::model_ = nullptr;
protocol::Protocol* PatientCsv::protocol_ = nullptr;

TEST_F(PatientCsv, HeaderStartsWithDay) {
  const std::string csv = run("il2", 7);
  ASSERT_FALSE(csv.empty());
  EXPECT_EQ(csv.substr(0, csv.find('\n')).rfind("day,row,visit,", 0), 0u) << csv.substr(0, 200);
  const Table t = parse(csv);
  ASSERT_GE(t.header.size(), 3u);
  EXPECT_EQ(t.header[0], "day");
  EXPECT_EQ(t.header[1], "row");
  EXPECT_EQ(t.header[2], "visit");
  for (const char* c : {"doses", "treg_pct_cd4", "sledai_2k", "pga", "sri4", "prednisone_mg_day"}) t.column(c);
  // Column names are unique.
  std::vector<std::string> names = t.header;
  std::sort(names.begin(), names.end());
  EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end());
}

TEST_F(PatientCsv, EveryRowHasTheHeadersFieldCount) {
  const std::string csv = run("il2", 7);
  EXPECT_EQ(csv.back(), '\n');
  EXPECT_EQ(csv.find('\r'), std::string::npos);
  const Table t = parse(csv);
  ASSERT_EQ(t.rows.size(), 169u + kHe2020Visits.size());
  for (const data::CsvRow& r : t.rows)
    EXPECT_EQ(r.fields.size(), t.header.size()) << "line " << r.line << ": " << r.fields[0] << "," << r.fields[1];
  // Every line is one record: no field holds a line break.
  EXPECT_EQ(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')), t.rows.size() + 1);
  // The placebo arm's rows too.
  const Table pbo = parse(run("placebo", 7));
  for (const data::CsvRow& r : pbo.rows) EXPECT_EQ(r.fields.size(), pbo.header.size()) << "line " << r.line;
}

TEST_F(PatientCsv, OneDailyRowPerStudyDayInOrder) {
  const Table t = parse(run("il2", 7));
  std::vector<int> days;
  for (const data::CsvRow& r : t.rows) {
    ASSERT_GE(r.fields.size(), 3u);
    ASSERT_TRUE(r.fields[1] == "daily" || r.fields[1] == "visit") << "line " << r.line << ": " << r.fields[1];
    if (r.fields[1] != "daily") continue;
    days.push_back(std::stoi(r.fields[0]));
    EXPECT_EQ(r.fields[2], "") << "line " << r.line;  // a daily row names no visit
    EXPECT_NE(r.fields[t.column("treg_pct_cd4")], "") << "line " << r.line;
  }
  std::vector<int> want(169);
  for (int d = 1; d <= 169; ++d) want[static_cast<std::size_t>(d - 1)] = d;
  EXPECT_EQ(days, want);
}

TEST_F(PatientCsv, AVisitRowForEachProtocolVisitOnItsDay) {
  const Table t = parse(run("il2", 7));
  // The protocol's own visits, in order, and their study days.
  std::vector<std::pair<std::string, int>> from_protocol;
  for (const protocol::Visit& v : protocol_->visits) from_protocol.push_back({v.id, v.study_day()});
  EXPECT_EQ(from_protocol, kHe2020Visits);
  std::vector<std::pair<std::string, int>> seen;
  const std::size_t sledai = t.column("sledai_2k"), essdai = t.column("essdai"), doses = t.column("doses");
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    const data::CsvRow& r = t.rows[i];
    if (r.fields[1] != "visit") continue;
    const int day = std::stoi(r.fields[0]);
    seen.push_back({r.fields[2], day});
    // It follows that day's daily row (or another visit of that day).
    ASSERT_GT(i, 0u);
    EXPECT_EQ(std::stoi(t.rows[i - 1].fields[0]), day) << "line " << r.line;
    // SLE: the SLEDAI is observed, the Sjögren's ESSDAI is not; no daily columns.
    EXPECT_NE(r.fields[sledai], "") << "line " << r.line;
    EXPECT_EQ(r.fields[essdai], "") << "line " << r.line;
    EXPECT_EQ(r.fields[doses], "") << "line " << r.line;
  }
  EXPECT_EQ(seen, kHe2020Visits);
}

TEST_F(PatientCsv, DosesNameIl2OnExactlyTheDoseDays) {
  const Table t = parse(run("il2", 7));
  const std::size_t doses = t.column("doses");
  std::vector<int> il2_days;
  for (const data::CsvRow& r : t.rows) {
    if (r.fields[1] != "daily") continue;
    const std::string& d = r.fields[doses];
    if (d.empty()) continue;
    EXPECT_EQ(d, "IL-2 1 MIU") << "day " << r.fields[0];
    il2_days.push_back(std::stoi(r.fields[0]));
  }
  EXPECT_EQ(il2_days, kHe2020DoseDays);
  // The placebo arm follows the same schedule with placebo.
  const Table pbo = parse(run("placebo", 7));
  std::vector<int> pbo_days;
  for (const data::CsvRow& r : pbo.rows) {
    if (r.fields[1] != "daily" || r.fields[doses].empty()) continue;
    EXPECT_EQ(r.fields[doses], "placebo") << "day " << r.fields[0];
    pbo_days.push_back(std::stoi(r.fields[0]));
  }
  EXPECT_EQ(pbo_days, kHe2020DoseDays);
}

TEST_F(PatientCsv, SameSeedSameBytesOtherSeedDiffers) {
  const std::string a = run("il2", 7);
  const std::string b = run("il2", 7);
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a.size(), b.size());
  EXPECT_TRUE(a == b) << "two runs with seed 7 differ";
  // Reused buffers (as a trial simulation reuses them) give the same bytes.
  model::CourseBuffers buf;
  run("il2", 8, false, &buf);
  EXPECT_TRUE(run("il2", 7, false, &buf) == a) << "reused buffers change the CSV";
  // Another seed: other variability and other observations.
  EXPECT_FALSE(run("il2", 8) == a) << "seeds 7 and 8 give the same CSV";
  // The typical participant: no variability, but the seed still drives the disease items.
  const std::string typical = run("il2", 7, true);
  EXPECT_TRUE(typical == run("il2", 7, true));
  EXPECT_FALSE(typical == a);
  EXPECT_FALSE(typical == run("il2", 8, true));
}

}  // namespace
}  // namespace il2t
